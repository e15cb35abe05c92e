"""What other sections know about councils, for pages that compare councils side by side.

The places app's comparison page shows every indicator of two to five councils; the
surveys, plans and tensions sections each know something more (a survey's headline
estimate, an action plan's progress, the reports of recent weeks), some of it visible to
a council's own staff only. Apps at the same level do not import each other, so each
section registers a provider here when it starts, and the page asks through this module.

A provider gets the user and the councils' codes and returns one :class:`Summary` (or
None when it has nothing for these councils). It decides what the user may see through
its own access functions, and leaves a council's cell empty (``None``) where the user may
not see it, so the page can say so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from commonground.core.actors import Actor


@dataclass(frozen=True)
class SummaryRow:
    label: str
    values: dict[str, str | None]  # council code -> text; None where not visible


@dataclass(frozen=True)
class Summary:
    title: str
    rows: list[SummaryRow]
    note: str = ""  # how the figures were made, or who may see them
    link: tuple[str, str] | None = field(default=None)  # (text, url) to read more


# A provider takes its app's own user type (``accounts.types.Visitor``), which ``core``
# cannot name; the page passes the request's user.
Provider = Callable[[Any, Sequence[str]], Summary | None]
_providers: list[Provider] = []


def register_provider(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def summaries_for(user: Actor, codes: Sequence[str]) -> list[Summary]:
    """Every registered section's summary of these councils, as ``user`` may see it."""
    found = (provider(user, codes) for provider in _providers)
    return [summary for summary in found if summary is not None and summary.rows]
