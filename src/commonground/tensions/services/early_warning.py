"""Early warning from the reports: weekly counts per ward and category, the detector,
stored alerts that explain themselves, and email to subscribed officers.

``recompute`` is what the scheduler runs hourly (tensions/tasks.py), and what
``commonground early_warning`` runs by hand. It
counts reports by the week they happened in (duplicates merged into another report
are left out), for every ward and for each council as a whole, over the last
``WEEKS`` weeks, and runs ``analytics.early_warning.detect`` on all series at once with
the watch levels of the councils' trigger events. A series with fewer than
``min_count`` reports in the whole window cannot alert (the detector needs that many
in a week or a run), so it is counted but not passed to the detector.
"""

from __future__ import annotations

import datetime
import itertools
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, DateField, F, Func, IntegerField, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from commonground.accounts.models import Organisation, OrganisationKind
from commonground.analytics.early_warning import DetectorParams, TriggerEvent, detect, watch_levels
from commonground.analytics.early_warning.explain import Alert as Signal
from commonground.analytics.early_warning.explain import explain_alerts
from commonground.background import mail
from commonground.core import audit
from commonground.places.models import Area, AreaLevel
from commonground.tensions.models import (
    Alert,
    AlertSubscription,
    Category,
    EarlyWarningRun,
    Report,
)
from commonground.tensions.models import TriggerEvent as TriggerEventRow
from commonground.tensions.services.assessments import week_start

WEEKS = 104
# Alerts are kept for the current (partial) week and the one before it, so a burst
# late on a Sunday is not missed by an hourly run early on Monday.
RECENT_WEEKS = 2


@dataclass
class Recompute:
    councils: int = 0
    series: int = 0
    series_detected: int = 0
    reports: int = 0
    new_alerts: list[Alert] = field(default_factory=list)
    updated_alerts: int = 0
    withdrawn_alerts: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def _series(councils: list[Organisation]) -> tuple[dict[int, int], dict[int, int]]:
    """Council id -> its Area id; ward Area id -> council id."""
    areas = dict(Area.objects.filter(level=AreaLevel.COUNCIL,
                                     code__in=[c.area_code for c in councils])
                 .values_list("code", "pk"))
    council_area = {c.pk: areas[c.area_code] for c in councils if c.area_code in areas}
    council_of_area = {a: c for c, a in council_area.items()}
    wards = Area.objects.filter(level=AreaLevel.WARD, parent_id__in=council_area.values())
    ward_council = {pk: council_of_area[parent] for pk, parent in
                    wards.values_list("pk", "parent_id")}
    return council_area, ward_council


def recompute(*, today: datetime.date | None = None, council_ids: list[int] | None = None,
              notify: bool = True) -> Recompute:
    """Count, detect, store new alerts, email subscribers. Safe to run at any time."""
    out = Recompute()
    t0 = time.perf_counter()
    today = today or timezone.localdate()
    last = week_start(today)
    first = last - datetime.timedelta(weeks=WEEKS - 1)
    starts = [first + datetime.timedelta(weeks=j) for j in range(WEEKS)]
    councils = list(Organisation.objects.filter(kind=OrganisationKind.COUNCIL))
    if council_ids is not None:
        councils = [c for c in councils if c.pk in council_ids]
    council_area, ward_council = _series(councils)
    out.councils = len(council_area)
    categories = list(Category.values)
    keys, counts, out.reports = weekly_counts(council_area, ward_council, first, today)
    out.series = (len(ward_council) + len(council_area)) * len(categories)
    params = DetectorParams.for_period("week")
    judged = counts.sum(axis=1) >= params.min_count
    keys = [key for key, keep in zip(keys, judged, strict=True) if keep]
    counts = counts[judged]
    out.series_detected = len(keys)
    out.seconds["count"] = time.perf_counter() - t0
    council_of_area = {a: c for c, a in council_area.items()}
    council_of_key = [ward_council.get(area) or council_of_area[area] for area, _k in keys]
    alerts = []
    if keys:
        watch = _watch(starts, council_of_key, first, today)
        t1 = time.perf_counter()
        result = detect(counts, period="week", params=params, watch=watch)
        out.seconds["detect"] = time.perf_counter() - t1
        alerts = [a for a in explain_alerts(result, starts, period="week")
                  if a.period_index >= WEEKS - RECENT_WEEKS]
    t2 = time.perf_counter()
    with transaction.atomic():
        kept = set()
        for alert in alerts:
            area_id, k = keys[alert.series]
            kept.add(_store(out, council_of_key[alert.series], area_id, categories[k], alert))
        _withdraw(out, list(council_area), starts[WEEKS - RECENT_WEEKS], kept)
        _record_run(list(council_area))
    out.seconds["store"] = time.perf_counter() - t2
    if notify and out.new_alerts:
        _notify(out.new_alerts)
    out.seconds["total"] = time.perf_counter() - t0
    return out


