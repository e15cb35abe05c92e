"""Addresses that forms post to, made safe to open.

A form on one page often posts to an address of its own (``/reports/<ref>/triage/``),
which re-displays the page with the errors when the form is wrong. Opening that address
(pressing Enter in the address bar, a bookmark, signing in again after a timeout) used to
answer an empty "405 Method Not Allowed". ``posted_to_from`` sends a GET of it to the page
the form lives on instead, so every address the user sees can be reopened.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect


def posted_to_from(url_name: str, *kwarg_names: str
                   ) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Instead of ``require_POST``: POST runs the view; GET and HEAD go to ``url_name``
    (reversed with the named URL arguments of this address); anything else is 405."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in ("GET", "HEAD"):
                return redirect(url_name, **{name: kwargs[name] for name in kwarg_names})
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
