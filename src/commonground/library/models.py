"""The library: framework knowledge, guidance, case studies and resources.

Framework records are loaded from data/knowledge/*.yaml (``load_knowledge``) and each
cites its source document, section and page. Case studies and resources are seeded
from the same files and can also be contributed by practitioners, in which case they
go through moderation (``Status``) and every change is kept in ``Revision``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from commonground.core.choices import ChoiceLabels


class Cited(ChoiceLabels):
    """Where a record comes from: the seed document, its section and page."""

    source_seed = models.CharField(max_length=3, blank=True)
    source_title = models.CharField(max_length=200, blank=True)
    source_section = models.CharField(max_length=300, blank=True)
    source_page = models.PositiveSmallIntegerField(null=True, blank=True)
    also_cited_in = models.JSONField(default=list, blank=True)

    class Meta:
        abstract = True

    @property
    def citation(self) -> str:
        if not self.source_title:
            return ""
        page = f", page {self.source_page}" if self.source_page else ""
        return f"{self.source_title}: {self.source_section}{page}"


class Theme(Cited):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=150)
    synonyms = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)
    name_cy = models.CharField(max_length=150, blank=True)
    description_cy = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FrameworkKind(models.TextChoices):
    DEFINITION = "definition", _("Definition")
    FOUNDATION = "foundation", _("Foundation")
    WAY_OF_LIVING = "way_of_living", _("Way of living together")
    PRINCIPLE = "principle", _("Principle")
    NATIONAL_INDICATOR = "national_indicator", _("National indicator")
    HEADLINE_FIGURE = "headline_figure", _("Headline figure")
    MAPPING_APPROACH = "mapping_approach", _("Mapping approach")
    IMPLEMENTATION_PLAN = "implementation_plan", _("Implementation plan")
    RELATED_VISION = "related_vision", _("Related vision")
    FINDING = "finding", _("Research finding")
    FAMILY_GROUP_FACTOR = "family_group_factor", _("Family group factor")
    FAMILY_GROUP_TOTAL = "family_group_total", _("Family groups: Table 1 total")
    CLASSIFICATION_FEEDBACK = "classification_feedback", _("Classification feedback")


class FrameworkItem(Cited):
    """One record of the framework's method; kind-specific values are kept in ``details``."""

    kind = models.CharField(max_length=30, choices=FrameworkKind.choices)
    slug = models.SlugField(max_length=80)
    number = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    title_cy = models.CharField(max_length=300, blank=True)
    summary_cy = models.TextField(blank=True)
    notes_cy = models.TextField(blank=True)

    class Meta:
        ordering = ["kind", "position"]
        constraints = [models.UniqueConstraint(fields=["kind", "slug"],
                                               name="framework_item_kind_slug")]

    def __str__(self) -> str:
        return self.title


EFFECTS = {"two-sided": _("Both ways"), "positive": _("Positive"), "negative": _("Negative"),
           "no-effect": _("No effect")}


