"""The visitor's network address, for rate limits and sign-in lockouts.

Behind a reverse proxy, the connection's address (``REMOTE_ADDR``) is the proxy's, so
every visitor would share one bucket. The proxies the operator runs say who connected to
them in ``X-Forwarded-For``, each appending the address it saw; an address a visitor
writes into the header themselves sits further left. So with ``TRUSTED_PROXY_COUNT``
proxies in front of the service (docs/deployment.md), the client is the entry that many
places from the right, and nothing to its left is believed. With no proxy configured
(the default) the header is ignored, so nobody can choose their own bucket by sending it.

django-ipware (over python-ipware) reads the header; its ``proxy_count`` counts the
proxies listed *in* the header, which is one fewer than the proxies in front of us (the
last one is the connection itself).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip


def meta_key(header: str) -> str:
    """``X-Forwarded-For`` -> ``HTTP_X_FORWARDED_FOR``, as Django's ``META`` names it."""
    return "HTTP_" + header.strip().upper().replace("-", "_")


def client_address(request: HttpRequest) -> str:
    connection = request.META.get("REMOTE_ADDR") or "unknown"
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return connection
    address, _routable = get_client_ip(
        request, proxy_order="left-most", proxy_count=proxies - 1,
        request_header_order=[meta_key(settings.TRUSTED_PROXY_HEADER)], strict=False)
    # A request that reached us without passing the proxies (or a header too short for
    # them) is counted by its connection.
    return address or connection
