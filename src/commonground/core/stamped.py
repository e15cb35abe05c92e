"""Values kept per process while a stamp says they are current.

Some reads give every request the same answer until some data changes: a council and
its sub-area levels for a data version, the councils' indicator table for the derived
dataset's last change, the search facets for the stamp their triggers replace. Each is
kept here under a key, with the stamp it was read for, and read again once the caller's
stamp differs. The stamp must be read before the value, so a value is never older than
the stamp it is kept under.

Threads of a process share the values: an entry is replaced whole, never changed in
place, so a reader sees an old or a new one. Two threads may both read a missing value;
one of the answers is kept, which is harmless. Callers must not change what they get.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_all: weakref.WeakSet[StampedValues[object, object]] = weakref.WeakSet()


class StampedValues(Generic[K, V]):
    """At most ``max_keys`` values, each valid for the stamp it was read for."""

    def __init__(self, *, max_keys: int = 2000) -> None:
        self._entries: dict[K, tuple[Hashable, V]] = {}
        self._max_keys = max_keys
        _all.add(self)  # type: ignore[arg-type]

    def get(self, key: K, stamp: Hashable, read: Callable[[], V], *,
            keep: Callable[[V], bool] | None = None) -> V:
        """The value for ``key`` at ``stamp``: kept, or ``read()`` (and kept unless
        ``keep`` says no)."""
        entry = self._entries.get(key)
        if entry is not None and entry[0] == stamp:
            return entry[1]
        value = read()
        if keep is None or keep(value):
            if key not in self._entries and len(self._entries) >= self._max_keys:
                self._entries.clear()  # a bound on memory; they are read again as needed
            self._entries[key] = (stamp, value)
        return value

    def clear(self) -> None:
        self._entries.clear()


def clear_all() -> None:
    """Forget every kept value (tests: a new database may repeat an old stamp)."""
    for values in list(_all):
        values.clear()