class Influence(Cited):
    """An influence on cohesion (Tables 2-5 and Annex A Tables A1-A4)."""

    slug = models.SlugField(max_length=80, unique=True)
    factor = models.CharField(max_length=300)
    category = models.CharField(max_length=60)
    category_name = models.CharField(max_length=150)
    positive = models.CharField(max_length=300, blank=True)
    negative = models.CharField(max_length=300, blank=True)
    effect = models.CharField(max_length=20)
    table = models.CharField(max_length=20)
    mapping_data = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    factor_cy = models.CharField(max_length=300, blank=True)
    category_name_cy = models.CharField(max_length=150, blank=True)
    positive_cy = models.CharField(max_length=300, blank=True)
    negative_cy = models.CharField(max_length=300, blank=True)
    notes_cy = models.TextField(blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.factor

    @property
    def effect_label(self) -> str:
        return str(EFFECTS.get(self.effect, self.effect))

    @property
    def table_label(self) -> str:
        return _("Table %(number)s") % {"number": self.table.removeprefix("Table ")}


BANDS = {"lower": pgettext_lazy("cohesion band", "lower"),
         "higher": pgettext_lazy("cohesion band", "higher")}


class FamilyGroup(Cited):
    """A cohesion family group of Table 1 (1-9), or the thematic tenth category (10)."""

    number = models.PositiveSmallIntegerField(unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    factors = models.JSONField(default=dict, blank=True)
    average_cohesion = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    number_of_areas = models.PositiveSmallIntegerField(null=True, blank=True)
    band = models.CharField(max_length=10, blank=True)
    commission_priority = models.BooleanField(default=False)
    annex_c_letter = models.CharField(max_length=1, blank=True)
    what_works_well = models.JSONField(default=list, blank=True)
    works_less_well = models.JSONField(default=list, blank=True)
    is_thematic = models.BooleanField(default=False)
    summary = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    name_cy = models.CharField(max_length=200, blank=True)
    summary_cy = models.TextField(blank=True)
    what_works_well_cy = models.JSONField(default=list, blank=True)
    works_less_well_cy = models.JSONField(default=list, blank=True)
    notes_cy = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name

    @property
    def band_label(self) -> str:
        return str(BANDS.get(self.band, self.band))


class AddressStatus(models.TextChoices):
    """Whether a printed web address still leads to the item (guidance dates from 2009)."""

    LIVE = "live", _("Live")
    ARCHIVED = "archived", _("Gone; a copy is in the UK Government Web Archive")
    GONE = "gone", _("Gone; no archived copy is known")


class Guidance(Cited):
    """An item of the Annex E guidance catalogue."""

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    price = models.CharField(max_length=50, blank=True)
    section = models.CharField(max_length=40)
    annex_e_heading = models.CharField(max_length=100, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="guidance")
    summary = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    url_status = models.CharField(max_length=10, choices=AddressStatus.choices,
                                  default=AddressStatus.LIVE)
    archive_url = models.URLField(max_length=700, blank=True)
    title_cy = models.CharField(max_length=300, blank=True)
    summary_cy = models.TextField(blank=True)
    notes_cy = models.TextField(blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "guidance"

    def __str__(self) -> str:
        return self.title


class Action(Cited):
    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=300)
    universal = models.BooleanField(default=False)
    also_called = models.JSONField(default=list, blank=True)
    summary = models.TextField(blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="actions")
    guidance = models.ManyToManyField(Guidance, blank=True, related_name="actions")
    guidance_basis = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    title_cy = models.CharField(max_length=300, blank=True)
    summary_cy = models.TextField(blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.title


class Issue(Cited):
    """An issue of Annex D, Table D1, with the actions the table suggests for it."""

    slug = models.SlugField(max_length=100, unique=True)
    number = models.PositiveSmallIntegerField(unique=True)
    table_part = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    link_notes = models.TextField(blank=True)
    title_cy = models.CharField(max_length=300, blank=True)
    summary_cy = models.TextField(blank=True)
    link_notes_cy = models.TextField(blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="issues")
    actions: models.ManyToManyField[Action, IssueAction] = models.ManyToManyField(
        Action, through="IssueAction", related_name="issues")

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.title


class IssueAction(models.Model):
    """A Table D1 link, in the table's order."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="action_links")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="issue_links")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["issue", "position"]
        constraints = [models.UniqueConstraint(fields=["issue", "action"],
                                               name="issue_action_once")]

    def __str__(self) -> str:
        return f"{self.issue_id} -> {self.action_id}"


class Pitfall(Cited):
    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    related_actions = models.ManyToManyField(Action, blank=True, related_name="pitfalls")
    family_groups = models.ManyToManyField(FamilyGroup, blank=True, related_name="pitfalls")
    themes = models.ManyToManyField(Theme, blank=True, related_name="pitfalls")
    position = models.PositiveSmallIntegerField(default=0)
    title_cy = models.CharField(max_length=300, blank=True)
    summary_cy = models.TextField(blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.title


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for moderation")
    RETURNED = "returned", _("Returned to the author")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden")


class Contribution(Cited):
    """What case studies and resources share: moderation state and authorship.

    Records loaded from the knowledge files have no author and ``from_fixture`` set;
    the loader updates only those, never a practitioner's contribution.
    """

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=300)
    summary = models.TextField()
    themes = models.ManyToManyField(Theme, blank=True, related_name="+")
    title_cy = models.CharField(max_length=300, blank=True)
    summary_cy = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    from_fixture = models.BooleanField(default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    moderation_comment = models.TextField(blank=True, help_text="Why it was returned or hidden.")
    status_before_hidden = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title


class EvidenceStrength(models.TextChoices):
    ANECDOTAL = "anecdotal", _("Anecdotal")
    MONITORED = "monitored", _("Monitored")
    EVALUATED = "evaluated", _("Evaluated")


# English regions and Wales, stored in English (the search facet's values), shown translated.
REGIONS = {"North East": _("North East"), "North West": _("North West"),
           "Yorkshire and The Humber": _("Yorkshire and The Humber"),
           "East Midlands": _("East Midlands"), "West Midlands": _("West Midlands"),
           "East of England": _("East of England"), "London": _("London"),
           "South East": _("South East"), "South West": _("South West"), "Wales": _("Wales")}


class CaseStudy(Contribution):
    council = models.CharField(max_length=200)
    area_code = models.CharField(max_length=9, blank=True)
    region = models.CharField(max_length=60, blank=True)
    country = models.CharField(max_length=60, blank=True)
    issues = models.ManyToManyField(Issue, blank=True, related_name="case_studies")
    actions = models.ManyToManyField(Action, blank=True, related_name="case_studies")
    # The number (1-10) of the area's family group, from the source or the contributor;
    # derived from the area once places holds family groups.
    family_group = models.ForeignKey(FamilyGroup, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="case_studies")
    outcomes = models.TextField(blank=True)
    outcomes_cy = models.TextField(blank=True)
    evidence_strength = models.CharField(max_length=20, choices=EvidenceStrength.choices)
    evidence_reason = models.TextField(blank=True)
    evidence_reason_cy = models.TextField(blank=True)
    coverage = models.CharField(max_length=10, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True)
    notes_cy = models.TextField(blank=True)
    links = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "case studies"

    @property
    def region_label(self) -> str:
        return str(REGIONS.get(self.region, self.region))


class ResourceKind(models.TextChoices):
    GUIDANCE = "guidance", _("Guidance")
    TOOLKIT = "toolkit", _("Toolkit")
    RESEARCH = "research", _("Research")
    BRIEFING = "briefing", _("Briefing")
    POLICY = "policy", _("Policy")
    DATA = "data", _("Data")
    NETWORK = "network", _("Network")


class Resource(Contribution):
    kind = models.CharField(max_length=20, choices=ResourceKind.choices)
    publisher = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    url = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["title"]


class Revision(models.Model):
    """One change to a contribution: who, when, what (field: [old, new]) and why."""

    object_type = models.CharField(max_length=20)  # "case_study" or "resource"
    object_id = models.PositiveBigIntegerField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=20)  # submitted, edited, returned, published, ...
    changes = models.JSONField(default=dict, blank=True)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="revision_object")]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type} {self.object_id}"

    @property
    def action_label(self) -> str:
        return str(REVISION_ACTIONS.get(self.action, self.action))

    @property
    def changed_labels(self) -> list[str]:
        return [str(CHANGED_FIELDS.get(name, name)) for name in self.changes]


REVISION_ACTIONS = {"submitted": _("Submitted"), "edited": _("Edited"),
                    "published": _("Published"), "returned": _("Returned"),
                    "hidden": _("Hidden"), "restored": _("Restored")}
CHANGED_FIELDS = {
    "title": _("title"), "summary": _("summary"), "council": _("council"),
    "area_code": _("area code"), "region": _("region"), "family_group": _("family group"),
    "outcomes": _("what changed"), "evidence_strength": _("strength of evidence"),
    "links": _("links"), "year": _("year"), "kind": _("type"), "publisher": _("publisher"),
    "url": _("web address"), "themes": _("themes"), "issues": _("issues"),
    "actions": _("actions"), "status": _("status"), "title_cy": _("Welsh title"),
    "summary_cy": _("Welsh summary"), "outcomes_cy": _("what changed, in Welsh"),
}
