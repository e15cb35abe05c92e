"""What a measure is: a kind that reads values for an area, chosen by a "kind:parameter" code.

A target or a basket item names its measure by a code such as ``place:english_proficiency``
or ``reports:hate_incident:91``. Each kind (place indicators, tension reports, alerts,
manual figures, and the residents' survey once it holds results) implements
:class:`MeasureKind` and registers itself; the rest of plans only calls :func:`read_many`,
which asks each kind once for all the values it needs, so a page's queries do not grow
with the number of targets.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from commonground.accounts.models import Organisation
from commonground.core import scalars
from commonground.core.errors import InvalidInput
from commonground.core.scalars import Scalars
from commonground.places.models import Area


@dataclass(frozen=True)
class Scope:
    """Where a measure is read: a council's whole area, or a neighbourhood made of some of
    its areas of one level (``parts``: wards, LSOAs or output areas)."""

    council: Organisation
    council_area: Area
    parts: tuple[Area, ...] = ()
    label: str = ""

    @property
    def is_council(self) -> bool:
        return not self.parts

    @property
    def parts_level(self) -> str:
        return self.parts[0].level if self.parts else ""

    @property
    def name(self) -> str:
        return self.label or self.council_area.name


@dataclass(frozen=True)
class Comparison:
    label: str
    value: float | None
    display: str


@dataclass(frozen=True)
class Reading:
    """One value of a measure, with where it comes from and what it compares with.

    ``low``/``high`` are a 95 % interval where the kind has one (survey estimates, counts
    of events); ``fresh`` is None when the data's age is not known.
    """

    code: str
    label: str
    value: float | None
    display: str
    unit: str = ""
    low: float | None = None
    high: float | None = None
    as_of: datetime.date | None = None
    period: str = ""
    source: str = ""
    geography: str = ""
    fresh: bool | None = None
    higher_is_better: bool | None = None
    is_count: bool = False
    comparisons: tuple[Comparison, ...] = ()
    peer_rank: int | None = None  # 1 = highest value among the council and its neighbours
    peer_count: int | None = None
    national_percentile: float | None = None  # share of councils at or below, per cent
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def has_interval(self) -> bool:
        return self.low is not None and self.high is not None


@dataclass(frozen=True)
class Request:
    """Read ``code`` for ``scope`` as it stood on ``on``; ``target_id`` for manual figures."""

    code: str
    scope: Scope
    on: datetime.date
    target_id: int | None = None


StrOrPromise = str | Promise


class MeasureKind(Protocol):
    key: str

    @property
    def label(self) -> StrOrPromise: ...

    def validate(self, param: str) -> None:
        """Raise InvalidInput (field "measure") when ``param`` is not one of this kind's."""

    def describe(self, param: str) -> str: ...

    def unit(self, param: str) -> str: ...

    def higher_is_better(self, param: str) -> bool | None: ...

    def options(self, scope: Scope) -> list[tuple[str, str]]:
        """(code, label) of the measures a form may offer for this scope."""

    def read(self, requests: Sequence[Request]) -> list[Reading | None]:
        """One reading (or None: nothing held) per request, in order."""

    # A kind may also have ``stamp(council) -> core.scalars.Scalars``: subqueries whose
    # values change whenever any of its readings for the council could (see
    # :func:`stamp_of`, which reads every kind's in one query). Without it, pages read the
    # kind's values afresh every time.


_kinds: dict[str, MeasureKind] = {}


def register(kind: MeasureKind) -> None:
    _kinds[kind.key] = kind


def unregister(key: str) -> None:
    _kinds.pop(key, None)


def kinds() -> list[MeasureKind]:
    return list(_kinds.values())


def is_installed(code: str) -> bool:
    return code.split(":", 1)[0] in _kinds


def split(code: str) -> tuple[MeasureKind, str]:
    """The kind and parameter of a code; InvalidInput (field "measure") if unknown."""
    key, _sep, param = code.partition(":")
    kind = _kinds.get(key)
    if kind is None:
        raise InvalidInput(_("There is no measure called %(code)s.") % {"code": code},
                           fields={"measure": [_("Choose a measure from the list.")]})
    kind.validate(param)
    return kind, param


def describe(code: str) -> str:
    try:
        kind, param = split(code)
    except InvalidInput:
        return code
    return kind.describe(param)


def options(scope: Scope) -> list[tuple[str, str]]:
    return [option for kind in _kinds.values() for option in kind.options(scope)]


def read_many(requests: Sequence[Request]) -> list[Reading | None]:
    """Every request's reading, each kind asked once for all of its requests."""
    out: list[Reading | None] = [None] * len(requests)
    by_kind: dict[str, list[int]] = {}
    for i, request in enumerate(requests):
        key = request.code.partition(":")[0]
        if key in _kinds:
            by_kind.setdefault(key, []).append(i)
    for key, positions in by_kind.items():
        readings = _kinds[key].read([requests[i] for i in positions])
        for i, reading in zip(positions, readings, strict=True):
            out[i] = reading
    return out


def stamp_of(keys: Iterable[str], council: Organisation) -> tuple[Hashable, ...] | None:
    """What the readings of these kinds for ``council`` depend on (one value per kind
    that reads anything outside the plan), or None when a kind cannot say: then the
    readings are not kept. Every kind's stamp is read in one query."""
    parts: list[tuple[str, Scalars]] = []
    for key in sorted(set(keys)):
        kind = _kinds.get(key)
        if kind is None:
            continue  # read as "no reading" whatever happens
        stamp = getattr(kind, "stamp", None)
        if stamp is None:
            return None
        parts.append((key, stamp(council)))
    values = scalars.read([part for _key, part in parts])
    return tuple((key, value) for (key, _part), value in zip(parts, values, strict=True))


def read(code: str, scope: Scope, on: datetime.date, target_id: int | None = None
         ) -> Reading | None:
    return read_many([Request(code, scope, on, target_id)])[0]
