"""Browsing the framework knowledge: actions, issues, guidance, family groups."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from commonground.library import access, selectors
from commonground.library.models import FrameworkKind, Influence


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "library/index.html", {
        "is_moderator": access.is_moderator(request.user),
        "is_practitioner": access.is_practitioner(request.user),
    })


def actions(request: HttpRequest) -> HttpResponse:
    return render(request, "library/actions.html", {"actions": selectors.actions()})


def action(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.action(slug)
    return render(request, "library/action.html", {
        "action": found, "threads": selectors.forum_threads_mentioning(request.user, slug)})


def issues(request: HttpRequest) -> HttpResponse:
    return render(request, "library/issues.html", {"issues": selectors.issues()})


def issue(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "library/issue.html", {
        "issue": selectors.issue(slug), "universal_actions": selectors.universal_actions()})


def guidance_list(request: HttpRequest) -> HttpResponse:
    return render(request, "library/guidance_list.html",
                  {"guidance_list": selectors.guidance_list()})


def guidance(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "library/guidance.html", {"guidance": selectors.guidance(slug)})


def framework(request: HttpRequest) -> HttpResponse:
    grouped = selectors.framework()
    return render(request, "library/framework.html", {
        "definition": grouped.get(FrameworkKind.DEFINITION, [None])[0],
        "foundations": grouped.get(FrameworkKind.FOUNDATION, []),
        "ways": grouped.get(FrameworkKind.WAY_OF_LIVING, []),
        "principles": grouped.get(FrameworkKind.PRINCIPLE, []),
        "indicators": grouped.get(FrameworkKind.NATIONAL_INDICATOR, []),
        "mapping_approaches": grouped.get(FrameworkKind.MAPPING_APPROACH, []),
        "findings": grouped.get(FrameworkKind.FINDING, []),
        "plan": grouped.get(FrameworkKind.IMPLEMENTATION_PLAN, [None])[0],
        "visions": grouped.get(FrameworkKind.RELATED_VISION, []),
    })


def influences(request: HttpRequest) -> HttpResponse:
    tables: dict[tuple[str, str], list[Influence]] = {}
    for influence in selectors.influences():
        tables.setdefault((influence.table, influence.category), []).append(influence)
    return render(request, "library/influences.html", {"tables": [
        {"label": rows[0].table_label, "rows": rows} for rows in tables.values()]})


def pitfalls(request: HttpRequest) -> HttpResponse:
    return render(request, "library/pitfalls.html", {"pitfalls": selectors.pitfalls()})


def family_groups(request: HttpRequest) -> HttpResponse:
    grouped = selectors.framework()
    return render(request, "library/family_groups.html", {
        "groups": selectors.family_groups(),
        "total": grouped.get(FrameworkKind.FAMILY_GROUP_TOTAL, [None])[0],
        "factors": grouped.get(FrameworkKind.FAMILY_GROUP_FACTOR, []),
        "feedback": grouped.get(FrameworkKind.CLASSIFICATION_FEEDBACK, [None])[0],
    })


def family_group(request: HttpRequest, number: int) -> HttpResponse:
    return render(request, "library/family_group.html",
                  {"group": selectors.family_group(number)})
