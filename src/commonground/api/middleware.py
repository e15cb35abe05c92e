"""The API refuses text it cannot store before any endpoint sees it.

Every query parameter and every string (and key) of a JSON body is checked against
``core.text``: a NUL or another control character answers 422 with the code
``invalid_characters`` naming the field, on both engines, instead of a 500 from PostgreSQL
(which refuses NUL) or a silently stored NUL on SQLite.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

from commonground.core.errors import ErrorCode, error_body
from commonground.core.text import has_forbidden_characters

PREFIX = "/api/"
MESSAGE = "Remove the control characters (such as NUL) from this text."


def _bad_fields(value: Any, path: str) -> Iterator[str]:
    if isinstance(value, str):
        if has_forbidden_characters(value):
            yield path or "__all__"
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            if has_forbidden_characters(str(key)):
                yield name
            yield from _bad_fields(item, name)
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _bad_fields(item, f"{path}.{n}" if path else str(n))


def bad_fields(request: HttpRequest) -> list[str]:
    """The names of the query parameters and JSON fields with characters we refuse."""
    found = [name for name, values in request.GET.lists()
             for v in [name, *values] if has_forbidden_characters(v)]
    if request.content_type == "application/json" and request.body:
        try:
            body = json.loads(request.body)
        except ValueError:
            body = None  # not JSON: the endpoint answers that
        found += _bad_fields(body, "")
    return list(dict.fromkeys(found))


class ApiTextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(PREFIX):
            fields = bad_fields(request)
            if fields:
                return JsonResponse(error_body(
                    ErrorCode.INVALID_CHARACTERS,
                    "The request has control characters the service cannot store.",
                    {name: [MESSAGE] for name in fields}), status=422)
        return self.get_response(request)
