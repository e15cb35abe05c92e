"""Council indicators from places (``place:<indicator key>``), with their benchmarks.

A council's value comes with the average of its nearest neighbours, the figure for
England and Wales, its rank among itself and its neighbours and its percentile among all
councils. For a neighbourhood, the ethnic diversity and the population are worked out
from its parts' counts; the other indicators exist only for whole councils, so the
council's figure is shown and says so.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonground.accounts.models import Organisation
from commonground.core.errors import InvalidInput
from commonground.core.scalars import Scalars
from commonground.places import indicators, profile, selectors, subareas
from commonground.places.models import Area, Dataset
from commonground.plans import basket
from commonground.plans.measures.base import Comparison, Reading, Request, Scope

# The dataset each indicator is computed from: its period says how old the figure is.
SOURCE_DATASET = {
    "population": indicators.ETHNICITY_LSOA,
    "diversity": indicators.ETHNICITY_LSOA,
    "segregation_d": indicators.ETHNICITY_LSOA,
    "minority_d": indicators.ETHNICITY_LSOA,
    "isolation": indicators.ETHNICITY_LSOA,
    "english_proficiency": indicators.COUNCIL_CENSUS,
    "economic_inactivity": indicators.COUNCIL_CENSUS,
    "born_outside_uk": indicators.COUNCIL_CENSUS,
    "level4_plus": indicators.COUNCIL_CENSUS,
    "migration": indicators.COUNCIL_MIGRATION,
    "rural": indicators.RURAL_URBAN_LSOA,
    "deprivation": indicators.IMD_ENGLAND,
    "deprivation_wales": indicators.WIMD_WALES,
    "get_on_well": indicators.PLACE_SURVEY,
}
# Shares and rates are averaged over people; indices and scores by their middle council.
WEIGHTED_UNITS = ("%", "per 10,000")
# Worked out for a neighbourhood from its parts' counts.
FROM_PARTS = ("diversity", "population")


class PlaceIndicators:
    key = "place"
    label = gettext_lazy("Council indicator (open data)")

    def validate(self, param: str) -> None:
        if param not in indicators.BY_KEY:
            raise InvalidInput(_("There is no council indicator called %(key)s.")
                               % {"key": param},
                               fields={"measure": [_("Choose a measure from the list.")]})

    def describe(self, param: str) -> str:
        found = indicators.BY_KEY.get(param)
        return found.label if found else param

    def unit(self, param: str) -> str:
        found = indicators.BY_KEY.get(param)
        return found.unit if found else ""

    def higher_is_better(self, param: str) -> bool | None:
        found = indicators.BY_KEY.get(param)
        return found.higher_is_better if found else None

    def options(self, scope: Scope) -> list[tuple[str, str]]:
        # The indicators' names are marked in the places catalogue; the form shows them in
        # the page's language.
        return [(f"place:{i.key}", f"{_(i.label)} ({_(i.source)})")
                for i in indicators.INDICATORS if i.key != "population"]

    def stamp(self, council: Organisation) -> Scalars:
        return selectors.data_version_scalars()  # any open dataset, for the council or its peers

    def read(self, requests: Sequence[Request]) -> list[Reading | None]:
        matrix = selectors.council_matrix()
        if matrix is None:
            return [None] * len(requests)
        sources = {d.slug: d for d in Dataset.objects.filter(
            slug__in=set(SOURCE_DATASET.values()), organisation=None)}
        peers: dict[str, list[int]] = {}
        parts: dict[tuple[int, ...], subareas.Summary | None] = {}
        out: list[Reading | None] = []
        for request in requests:
            param = request.code.partition(":")[2]
            code = request.scope.council_area.code
            if param not in indicators.BY_KEY or code not in matrix.index:
                out.append(None)
                continue
            if code not in peers:
                peers[code] = [matrix.index[n.code]
                               for n in profile.neighbours_of(matrix, code)]
            reading = _council_reading(matrix, param, code, peers[code], sources, request)
            if reading is not None and not request.scope.is_council:
                reading = _neighbourhood(reading, param, request.scope, parts)
            out.append(reading)
        return out


def _national(column: Any, population: Any, unit: str) -> tuple[float | None, str]:
    known = ~np.isnan(column)
    if not known.any():
        return None, ""
    if unit in WEIGHTED_UNITS:
        weights = np.where(np.isnan(population), 0.0, population)[known]
        if weights.sum() > 0:
            return (float(np.average(column[known], weights=weights)),
                    _("England and Wales (all councils, weighted by population)"))
    return float(np.median(column[known])), _("England and Wales (middle council)")


def _council_reading(matrix: selectors.Matrix, param: str, code: str, peer_rows: list[int],
                     sources: dict[str, Dataset], request: Request) -> Reading | None:
    indicator = indicators.BY_KEY[param]
    column = matrix.column(param)
    row = matrix.index[code]
    value = float(column[row])
    if math.isnan(value):
        return None
    peer_values = column[peer_rows]
    peer_values = peer_values[~np.isnan(peer_values)]
    comparisons = []
    if peer_values.size:
        mean = float(peer_values.mean())
        comparisons.append(Comparison(
            _("Average of its %(n)d nearest neighbours") % {"n": peer_values.size}, mean,
            indicator.format(mean)))
    national, label = _national(column, matrix.column("population"), indicator.unit)
    if national is not None:
        comparisons.append(Comparison(label, national, indicator.format(national)))
    known = column[~np.isnan(column)]
    dataset = sources.get(SOURCE_DATASET.get(param, ""))
    as_of = basket.period_date(dataset.period) if dataset else None
    return Reading(
        code=request.code, label=indicator.label, value=value,
        display=indicator.format(value), unit=indicator.unit, as_of=as_of,
        period=dataset.period if dataset else "",
        source=dataset.title if dataset else indicator.source,
        geography=_("%(name)s (whole council)") % {"name": request.scope.council_area.name},
        fresh=basket.is_fresh(as_of, dataset.slug if dataset else "", request.on),
        higher_is_better=indicator.higher_is_better, comparisons=tuple(comparisons),
        peer_rank=int(np.sum(peer_values > value)) + 1,
        peer_count=int(peer_values.size) + 1,
        national_percentile=100.0 * float(np.mean(known <= value)),
        note=indicator.description)


def _neighbourhood(reading: Reading, param: str, scope: Scope,
                   kept: dict[tuple[int, ...], subareas.Summary | None]) -> Reading:
    """A council reading seen from a neighbourhood: worked out from its parts where the
    counts allow, otherwise the council's figure, marked as such."""
    council_note = _("Held for whole councils only: this is %(council)s's figure, not "
                     "the neighbourhood's.") % {"council": scope.council_area.name}
    if param not in FROM_PARTS:
        return replace(reading, note=council_note)
    key = tuple(a.pk for a in scope.parts)
    if key not in kept:
        kept[key] = _parts_summary(scope.council_area, list(scope.parts))
    summary = kept[key]
    value = None if summary is None else (summary.diversity if param == "diversity"
                                          else summary.population)
    if summary is None or value is None:
        return replace(reading, note=council_note)
    indicator = indicators.BY_KEY[param]
    whole = Comparison(_("%(council)s as a whole") % {"council": scope.council_area.name},
                       reading.value, reading.display)
    return replace(reading, value=value, display=indicator.format(value),
                    geography=scope.name, comparisons=(whole, *reading.comparisons),
                    peer_rank=None, peer_count=None, national_percentile=None,
                    note=_("Worked out from the counts of its %(n)d areas.")
                    % {"n": summary.parts})


def _parts_summary(council: Area, parts: list[Area]) -> subareas.Summary | None:
    level = parts[0].level
    for found_level, dataset in selectors.sub_area_levels(council):
        if found_level == level:
            return subareas.build(level, dataset,
                                  selectors.areas_with_values(parts, dataset)).summary
    return None
