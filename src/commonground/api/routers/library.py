"""The library's records as JSON: actions with their issues, issues with their actions,
and case studies and resources through the same access functions as the pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from commonground.api.routers.search import public_or_token
from commonground.api.schemas import ErrorOut
from commonground.library import access, selectors
from commonground.library.models import CaseStudy, Resource

router = Router(tags=["Library"], auth=public_or_token)
ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut}


class LinkOut(Schema):
    slug: str
    title: str


class ActionOut(Schema):
    slug: str
    title: str
    universal: bool
    summary: str
    issues: list[LinkOut]
    guidance: list[LinkOut]
    case_studies: list[LinkOut]
    source: str


class IssueOut(Schema):
    slug: str
    number: int
    title: str
    summary: str
    actions: list[LinkOut]
    source: str


class ContributionOut(Schema):
    slug: str
    title: str
    summary: str
    status: str
    themes: list[str]
    source: str
    details: dict[str, Any]


def _links(objects: Any) -> list[dict[str, str]]:
    return [{"slug": o.slug, "title": o.title} for o in objects]


@router.get("/library/actions/{slug}", response={200: ActionOut, **ERRORS},
            summary="An action with the issues it answers, its guidance and case studies")
def action(request: HttpRequest, slug: str) -> dict[str, Any]:
    found = selectors.action(slug)
    return {"slug": found.slug, "title": found.title, "universal": found.universal,
            "summary": found.summary, "source": found.citation,
            "issues": _links(link.issue for link in found.issue_links.all()),
            "guidance": _links(found.guidance.all()),
            "case_studies": _links(found.published_cases)}  # type: ignore[attr-defined]


@router.get("/library/issues/{slug}", response={200: IssueOut, **ERRORS},
            summary="An issue of Table D1 with its suggested actions")
def issue(request: HttpRequest, slug: str) -> dict[str, Any]:
    found = selectors.issue(slug)
    return {"slug": found.slug, "number": found.number, "title": found.title,
            "summary": found.summary, "source": found.citation,
            "actions": _links(link.action for link in found.action_links.all())}


def _contribution(obj: CaseStudy | Resource, details: dict[str, Any]) -> dict[str, Any]:
    return {"slug": obj.slug, "title": obj.title, "summary": obj.summary,
            "status": obj.status, "themes": [t.slug for t in obj.themes.all()],
            "source": obj.citation, "details": details}


@router.get("/library/case-studies/{slug}", response={200: ContributionOut, **ERRORS},
            summary="A case study (unpublished ones: author and moderators only)")
def case_study(request: HttpRequest, slug: str) -> dict[str, Any]:
    obj = selectors.case_study_detail(access.get_case_study_for_user(request.user, slug))
    return _contribution(obj, {
        "council": obj.council, "area_code": obj.area_code, "region": obj.region,
        "family_group": obj.family_group.number if obj.family_group else None,
        "outcomes": obj.outcomes, "evidence_strength": obj.evidence_strength,
        "issues": [i.slug for i in obj.issues.all()],
        "actions": [a.slug for a in obj.actions.all()], "links": obj.links})


@router.get("/library/resources/{slug}", response={200: ContributionOut, **ERRORS},
            summary="A resource (unpublished ones: author and moderators only)")
def resource(request: HttpRequest, slug: str) -> dict[str, Any]:
    obj = selectors.resource_detail(access.get_resource_for_user(request.user, slug))
    return _contribution(obj, {"kind": obj.kind, "publisher": obj.publisher,
                               "year": obj.year, "url": obj.url})
