"""Counting attempts in a time window, shared by every server process through the cache.

Used for failed sign-ins now and for public forms later. The cache is Redis or the
database in production (settings), so limits hold across processes.
"""

from __future__ import annotations

from django.core.cache import cache


def _key(scope: str, ident: str) -> str:
    return f"ratelimit:{scope}:{ident}"


def count(scope: str, ident: str) -> int:
    return int(cache.get(_key(scope, ident), 0))


def hit(scope: str, ident: str, *, window_seconds: int) -> int:
    """Count one more attempt and return the count within the window.

    The window starts at the first attempt (a fixed window), which is simple and
    enough for throttling: the worst case lets through twice the limit at a boundary.
    """
    key = _key(scope, ident)
    if cache.add(key, 1, timeout=window_seconds):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        return 1


def is_limited(scope: str, ident: str, *, limit: int) -> bool:
    return count(scope, ident) >= limit


def reset(scope: str, ident: str) -> None:
    cache.delete(_key(scope, ident))
