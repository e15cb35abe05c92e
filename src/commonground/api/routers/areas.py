"""Areas, indicators, nearest neighbours and maps: the same data as the /areas/ pages.

Open data needs no token; a council's own things (custom areas, imports, its family-group
judgement) go through the same access functions as the pages.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import ConfigDict, Field

from commonground.accounts.types import SignedInRequest
from commonground.api.auth import token_or_session
from commonground.api.schemas import ErrorOut, Id, LongPaging
from commonground.core.errors import InvalidInput, not_found
from commonground.places import (
    access,
    area_search,
    indicators,
    profile,
    selectors,
    services,
    subareas,
)
from commonground.places.models import Area, AreaLevel

router = Router(tags=["Areas"])
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class AreaOut(Schema):
    code: str
    name: str
    level: str
    parent_code: str | None


class IndicatorOut(Schema):
    key: str
    label: str
    value: float | None
    unit: str
    higher_is_better: bool | None
    rank_among_neighbours: int | None
    of: int | None
    quartile: int | None = Field(description="1 is the best quarter, 4 the worst")
    source: str


class FactorOut(Schema):
    label: str
    value: str
    threshold: str
    side: str


class FamilyOut(Schema):
    number: int | None
    computed: int | None
    name: str | None
    average_cohesion: float | None
    overridden: bool
    reason: str
    factors: list[FactorOut]


class PartOut(Schema):
    label: str
    count: float
    share: float


class AreaDetailOut(AreaOut):
    population: float | None
    composition: list[PartOut]
    indicators: list[IndicatorOut]
    family_group: FamilyOut | None


class NeighbourOut(Schema):
    code: str
    name: str
    distance: float
    shares: dict[str, float] = Field(description="indicator label -> per cent of the distance")


class ChildOut(Schema):
    code: str
    name: str
    population: float
    diversity: float | None
    counts: dict[str, float]


class JudgementIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)
    industrial_decline: bool | None = None
    override_group: int | None = None
    reason: str = ""


class CustomAreaIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)
    council_code: str
    name: str
    members: list[str]


class CustomAreaOut(Schema):
    id: int
    name: str
    council_code: str
    level: str
    members: list[str]
    population: float | None
    diversity: float | None
    dissimilarity: float | None


class ImportJobOut(Schema):
    id: int
    file_name: str
    status: str
    progress: int
    summary: str
    problems: list[dict[str, Any]]


def _area(a: Area) -> dict[str, Any]:
    return {"code": a.code, "name": a.name, "level": a.level,
            "parent_code": a.parent.code if a.parent_id and a.parent else None}


class AreaMatchOut(Schema):
    code: str
    name: str
    name_cy: str
    level: str
    council: str
    matched: str
    score: float


@router.get("/areas/search", response={200: list[AreaMatchOut], **ERRORS}, auth=None,
            summary="Councils and wards by name, forgiving typos, in English or Welsh")
def search_areas(request: HttpRequest, q: str = "") -> list[dict[str, Any]]:
    return [{"code": m.entry.code, "name": m.entry.name, "name_cy": m.entry.name_cy,
             "level": m.entry.level, "council": m.entry.council, "matched": m.matched,
             "score": m.score} for m in area_search.search(q[:100])]


@router.get("/areas", response={200: list[AreaOut], **ERRORS}, auth=None,
            summary="Areas: councils by default, or those inside one area (its children, "
                    "or for a council every area of the level in it)")
def list_areas(request: HttpRequest, paging: Query[LongPaging],
               level: str = AreaLevel.COUNCIL, q: str = "", parent: str = ""
               ) -> list[dict[str, Any]]:
    if level not in AreaLevel.values:
        raise InvalidInput("Unknown level.", fields={"level": [
            f"Choose one of {', '.join(AreaLevel.values)}."]})
    areas = Area.objects.filter(level=level).select_related("parent").order_by("name")
    if q:
        areas = areas.filter(name__icontains=q)
    if parent:
        areas = areas.filter(Q(parent__code=parent.upper()) | Q(council__code=parent.upper()))
    return [_area(a) for a in paging.window(areas)]


@router.get("/areas/geojson", auth=None, url_name="areas_geojson",
            summary="Every council's boundary with one indicator (GeoJSON)")
def councils_geojson(request: HttpRequest, indicator: str = "diversity") -> dict[str, Any]:
    if indicator not in indicators.BY_KEY:
        raise InvalidInput("Unknown indicator.", fields={"indicator": [
            f"Choose one of {', '.join(indicators.KEYS)}."]})
    matrix = selectors.council_matrix()
    column = {} if matrix is None else dict(zip(matrix.codes, matrix.column(indicator),
                                                strict=True))
    features = []
    for code, name, boundary in selectors.boundaries(Area.objects.filter(
            level=AreaLevel.COUNCIL)):
        value = column.get(code)
        features.append({"type": "Feature", "geometry": boundary, "properties": {
            "code": code, "name": name,
            "value": None if value is None or value != value else float(value)}})
    return {"type": "FeatureCollection", "features": features}


@router.get("/areas/custom/{custom_id}", response={200: CustomAreaOut, **ERRORS},
            auth=token_or_session, summary="One of your council's custom areas")
def custom_area(request: HttpRequest, custom_id: Id) -> dict[str, Any]:
    return _custom(access.get_custom_area_for_user(request.user, custom_id))


@router.post("/areas/custom", response={201: CustomAreaOut, **ERRORS}, auth=token_or_session,
             summary="Make a custom area from your council's wards, LSOAs or output areas")
def create_custom_area(request: SignedInRequest, payload: CustomAreaIn) -> Status[dict[str, Any]]:
    organisation = access.get_council_workspace_for_user(request.user,
                                                         payload.council_code.upper(),
                                                         write=True)
    council = access.get_council_area(payload.council_code.upper())
    custom = services.create_custom_area(actor=request.user, organisation=organisation,
                                         council=council, name=payload.name,
                                         member_codes=payload.members)
    return Status(201, _custom(custom))


def _custom(custom: Any) -> dict[str, Any]:
    table = subareas.for_custom(custom)
    summary = table.summary if table else None
    return {"id": custom.pk, "name": custom.name, "council_code": custom.council.code,
            "level": custom.level,
            "members": sorted(custom.members.values_list("code", flat=True)),
            "population": summary.population if summary else None,
            "diversity": summary.diversity if summary else None,
            "dissimilarity": summary.dissimilarity if summary else None}


@router.get("/areas/imports/{job_id}", response={200: ImportJobOut, **ERRORS},
            auth=token_or_session, summary="Progress and result of an upload")
def import_job(request: HttpRequest, job_id: Id) -> dict[str, Any]:
    job = access.get_import_job_for_user(request.user, job_id)
    return {"id": job.pk, "file_name": job.file_name, "status": job.status,
            "progress": job.progress, "summary": job.summary, "problems": job.problems}


@router.get("/areas/{code}", response={200: AreaDetailOut, **ERRORS}, auth=None,
            summary="One area with its indicators (and, for a council, its family group)")
def area_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    area = selectors.area_by_code(code.upper())
    out: dict[str, Any] = {**_area(area), "population": None, "composition": [],
                           "indicators": [], "family_group": None}
    if area.level != AreaLevel.COUNCIL:
        found = selectors.composition_rows(area).first()
        if found:
            parts = profile.composition_of(found.values, found.total, found.dataset.labels)
            out["population"] = found.total
            out["composition"] = [vars(p) for p in parts]
        return out
    data = profile.council_profile(area)
    out["population"] = data.population
    out["composition"] = [vars(p) for p in data.composition]
    out["indicators"] = [{
        "key": v.indicator.key, "label": v.indicator.label, "value": v.value,
        "unit": v.indicator.unit, "higher_is_better": v.indicator.higher_is_better,
        "rank_among_neighbours": v.benchmark.rank if v.benchmark else None,
        "of": v.benchmark.of if v.benchmark else None,
        "quartile": v.benchmark.quartile if v.benchmark else None,
        "source": v.indicator.source} for v in data.values.values()]
    if data.family is not None:
        out["family_group"] = _family(data.family)
    return out


def _family(f: Any) -> dict[str, Any]:
    return {"number": f.number, "computed": f.computed, "name": f.name,
            "average_cohesion": f.average_cohesion, "overridden": f.overridden,
            "reason": f.judgement.reason if f.judgement else "",
            "factors": [vars(x) for x in f.factors]}


@router.get("/areas/{code}/neighbours", response={200: list[NeighbourOut], **ERRORS},
            auth=None, summary="A council's 15 nearest neighbours and why")
def neighbours(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    area = access.get_council_area(code.upper())
    data = profile.council_profile(area)
    return [{"code": n.code, "name": n.name, "distance": n.distance, "shares": dict(n.shares)}
            for n in data.neighbours]


@router.get("/areas/{code}/children", response={200: list[ChildOut], **ERRORS}, auth=None,
            summary="Wards, LSOAs or output areas of a council with their counts")
def children(request: HttpRequest, code: str, level: str = AreaLevel.LSOA
             ) -> list[dict[str, Any]]:
    table = subareas.for_council(access.get_council_area(code.upper()), level)
    return [{"code": r.area.code, "name": r.area.name, "population": r.total,
             "diversity": r.diversity, "counts": dict(zip(table.keys, r.counts, strict=True))}
            for r in table.rows]


@router.get("/areas/{code}/geojson", auth=None, url_name="area_geojson",
            summary="Boundaries of a council's wards, LSOAs or output areas with a measure")
def children_geojson(request: HttpRequest, code: str, level: str = AreaLevel.LSOA,
                     show: str = "diversity") -> dict[str, Any]:
    table = subareas.for_council(access.get_council_area(code.upper()), level, shapes=True)
    return subareas.feature_collection(table, subareas.chosen_measure(table, show))


@router.put("/areas/{code}/family-group", response={200: FamilyOut, **ERRORS},
            auth=token_or_session, summary="Record your council's judgement of its family group")
def judge(request: SignedInRequest, code: str, payload: JudgementIn) -> dict[str, Any]:
    area = access.get_family_judgement_for_user(request.user, code.upper(), write=True)
    services.set_family_judgement(actor=request.user, council=area,
                                  industrial_decline=payload.industrial_decline,
                                  override_group=payload.override_group, reason=payload.reason)
    f = profile.council_profile(area).family
    if f is None:
        raise not_found("family group")
    return _family(f)
