"""Two-group segregation indices for many regions at once: a focal group against the rest.

For region ``r`` with areas ``i``: ``x_i`` is the focal group's count, ``t_i`` the area
total (the row sum of all groups, or an explicit total such as all usual residents) and
the rest is ``t_i - x_i``.  ``X = sum x_i``, ``T = sum t_i``, ``P = X / T`` and
``p_i = x_i / t_i``.  The formulas are those of Massey and Denton (1988) exactly as coded
in PySAL ``segregation`` 2.5.4 (``Dissim``, ``Gini``, ``Entropy``, ``Isolation``,
``Interaction``, ``CorrelationR``); golden tests pin them to 1e-12.

Conventions where PySAL yields NaN or is silent:

* an area with zero population contributes nothing (its ``p_i`` is taken as 0 and it is
  weighted by ``t_i = 0``); it never turns a region's value into NaN;
* ``0 ln 0 = 0`` in the entropy;
* a region whose value is mathematically undefined gets NaN: no population (``T = 0``);
  for D, Gini, Theil H and the correlation ratio, the focal group absent or the only
  group (``P = 0`` or ``P = 1``, there is nothing to be uneven about); for isolation and
  interaction, the focal group absent (``X = 0``).

References
----------
Massey, D. S. and Denton, N. A. (1988) 'The dimensions of residential segregation',
*Social Forces* 67(2), 281-315.

Duncan, O. D. and Duncan, B. (1955) 'A methodological analysis of segregation indexes',
*American Sociological Review* 20(2), 210-217.

Theil, H. and Finizza, A. J. (1971) 'A note on the measurement of racial integration of
schools by means of informational concepts', *Journal of Mathematical Sociology* 1(2).

Bell, W. (1954) 'A probability model for the measurement of ecological segregation',
*Social Forces* 32(4), 357-364.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ._regions import (
    FloatArray,
    Regions,
    RegionValues,
    as_count_matrix,
    as_total_vector,
    group_regions,
    safe_divide,
    sorted_pair_sum,
)

TWO_GROUP_INDICES = (
    "dissimilarity",
    "gini",
    "theil",
    "isolation",
    "interaction",
    "correlation_ratio",
)


@dataclass(frozen=True)
class TwoGroup:
    """A focal group and its area totals, validated and summed by region."""

    regions: Regions
    x: FloatArray
    t: FloatArray
    big_x: FloatArray
    big_t: FloatArray
    share: FloatArray  # P per region, NaN where T == 0
    p: FloatArray  # p_i, 0 where t_i == 0

    @property
    def uneven_defined(self) -> np.ndarray:
        """Regions where evenness indices are defined: people of both kinds present."""
        return (self.big_x > 0) & (self.big_x < self.big_t)

    def _finish(self, num: FloatArray, den: FloatArray, defined: np.ndarray) -> FloatArray:
        out = np.full(self.regions.n_regions, np.nan)
        np.divide(num, den, out=out, where=defined)
        return out

    def dissimilarity(self) -> FloatArray:
        big_p = np.nan_to_num(self.share)
        dev = self.t * np.abs(self.p - big_p[self.regions.code])
        return self._finish(
            self.regions.sum(dev),
            2.0 * self.big_t * big_p * (1.0 - big_p),
            self.uneven_defined,
        )

    def gini(self) -> FloatArray:
        big_p = np.nan_to_num(self.share)
        pairs = sorted_pair_sum(self.regions, self.x, self.t, self.p)
        return self._finish(
            pairs, self.big_t * self.big_t * big_p * (1.0 - big_p), self.uneven_defined
        )

    def theil(self) -> FloatArray:
        big_p = np.nan_to_num(self.share)
        big_e = _binary_entropy(big_p)
        area_e = _binary_entropy(self.p)
        num = self.regions.sum(self.t * (big_e[self.regions.code] - area_e))
        return self._finish(num, big_e * self.big_t, self.uneven_defined)

    def isolation(self) -> FloatArray:
        num = self.regions.sum(self.x * self.p)
        return self._finish(num, self.big_x, self.big_x > 0)

    def interaction(self) -> FloatArray:
        num = self.regions.sum(self.x * (1.0 - self.p))
        return self._finish(num, self.big_x, self.big_x > 0)

    def correlation_ratio(self) -> FloatArray:
        big_p = np.nan_to_num(self.share)
        xpx = np.nan_to_num(self.isolation())
        return self._finish(xpx - big_p, 1.0 - big_p, self.uneven_defined)

    def all(self) -> dict[str, FloatArray]:
        return {name: getattr(self, name)() for name in TWO_GROUP_INDICES}


def _binary_entropy(p: FloatArray) -> FloatArray:
    """``-(p ln p + (1-p) ln(1-p))`` with ``0 ln 0 = 0``."""
    q = 1.0 - p
    lp = np.zeros_like(p)
    lq = np.zeros_like(p)
    np.log(p, out=lp, where=p > 0)
    np.log(q, out=lq, where=q > 0)
    return -(p * lp + q * lq)


def two_group(
    counts: ArrayLike,
    regions: ArrayLike | Sequence[Any],
    focal: int,
    total: ArrayLike | None = None,
) -> TwoGroup:
    """Validate the inputs of the two-group indices and sum them by region.

    Parameters
    ----------
    counts : array_like, shape (n_areas, n_groups)
        Non-negative counts.  With ``total=None`` at least two groups are needed.
    regions : array_like, shape (n_areas,)
        Region id of each area.
    focal : int
        Column of the focal group.
    total : array_like, shape (n_areas,), optional
        Area totals; by default the row sums of ``counts``.  Must not be smaller than the
        row sum of ``counts``.

    Raises
    ------
    ValueError
        On any malformed input (see :func:`commonground.analytics._regions.as_count_matrix`).
    """
    x_all = as_count_matrix(counts, min_groups=1 if total is not None else 2)
    return two_group_on(x_all, group_regions(regions, x_all.shape[0]), focal, total)


def two_group_on(
    x_all: FloatArray, reg: Regions, focal: int, total: ArrayLike | None = None
) -> TwoGroup:
    """:func:`two_group` on counts already validated and regions already grouped."""
    n_areas, n_groups = x_all.shape
    if isinstance(focal, bool) or not isinstance(focal, int | np.integer):
        raise ValueError(f"focal must be a column index (int); got {focal!r}")
    if not 0 <= int(focal) < n_groups:
        raise ValueError(f"focal column {focal} is out of range for {n_groups} group(s)")
    row_sum = x_all.sum(axis=1)
    t = row_sum if total is None else as_total_vector(total, n_areas, row_sum)
    x = x_all[:, int(focal)]
    big_x = reg.sum(x)
    big_t = reg.sum(t)
    share = np.full(reg.n_regions, np.nan)
    np.divide(big_x, big_t, out=share, where=big_t > 0)
    return TwoGroup(
        regions=reg,
        x=x,
        t=t,
        big_x=big_x,
        big_t=big_t,
        share=share,
        p=np.minimum(safe_divide(x, t), 1.0),
    )


def dissimilarity(
    counts: ArrayLike,
    regions: ArrayLike | Sequence[Any],
    focal: int,
    total: ArrayLike | None = None,
) -> RegionValues:
    r"""Index of dissimilarity D of the focal group from the rest, per region.

    .. math:: D = \frac{\sum_i t_i |p_i - P|}{2 T P (1 - P)}

    The share of the focal group that would have to move to another area for every area
    to have the region's composition (Duncan and Duncan 1955; Massey and Denton 1988).
    Range 0 (even) to 1.  Parameters as in :func:`two_group`; NaN where undefined (see
    module docstring).
    """
    tg = two_group(counts, regions, focal, total)
    return RegionValues(tg.regions.labels, tg.dissimilarity())


def gini(
    counts: ArrayLike,
    regions: ArrayLike | Sequence[Any],
    focal: int,
    total: ArrayLike | None = None,
) -> RegionValues:
    r"""Gini segregation index per region (Massey and Denton 1988).

    .. math:: G = \frac{\sum_i \sum_j t_i t_j |p_i - p_j|}{2 T^2 P (1 - P)}

    Computed in O(n log n) by sorting areas by ``p_i`` within each region (see
    :func:`commonground.analytics._regions.sorted_pair_sum`), not over all pairs.
    """
    tg = two_group(counts, regions, focal, total)
    return RegionValues(tg.regions.labels, tg.gini())


def theil(
    counts: ArrayLike,
    regions: ArrayLike | Sequence[Any],
    focal: int,
    total: ArrayLike | None = None,
) -> RegionValues:
    r"""Theil entropy index H per region (Theil and Finizza 1971; Massey and Denton 1988).

    .. math:: H = \sum_i \frac{t_i (E - E_i)}{E T}, \quad
              E = -P \ln P - (1-P) \ln (1-P)

    with ``E_i`` the same entropy of area ``i`` and ``0 ln 0 = 0``.  PySAL ``Entropy``.
    """
    tg = two_group(counts, regions, focal, total)
    return RegionValues(tg.regions.labels, tg.theil())


def isolation(
    counts: ArrayLike,
    regions: ArrayLike | Sequence[Any],
    focal: int,
    total: ArrayLike | None = None,
) -> RegionValues:
    r"""Isolation index xPx per region (Bell 1954; Massey and Denton 1988).

    .. math:: {}_xP_x = \sum_i \frac{x_i}{X} \frac{x_i}{t_i}

    The focal group share in the area of the average member of the focal group.
    """
    tg = two_group(counts, regions, focal, total)
    return RegionValues(tg.regions.labels, tg.isolation())


def interaction(
    counts: ArrayLike,
    regions: ArrayLike | Sequence[Any],
    focal: int,
    total: ArrayLike | None = None,
) -> RegionValues:
    r"""Interaction index xPy per region (Bell 1954; Massey and Denton 1988).

    .. math:: {}_xP_y = \sum_i \frac{x_i}{X} \frac{t_i - x_i}{t_i}

    The share of the rest in the area of the average member of the focal group.
    """
    tg = two_group(counts, regions, focal, total)
    return RegionValues(tg.regions.labels, tg.interaction())


def correlation_ratio(
    counts: ArrayLike,
    regions: ArrayLike | Sequence[Any],
    focal: int,
    total: ArrayLike | None = None,
) -> RegionValues:
    r"""Correlation ratio eta squared per region (Massey and Denton 1988).

    .. math:: V = \frac{{}_xP_x - P}{1 - P}

    Isolation adjusted for the focal group's overall share.
    """
    tg = two_group(counts, regions, focal, total)
    return RegionValues(tg.regions.labels, tg.correlation_ratio())