class WeeksSince(Func):
    """Whole weeks from a Monday (``first``) to a date column, as an integer: SQLite's
    ``julianday`` difference or PostgreSQL's date subtraction, divided by 7. Only used
    on days on or after ``first``, where integer division is the floor."""

    output_field = IntegerField()
    arity = 2

    def __init__(self, column: str, first: datetime.date) -> None:
        super().__init__(F(column), Value(first, output_field=DateField()))

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection,
                           template="CAST((julianday(%(expressions)s)) / 7 AS INTEGER)",
                           arg_joiner=") - julianday(", **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="((%(expressions)s) / 7)",
                           arg_joiner=" - ", **extra)


def weekly_counts(council_area: dict[int, int], ward_council: dict[int, int],
                  first: datetime.date, today: datetime.date
                  ) -> tuple[list[tuple[int, int]], np.ndarray, int]:
    """Weekly counts per (area id, category index in ``Category.values``) over the
    ``WEEKS`` weeks from the Monday ``first`` to ``today``: each ward, and each
    council's total (which includes reports with no ward). Duplicates merged into
    another report are left out.

    The database gives one row of four integers per report (council, ward or 0,
    category index, week index: see ``WeeksSince``), read straight from the cursor into
    one NumPy array (Django's row conversion, or even unzipping the rows in Python,
    would take most of the time for every ward in the country); NumPy adds them up.
    Grouping in the database was tried and is slower: reports spread over ~8,000 wards
    x 7 categories x 104 weeks are mostly alone in their group, and the grouping costs
    more than it saves. Returns the keys, the count matrix (one row per key with any
    report) and the number of reports.
    """
    categories = list(Category.values)
    n_cats = len(categories)
    rows = (Report.objects.filter(council_id__in=list(council_area), merged_into__isnull=True,
                                  occurred_on__gte=first, occurred_on__lte=today)
            .annotate(ward_or_0=Coalesce("ward_id", 0),
                      category_index=Case(*[When(category=c, then=Value(k))
                                            for k, c in enumerate(categories)],
                                          default=Value(-1)),
                      week_index=WeeksSince("occurred_on", first))
            .values_list("council_id", "ward_or_0", "category_index", "week_index").order_by())
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        data = cursor.fetchall()
    table = np.fromiter(itertools.chain.from_iterable(data), np.int64,
                        count=4 * len(data)).reshape(-1, 4)
    council_rows = _lookup(council_area, table[:, 0])
    ward_rows = _lookup({w: w for w in ward_council}, table[:, 1])
    cats, week = table[:, 2], table[:, 3]
    known = (cats >= 0) & (council_rows >= 0) & (week >= 0) & (week < WEEKS)
    has_ward = known & (ward_rows >= 0)
    area = np.concatenate([council_rows[known], ward_rows[has_ward]])
    cat = np.concatenate([cats[known], cats[has_ward]])
    weeks = np.concatenate([week[known], week[has_ward]])
    unique, row = np.unique(area * n_cats + cat, return_inverse=True)
    counts = np.bincount(row * WEEKS + weeks, minlength=len(unique) * WEEKS)
    keys = [(int(u) // n_cats, int(u) % n_cats) for u in unique]
    return keys, counts.reshape(len(unique), WEEKS).astype(np.int64), int(known.sum())


def _lookup(mapping: dict[int, int], ids: np.ndarray) -> np.ndarray:
    """``mapping[id]`` for each id, or -1 where the id is not in the mapping."""
    if not mapping:
        return np.full(len(ids), -1, np.int64)
    table = np.full(max(max(mapping), int(ids.max(initial=0))) + 1, -1, np.int64)
    table[np.fromiter(mapping.keys(), np.int64)] = np.fromiter(mapping.values(), np.int64)
    return table[np.clip(ids, 0, None)]


def _watch(starts: list[datetime.date], council_of_row: list[int], first: datetime.date,
           today: datetime.date) -> np.ndarray | None:
    events = TriggerEventRow.objects.filter(council_id__in=set(council_of_row),
                                            starts_on__lte=today, ends_on__gte=first)
    rows_of: dict[int, list[int]] = defaultdict(list)
    for i, council_id in enumerate(council_of_row):
        rows_of[council_id].append(i)
    windows = [TriggerEvent(e.name, e.starts_on, e.ends_on, float(e.watch_level),
                            series=tuple(rows_of[e.council_id])) for e in events]
    if not windows:
        return None
    return watch_levels(starts, windows, n_series=len(council_of_row), period="week")


def _store(out: Recompute, council_id: int, area_id: int, category: str, a: Signal) -> int:
    """Save the alert (new, or with its numbers brought up to date); returns its id."""
    values = {"council_id": council_id, "reason": a.reason, "observed": a.observed,
              "expected": a.expected, "p_value": a.p_value, "score": a.z,
              "watch": a.watch, "run_start": a.run_start, "run_weeks": a.run_periods,
              "run_observed": a.run_observed, "run_expected": a.run_expected,
              "explanation": a.explain()}
    row, created = Alert.objects.get_or_create(
        area_id=area_id, category=category, week_start=a.period_start, defaults=values)
    if created:
        out.new_alerts.append(row)
        audit.record(actor=None, action=audit.Action.ALERT_CREATE, obj=row,
                     organisation_id=council_id,
                     new={"category": category, "observed": row.observed,
                          "expected": round(row.expected, 2)})
    elif (row.observed, row.run_observed, row.reason) != (
            values["observed"], values["run_observed"], values["reason"]):
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
        out.updated_alerts += 1
    return row.pk


def _record_run(council_ids: list[int]) -> None:
    """Note when each council's reports were last counted (one statement for all)."""
    now = timezone.now()
    EarlyWarningRun.objects.bulk_create(
        [EarlyWarningRun(council_id=c, ran_at=now) for c in council_ids],
        update_conflicts=True, unique_fields=["council"], update_fields=["ran_at"])


def _withdraw(out: Recompute, council_ids: list[int], since: datetime.date,
              kept: set[int]) -> None:
    """Recent alerts that the reports no longer bear out (an officer moved reports to
    another ward or category, or merged duplicates) go, unless an officer has already
    marked them as seen: those stay as the record of what they saw."""
    stale = list(Alert.objects.filter(council_id__in=council_ids, week_start__gte=since,
                                      acknowledged_at__isnull=True).exclude(pk__in=kept))
    for row in stale:
        audit.record(actor=None, action=audit.Action.ALERT_WITHDRAW, obj=row,
                     organisation_id=row.council_id,
                     old={"category": row.category, "observed": row.observed,
                          "week_start": row.week_start.isoformat()})
    Alert.objects.filter(pk__in=[row.pk for row in stale]).delete()
    out.withdrawn_alerts += len(stale)


def _alerts_subject(count: int, council: str) -> Callable[[], str]:
    """The subject, written when the email is, in the recipient's language."""
    return lambda: ngettext("Early warning: %(count)s new alert for %(council)s",
                            "Early warning: %(count)s new alerts for %(council)s",
                            count) % {"count": count, "council": council}


def _notify(alerts: list[Alert]) -> None:
    """Each subscriber hears of their council's new alerts in their own language: the
    subject, what each alert says (alert_text, not the English explanation) and the link
    (/cy/ for a Welsh reader)."""
    by_council: dict[int, list[Alert]] = defaultdict(list)
    areas = Area.objects.in_bulk({a.area_id for a in alerts})
    for alert in alerts:
        alert.area = areas[alert.area_id]
        by_council[alert.council_id].append(alert)
    subscriptions = (AlertSubscription.objects.filter(council_id__in=list(by_council))
                     .select_related("user", "council"))
    emails = []
    for sub in subscriptions:
        if not sub.user.is_active:
            continue
        mine = by_council[sub.council_id]
        with translation.override(mail.recipient_language(sub.user)):
            url = settings.SITE_URL + reverse("tensions:alerts")
        emails.append(mail.Email(
            sub.user, _alerts_subject(len(mine), str(sub.council)),
            "tensions/email/early_warning.txt",
            {"council": sub.council, "alerts": mine, "url": url}))
    mail.queue_emails(kind="tensions.early_warning", emails=emails)
