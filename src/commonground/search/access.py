"""Who may see which documents: access keys handed out by the apps that own them.

An app registers a provider from its ``AppConfig.ready()``; ``provider(user)`` returns
the access keys the user holds (for example ``{"forum-group:12"}``). A document is
visible when its access is "public" or one of the keys of any provider. Core never
imports the apps: they come to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from commonground.core.actors import Actor

AccessProvider = Callable[[Any], set[str]]
PUBLIC = "public"
_providers: list[AccessProvider] = []


def register_access_provider(provider: AccessProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def unregister_access_provider(provider: AccessProvider) -> None:
    """For tests that register a provider of their own."""
    if provider in _providers:
        _providers.remove(provider)


def access_keys(user: Actor) -> list[str]:
    """Every key ``user`` holds, with "public", sorted so queries are deterministic."""
    if user is None:
        from django.contrib.auth.models import AnonymousUser  # not at import: apps load first

        user = AnonymousUser()
    keys = {PUBLIC}
    for provider in _providers:
        keys.update(k for k in provider(user) if k)
    return sorted(keys)
