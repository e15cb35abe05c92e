"""Trigger events: raised watch levels that make the early-warning detector more alert.

Around an anniversary, a planned march or a national incident, officers want alerts to
fire more readily. A *watch level* ``w`` (1 = normal) says "in this window we accept
``w`` times the usual false-alarm rate". The detector applies it to both of its rules:
the single-period threshold becomes ``alpha * w`` and the CUSUM threshold is lowered to
the value whose in-control average run length is ``1 / w`` of the usual one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize

Period = Literal["week", "month"]

#: Siegmund's correction that turns the CUSUM threshold into a Brownian barrier.
_SIEGMUND_SHIFT = 1.166


@dataclass(frozen=True)
class TriggerEvent:
    """A window of raised watch around a trigger event.

    Attributes
    ----------
    name : str
        What the event is ("Anniversary of ...", "Planned march", ...), for display.
    start, end : date
        First and last day of the window, inclusive. Every period overlapping it is
        watched.
    level : float
        Watch level ``w >= 1``: the false-alarm rate accepted in the window is ``w``
        times the usual one. ``w = 5`` is a sensible "heightened" setting, ``w = 20``
        "critical".
    series : tuple of int or None
        Rows (areas/categories) the event concerns; ``None`` means every row.
    """

    name: str
    start: date
    end: date
    level: float
    series: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if not (math.isfinite(self.level) and self.level >= 1.0):
            raise ValueError(f"watch level must be a finite number >= 1, got {self.level!r}")
        if self.end < self.start:
            raise ValueError(f"trigger event {self.name!r} ends before it starts")


def period_end(start: date, period: Period) -> date:
    """Last day of the period (week or calendar month) that begins on ``start``."""
    if period == "week":
        return start + timedelta(days=6)
    nxt = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def watch_levels(
    period_starts: Sequence[date],
    events: Iterable[TriggerEvent],
    *,
    n_series: int,
    period: Period = "week",
) -> NDArray[np.float64]:
    """Build the watch array for :func:`commonground.analytics.early_warning.detect`.

    Parameters
    ----------
    period_starts : sequence of date
        First day of each period (the columns of the count array).
    events : iterable of TriggerEvent
        Trigger events; where windows overlap the highest level applies.
    n_series : int
        Number of rows of the count array.
    period : {"week", "month"}
        Length of each period.

    Returns
    -------
    ndarray of float, shape (n_series, n_periods)
        1 outside every window, the event's level inside.
    """
    starts = list(period_starts)
    ends = [period_end(s, period) for s in starts]
    w = np.ones((n_series, len(starts)), dtype=np.float64)
    for ev in events:
        cols = [j for j, (s, e) in enumerate(zip(starts, ends, strict=True))
                if s <= ev.end and e >= ev.start]
        if not cols:
            continue
        rows = (np.arange(n_series) if ev.series is None
                else np.asarray(ev.series, dtype=np.intp))
        if rows.size and (rows.min() < 0 or rows.max() >= n_series):
            raise ValueError(f"trigger event {ev.name!r} names a row outside 0..{n_series - 1}")
        cells = np.ix_(rows, np.asarray(cols, dtype=np.intp))
        w[cells] = np.maximum(w[cells], ev.level)
    return w


def cusum_arl(h: float, k: float) -> float:
    """In-control average run length of a normal CUSUM (Siegmund's approximation).

    Parameters
    ----------
    h : float
        Decision threshold (in standard deviations).
    k : float
        Reference value (allowance), ``k > 0``.

    Returns
    -------
    float
        Expected number of in-control periods until a false alarm.

    References
    ----------
    Siegmund, D. (1985). *Sequential Analysis*. Springer. The approximation
    ``ARL0 = (exp(2 k b) - 2 k b - 1) / (2 k^2)`` with ``b = h + 1.166``.
    """
    b = h + _SIEGMUND_SHIFT
    x = 2.0 * k * b
    return (math.expm1(x) - x) / (2.0 * k * k)


def cusum_threshold_for_watch(h: float, k: float, watch: ArrayLike) -> NDArray[np.float64]:
    """CUSUM thresholds whose false-alarm rate is ``watch`` times that of ``h``.

    Parameters
    ----------
    h : float
        Usual decision threshold.
    k : float
        Reference value, ``k > 0``.
    watch : array_like of float
        Watch levels (``> 0``; 1 keeps ``h``).

    Returns
    -------
    ndarray of float
        Thresholds ``h_w >= 0`` with ``ARL0(h_w) = ARL0(h) / w`` (clipped at 0), same
        shape as ``watch``.
    """
    w = np.asarray(watch, dtype=np.float64)
    if np.any(~np.isfinite(w)) or np.any(w <= 0):
        raise ValueError("watch levels must be finite and positive")
    out = np.empty_like(w)
    base = cusum_arl(h, k)
    floor_arl = cusum_arl(0.0, k)
    uniq, inverse = np.unique(w, return_inverse=True)
    vals = np.empty_like(uniq)
    for i, level in enumerate(uniq):
        if level == 1.0:
            vals[i] = h
            continue
        goal = base / level
        if goal <= floor_arl:
            vals[i] = 0.0
            continue
        hi = h
        while cusum_arl(hi, k) < goal:
            hi *= 2.0
        vals[i] = optimize.brentq(
            lambda x, g=goal: math.log(cusum_arl(x, k)) - math.log(g), 0.0, hi, xtol=1e-9
        )
    out[...] = vals[inverse.reshape(w.shape)]
    return out


def as_watch_array(watch: ArrayLike | None, n_series: int, n_periods: int) -> NDArray[np.float64]:
    """Check ``watch`` and broadcast it to ``(n_series, n_periods)`` (a read-only view).

    Accepts ``None`` (no events), a scalar, one level per period ``(n_periods,)`` or
    one per cell ``(n_series, n_periods)``.
    """
    if watch is None:
        return np.broadcast_to(np.float64(1.0), (n_series, n_periods))
    w = np.asarray(watch, dtype=np.float64)
    if w.ndim == 1 and w.shape[0] != n_periods:
        raise ValueError(f"watch has {w.shape[0]} periods, the counts have {n_periods}")
    try:
        out = np.broadcast_to(w, (n_series, n_periods))
    except ValueError as exc:
        raise ValueError(
            f"watch of shape {w.shape} does not fit counts of shape {(n_series, n_periods)}"
        ) from exc
    if np.any(~np.isfinite(w)) or np.any(w <= 0):
        raise ValueError("watch levels must be finite and positive")
    return out
