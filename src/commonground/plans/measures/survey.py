"""Residents' survey indicators (``survey:<question key>``, e.g. ``survey:get_on_well``):
the newest weighted estimate of a published wave, in per cent, with its 95 % interval, so
a target on it says "not yet distinguishable from the baseline" while the interval spans
the baseline. The first comparison is the latest published national figure (the rule
``survey_below_benchmark`` reads it).

A neighbourhood of one ward reads that ward's figure (modelled when the ward has too few
responses, and labelled so); other neighbourhoods read the council's figure, which the
reading says. Only published waves are read: a plan's readings may be shown to anyone.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonground.accounts.models import Organisation
from commonground.core.errors import InvalidInput
from commonground.core.scalars import Scalars, count_and_latest
from commonground.places.models import Area, AreaLevel
from commonground.plans.measures.base import Comparison, Reading, Request, Scope
from commonground.surveys import questions
from commonground.surveys.models import Wave, WaveWeighting, WeightingStatus
from commonground.surveys.selectors import LatestEstimate, latest_estimates


class SurveyIndicators:
    key = "survey"
    label = gettext_lazy("Residents’ survey indicator")

    def validate(self, param: str) -> None:
        found = questions.question(param)
        if found is None or not found.is_indicator:
            raise InvalidInput(_("There is no survey indicator called %(key)s.")
                               % {"key": param},
                               fields={"measure": [_("Choose a measure from the list.")]})

    def describe(self, param: str) -> str:
        found = questions.question(param)
        return str(found.short) if found else param

    def unit(self, param: str) -> str:
        return "%"

    def higher_is_better(self, param: str) -> bool | None:
        found = questions.question(param)
        return found.higher_is_better if found else None

    def options(self, scope: Scope) -> list[tuple[str, str]]:
        return [(f"survey:{q.key}", _("%(indicator)s (residents’ survey)")
                 % {"indicator": q.short}) for q in questions.indicators()]

    def stamp(self, council: Organisation) -> Scalars:
        return count_and_latest(WaveWeighting.objects.filter(
            wave__council_id=council.pk, status=WeightingStatus.DONE), "finished_at") + \
            count_and_latest(Wave.objects.filter(council_id=council.pk),
                             "updated_at")  # publishing saves the wave

    def read(self, requests: Sequence[Request]) -> list[Reading | None]:
        areas = []
        for request in requests:
            scope = request.scope
            one_ward = (len(scope.parts) == 1 and scope.parts[0].level == AreaLevel.WARD)
            areas.append(scope.parts[0] if one_ward else scope.council_area)
        found = latest_estimates([(r.code.partition(":")[2], area)
                                  for r, area in zip(requests, areas, strict=True)])
        return [None if estimate is None else _reading(request, area, estimate)
                for request, area, estimate in zip(requests, areas, found, strict=True)]


def _reading(request: Request, area: Area, estimate: LatestEstimate) -> Reading:
    found = questions.question(estimate.indicator)
    scope = request.scope
    notes = []
    if estimate.modelled:
        notes.append(_("Modelled: the ward has too few responses of its own, so its figure "
                       "leans on the other wards and the census."))
    if not estimate.probability:
        notes.append(_("Open (opt-in) survey: not a probability sample."))
    if not scope.is_council and area == scope.council_area:
        notes.append(_("The survey gives figures for the council and single wards: this is "
                       "%(council)s's figure, not the neighbourhood's.")
                     % {"council": scope.council_area.name})
    comparisons: tuple[Comparison, ...] = ()
    if estimate.national is not None:
        n = estimate.national
        comparisons = (Comparison(
            _("%(survey)s, %(where)s, %(period)s (%(mode)s)") % {
                "survey": n.survey, "where": n.geography, "period": n.period,
                "mode": n.mode}, n.value, f"{n.value:.0f}%"),)
    return Reading(
        code=request.code, label=str(found.short) if found else estimate.indicator,
        value=estimate.estimate, display=f"{estimate.estimate:.0f}%", unit="%",
        low=estimate.low, high=estimate.high, as_of=estimate.date,
        period=estimate.wave.title,
        source=_("Residents’ survey: %(wave)s") % {"wave": estimate.wave.title},
        geography=area.name, fresh=None,
        higher_is_better=found.higher_is_better if found else None,
        comparisons=comparisons, note=" ".join(notes),
        extra={"responses": estimate.responses, "effective": estimate.effective,
               "wave_id": estimate.wave.pk, "modelled": estimate.modelled})
