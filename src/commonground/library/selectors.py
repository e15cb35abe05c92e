"""Reads for the library pages, shaped so templates cause no further queries."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from commonground.accounts.models import User
from commonground.accounts.types import Visitor
from commonground.core.errors import not_found
from commonground.core.similar_councils import SimilarCouncils, similar_councils
from commonground.core.similar_councils import family_groups as councils_family_groups
from commonground.library.models import (
    Action,
    CaseStudy,
    FamilyGroup,
    FrameworkItem,
    Guidance,
    Influence,
    Issue,
    IssueAction,
    Pitfall,
    Resource,
    Revision,
    Status,
    Theme,
)
from commonground.search import SearchResults, search

PUBLISHED_CASE_STUDIES = CaseStudy.objects.filter(status=Status.PUBLISHED).order_by("title")


def actions() -> QuerySet[Action]:
    return Action.objects.annotate(issue_count=Count("issues")).prefetch_related("themes")


def action(slug: str) -> Action:
    found = (Action.objects.prefetch_related(
        "themes", "guidance",
        Prefetch("issue_links", queryset=IssueAction.objects.select_related("issue")
                 .order_by("issue__number")),
        Prefetch("case_studies", queryset=PUBLISHED_CASE_STUDIES, to_attr="published_cases"),
        "pitfalls").filter(slug=slug).first())
    if found is None:
        raise not_found(_("action"))
    return found


def forum_threads_mentioning(user: Visitor, action_slug: str) -> SearchResults:
    """Threads the forums app has indexed with this action as a facet, as ``user`` sees them."""
    return search(user, "", filters={"type": ["forum_thread"], "action": [action_slug]},
                  per_page=10)


def issues() -> QuerySet[Issue]:
    return Issue.objects.annotate(action_count=Count("actions"))


def issue(slug: str) -> Issue:
    found = (Issue.objects.prefetch_related(
        "themes",
        Prefetch("action_links", queryset=IssueAction.objects.select_related("action")),
        Prefetch("case_studies", queryset=PUBLISHED_CASE_STUDIES, to_attr="published_cases"),
    ).filter(slug=slug).first())
    if found is None:
        raise not_found(_("issue"))
    return found


def universal_actions() -> QuerySet[Action]:
    return Action.objects.filter(universal=True)


def guidance_list() -> QuerySet[Guidance]:
    return Guidance.objects.prefetch_related("themes").order_by("annex_e_heading", "title")


def guidance(slug: str) -> Guidance:
    found = Guidance.objects.prefetch_related("themes", "actions").filter(slug=slug).first()
    if found is None:
        raise not_found(_("guidance"))
    return found


def case_study_detail(case_study: CaseStudy) -> CaseStudy:
    return (CaseStudy.objects.select_related("family_group", "author")
            .prefetch_related("themes", "issues", "actions").get(pk=case_study.pk))


def _councils_like(case_study: CaseStudy) -> SimilarCouncils | None:
    """What places knows of councils like the case study's, asked once per case study
    object and area code (its page asks for the family group and similar case studies)."""
    code = case_study.area_code
    kept = getattr(case_study, "_councils_like", None)
    if kept is None or kept[0] != code:
        kept = (code, similar_councils(code) if code else None)
        case_study._councils_like = kept  # type: ignore[attr-defined]
    found: SimilarCouncils | None = kept[1]
    return found


def group_number_of(case_study: CaseStudy, by_code: Mapping[str, int]
                    ) -> tuple[int | None, bool]:
    """The one rule that places a case study in a family group, for its own page, the
    family-group pages, their table and the search facet: the group its author recorded
    wins; otherwise its council's group where places' data decide one (``by_code``, from
    ``core.similar_councils.family_groups``). The seeded case studies name their council
    but not its group, which the sources do not give. Returns the group's number and
    whether it comes from the area's data."""
    if case_study.family_group is not None:
        return case_study.family_group.number, False
    number = by_code.get(case_study.area_code) if case_study.area_code else None
    return number, number is not None


def family_group_of(case_study: CaseStudy) -> tuple[FamilyGroup | None, bool]:
    """The case study's family group (see ``group_number_of``) and whether it comes
    from its area's data."""
    if case_study.family_group is not None:
        return case_study.family_group, False
    number, from_data = group_number_of(case_study, councils_family_groups())
    if number is None:
        return None, False
    return FamilyGroup.objects.filter(number=number).first(), from_data


