"""Counts from the tensions section: reports (``reports:<category>:<days>``) and
early-warning alerts (``alerts:<category>:<days>``) in the days up to the reading's date.

A count comes with its exact 95 % Poisson interval, so a target can tell a real change
from the year-to-year wobble of small numbers, and with the count of the same number of
days before. Reports are held by ward: for a neighbourhood of wards the count is theirs,
for one of smaller areas it is the council's, and says so. Merged duplicates are not
counted twice. A council that has never had a report through the platform holds no
count at all.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonground.accounts.models import Organisation
from commonground.analytics.intervals import poisson_interval
from commonground.core.errors import InvalidInput
from commonground.core.scalars import Scalars, count_and_latest
from commonground.places.models import AreaLevel
from commonground.plans.measures.base import Comparison, Reading, Request, Scope, StrOrPromise
from commonground.tensions.models import Alert, Category, Report

MAX_DAYS = 3650
DEFAULT_DAYS = (91, 365)


def _parse(param: str) -> tuple[str, int]:
    category, _sep, days = param.partition(":")
    if category != "all" and category not in Category.values:
        raise ValueError(category)
    number = int(days)
    if not 1 <= number <= MAX_DAYS:
        raise ValueError(days)
    return category, number


def _category_label(category: str) -> str:
    return _("all categories") if category == "all" else str(
        dict(Category.choices)[category]).lower()


@dataclass(frozen=True)
class _Event:
    council_id: int
    area_id: int | None
    category: str
    day: datetime.date


class _Counts:
    key = ""
    label: StrOrPromise = ""
    noun: StrOrPromise = ""

    def validate(self, param: str) -> None:
        try:
            _parse(param)
        except ValueError:
            raise InvalidInput(
                _("Give a category and a number of days, like hate_incident:91."),
                fields={"measure": [_("Choose a measure from the list.")]}) from None

    def unit(self, param: str) -> str:
        return "count"

    def higher_is_better(self, param: str) -> bool | None:
        return False

    def describe(self, param: str) -> str:
        category, days = _parse(param)
        return self.template() % {"category": _category_label(category), "days": days}

    def template(self) -> str:
        raise NotImplementedError

    def events(self, council_ids: set[int], since: datetime.date) -> list[_Event]:
        raise NotImplementedError

    def options(self, scope: Scope) -> list[tuple[str, str]]:
        categories = ["all", *Category.values]
        return [(f"{self.key}:{c}:{d}", self.describe(f"{c}:{d}"))
                for c in categories for d in DEFAULT_DAYS]

    def read(self, requests: Sequence[Request]) -> list[Reading | None]:
        parsed: list[tuple[str, int] | None] = []
        for request in requests:
            try:
                parsed.append(_parse(request.code.partition(":")[2]))
            except ValueError:
                parsed.append(None)
        windows = [request.on - datetime.timedelta(days=2 * p[1])
                   for request, p in zip(requests, parsed, strict=True) if p]
        if not windows:
            return [None] * len(requests)
        councils = {r.scope.council.pk for r in requests}
        # A council that has never received a report through Common Ground does not use
        # its tensions section: its zero would say nothing, so nothing is held.
        using = set(Report.objects.filter(council_id__in=councils)
                    .values_list("council_id", flat=True).distinct())
        events = self.events(councils & using, min(windows))
        return [None if p is None or request.scope.council.pk not in using
                else self._reading(request, p, events)
                for request, p in zip(requests, parsed, strict=True)]

    def _reading(self, request: Request, parsed: tuple[str, int], events: list[_Event]
                 ) -> Reading:
        category, days = parsed
        scope = request.scope
        by_ward = scope.parts_level == AreaLevel.WARD
        wanted = {a.pk for a in scope.parts} if by_ward else None
        start = request.on - datetime.timedelta(days=days)
        before = start - datetime.timedelta(days=days)
        now = earlier = 0
        for event in events:
            if event.council_id != scope.council.pk:
                continue
            if category != "all" and event.category != category:
                continue
            if wanted is not None and event.area_id not in wanted:
                continue
            if start < event.day <= request.on:
                now += 1
            elif before < event.day <= start:
                earlier += 1
        low, high = poisson_interval(now)
        note = ""
        if scope.parts and not by_ward:
            note = _("Counted for the whole council: reports are held by ward.")
        return Reading(
            code=request.code, label=self.describe(f"{category}:{days}"), value=float(now),
            display=f"{now:,}", unit="count", low=low, high=high, as_of=request.on,
            period=_("%(days)d days to %(day)s") % {"days": days,
                                                    "day": request.on.strftime("%d %b %Y")},
            source=str(self.noun), geography=scope.name if by_ward else scope.council_area.name,
            fresh=True, higher_is_better=False, is_count=True,
            comparisons=(Comparison(_("The %(days)d days before") % {"days": days},
                                    float(earlier), f"{earlier:,}"),),
            note=note, extra={"earlier": earlier})


class ReportCounts(_Counts):
    key = "reports"
    label = gettext_lazy("Tension reports (count)")
    noun = gettext_lazy("Tension reports held by Common Ground")

    def template(self) -> str:
        return _("Tension reports (%(category)s) in %(days)d days")

    def stamp(self, council: Organisation) -> Scalars:
        # a merge or a new status saves the report
        return count_and_latest(Report.objects.filter(council_id=council.pk), "updated_at")

    def events(self, council_ids: set[int], since: datetime.date) -> list[_Event]:
        rows = (Report.objects.filter(council_id__in=council_ids, occurred_on__gt=since,
                                      merged_into__isnull=True)
                .values_list("council_id", "ward_id", "category", "occurred_on"))
        return [_Event(*row) for row in rows]


class AlertCounts(_Counts):
    key = "alerts"
    label = gettext_lazy("Early-warning alerts (count)")
    noun = gettext_lazy("Early-warning alerts raised by Common Ground")

    def template(self) -> str:
        return _("Early-warning alerts (%(category)s) in %(days)d days")

    def stamp(self, council: Organisation) -> Scalars:
        return count_and_latest(Alert.objects.filter(council_id=council.pk), "created_at")

    def events(self, council_ids: set[int], since: datetime.date) -> list[_Event]:
        rows = (Alert.objects.filter(council_id__in=council_ids, week_start__gt=since)
                .values_list("council_id", "area_id", "category", "week_start"))
        return [_Event(*row) for row in rows]
