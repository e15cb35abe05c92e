"""Which councils are like a given council: answered by places, asked by other apps.

The library shows "case studies from areas like yours"; the knowledge of which areas
are alike (nearest neighbours by indicators, cohesion family group) lives in ``places``.
Apps at the same level do not import each other, so places registers an answerer here
when it starts and the library asks through this module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class SimilarAreas:
    """Councils like ``code``: its nearest neighbours (closest first) and its family group."""

    code: str
    family_group: int | None
    neighbours: tuple[str, ...]
    same_family_group: frozenset[str]


Provider = Callable[[str], SimilarAreas | None]
# Every council whose family group is known, by code: one answer for a list of case
# studies, where asking ``similar_to`` for each would work out neighbours it never shows.
GroupsProvider = Callable[[], Mapping[str, int]]
_providers: list[Provider] = []
_groups_providers: list[GroupsProvider] = []


def register_provider(provider: Provider, groups: GroupsProvider | None = None) -> None:
    if provider not in _providers:
        _providers.append(provider)
    if groups is not None and groups not in _groups_providers:
        _groups_providers.append(groups)


def similar_to(code: str) -> SimilarAreas | None:
    """What the registered provider knows of councils like ``code``, or None."""
    for provider in _providers:
        found = provider(code)
        if found is not None:
            return found
    return None


def family_groups() -> Mapping[str, int]:
    """The family group of every council the registered provider knows (code -> 1-9);
    the same groups ``similar_to`` gives one council at a time."""
    found: dict[str, int] = {}
    for provider in reversed(_groups_providers):  # the first registered wins, as above
        found.update(provider())
    return found
