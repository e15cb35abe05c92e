"""Reads that shape queries for tensions pages, the API and exports.

Everything starts from an access function's queryset (``visible_reports``,
``visible_assessments``), so a selector can never widen what a user sees.

Areas joined to the rows (a report's ward, an assessment's area) come without their
boundary, a GeoJSON document that would be decoded for every row of a list; only the
dashboard's ward map draws shapes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from commonground.accounts.models import Membership, Organisation, OrganisationKind, User
from commonground.accounts.types import Visitor
from commonground.core.disclosure import ProtectedTable, protect_table
from commonground.places.models import Area, AreaLevel
from commonground.tensions import gazetteer
from commonground.tensions.access import (
    WRITE_ROLES,
    Reach,
    council_ids_for,
    reach_of,
    visible_assessments,
    visible_reports,
)
from commonground.tensions.models import (
    Assessment,
    AssessmentRevision,
    Category,
    EarlyWarningRun,
    Report,
    Status,
    Tag,
)
from commonground.tensions.services.assessments import week_start


def councils_on_platform() -> list[tuple[Organisation, Area]]:
    """Councils that use the service and whose area is loaded: where reports can go."""
    councils = Organisation.objects.filter(kind=OrganisationKind.COUNCIL)
    areas = {a.code: a for a in Area.objects.filter(
        level=AreaLevel.COUNCIL, code__in=[c.area_code for c in councils])}
    return sorted([(c, areas[c.area_code]) for c in councils if c.area_code in areas],
                  key=lambda pair: pair[1].name)


def recording_councils(user: Visitor) -> list[tuple[Organisation, Area]]:
    """Councils the user may record a report for, the one to offer first at the top.

    An officer records intelligence for their own council (never another's: that would
    be a partner's report they may not make), so their councils come first and, unless
    they also belong to a partner organisation, alone. A partner reports to any council
    on the platform, those that share reports with their organisation first.
    """
    reach = reach_of(user)
    councils = councils_on_platform()
    own = [pair for pair in councils if pair[0].pk in reach.write_councils]
    if not reach.partner_orgs:
        return own
    sharing = [pair for pair in councils if pair[0].pk in reach.shared and pair not in own]
    return own + sharing + [pair for pair in councils if pair not in own + sharing]


def wards_of(area: Area) -> QuerySet[Area]:
    return Area.objects.filter(level=AreaLevel.WARD, parent=area).order_by("name")


def ward_list(council: Organisation) -> list[Area]:
    """The council's wards by name, from the intake's per-process gazetteer (no query)."""
    places = gazetteer.places_of(council.area_code)
    return sorted(places.wards.values(), key=lambda w: w.name) if places else []


def councils_of(user: Visitor, *, write: bool = False) -> list[Organisation]:
    return list(Organisation.objects.filter(pk__in=council_ids_for(user, write=write)))


def officers_of(council: Organisation) -> list[Any]:
    return [m.user for m in Membership.objects.filter(organisation=council,
                                                      role__in=WRITE_ROLES)
            .select_related("user").order_by("user__full_name")]


OPEN_STATUSES = [status for status in Status.values if status != Status.CLOSED]


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""
    category: str = ""
    priority: str = ""
    ward: str = ""
    assignee: str = ""  # "me", "none" or ""
    tag: str = ""
    query: str = ""
    # The days the incidents happened on, and "counted": only what early warning counts
    # (duplicates merged into another report left out), for an alert's reports.
    occurred_from: datetime.date | None = None
    occurred_to: datetime.date | None = None
    counted: bool = False


def queue(user: User, filters: QueueFilters) -> QuerySet[Report]:
    reports = (visible_reports(user)
               .select_related("council", "ward", "assignee").defer("ward__boundary")
               .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name"))))
    if filters.status == "open":
        # The open statuses named, not "not closed": the count is then read from the
        # report_queue index alone (SQLite: 15 ms -> 0.02 ms with 3,000 reports a council).
        reports = reports.filter(status__in=OPEN_STATUSES)
    elif filters.status:
        reports = reports.filter(status=filters.status)
    if filters.category:
        reports = reports.filter(category=filters.category)
    if filters.priority:
        reports = reports.filter(priority=filters.priority)
    if filters.ward:
        reports = reports.filter(ward__code=filters.ward)
    if filters.assignee == "me":
        reports = reports.filter(assignee=user)
    elif filters.assignee == "none":
        reports = reports.filter(assignee__isnull=True)
    if filters.tag:
        # A subquery, not a join: the rows stay one per report, so the list needs no
        # DISTINCT (which hashed every report of the council, joined rows and all).
        reports = reports.filter(pk__in=Report.tags.through.objects.filter(
            tag__name=filters.tag).values("report_id"))
    if filters.occurred_from:
        reports = reports.filter(occurred_on__gte=filters.occurred_from)
    if filters.occurred_to:
        reports = reports.filter(occurred_on__lte=filters.occurred_to)
    if filters.counted:
        reports = reports.filter(merged_into__isnull=True)
    if filters.query:
        reports = reports.filter(Q(reference__iexact=filters.query.strip())
                                 | Q(what_happened__icontains=filters.query))
    return reports.order_by("-created_at", "-id")


def overdue(user: Visitor, *, now: datetime.datetime | None = None) -> QuerySet[Report]:
    """Hate incidents whose reporter is waiting: first contact or follow-up late.

    Only the owning council runs the timers, and only while contact details remain.
    """
    now = now or timezone.now()
    late = (Q(first_contact_at__isnull=True, first_contact_due__lt=now)
            | Q(follow_up_at__isnull=True, follow_up_due__lt=now))
    return (Report.objects.filter(council_id__in=reach_of(user).read_councils,
                                  contact__isnull=False)
            .exclude(status=Status.CLOSED).filter(late)
            .select_related("ward", "assignee").defer("ward__boundary")
            .order_by("first_contact_due"))


def latest_levels(user: Visitor, council: Organisation, *, reach: Reach | None = None
                  ) -> list[dict[str, Any]]:
    """Each assessed area's most recent level with the one before it (the trend).
    ``reach``: the user's, when the caller has read it."""
    rows = (visible_assessments(user, reach).filter(council=council)
            .select_related("area").defer("area__boundary")
            .order_by("area__name", "-week_start"))
    out: dict[int, dict[str, Any]] = {}
    for a in rows:
        entry = out.get(a.area_id)
        if entry is None:
            out[a.area_id] = {"assessment": a, "previous": None, "trend": "first assessment"}
        elif entry["previous"] is None:
            entry["previous"] = a
            latest = entry["assessment"].level
            entry["trend"] = ("rising" if latest > a.level else
                              "falling" if latest < a.level else "steady")
    return list(out.values())


def earlier_revisions(assessment: Assessment) -> list[AssessmentRevision]:
    """The versions an assessment replaced, newest first (its current one left out)."""
    return list(assessment.revisions.filter(number__lt=assessment.revision)
                .select_related("saved_by").order_by("-number"))


def trend_of(assessment: Assessment) -> str:
    previous = (Assessment.objects.filter(area=assessment.area,
                                          week_start__lt=assessment.week_start)
                .order_by("-week_start").values_list("level", flat=True).first())
    return trend_between(assessment.level, previous)


def with_previous_level(assessments: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """``assessments`` each with ``previous_level``, its area's level in the latest
    earlier week (None if none), in the same query: ``trend_of`` for a list."""
    return assessments.annotate(previous_level=Subquery(
        Assessment.objects.filter(area=OuterRef("area"), week_start__lt=OuterRef("week_start"))
        .order_by("-week_start").values("level")[:1]))


def trend_between(level: int, previous: int | None) -> str:
    if previous is None:
        return "first assessment"
    return "rising" if level > previous else "falling" if level < previous else "steady"


@dataclass(frozen=True)
class CountsTable:
    council: Organisation
    weeks: list[datetime.date]
    categories: list[tuple[str, str]]
    table: ProtectedTable
    protected: bool  # disclosure control applied (a partner's view)
    wards: list[dict[str, Any]]


def counts_for(user: Visitor, council: Organisation, *, weeks: int = 12,
               today: datetime.date | None = None,
               wards: list[Area] | None = None, reach: Reach | None = None
               ) -> CountsTable:
    """Reports per category and week, and per ward, that ``user`` may see.

    The owning council sees exact counts; anyone else (a partner under an
    agreement) gets the disclosure-controlled table and ward counts. ``wards``: the
    council's wards by name (``wards_of``) and ``reach`` the user's, when the caller
    has read them already.
    """
    today = today or timezone.localdate()
    last = week_start(today)
    starts = [last - datetime.timedelta(weeks=weeks - 1 - j) for j in range(weeks)]
    if reach is None:
        reach = reach_of(user)
    owner = council.pk in reach.read_councils
    reports = visible_reports(user, reach).filter(council=council, merged_into__isnull=True,
                                           occurred_on__gte=starts[0], occurred_on__lte=today)
    categories = [(c, str(label)) for c, label in Category.choices]
    index = {c: i for i, (c, _l) in enumerate(categories)}
    grid = [[0] * weeks for _ in categories]
    for category, day, n in (reports.values_list("category", "occurred_on")
                             .annotate(n=Count("id")).order_by()):
        grid[index[category]][(day - starts[0]).days // 7] += n
    threshold = None if not owner else 1  # 1: nothing counts as small for the owner
    table = protect_table(grid, threshold)
    by_ward = dict(reports.values_list("ward_id").annotate(n=Count("id")).order_by())
    if wards is None:
        area = (Area.objects.filter(level=AreaLevel.COUNCIL, code=council.area_code)
                .defer("boundary").first())
        wards = None if area is None else list(wards_of(area).defer("boundary"))
    ward_cells = []
    if wards is not None:
        ward_rows = wards
        ward_counts = [[by_ward.get(w.pk, 0) for w in ward_rows]]
        # Both tables count the same reports, so the wards add up to the table's total:
        # each must keep hidden what the other hides of it.
        ward_table = protect_table(ward_counts, threshold, total_hidden=table.total is None)
        if ward_table.total is None and table.total is not None:
            table = protect_table(grid, threshold, total_hidden=True)
        ward_cells = [{"code": w.code, "name": w.display_name,
                       "count": ward_table.cells[0][i]} for i, w in enumerate(ward_rows)]
    return CountsTable(council=council, weeks=starts, categories=categories, table=table,
                       protected=not owner, wards=ward_cells)


def detector_ran(council: Organisation) -> datetime.datetime | None:
    """When the early-warning detector last counted this council's reports."""
    return (EarlyWarningRun.objects.filter(council=council)
            .values_list("ran_at", flat=True).first())


def dashboard_councils(user: Visitor, *, reach: Reach | None = None) -> list[Organisation]:
    """Councils whose dashboard the user may open: their own and those sharing with them."""
    if reach is None:
        reach = reach_of(user)
    ids = reach.read_councils | set(reach.shared)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))
