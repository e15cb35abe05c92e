"""Impact assessments over the API: the published summaries (everyone, with or without a
token) and the council's own drafts (its members, with a token), through the same access
function as the pages. The working (consultation notes, screening notes) stays with the
council; outsiders get what the summary page shows."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema
from pydantic import Field

from commonground.api.auth import public_or_token
from commonground.api.schemas import ErrorOut
from commonground.assessments import access
from commonground.assessments.models import ImpactAssessment

router = Router(tags=["Assessments"], auth=public_or_token)
ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut}


class AssessmentOut(Schema):
    id: int
    title: str
    council: str
    council_code: str
    kind: str
    stage: str
    reach: str = Field(description="The areas the proposal touches")
    decision: str
    signed_off_on: datetime.date | None
    review_on: datetime.date | None
    summary_url: str


class EffectOut(Schema):
    part: str
    group: str
    characteristic: str
    area: str | None
    direction: str
    likelihood: str
    severity: str


class MitigationOut(Schema):
    title: str
    plan: str | None
    action_status: str | None


class AssessmentDetailOut(AssessmentOut):
    description: str
    decided_by: str
    parts: list[str]
    summary: str
    effects: list[EffectOut]
    mitigations: list[MitigationOut]
    consultations: int
    consultations_seldom_heard: int
    consultations_new_arrivals: int


def _assessment(found: ImpactAssessment) -> dict[str, Any]:
    return {"id": found.pk, "title": found.title, "council": found.council.name,
            "council_code": found.council.area_code, "kind": found.kind, "stage": found.stage,
            "reach": found.reach_label or found.get_reach_display(),
            "decision": found.decision, "signed_off_on": found.signed_off_on,
            "review_on": found.review_on,
            "summary_url": reverse("assessments:summary", args=[found.pk])}


@router.get("/impact-assessments", response={200: list[AssessmentOut], **ERRORS},
            summary="Published impact assessments, and the caller's council's drafts")
def assessments(request: HttpRequest) -> list[dict[str, Any]]:
    return [_assessment(a) for a in access.visible_assessments(request.user)
            .select_related("council").order_by("-created_at")]


@router.get("/impact-assessments/{assessment_id}", response={200: AssessmentDetailOut, **ERRORS},
            summary="One impact assessment's summary")
def assessment(request: HttpRequest, assessment_id: int) -> dict[str, Any]:
    found = access.get_assessment_for_user(request.user, assessment_id)
    consultations = list(found.consultations.all())
    return {
        **_assessment(found), "description": found.description,
        "decided_by": found.decided_by, "parts": found.parts, "summary": found.summary,
        "effects": [{"part": e.part, "group": e.group, "characteristic": e.characteristic,
                     "area": e.area.name if e.area else None, "direction": e.direction,
                     "likelihood": e.likelihood, "severity": e.severity}
                    for e in found.effects.select_related("area")],
        "mitigations": [{"title": m.title,
                         "plan": m.action.plan.title if m.action else None,
                         "action_status": m.action.status if m.action else None}
                        for m in found.mitigations.select_related("action", "action__plan")],
        "consultations": len(consultations),
        "consultations_seldom_heard": sum(c.hard_to_reach for c in consultations),
        "consultations_new_arrivals": sum(c.new_arrivals for c in consultations)}
