"""Every API failure answers in the one shape: {"error": {"code", "message", "fields"}}."""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from commonground.core.errors import HTTP_STATUS, DomainError, ErrorCode, error_body

logger = logging.getLogger(__name__)


def _fields_from_validation(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for err in errors:
        # loc is like ("body", "payload", "email") or ("query", "page"): keep the field part.
        loc = [str(part) for part in err.get("loc", []) if part not in ("body", "payload")]
        name = ".".join(loc[1:] if loc and loc[0] in ("query", "path", "header") else loc)
        fields.setdefault(name or "__all__", []).append(str(err.get("msg", "Invalid value")))
    return fields


_STATUS_CODES = {status: code for code, status in HTTP_STATUS.items()}


def install(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, code: ErrorCode | str, message: str, status: int,
                fields: dict[str, list[str]] | None = None) -> HttpResponse:
        return api.create_response(request, error_body(code, message, fields), status=status)

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        response = respond(request, exc.code, exc.message, exc.status, exc.fields)
        for name, value in exc.headers.items():  # Retry-After on a 429
            response[name] = value
        return response

    @api.exception_handler(NinjaValidationError)
    def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return respond(request, ErrorCode.INVALID, "The request is not valid.", 400,
                       _fields_from_validation(list(exc.errors)))

    @api.exception_handler(AuthenticationError)
    def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(request, ErrorCode.NOT_AUTHENTICATED,
                       "Send a valid API token as 'Authorization: Bearer <token>'.", 401)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, ErrorCode.NOT_FOUND, "There is nothing at this address.", 404)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = _STATUS_CODES.get(exc.status_code, ErrorCode.INVALID)
        return respond(request, code, str(exc), exc.status_code)

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("Unhandled error in the API", exc_info=exc)
        return respond(request, ErrorCode.SERVER_ERROR, "Something went wrong on our side.", 500)
