"""Pages every service has: home, accessibility statement, and the error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from commonground.core.errors import ErrorCode, error_body
from commonground.core.middleware import is_api_request


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html",
                  {"survey_url": survey_entry() or reverse("core:take-part")})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


def find_help(request: HttpRequest) -> HttpResponse:
    return render(request, "core/find_help.html")


# Where residents answer their council's survey, once the surveys section offers it;
# until then (or in a deployment without it) the page explains how councils invite them.
SURVEY_ENTRY = "surveys:take-part"


def survey_entry() -> str:
    try:
        return reverse(SURVEY_ENTRY)
    except NoReverseMatch:
        return ""


def take_part(request: HttpRequest) -> HttpResponse:
    return render(request, "core/take_part.html", {"survey_entry": survey_entry()})


def _error(
    request: HttpRequest, status: int, code: ErrorCode, template: str, message: str
) -> HttpResponse:
    if is_api_request(request):
        return JsonResponse(error_body(code, message), status=status)
    return render(request, template, {"status": status}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, ErrorCode.INVALID, "core/400.html", "The request was not valid.")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request, 403, ErrorCode.PERMISSION_DENIED, "core/403.html",
        "You do not have permission to do this.",
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request, 404, ErrorCode.NOT_FOUND, "core/404.html", "There is nothing at this address."
    )


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: whatever failed may fail again.
    if is_api_request(request):
        return JsonResponse(
            error_body(ErrorCode.SERVER_ERROR, "Something went wrong on our side."), status=500
        )
    from django.template import loader

    return HttpResponse(loader.get_template("core/500.html").render(), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    if is_api_request(request):
        return JsonResponse(
            error_body(ErrorCode.PERMISSION_DENIED, "The form had expired. Try again."),
            status=403,
        )
    return render(request, "core/csrf.html", status=403)
