"""The shares every multigroup index starts from, computed once per call.

``Composition`` holds, for areas grouped into regions: the area totals ``t_i`` (sum of
the listed groups), the region group counts ``X_rk``, region totals ``T_r``, region shares
``P_rk``, area shares ``p_ik`` and the region share broadcast to areas.  Shares of areas
or regions with no population are stored as 0; each index decides what such a region
means (see the module docstrings of :mod:`.multigroup` and :mod:`.diversity`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._regions import FloatArray, Regions, as_count_matrix, group_regions, safe_divide


@dataclass(frozen=True)
class Composition:
    """Validated counts with their area and region shares (see module docstring)."""

    regions: Regions
    counts: FloatArray  # n_areas x K
    area_total: FloatArray  # t_i
    region_counts: FloatArray  # X_rk, R x K
    region_total: FloatArray  # T_r
    region_share: FloatArray  # P_rk (0 where T_r == 0)
    area_share: FloatArray  # p_ik (0 where t_i == 0)
    region_share_at_area: FloatArray  # P_{r(i)k}

    @property
    def n_groups(self) -> int:
        return int(self.counts.shape[1])

    @property
    def groups_present(self) -> NDArray[np.intp]:
        """Number of groups with a non-zero count in each region."""
        return np.asarray(np.count_nonzero(self.region_counts > 0, axis=1), dtype=np.intp)

    def simpson(self) -> FloatArray:
        """Region ``sum_k P_k (1 - P_k)`` (Simpson's interaction), 0 for empty regions."""
        p = self.region_share
        return np.asarray(np.sum(p * (1.0 - p), axis=1), dtype=np.float64)

    def entropy(self) -> FloatArray:
        """Region ``-sum_k P_k ln P_k`` with ``0 ln 0 = 0``; 0 for empty regions."""
        p = self.region_share
        logp = np.zeros_like(p)
        np.log(p, out=logp, where=p > 0)
        return np.asarray(-np.sum(p * logp, axis=1), dtype=np.float64)


def compose(counts: ArrayLike, regions: ArrayLike | Sequence[Any]) -> Composition:
    """Validate ``counts`` (areas x groups, at least 2 groups) and ``regions`` and share them."""
    x = as_count_matrix(counts, min_groups=2)
    reg = group_regions(regions, x.shape[0])
    t = x.sum(axis=1)
    xk = reg.sum(x)
    big_t = xk.sum(axis=1)
    big_p = safe_divide(xk, big_t[:, None])
    p = safe_divide(x, t[:, None])
    return Composition(
        regions=reg,
        counts=x,
        area_total=t,
        region_counts=xk,
        region_total=big_t,
        region_share=big_p,
        area_share=p,
        region_share_at_area=big_p[reg.code],
    )
