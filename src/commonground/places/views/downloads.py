"""CSV and GeoJSON downloads of what the pages show (the same numbers, from the same code)."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse

from commonground.core import csvfile
from commonground.core.errors import not_found
from commonground.places import access, maps, profile, selectors, subareas
from commonground.places.indicators import KEYS
from commonground.places.models import Area

ATTRIBUTION = ("Contains public sector information licensed under the Open Government Licence "
               "v3.0. Contains OS data (c) Crown copyright and database right.")


def council_indicators_csv(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_council_area(code.upper())
    data = profile.council_profile(area)
    rows = [[area.code, area.name, v.indicator.key, v.indicator.label, v.value,
             v.indicator.unit, v.benchmark.rank if v.benchmark else None,
             v.benchmark.of if v.benchmark else None,
             v.benchmark.quartile if v.benchmark else None, v.indicator.source]
            for v in data.values.values()]
    return csvfile.response(f"{area.code}-indicators.csv",
                        ["code", "name", "indicator", "label", "value", "unit",
                         "rank_among_neighbours", "of", "quartile_1_best", "source"], rows)


def neighbours_csv(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_council_area(code.upper())
    data = profile.council_profile(area)
    rows = [[area.code, n.code, n.name, n.distance,
             "; ".join(f"{label}: {share:.1f}%" for label, share in n.shares)]
            for n in data.neighbours]
    return csvfile.response(f"{area.code}-nearest-neighbours.csv",
                        ["code", "neighbour_code", "neighbour_name", "distance",
                         "share_of_distance_by_indicator"], rows)


def _table(request: HttpRequest, code: str, *, shapes: bool = False
           ) -> tuple[Area, subareas.SubAreaTable]:
    council = access.get_council_area(code.upper())
    _choices, _chosen, table = maps.map_table(request.user, request.GET, council, shapes=shapes)
    if table is None:
        raise not_found("set of areas")
    return council, table


def sub_areas_csv(request: HttpRequest, code: str) -> HttpResponse:
    council, table = _table(request, code)
    header, rows = subareas.csv_rows(table)
    return csvfile.response(f"{council.code}-{table.level}.csv", header, rows)


def sub_areas_geojson(request: HttpRequest, code: str) -> HttpResponse:
    council, table = _table(request, code, shapes=True)
    measure = subareas.chosen_measure(table, request.GET.get("show"))
    data = subareas.feature_collection(table, measure)
    data["attribution"] = ATTRIBUTION
    response = HttpResponse(json.dumps(data), content_type="application/geo+json")
    response["Content-Disposition"] = f'attachment; filename="{council.code}-{table.level}.geojson"'
    return response


def national_csv(request: HttpRequest) -> HttpResponse:
    matrix = selectors.council_matrix()
    rows = [] if matrix is None else [
        [code, name, *[None if v != v else float(v) for v in matrix.values[i]]]
        for i, (code, name) in enumerate(zip(matrix.codes, matrix.names, strict=True))]
    return csvfile.response("council-indicators.csv", ["code", "name", *KEYS], rows)
