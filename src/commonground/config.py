"""Typed readers for settings taken from the environment.

Every setting of Common Ground comes from an environment variable, documented in
docs/configuration.md. Secrets can also be read from a file named by ``NAME_FILE``
(Docker and systemd credentials), so they never need to sit in a process listing.
"""

from __future__ import annotations

import math
import os
from collections import Counter
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_secret(name: str) -> str | None:
    """The secret in ``NAME``, or in the file named by ``NAME_FILE``, or None."""
    value = os.environ.get(name)
    if value:
        return value
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip() or None
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={path!r} cannot be read: {exc}") from None
    return None


def mandatory_secret(name: str, why: str) -> str:
    """A secret production cannot run without: refuse to start, saying how to set it."""
    value = env_secret(name)
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set. {why} Set the environment variable {name}, or {name}_FILE "
            f"naming a file that holds it (see docs/configuration.md)."
        )
    return value


# A production key must be long and varied: 50 characters (Django's own deploy check) and an
# estimated 200 bits, counting each character's surprise within the key itself. A
# ``secrets.token_urlsafe(50)`` key scores about 350 bits, ``openssl rand -hex 32`` about 250;
# a word repeated, a short key or a keyboard run falls short. Character counts miss a
# varied run typed twice, so at least 90 % of the key's three-character runs must differ.
MIN_SECRET_LENGTH = 50
MIN_SECRET_BITS = 200
MIN_DISTINCT_TRIGRAMS = 0.9


def secret_bits(value: str) -> float:
    """Estimated entropy of ``value`` in bits: its length times the Shannon entropy of its
    characters' frequencies. An upper bound for anything a person made up, which is why
    the threshold is generous to random keys and hard on invented ones."""
    counts = Counter(value)
    n = len(value)
    return -sum(c * math.log2(c / n) for c in counts.values())


def repeats_itself(value: str) -> bool:
    trigrams = [value[i:i + 3] for i in range(len(value) - 2)]
    return len(set(trigrams)) < MIN_DISTINCT_TRIGRAMS * len(trigrams)


def strong_secret(name: str, value: str) -> str:
    """``value`` if it is strong enough to sign with in production; otherwise refuse to
    start, saying what is wrong and how to make a good one."""
    how = (f"Generate one with: python -c \"import secrets; print(secrets.token_urlsafe(50))\" "
           f"and set {name} or {name}_FILE (see docs/configuration.md).")
    if len(value) < MIN_SECRET_LENGTH:
        raise ImproperlyConfigured(
            f"{name} is too short ({len(value)} characters; at least {MIN_SECRET_LENGTH} are "
            f"needed in production). {how}")
    if (value.startswith("django-insecure") or secret_bits(value) < MIN_SECRET_BITS
            or repeats_itself(value)):
        raise ImproperlyConfigured(
            f"{name} is too predictable: it repeats too few different characters to be a "
            f"random key. {how}")
    return value
