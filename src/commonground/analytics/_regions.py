"""Checking count tables and summing them by region in one vectorised pass.

Every index in this package is computed for many regions at once (for example every
council from a table of its small areas).  This module turns the caller's arrays into
validated float arrays, maps region labels to ``0..R-1`` and offers the few group-by
primitives (sums per region, broadcasting a region value back to its areas, sorting
within regions) that the index modules build on.  No loop over regions anywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]

#: Relative slack allowed when checking that a total is not smaller than the sum of its
#: groups, so that float counts such as survey-weighted estimates are not refused for
#: rounding noise.  Integer counts are compared exactly in practice (far below 1).
TOTAL_SLACK = 1e-9


def as_count_matrix(counts: ArrayLike, *, min_groups: int = 2) -> FloatArray:
    """Return ``counts`` as a validated 2-D float64 array (areas x groups).

    Raises
    ------
    ValueError
        If the array is not 2-D, not numeric, has no areas, fewer than ``min_groups``
        columns, or holds a NaN, an infinity or a negative count.
    """
    arr = np.asarray(counts)
    if arr.ndim != 2:
        raise ValueError(
            f"counts must be a 2-D array (areas x groups); got {arr.ndim} dimension(s)"
        )
    if arr.dtype == np.bool_ or not np.issubdtype(arr.dtype, np.number):
        raise ValueError(f"counts must be numeric; got dtype {arr.dtype}")
    if np.iscomplexobj(arr):
        raise ValueError("counts must be real numbers, not complex")
    n_areas, n_groups = arr.shape
    if n_areas == 0:
        raise ValueError("counts has no areas (0 rows)")
    if n_groups < min_groups:
        raise ValueError(f"counts needs at least {min_groups} group column(s); got {n_groups}")
    out = arr.astype(np.float64, copy=False)
    if not np.all(np.isfinite(out)):
        bad = np.argwhere(~np.isfinite(out))[0]
        raise ValueError(
            f"counts must be finite; area {bad[0]}, group {bad[1]} is {out[bad[0], bad[1]]}"
        )
    if np.any(out < 0):
        bad = np.argwhere(out < 0)[0]
        raise ValueError(
            f"counts must be non-negative; area {bad[0]}, group {bad[1]} is {out[bad[0], bad[1]]}"
        )
    return out


def as_total_vector(total: ArrayLike, n_areas: int, group_sum: FloatArray) -> FloatArray:
    """Return an explicit total as a validated float vector no smaller than ``group_sum``."""
    arr = np.asarray(total)
    if arr.ndim != 1:
        raise ValueError(f"total must be a 1-D array; got {arr.ndim} dimension(s)")
    if arr.shape[0] != n_areas:
        raise ValueError(f"total has {arr.shape[0]} values but counts has {n_areas} areas")
    if arr.dtype == np.bool_ or not np.issubdtype(arr.dtype, np.number):
        raise ValueError(f"total must be numeric; got dtype {arr.dtype}")
    out = arr.astype(np.float64, copy=False)
    if not np.all(np.isfinite(out)):
        raise ValueError(f"total must be finite; area {int(np.argmin(np.isfinite(out)))} is not")
    if np.any(out < 0):
        raise ValueError(f"total must be non-negative; area {int(np.argmax(out < 0))} is negative")
    short = group_sum > out + TOTAL_SLACK * np.maximum(out, 1.0)
    if np.any(short):
        i = int(np.argmax(short))
        raise ValueError(
            f"total is smaller than the sum of the groups in {int(short.sum())} area(s); "
            f"first is area {i}: total {out[i]} < groups {group_sum[i]}"
        )
    return out


@dataclass(frozen=True)
class Regions:
    """Areas mapped to regions ``0..R-1`` (``labels[code]`` is the caller's region id)."""

    labels: NDArray[Any]
    code: IntArray
    n_regions: int

    @property
    def n_areas(self) -> int:
        return int(self.code.shape[0])

    def sum(self, values: FloatArray) -> FloatArray:
        """Sum a per-area vector (or area x column matrix) within each region."""
        if values.ndim == 1:
            return np.asarray(
                np.bincount(self.code, weights=values, minlength=self.n_regions), dtype=np.float64
            )
        out = np.empty((self.n_regions, values.shape[1]), dtype=np.float64)
        for j in range(values.shape[1]):  # loop over columns (groups), never regions
            out[:, j] = np.bincount(self.code, weights=values[:, j], minlength=self.n_regions)
        return out

    def spread(self, per_region: FloatArray) -> FloatArray:
        """Give each area the value of its region."""
        return per_region[self.code]


def group_regions(regions: ArrayLike | Sequence[Any], n_areas: int) -> Regions:
    """Map region ids (one per area, any sortable hashable type) to ``0..R-1``.

    Raises
    ------
    ValueError
        If the length differs from the number of areas, or an id is missing (None/NaN)
        or the ids cannot be ordered.
    """
    arr = np.asarray(regions)
    if arr.ndim != 1:
        raise ValueError(f"regions must be 1-D (one id per area); got {arr.ndim} dimension(s)")
    if arr.shape[0] != n_areas:
        raise ValueError(f"regions has {arr.shape[0]} ids but counts has {n_areas} areas")
    if arr.dtype.kind == "f" and np.any(np.isnan(arr)):
        raise ValueError("regions contains NaN; every area needs a region id")
    if arr.dtype == object:
        return _group_objects(arr)
    labels, code = np.unique(arr, return_inverse=True)
    return Regions(labels=labels, code=code.reshape(-1).astype(np.intp), n_regions=len(labels))


def _group_objects(arr: NDArray[Any]) -> Regions:
    # Region ids read from files are Python strings: a dict pass over the areas is several
    # times faster than np.unique's sort of n strings, and checks for missing ids at once.
    first_code: dict[Any, int] = {}
    code = np.fromiter(
        (first_code.setdefault(r, len(first_code)) for r in arr), dtype=np.intp, count=len(arr)
    )
    if any(r is None or (isinstance(r, float) and r != r) for r in first_code):
        raise ValueError("regions contains a missing id (None/NaN); every area needs one")
    seen = list(first_code)
    try:
        order = sorted(range(len(seen)), key=seen.__getitem__)
    except TypeError as exc:
        raise ValueError(f"region ids cannot be sorted (mixed types?): {exc}") from exc
    rank = np.empty(len(seen), dtype=np.intp)
    rank[order] = np.arange(len(seen))
    labels = np.empty(len(seen), dtype=object)
    labels[:] = [seen[i] for i in order]
    return Regions(labels=labels, code=rank[code], n_regions=len(seen))


def safe_divide(num: FloatArray, den: FloatArray) -> FloatArray:
    """``num / den`` with 0 where ``den == 0`` (used where the numerator is then 0 too)."""
    out = np.zeros(np.broadcast(num, den).shape, dtype=np.float64)
    np.divide(num, den, out=out, where=den != 0)
    return out


def sorted_pair_sum(regions: Regions, x: FloatArray, t: FloatArray, p: FloatArray) -> FloatArray:
    """Per region, ``sum_{i<j} t_i t_j |p_i - p_j|`` with ``p_i = x_i / t_i``, in O(n log n).

    Within a region sort the areas by ``p``; then, with ``C_j`` and ``S_j`` the sums of
    ``t`` and ``x`` over the areas before ``j``, each pair term ``t_i t_j (p_j - p_i)``
    equals ``x_j t_i - t_j x_i``, so the whole sum is ``sum_j (x_j C_j - t_j S_j)``.  For
    integer counts every product is an exact integer in float64 (below 2**53).  Areas with
    ``x = 0`` sort first and add nothing as ``j``; they only enter ``C_j`` through their
    region's zero total ``Z``, so only the non-zero entries are sorted.
    """
    nz = np.flatnonzero(x > 0)
    code = regions.code
    zero_t = regions.sum(np.where(x > 0, 0.0, t))  # population of areas with p == 0
    if nz.size == 0:
        return np.zeros(regions.n_regions)
    # region id dominates, p in [0, 1] orders within the region (p < 1 + gap of 1).
    key = code[nz] * 2.0 + p[nz]
    order = nz[np.argsort(key, kind="quicksort")]
    rs = code[order]
    xs = x[order]
    ts = t[order]
    cum_t = np.cumsum(ts) - ts  # exclusive cumulative sums over the sorted entries
    cum_x = np.cumsum(xs) - xs
    # subtract the running sums reached at the first entry of each region
    starts = np.flatnonzero(np.r_[True, rs[1:] != rs[:-1]])
    run = np.repeat(np.arange(starts.size), np.diff(np.r_[starts, rs.size]))
    c = cum_t - cum_t[starts][run] + zero_t[rs]
    s = cum_x - cum_x[starts][run]
    return np.asarray(
        np.bincount(rs, weights=xs * c - ts * s, minlength=regions.n_regions), dtype=np.float64
    )


class RegionValues(NamedTuple):
    """One index for every region: ``values[r]`` belongs to region ``regions[r]``."""

    regions: NDArray[Any]
    values: FloatArray
