"""Tensions' summary of councils for the comparison page (see core.area_summaries).

Only a council's own staff see its figures here: reports in the last 12 weeks and the
latest assessment of the whole council area. A partner's share of a council's reports
passes disclosure control on the dashboard, so it is not repeated here; its cells say
the figures are not shared.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonground.accounts.models import Organisation, OrganisationKind
from commonground.accounts.types import Visitor
from commonground.core.area_summaries import Summary, SummaryRow
from commonground.places.models import AreaLevel
from commonground.tensions.access import reach_of
from commonground.tensions.models import Assessment, Report
from commonground.tensions.models.assessments import SHORT_LABELS

WEEKS = 12


def tension_summary(user: Visitor, codes: Sequence[str]) -> Summary | None:
    councils = {o.area_code: o for o in Organisation.objects.filter(
        kind=OrganisationKind.COUNCIL, area_code__in=codes).order_by("pk")}
    own = reach_of(user).read_councils
    if not councils or not own & {o.pk for o in councils.values()}:
        return None  # nothing of these councils is the user's to see
    seen = {code: o for code, o in councils.items() if o.pk in own}
    since = timezone.localdate() - datetime.timedelta(weeks=WEEKS)
    reports = dict(Report.objects.filter(council__in=seen.values(), occurred_on__gte=since)
                   .values_list("council_id").annotate(n=Count("pk")))
    latest: dict[int, Assessment] = {}
    for a in (Assessment.objects.filter(council__in=seen.values(), area__level=AreaLevel.COUNCIL)
              .order_by("council_id", "-week_start")):
        latest.setdefault(a.council_id, a)

    return Summary(
        title=_("Tensions (visible to each council's own staff)"),
        rows=[SummaryRow(ngettext("Reports in the last %(weeks)s week",
                                  "Reports in the last %(weeks)s weeks", WEEKS)
                         % {"weeks": WEEKS}, {
                  code: f"{reports.get(seen[code].pk, 0):,}" if code in seen else None
                  for code in codes}),
              SummaryRow(_("Latest assessment of the council area"), {
                  code: _level(latest.get(seen[code].pk)) if code in seen else None
                  for code in codes})],
        note=_("Counts include every report of the council's own, whatever its status."))


def _level(assessment: Assessment | None) -> str:
    if assessment is None:
        return _("Not assessed")
    return _("%(level)s (week of %(week)s)") % {
        "level": SHORT_LABELS[assessment.level],
        "week": date_format(assessment.week_start, "j F Y")}
