"""What the library puts into the shared search index, and when it takes it out.

Each record becomes one document whose body is its own text plus the names of what
it links to (an action's issues, a case study's council) and the words its page puts
above it ("Case study", "Family group 3"), so a search for a linked idea, or one that
names the kind of page ("rural family group"), finds it. Only published case studies
and resources are indexed; the moderation services call ``index_case_study`` /
``index_resource`` on every change.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from commonground.library import bilingual, selectors
from commonground.library.models import (
    Action,
    CaseStudy,
    FamilyGroup,
    FrameworkItem,
    FrameworkKind,
    Guidance,
    Influence,
    Issue,
    Pitfall,
    Resource,
    Status,
)
from commonground.search import index_document, remove_document
from commonground.search.models import SearchDocument

M = TypeVar("M")

# Kinds this app owns in the index (forum threads belong to the forums app).
KINDS = ("action", "issue", "guidance", "case_study", "resource", "framework", "family_group",
         "pitfall")
TYPE_LABELS = {
    "action": pgettext_lazy("library", "Action"), "issue": _("Issue"), "guidance": _("Guidance"),
    "case_study": _("Case study"), "resource": _("Resource"), "framework": _("Framework"),
    "family_group": _("Family group"), "pitfall": _("Pitfall"), "forum_thread": _("Forum thread"),
}


def _lines(*parts: object) -> str:
    return "\n".join(str(p) for p in parts if p)


def _welsh(obj: object) -> list[str]:
    """The record's Welsh, indexed beside its English so a Welsh search finds it.

    Every field with a Welsh twin (``bilingual.WELSH_FIELDS``) has its English in the
    document as well, as the title or in the body; tests/library/test_indexing.py checks
    it for each kind, so the two languages find the same records."""
    found: list[str] = []
    for field in bilingual.fields_of(obj):
        value = bilingual.welsh(obj, field)
        if isinstance(value, list):
            found.append("; ".join(value))
        elif value:
            found.append(value)
    return found


def _in_english(index: Callable[[M], None]) -> Callable[[M], None]:
    """Index the English words (type names, labels) whatever language the request is in."""
    @functools.wraps(index)
    def wrapped(obj: M) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            index(obj)
    return wrapped


@_in_english
def index_action(action: Action) -> None:
    issues = list(action.issues.all())
    index_document(
        kind="action", key=action.slug, title=action.title,
        body=_lines(action.summary, "Also called: " + "; ".join(action.also_called)
                    if action.also_called else "", action.guidance_basis,
                    "Answers: " + "; ".join(i.title for i in issues) if issues else "",
                    *_welsh(action)),
        url=reverse("library:action", args=[action.slug]),
        facets={"theme": [t.slug for t in action.themes.all()],
                "issue": [i.slug for i in issues], "action": [action.slug]},
    )


@_in_english
def index_issue(issue: Issue) -> None:
    actions = list(issue.actions.all())
    index_document(
        kind="issue", key=issue.slug, title=issue.title,
        body=_lines(issue.summary, issue.link_notes,
                    "Suggested actions: " + "; ".join(a.title for a in actions),
                    *_welsh(issue)),
        url=reverse("library:issue", args=[issue.slug]),
        facets={"theme": [t.slug for t in issue.themes.all()], "issue": [issue.slug],
                "action": [a.slug for a in actions]},
    )


@_in_english
def index_guidance(guidance: Guidance) -> None:
    index_document(
        kind="guidance", key=guidance.slug, title=guidance.title,
        body=_lines(guidance.summary, guidance.publisher, guidance.annex_e_heading,
                    guidance.notes, *_welsh(guidance)),
        url=reverse("library:guidance", args=[guidance.slug]),
        facets={"theme": [t.slug for t in guidance.themes.all()],
                "action": [a.slug for a in guidance.actions.all()]},
    )


@_in_english
def index_case_study(case_study: CaseStudy) -> None:
    if case_study.status != Status.PUBLISHED:
        remove_document(kind="case_study", key=case_study.slug)
        return
    group, _ = selectors.family_group_of(case_study)
    index_document(
        kind="case_study", key=case_study.slug, title=case_study.title,
        body=_lines("Case study", case_study.summary, case_study.outcomes,
                    case_study.evidence_reason, case_study.notes,
                    case_study.council, case_study.region, *_welsh(case_study)),
        url=reverse("library:case-study", args=[case_study.slug]),
        facets={"theme": [t.slug for t in case_study.themes.all()],
                "issue": [i.slug for i in case_study.issues.all()],
                "action": [a.slug for a in case_study.actions.all()],
                "family_group": [str(group.number)] if group else [],
                "region": [case_study.region] if case_study.region else [],
                "year": [str(case_study.year)] if case_study.year else []},
        published=case_study.published_at.date() if case_study.published_at else None,
    )


@_in_english
def index_resource(resource: Resource) -> None:
    if resource.status != Status.PUBLISHED:
        remove_document(kind="resource", key=resource.slug)
        return
    index_document(
        kind="resource", key=resource.slug, title=resource.title,
        body=_lines(resource.summary, resource.publisher, resource.get_kind_display(),
                    *_welsh(resource)),
        url=reverse("library:resource", args=[resource.slug]),
        facets={"theme": [t.slug for t in resource.themes.all()],
                "year": [str(resource.year)] if resource.year else []},
        published=datetime.date(resource.year, 1, 1) if resource.year else None,
    )


@_in_english
def index_family_group(group: FamilyGroup) -> None:
    index_document(
        kind="family_group", key=str(group.number), title=group.name,
        body=_lines("Thematic category" if group.is_thematic else f"Family group {group.number}",
                    group.summary,
                    "What works well: " + "; ".join(group.what_works_well)
                    if group.what_works_well else "",
                    "What works less well: " + "; ".join(group.works_less_well)
                    if group.works_less_well else "", group.notes,
                    *(["Grŵp teulu" if not group.is_thematic else "Categori thematig"]
                      if group.name_cy else []), *_welsh(group)),
        url=reverse("library:family-group", args=[group.number]),
        facets={"family_group": [str(group.number)]},
    )


@_in_english
def index_framework_item(item: FrameworkItem) -> None:
    index_document(
        kind="framework", key=f"{item.kind}:{item.slug}", title=item.title,
        body=_lines(item.get_kind_display(), item.summary, item.notes, *_welsh(item)),
        url=reverse("library:framework") + f"#{item.slug}",
    )


@_in_english
def index_influence(influence: Influence) -> None:
    index_document(
        kind="framework", key=f"influence:{influence.slug}", title=influence.factor,
        body=_lines(f"{influence.table}: {influence.category_name}", influence.positive,
                    influence.negative, influence.notes, *influence.mapping_data,
                    *_welsh(influence)),
        url=reverse("library:influences") + f"#{influence.slug}",
    )


@_in_english
def index_pitfall(pitfall: Pitfall) -> None:
    index_document(
        kind="pitfall", key=pitfall.slug, title=pitfall.title,
        body=_lines(pitfall.summary, *_welsh(pitfall)),
        url=reverse("library:pitfalls") + f"#{pitfall.slug}",
        facets={"theme": [t.slug for t in pitfall.themes.all()],
                "action": [a.slug for a in pitfall.related_actions.all()]},
    )


def reindex_library() -> int:
    """Index every library record afresh; returns the number of documents indexed."""
    SearchDocument.objects.filter(kind__in=KINDS).delete()
    count = 0
    for action in Action.objects.prefetch_related("themes", "issues"):
        index_action(action)
        count += 1
    for issue in Issue.objects.prefetch_related("themes", "actions"):
        index_issue(issue)
        count += 1
    for guidance in Guidance.objects.prefetch_related("themes", "actions"):
        index_guidance(guidance)
        count += 1
    published = CaseStudy.objects.filter(status=Status.PUBLISHED).select_related("family_group")
    for case_study in published.prefetch_related("themes", "issues", "actions"):
        index_case_study(case_study)
        count += 1
    for resource in Resource.objects.filter(status=Status.PUBLISHED).prefetch_related("themes"):
        index_resource(resource)
        count += 1
    for group in FamilyGroup.objects.all():
        index_family_group(group)
        count += 1
    framework_kinds = [FrameworkKind.DEFINITION, FrameworkKind.FOUNDATION,
                       FrameworkKind.WAY_OF_LIVING, FrameworkKind.PRINCIPLE,
                       FrameworkKind.NATIONAL_INDICATOR, FrameworkKind.MAPPING_APPROACH,
                       FrameworkKind.FINDING, FrameworkKind.RELATED_VISION]
    for item in FrameworkItem.objects.filter(kind__in=framework_kinds):
        index_framework_item(item)
        count += 1
    for influence in Influence.objects.all():
        index_influence(influence)
        count += 1
    for pitfall in Pitfall.objects.prefetch_related(
            "themes", Prefetch("related_actions", queryset=Action.objects.only("slug"))):
        index_pitfall(pitfall)
        count += 1
    return count
