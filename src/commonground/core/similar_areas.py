"""Which councils are like a given council: answered by places, asked by other apps.

The library shows "case studies from areas like yours"; the knowledge of which areas
are alike (nearest neighbours by indicators, cohesion family group) lives in ``places``.
Apps at the same level do not import each other, so places registers an answerer here
when it starts and the library asks through this module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SimilarAreas:
    """Councils like ``code``: its nearest neighbours (closest first) and its family group."""

    code: str
    family_group: int | None
    neighbours: tuple[str, ...]
    same_family_group: frozenset[str]


Provider = Callable[[str], SimilarAreas | None]
_providers: list[Provider] = []


def register_provider(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def similar_to(code: str) -> SimilarAreas | None:
    """What the registered provider knows of councils like ``code``, or None."""
    for provider in _providers:
        found = provider(code)
        if found is not None:
            return found
    return None
