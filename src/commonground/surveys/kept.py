"""A wave's indicator page, its slow part kept rendered per process while nothing it
shows has changed.

The page's middle (the council, national and 2008 comparisons, wards with their chart,
groups with disclosure control, the trend over the council's waves) comes from the
weightings' stored results, which no request changes; building it meant decoding every
weighting's results, protecting each breakdown's counts and rendering a dozen tables and
charts on every request. It is kept here (``core.stamped``) under what it depends on:

* the key: the wave, the indicator, whether the reader is the council's (whose trend
  includes waves not published), the language, whether the wards have boundaries (the
  map), the floor of effective responses and the disclosure threshold;
* the stamp, read first (:func:`results_stamp`): in one query the council's waves (a
  change through the services moves ``updated_at``; a new or deleted wave changes the
  count; which are published is summed apart, so publishing shows however it was saved)
  and their finished weightings (reweighting adds one); and the open data's version
  (:func:`places.selectors.data_version`), which decides the 2008 neighbours.

The view fetches the wave through ``access.get_wave_for_user`` before anything here is
read, so who may see what is decided as before; the header (flags such as "published")
is rendered from the fresh wave on every request.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, replace

from django.db.models import Count, Max, Q, Sum
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from commonground.core.disclosure import min_count
from commonground.core.stamped import StampedValues
from commonground.places import selectors as place_selectors
from commonground.surveys import charts
from commonground.surveys.models import Wave, WeightingStatus
from commonground.surveys.results import floor, wave_results


@dataclass(frozen=True)
class IndicatorPart:
    """The page's title (the question's short name) and its rendered middle."""

    title: str
    body: SafeString


# Waves x indicators x two audiences x two languages; past this they are built again.
_parts: StampedValues[tuple[Hashable, ...], IndicatorPart | None] = StampedValues(
    max_keys=400)


def results_stamp(council_id: int) -> tuple[Hashable, ...]:
    """What a council's results pages depend on besides the wave: one aggregate query
    over its waves and their finished weightings, and the open data's version."""
    done = Q(weightings__status=WeightingStatus.DONE)
    found = Wave.objects.filter(council_id=council_id).aggregate(
        wave_count=Count("pk", distinct=True), changed=Max("updated_at"),
        # Which waves are published, even if a change to it did not move updated_at.
        published=Sum("pk", filter=Q(published=True), distinct=True),
        weighted=Count("weightings", filter=done, distinct=True),
        last_weighted=Max("weightings__finished_at", filter=done))
    return (found["wave_count"], found["changed"], found["published"], found["weighted"],
            found["last_weighted"], place_selectors.data_version())


def indicator_part(wave: Wave, key: str, *, reader_is_council: bool,
                   has_boundaries: bool) -> IndicatorPart | None:
    """The kept middle of ``wave``'s page for indicator ``key``; None when the wave has
    no weighted figure for it. ``wave`` must come from the access function."""
    stamp = results_stamp(wave.council_id)
    part_key = (wave.pk, key, reader_is_council, translation.get_language() or "",
                has_boundaries, floor(), min_count())

    def build() -> IndicatorPart | None:
        return _build(wave, key, reader_is_council=reader_is_council,
                      has_boundaries=has_boundaries)

    return _parts.get(part_key, stamp, build)


def _build(wave: Wave, key: str, *, reader_is_council: bool,
           has_boundaries: bool) -> IndicatorPart | None:
    found = wave_results(wave, reader_is_council=reader_is_council, detail=key)
    result = found.indicator(key)
    if result is None:
        return None
    missing = _("not enough responses")
    national = result.national[0].value if result.national else None
    council = replace(result.council, label=wave.council.name)
    # Rendered without the request: nothing of one reader may go into what all share.
    body = render_to_string("surveys/includes/indicator_body.html", {
        "wave": wave, "results": found, "result": result, "missing": missing,
        "has_boundaries": has_boundaries,
        "council_chart": charts.interval_chart([council], reference=national),
        "ward_chart": charts.interval_chart(result.wards, missing=missing),
        "group_charts": [(b, charts.interval_chart([r.figure for r in b.rows],
                                                   missing=missing))
                         for b in result.breakdowns],
        "trend_chart": charts.interval_chart(
            [replace(p.figure, label=p.wave.title) for p in result.trend],
            missing=missing)})
    return IndicatorPart(str(result.question.short), SafeString(body))
