"""A wave's results: every indicator for the council, then one indicator's page (wards
with their map, groups, trend, national and 2008 comparisons), its CSV and its map's
GeoJSON. Results of a published wave are everyone's; the rest are the council's
members' (``access.get_wave_for_user``). Free text is never read here."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from commonground.core import csvfile
from commonground.core.errors import not_found
from commonground.places.models import Area, AreaLevel
from commonground.surveys import access, charts, kept
from commonground.surveys.models import Wave
from commonground.surveys.results import TableRow, WaveResults, rounded, table_rows, wave_results

ATTRIBUTION = ("Contains OS data (c) Crown copyright and database right; ONS, Open "
               "Government Licence v3.0.")


def _read(request: HttpRequest, wave_id: int, detail: str | None) -> WaveResults:
    wave = access.get_wave_for_user(request.user, wave_id)
    reader_is_council = wave.council_id in access.reach_of(request.user).read_councils
    return wave_results(wave, reader_is_council=reader_is_council, detail=detail)


def results(request: HttpRequest, wave_id: int) -> HttpResponse:
    found = _read(request, wave_id, None)
    figures = [i.council for i in found.indicators]
    labelled = [replace(f, label=str(i.question.short))
                for f, i in zip(figures, found.indicators, strict=True)]
    return render(request, "surveys/results.html", {
        "wave": found.wave, "results": found, "can_run": access.may_run(request.user,
                                                                        found.wave),
        "chart": charts.interval_chart(labelled, missing=_("not enough responses"))})


def indicator(request: HttpRequest, wave_id: int, key: str) -> HttpResponse:
    wave = access.get_wave_for_user(request.user, wave_id)
    reader_is_council = wave.council_id in access.reach_of(request.user).read_councils
    has_boundaries = Area.objects.filter(
        level=AreaLevel.WARD, council__code=wave.council.area_code,
        boundary__isnull=False).exists()
    part = kept.indicator_part(wave, key, reader_is_council=reader_is_council,
                               has_boundaries=has_boundaries)
    if part is None:
        raise not_found(_("indicator"))
    return render(request, "surveys/indicator.html", {
        "wave": wave, "part": part, "has_boundaries": has_boundaries})


def _note(wave: Wave) -> str:
    return "" if wave.is_probability else "not a probability sample (open, opt-in)"


def results_csv(request: HttpRequest, wave_id: int) -> HttpResponse:
    found = _read(request, wave_id, "*")
    wave = found.wave

    def row(line: TableRow) -> list[Any]:
        figure = line.figure
        note = ("modelled (Fay-Herriot)" if figure.modelled else
                "" if figure.shown else "not enough responses")
        return [wave.pk, wave.title, wave.ends_on.isoformat(), line.indicator, line.kind,
                line.code, line.name, rounded(figure.estimate), rounded(figure.low),
                rounded(figure.high), figure.responses, rounded(figure.effective),
                "yes" if figure.modelled else "no",
                "; ".join(n for n in (note, _note(wave), "demonstration data"
                                      if wave.is_demo else "") if n)]

    return csvfile.response(
        f"survey-{wave.pk}-results.csv",
        ["wave_id", "wave", "fieldwork_ended", "indicator", "area_or_group", "code", "name",
         "estimate_pct", "ci_low_pct", "ci_high_pct", "responses", "effective_responses",
         "modelled", "note"], [row(line) for line in table_rows(found)])


def results_geojson(request: HttpRequest, wave_id: int, key: str) -> HttpResponse:
    found = _read(request, wave_id, key)
    result = found.indicator(key)
    if result is None:
        raise not_found(_("indicator"))
    figures = {w.key: w for w in result.wards}
    shapes = (Area.objects.filter(level=AreaLevel.WARD,
                                  council__code=found.wave.council.area_code,
                                  boundary__isnull=False)
              .values_list("code", "name", "boundary"))
    features = [{"type": "Feature", "geometry": boundary, "properties": {
        "code": code, "name": name,
        "value": figures[code].estimate if code in figures and figures[code].shown else None,
        "modelled": bool(code in figures and figures[code].modelled)}}
        for code, name, boundary in shapes]
    data: dict[str, Any] = {"type": "FeatureCollection", "features": features,
                            "attribution": ATTRIBUTION}
    if not features:
        data["note"] = _("There are no ward boundaries to draw; the table has every figure.")
    return HttpResponse(json.dumps(data), content_type="application/geo+json")
