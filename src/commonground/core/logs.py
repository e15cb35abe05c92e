"""Structured logs: one JSON object per line, and one line per request.

Every log record goes out through :class:`JsonFormatter` in production (``LOG_FORMAT=json``),
with the id of the request it belongs to. :class:`RequestLogMiddleware` writes one line per
request on the ``commonground.request`` logger: request id, method, the URL *pattern*
matched (``areas/<str:code>/``, never the path itself: paths carry invitation and
password-reset tokens, and query strings carry search terms and email addresses), view
name, status, duration and the signed-in user's id. Never a name, an email address, a
client address or anything typed into a form: who a user id is can be looked up by the
people allowed to, and the proxy in front keeps its own access log if the operator wants
addresses (docs/configuration.md, Logging).

The request id is taken from the proxy's ``X-Request-ID`` when it looks like one, made
otherwise, and sent back in the response's ``X-Request-ID``, so a report of a problem can
be matched with its log lines.
"""

from __future__ import annotations

import contextvars
import datetime
import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.functional import empty

request_log = logging.getLogger("commonground.request")
current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id",
                                                                        default="")
_INCOMING_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
# Attributes every LogRecord has; anything else was passed in ``extra`` and is logged.
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class RequestIdFilter(logging.Filter):
    """Stamps every record with the id of the request being served (empty outside one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = current_request_id.get()
        return True


class WithoutPaths(logging.Filter):
    """Django's own request warnings ("Not Found: /path") name the path, which can hold a
    token: they name the route instead. The request object itself is never logged."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = record.__dict__.pop("request", None)
        if request is not None and isinstance(record.args, tuple) and len(record.args) == 2:
            match = getattr(request, "resolver_match", None)
            record.args = (record.args[0], match.route if match else "(path withheld)")
        return True


class JsonFormatter(logging.Formatter):
    """A record as one JSON object: time (UTC), level, logger, message, the fields given
    in ``extra``, and the exception's traceback if any."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC)
            .isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_") and value not in ("", None):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def _user_id(request: HttpRequest) -> int | None:
    # Only a user the request has already loaded: reading the session here would add a
    # query to pages that never needed one.
    user = request.__dict__.get("user")
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if getattr(user, "is_authenticated", False) else None


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _INCOMING_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = current_request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            match = request.resolver_match
            request_log.info(
                "%s %s %s", request.method, (match.route if match else "(no route)"),
                response.status_code,
                extra={"request_id": request_id, "method": request.method,
                       "route": match.route if match else "", "view":
                       match.view_name if match else "", "status": response.status_code,
                       "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                       "user_id": _user_id(request)})
            response["X-Request-ID"] = request_id
            return response
        finally:
            current_request_id.reset(token)
