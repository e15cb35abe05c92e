"""Similar councils: which councils are like a given council. Answered by places, asked
by other apps.

"Similar councils" is the one name for it: a council's nearest neighbours by indicators
(computed by ``analytics.neighbours``) and its cohesion family group. The library shows
"case studies from councils like yours"; the knowledge lives in ``places``
(``places/similar_councils.py``). Apps at the same level do not import each other, so
places registers its answer here when it starts and the library asks through
:func:`similar_councils`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class SimilarCouncils:
    """Councils like ``code``: its nearest neighbours (closest first) and its family group."""

    code: str
    family_group: int | None
    neighbours: tuple[str, ...]
    same_family_group: frozenset[str]


Provider = Callable[[str], SimilarCouncils | None]
# Every council whose family group is known, by code: one answer for a list of case
# studies, where asking ``similar_councils`` for each would work out neighbours it never shows.
GroupsProvider = Callable[[], Mapping[str, int]]
_providers: list[Provider] = []
_groups_providers: list[GroupsProvider] = []


def register_provider(provider: Provider, groups: GroupsProvider | None = None) -> None:
    if provider not in _providers:
        _providers.append(provider)
    if groups is not None and groups not in _groups_providers:
        _groups_providers.append(groups)


def similar_councils(code: str) -> SimilarCouncils | None:
    """What the registered provider knows of councils like ``code``, or None."""
    for provider in _providers:
        found = provider(code)
        if found is not None:
            return found
    return None


def family_groups() -> Mapping[str, int]:
    """The family group of every council the registered provider knows (code -> 1-9);
    the same groups ``similar_councils`` gives one council at a time."""
    found: dict[str, int] = {}
    for provider in reversed(_groups_providers):  # the first registered wins, as above
        found.update(provider())
    return found
