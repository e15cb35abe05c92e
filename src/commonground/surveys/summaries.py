"""The residents' survey on the council comparison page (``core.area_summaries``): each
council's latest estimate of the three national indicators, from the newest weighted
wave the reader may see (published ones, and their own council's)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from commonground.accounts.types import Visitor
from commonground.core.area_summaries import Summary, SummaryRow
from commonground.surveys.access import reach_of
from commonground.surveys.models import WaveWeighting, WeightingStatus
from commonground.surveys.questions import question
from commonground.surveys.results import current_figures

INDICATORS = ("get_on_well", "belonging", "meaningful_interaction")


def survey_summary(user: Visitor, codes: Sequence[str]) -> Summary | None:
    reach = reach_of(user)
    newest: dict[str, WaveWeighting] = {}
    hidden: set[str] = set()
    for weighting in (WaveWeighting.objects.filter(wave__council__area_code__in=list(codes),
                                                   status=WeightingStatus.DONE)
                      .select_related("wave", "wave__council").defer("report")
                      .order_by("-wave__ends_on", "-wave_id", "-finished_at", "-pk")):
        code = weighting.wave.council.area_code
        if not (weighting.wave.published or weighting.wave.council_id in reach.read_councils):
            hidden.add(code)
            continue
        newest.setdefault(code, weighting)
    if not newest:
        return None
    rows = []
    for key in INDICATORS:
        found = question(key)
        if found is None:
            continue
        values: dict[str, str | None] = {}
        for code in codes:
            latest = newest.get(code)
            if latest is None:
                values[code] = None if code in hidden else _("no survey results")
                continue
            figure, _national = current_figures(latest, key, None)
            if figure is None:
                values[code] = _("not asked")
            elif not figure.shown:
                values[code] = _("not enough responses")
            else:
                values[code] = _("%(estimate)s%% (%(low)s to %(high)s), %(wave)s%(flag)s") % {
                    "estimate": f"{figure.estimate:.0f}", "low": f"{figure.low:.0f}",
                    "high": f"{figure.high:.0f}", "wave": latest.wave.title,
                    "flag": "" if latest.wave.is_probability
                    else _(", not a probability sample")}
        rows.append(SummaryRow(str(found.short), values))
    return Summary(_("Residents’ survey (latest weighted wave, 95% interval)"), rows,
                   note=_("Figures of waves not published are shown to the council’s own "
                          "members only."))
