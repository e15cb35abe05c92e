"""Action plans over the API: read the plans the caller may see (published ones without a
token), and post progress updates on actions with a token, through the same access
functions and services as the pages. People outside a plan get it without people: no
lead officers, no authors, only updates marked public, counts under disclosure control."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import ConfigDict, Field

from commonground.accounts.types import SignedInRequest
from commonground.api.auth import public_or_token, token_or_session
from commonground.api.schemas import ErrorOut, Id, Paging
from commonground.core.disclosure import safe_count
from commonground.plans import access, selectors, transfer
from commonground.plans.models import ActionPlan, ProgressUpdate
from commonground.plans.services import progress as progress_services

router = Router(tags=["Plans"], auth=public_or_token)
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class PlanOut(Schema):
    id: int
    title: str
    council: str
    council_code: str
    status: str
    period_start: datetime.date
    period_end: datetime.date
    url: str
    public_url: str | None


class MilestoneOut(Schema):
    title: str
    due_on: datetime.date
    status: str
    completed_on: datetime.date | None
    weight: int


class ActionOut(Schema):
    id: int
    ref: str
    parent_ref: str | None
    title: str
    description: str
    status: str
    rag: str
    rag_reason: str
    lead_organisation: str | None
    lead_officer: str | None = Field(description="Only for the plan's own people")
    partners: list[str]
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    weight: int
    progress: float = Field(description="Per cent, rolled up from milestones and sub-actions")
    milestones: list[MilestoneOut]
    last_update: datetime.datetime | None


class TargetOut(Schema):
    title: str
    measure: str
    measure_label: str
    area: str | None
    action_ref: str | None
    baseline_value: float | None = Field(description="Null where a small count is hidden")
    baseline_on: datetime.date
    target_value: float | None
    target_on: datetime.date
    latest_value: float | None
    latest_low: float | None
    latest_high: float | None
    latest_on: datetime.date | None
    verdict: str
    explanation: str


class PlanDetailOut(PlanOut):
    vision: str
    signed_off_by: str
    signed_off_on: datetime.date | None
    progress: float
    actions: list[ActionOut]
    targets: list[TargetOut]


class UpdateIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)
    text: str = Field(max_length=10_000)
    link: str = Field("", max_length=500)
    public: bool = Field(False, description="It holds no personal data and may be shown on "
                                            "the public page")


class UpdateOut(Schema):
    id: int
    created_at: datetime.datetime
    organisation: str | None
    author: str | None = Field(description="Only for the plan's own people")
    text: str
    link: str
    file_name: str
    public: bool


def _plan(plan: ActionPlan) -> dict[str, Any]:
    return {"id": plan.pk, "title": plan.title, "council": plan.council.name,
            "council_code": plan.council.area_code, "status": plan.status,
            "period_start": plan.period_start, "period_end": plan.period_end,
            "url": reverse("plans:plan", args=[plan.pk]),
            "public_url": reverse("plans:public", args=[plan.pk]) if plan.is_published
            else None}


@router.get("/plans", response={200: list[PlanOut], **ERRORS},
            summary="Plans I may read: published ones, and my council's or partners' own")
def plans(request: HttpRequest, paging: Query[Paging]) -> list[dict[str, Any]]:
    visible = access.visible_plans(request.user).select_related("council")
    return [_plan(p) for p in paging.window(visible.order_by("council__name", "-period_start"))]


def _hidden(value: float | None, counted: bool) -> float | None:
    if value is None or not counted:
        return value
    return None if safe_count(int(round(value))) is None else value


@router.get("/plans/{plan_id}", response={200: PlanDetailOut, **ERRORS},
            summary="A plan with its actions, milestones and targets' latest values")
def plan(request: HttpRequest, plan_id: Id) -> dict[str, Any]:
    found = access.get_plan_for_user(request.user, plan_id)
    insider = access.is_insider(request.user, found)
    page = selectors.plan_page(found, timezone.localdate())
    refs = {row.action.pk: row.ref for row in page.rows}
    actions = [{
        "id": row.action.pk, "ref": row.ref, "parent_ref": refs.get(row.action.parent_id or 0),
        "title": row.action.title, "description": row.action.description,
        "status": row.action.status, "rag": row.action.rag,
        "rag_reason": row.action.rag_reason,
        "lead_organisation": row.action.lead_organisation.name
        if row.action.lead_organisation else None,
        "lead_officer": row.action.lead_officer.full_name
        if insider and row.action.lead_officer else None,
        "partners": [p.name for p in row.partners], "starts_on": row.action.starts_on,
        "ends_on": row.action.ends_on, "weight": row.action.weight,
        "progress": round(row.rollup.progress, 2),
        "milestones": [{"title": m.title, "due_on": m.due_on, "status": m.status,
                        "completed_on": m.completed_on, "weight": m.weight}
                       for m in row.milestones],
        "last_update": row.last_update} for row in page.rows]
    targets = []
    for t in page.targets:
        counted = not insider and t.target.measure.split(":", 1)[0] in selectors.COUNT_KINDS
        reading = t.reading
        latest = _hidden(reading.value if reading else None, counted)
        targets.append({
            "title": t.target.title, "measure": t.target.measure, "measure_label": t.measure,
            "area": t.target.area.code if t.target.area else None,
            "action_ref": refs.get(t.target.action_id or 0),
            "baseline_value": _hidden(t.target.baseline_value, counted),
            "baseline_on": t.target.baseline_on,
            "target_value": _hidden(t.target.target_value, counted),
            "target_on": t.target.target_on, "latest_value": latest,
            "latest_low": reading.low if reading and latest is not None else None,
            "latest_high": reading.high if reading and latest is not None else None,
            "latest_on": reading.as_of if reading else None,
            "verdict": str(t.judgement.verdict), "explanation": t.judgement.explanation})
    return {**_plan(found), "vision": found.vision, "signed_off_by": found.signed_off_by,
            "signed_off_on": found.signed_off_on, "progress": round(page.rollup.progress, 2),
            "actions": actions, "targets": targets}


@router.get("/plans/{plan_id}/csv", response={200: str, **ERRORS},
            summary="The plan as its CSV file (the format the pages import)")
def plan_csv(request: HttpRequest, plan_id: Id) -> HttpResponse:
    found = access.get_plan_for_user(request.user, plan_id)
    response = HttpResponse(
        transfer.to_csv(transfer.rows(found, personal=access.is_insider(request.user, found))),
        content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(found.title)}.csv"'
    return response


def _update(update: ProgressUpdate, insider: bool) -> dict[str, Any]:
    return {"id": update.pk, "created_at": update.created_at,
            "organisation": update.organisation.name if update.organisation else None,
            "author": update.author.full_name if insider and update.author else None,
            "text": update.text, "link": update.link, "file_name": update.file_name,
            "public": update.public}


@router.get("/plans/actions/{action_id}/updates", response={200: list[UpdateOut], **ERRORS},
            summary="An action's progress updates, newest first")
def updates(request: HttpRequest, action_id: Id, paging: Query[Paging]
            ) -> list[dict[str, Any]]:
    action = access.get_action_for_user(request.user, action_id)
    insider = access.is_insider(request.user, action.plan)
    shown = ProgressUpdate.objects.filter(action=action).select_related("author",
                                                                       "organisation")
    if not insider:
        shown = shown.filter(public=True)
    return [_update(u, insider) for u in paging.window(shown)]


@router.post("/plans/actions/{action_id}/updates", auth=token_or_session,
             response={201: UpdateOut, **ERRORS},
             summary="Report progress on an action (the council, its lead or a partner)")
def post_update(request: SignedInRequest, action_id: Id, payload: UpdateIn
                ) -> Status[dict[str, Any]]:
    action = access.get_action_for_user(request.user, action_id, report=True)
    update = progress_services.post_update(actor=request.user, action=action,
                                           text=payload.text, link=payload.link,
                                           public=payload.public)
    return Status(201, _update(update, True))
