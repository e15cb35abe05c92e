"""Council index, area profiles, sub-area maps and the national map."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from commonground.places import (
    access,
    area_search,
    indicators,
    maps,
    pagecache,
    profile,
    selectors,
    subareas,
)
from commonground.places.forms import SearchForm
from commonground.places.models import Area, AreaLevel


def index(request: HttpRequest) -> HttpResponse:
    if not request.GET:
        # The list of every council, the same for every visitor: kept whole, as the
        # profiles are, while the data version holds (some 300 rows took 30 ms).
        version = selectors.data_version()
        return pagecache.public_page(request, ("index", version), lambda: _index(request))
    return _index(request)


def _index(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    return render(request, "places/index.html", {
        "search": form, "query": query,
        "matches": area_search.search(query) if query else None,
        "councils": [] if query else selectors.councils(),
        "uploads": bool(access.upload_organisations(request.user)),
    })


def detail(request: HttpRequest, code: str) -> HttpResponse:
    code = code.upper()
    version = selectors.data_version()
    return pagecache.public_page(request, ("detail", code, version),
                                 lambda: _detail(request, code, version))


def _detail(request: HttpRequest, code: str, version: str) -> HttpResponse:
    area = selectors.area_by_code_at(code, version)
    if area.level == AreaLevel.COUNCIL:
        links = access.council_links_for_user(request.user, area.code)
        return render(request, "places/council.html", {
            "area": area, "trail": selectors.ancestors(area),
            # Computed only when the cached fragment of the page is missing or stale.
            "profile": SimpleLazyObject(lambda: profile.council_profile(area)),
            "version": version,
            "levels": selectors.sub_area_levels_at(area, version),
            "can_judge": links.can_judge, "workspace": links.workspace,
        })
    return render(request, "places/area.html", {
        "area": area, "trail": selectors.ancestors(area), "tables": _own_tables(area),
        "inside": subareas.inside(area), "age": selectors.age_structure(area),
    })


def _own_tables(area: Area) -> list[subareas.SubAreaTable]:
    """The counts datasets that cover this one area, as one-row tables (age and sex are
    shown as the area's age structure instead)."""
    tables = []
    for found in selectors.composition_rows(area):
        tables.append(subareas.build(area.level, found.dataset,
                                     [(area, found.values, found.total)]))
    return tables


def council_map(request: HttpRequest, code: str) -> HttpResponse:
    council = access.get_council_area(code.upper())
    choices, chosen, table = maps.map_table(request.user, request.GET, council)
    context: dict[str, Any] = {"area": council, "choices": choices}
    if chosen is None or table is None:
        # Said on the page rather than a 404: the council exists, its small areas do not.
        return render(request, "places/council_map.html", {
            **context, "note": _("No figures for wards, LSOAs or output areas of %(council)s are "
                               "loaded, so there is no map to draw.") % {
                                   "council": council.display_name}})
    measure = subareas.chosen_measure(table, request.GET.get("show"))
    values = [(row, table.value(row, measure)) for row in table.rows]
    shapes = selectors.drawable(council, chosen.level)
    return render(request, "places/council_map.html", {
        **context, "table": table, "chosen": chosen, "level": chosen.level, "measure": measure,
        "measure_label": dict(table.measures())[measure], "values": values,
        "level_label": AreaLevel(chosen.level).label, "shapes": shapes,
        "note": subareas.nothing_to_draw(chosen.level, len(table.rows), shapes),
    })


def national_map(request: HttpRequest) -> HttpResponse:
    key = request.GET.get("show")
    indicator = indicators.BY_KEY.get(key or "", indicators.BY_KEY["diversity"])
    matrix = selectors.council_matrix()
    rows = []
    if matrix is not None:
        column = matrix.column(indicator.key)
        rows = sorted(((code, name, None if v != v else float(v)) for code, name, v
                       in zip(matrix.codes, matrix.names, column, strict=True)),
                      key=lambda r: r[1])
    return render(request, "places/national_map.html", {
        "indicator": indicator, "rows": rows,
        "choices": [indicators.BY_KEY[k] for k in indicators.MAP_KEYS],
    })