def similar_case_studies(case_study: CaseStudy, limit: int = 5) -> list[CaseStudy]:
    """Published case studies from areas like this one's: its council's nearest
    neighbours first (closest first), then councils of the same family group.

    Which councils are alike comes from places through ``core.similar_councils``; when
    the area is unknown there, the case study's recorded family group is used.
    """
    others = PUBLISHED_CASE_STUDIES.exclude(pk=case_study.pk)
    similar = _councils_like(case_study)
    found: list[CaseStudy] = []
    if similar is not None:
        rank = {code: i for i, code in enumerate(similar.neighbours)}
        near = others.filter(area_code__in=similar.neighbours)
        found = sorted(near, key=lambda cs: rank[cs.area_code])
        same_group = others.filter(area_code__in=similar.same_family_group)
        found += [cs for cs in same_group.order_by("title") if cs not in found]
    group = case_study.family_group.number if case_study.family_group else (
        similar.family_group if similar else None)
    if group is not None:
        recorded = others.filter(family_group__number=group).order_by("title")
        found += [cs for cs in recorded if cs not in found]
    return found[:limit]


def resource_detail(resource: Resource) -> Resource:
    return Resource.objects.select_related("author").prefetch_related("themes").get(
        pk=resource.pk)


def revisions(object_type: str, object_id: int) -> QuerySet[Revision]:
    return Revision.objects.filter(object_type=object_type, object_id=object_id) \
        .select_related("actor")


def framework() -> dict[str, list[FrameworkItem]]:
    grouped: dict[str, list[FrameworkItem]] = {}
    for item in FrameworkItem.objects.all():
        grouped.setdefault(item.kind, []).append(item)
    return grouped


def influences() -> QuerySet[Influence]:
    return Influence.objects.all()


def pitfalls() -> QuerySet[Pitfall]:
    return Pitfall.objects.prefetch_related("related_actions", "family_groups", "themes")


def _case_studies_by_group() -> dict[int, list[CaseStudy]]:
    """Published case studies by family group number, each placed by
    ``group_number_of``, the rule their own pages follow."""
    by_code = councils_family_groups()
    grouped: dict[int, list[CaseStudy]] = {}
    for case_study in PUBLISHED_CASE_STUDIES.select_related("family_group"):
        number, _from_data = group_number_of(case_study, by_code)
        if number is not None:
            grouped.setdefault(number, []).append(case_study)
    return grouped


def family_groups() -> list[FamilyGroup]:
    """Every group with ``case_study_count``, counted as its page lists them."""
    grouped = _case_studies_by_group()
    found = list(FamilyGroup.objects.all())
    for group in found:
        group.case_study_count = len(grouped.get(group.number, []))  # type: ignore[attr-defined]
    return found


def family_group(number: int) -> FamilyGroup:
    """The group with ``published_cases``: the same case studies whose own pages name
    this group (see ``family_group_of``)."""
    found = FamilyGroup.objects.prefetch_related("pitfalls").filter(number=number).first()
    if found is None:
        raise not_found(_("family group"))
    found.published_cases = _case_studies_by_group().get(number, [])  # type: ignore[attr-defined]
    return found


def submissions_of(user: User) -> dict[str, list[Any]]:
    return {
        "case_studies": list(CaseStudy.objects.filter(author=user).order_by("-updated_at")),
        "resources": list(Resource.objects.filter(author=user).order_by("-updated_at")),
    }


def moderation_queue() -> dict[str, list[dict[str, Any]]]:
    """Contributions waiting for a decision (oldest first), returned ones and hidden ones."""
    def of(status: str) -> list[dict[str, Any]]:
        entries = [
            {"object": obj, "type": label, "url_name": url_name}
            for queryset, label, url_name in [
                (CaseStudy.objects.all(), _("Case study"), "library:case-study"),
                (Resource.objects.all(), _("Resource"), "library:resource")]
            for obj in queryset.filter(status=status).select_related("author")
        ]
        return sorted(entries, key=lambda e: e["object"].updated_at)

    return {"waiting": of(Status.SUBMITTED), "returned": of(Status.RETURNED),
            "hidden": of(Status.HIDDEN)}


def themes() -> QuerySet[Theme]:
    return Theme.objects.all()
