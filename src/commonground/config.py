"""Typed readers for settings taken from the environment.

Every setting of Common Ground comes from an environment variable, documented in
docs/configuration.md. Secrets can also be read from a file named by ``NAME_FILE``
(Docker and systemd credentials), so they never need to sit in a process listing.
"""

from __future__ import annotations

import os
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
