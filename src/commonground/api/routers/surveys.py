"""The residents' survey over the API: the waves the caller may see (their council's own
for its members, published ones for everyone) and a wave's results for its current
weighting, through the same access function and the same figures as the pages and the
CSV download (``surveys.results``). Raw responses and free text are never given."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from commonground.api.auth import public_or_token
from commonground.api.schemas import ErrorOut, Id, Paging
from commonground.surveys import access
from commonground.surveys.models import Wave
from commonground.surveys.results import rounded, table_rows, wave_results

router = Router(tags=["Surveys"], auth=public_or_token)
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut}
NOT_ENOUGH = "not enough responses"


class WaveOut(Schema):
    id: int
    name: str
    council: str
    council_code: str
    starts_on: datetime.date
    ends_on: datetime.date
    mode: str
    design: str
    is_probability: bool = Field(description="False for an open (opt-in) wave: its figures "
                                             "do not stand for the population")
    is_demo: bool = Field(description="Demonstration data, not a survey")
    published: bool


class FigureOut(Schema):
    indicator: str
    area_or_group: str = Field(description="'council', 'ward', or a group's question "
                                           "('age_band', 'sex', 'ethnic_group', 'disability')")
    code: str
    name: str
    estimate_pct: float | None = Field(description="Null when suppressed")
    ci_low_pct: float | None = Field(description="95 % interval, null when suppressed")
    ci_high_pct: float | None
    responses: int | None = Field(description="Null where disclosure control hides the count")
    effective_responses: float | None
    modelled: bool = Field(description="A Fay-Herriot modelled ward estimate")
    suppressed: str | None = Field(description=f"Why the estimate is null ('{NOT_ENOUGH}'), "
                                               "or null when it is given")


class WaveResultsOut(Schema):
    wave: WaveOut
    weighted_at: datetime.datetime | None = Field(
        description="When the current weighting finished; null (and no figures) when the "
                    "wave has not been weighted")
    min_effective_responses: float = Field(
        description="Figures on fewer effective responses are suppressed (wards get a "
                    "modelled estimate instead where the model allows)")
    figures: list[FigureOut]


def _wave(wave: Wave) -> dict[str, Any]:
    return {"id": wave.pk, "name": wave.title, "council": wave.council.name,
            "council_code": wave.council.area_code, "starts_on": wave.starts_on,
            "ends_on": wave.ends_on, "mode": wave.mode, "design": wave.design,
            "is_probability": wave.is_probability, "is_demo": wave.is_demo,
            "published": wave.published}


@router.get("/survey-waves", response={200: list[WaveOut], **ERRORS},
            summary="Survey waves I may see: published ones, and my council's own")
def waves(request: HttpRequest, paging: Query[Paging]) -> list[dict[str, Any]]:
    visible = (access.visible_waves(request.user).select_related("council")
               .order_by("-starts_on", "title", "pk"))
    return [_wave(w) for w in paging.window(visible)]


@router.get("/survey-waves/{wave_id}", response={200: WaveOut, **ERRORS},
            summary="One survey wave")
def wave(request: HttpRequest, wave_id: Id) -> dict[str, Any]:
    return _wave(access.get_wave_for_user(request.user, wave_id))


@router.get("/survey-waves/{wave_id}/results", response={200: WaveResultsOut, **ERRORS},
            summary="A wave's results for its current weighting: each indicator for the "
                    "council, each ward and each group (the numbers of its CSV download)")
def results(request: HttpRequest, wave_id: Id) -> dict[str, Any]:
    found = access.get_wave_for_user(request.user, wave_id)
    reader_is_council = found.council_id in access.reach_of(request.user).read_councils
    read = wave_results(found, reader_is_council=reader_is_council, detail="*")
    figures = [{
        "indicator": row.indicator, "area_or_group": row.kind, "code": row.code,
        "name": row.name, "estimate_pct": rounded(row.figure.estimate),
        "ci_low_pct": rounded(row.figure.low), "ci_high_pct": rounded(row.figure.high),
        "responses": row.figure.responses, "effective_responses": rounded(row.figure.effective),
        "modelled": row.figure.modelled,
        "suppressed": None if row.figure.shown else NOT_ENOUGH} for row in table_rows(read)]
    return {"wave": _wave(found),
            "weighted_at": read.weighting.finished_at if read.weighting else None,
            "min_effective_responses": read.floor, "figures": figures}
