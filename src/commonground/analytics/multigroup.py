"""Multigroup segregation indices for many regions at once.

For region ``r`` with areas ``i`` and ``K`` listed groups ``k``: ``x_ik`` counts,
``t_i = sum_k x_ik`` (multigroup indices always use the sum of the listed groups as the
area total, as PySAL does), ``T = sum_i t_i``, ``p_ik = x_ik / t_i``, ``P_k = X_k / T`` and
Simpson's interaction ``I = sum_k P_k (1 - P_k)``.  Formulas follow Reardon and Firebaugh
(2002) exactly as coded in PySAL ``segregation`` 2.5.4 (``MultiDissim``, ``MultiGini``,
``MultiInfoTheory``, ``MultiNormExposure``, ``MultiRelativeDiversity``,
``MultiSquaredCoefVar``, ``MultiDivergence``); golden tests pin them to 1e-12.

Conventions where PySAL yields NaN:

* an area with zero population contributes nothing (weight ``t_i = 0``);
* a group absent from a region contributes nothing: ``0 ln 0 = 0`` in the information
  theory index and the divergence, and its ``0/0`` term of the squared coefficient of
  variation is 0.  ``K`` stays the number of listed groups (PySAL's choice);
* NaN only where the value is undefined: a region with no population, and, for the
  normalised indices (all but the divergence), a region where fewer than two groups are
  present (there is no diversity to be uneven about).  The divergence of such a region is 0.

References
----------
Reardon, S. F. and Firebaugh, G. (2002) 'Measures of multigroup segregation',
*Sociological Methodology* 32(1), 33-67.

Reardon, S. F. and O'Sullivan, D. (2004) 'Measures of spatial segregation',
*Sociological Methodology* 34(1), 121-162.

Roberto, E. (2016) 'The divergence index: a decomposable measure of segregation and
inequality', arXiv:1508.01167.

Sakoda, J. M. (1981) 'A generalized index of dissimilarity', *Demography* 18(2), 245-250.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ._composition import Composition, compose
from ._regions import FloatArray, RegionValues, safe_divide, sorted_pair_sum

MULTIGROUP_INDICES = (
    "multi_dissimilarity",
    "multi_gini",
    "multi_theil",
    "normalised_exposure",
    "relative_diversity",
    "squared_coef_variation",
    "divergence",
)


def _finish(num: FloatArray, den: FloatArray, defined: np.ndarray) -> FloatArray:
    out = np.full(num.shape, np.nan)
    np.divide(num, den, out=out, where=defined)
    return out


class Multigroup:
    """All multigroup indices from one :class:`Composition`, sharing the work."""

    def __init__(self, comp: Composition) -> None:
        self.comp = comp
        self.reg = comp.regions
        self.big_t = comp.region_total
        self.simpson = comp.simpson()
        self.uneven_defined = (self.big_t > 0) & (comp.groups_present >= 2)
        self._sq: FloatArray | None = None
        self._log_ratio: FloatArray | None = None

    def _weighted_sq_dev(self) -> FloatArray:
        """``t_i (p_ik - P_k)^2`` per area and group, shared by three indices."""
        if self._sq is None:
            c = self.comp
            dev = c.area_share - c.region_share_at_area
            self._sq = c.area_total[:, None] * dev * dev
        return self._sq

    def _log_ratio_sum(self) -> FloatArray:
        """Per region ``sum_ik x_ik ln(p_ik / P_k)`` with ``0 ln 0 = 0`` (shared by two)."""
        if self._log_ratio is not None:
            return self._log_ratio
        c = self.comp
        x = c.counts
        ratio = np.ones_like(x)
        pos = x > 0
        np.divide(c.area_share, c.region_share_at_area, out=ratio, where=pos)
        np.log(ratio, out=ratio, where=pos)
        self._log_ratio = self.reg.sum((x * ratio).sum(axis=1))
        return self._log_ratio

    def multi_dissimilarity(self) -> FloatArray:
        c = self.comp
        dev = c.area_total[:, None] * np.abs(c.area_share - c.region_share_at_area)
        num = self.reg.sum(dev.sum(axis=1))
        return _finish(num, 2.0 * self.big_t * self.simpson, self.uneven_defined)

    def multi_gini(self) -> FloatArray:
        c = self.comp
        num = np.zeros(self.reg.n_regions)
        for k in range(c.n_groups):  # loop over groups; each step covers all regions
            num += sorted_pair_sum(self.reg, c.counts[:, k], c.area_total, c.area_share[:, k])
        return _finish(num, self.big_t * self.big_t * self.simpson, self.uneven_defined)

    def multi_theil(self) -> FloatArray:
        entropy = self.comp.entropy()
        return _finish(self._log_ratio_sum(), self.big_t * entropy, self.uneven_defined)

    def normalised_exposure(self) -> FloatArray:
        c = self.comp
        rest = 1.0 - c.region_share_at_area
        # a group that is everyone in the region leaves it undefined (caught by
        # uneven_defined); its zero deviations are divided by 1 to stay finite meanwhile
        terms = safe_divide(self._weighted_sq_dev(), rest).sum(axis=1)
        return _finish(self.reg.sum(terms), self.big_t, self.uneven_defined)

    def relative_diversity(self) -> FloatArray:
        num = self.reg.sum(self._weighted_sq_dev().sum(axis=1))
        return _finish(num, self.big_t * self.simpson, self.uneven_defined)

    def squared_coef_variation(self) -> FloatArray:
        c = self.comp
        terms = safe_divide(self._weighted_sq_dev(), c.region_share_at_area).sum(axis=1)
        den = self.big_t * (c.n_groups - 1)
        return _finish(self.reg.sum(terms), den, self.uneven_defined)

    def divergence(self) -> FloatArray:
        return _finish(self._log_ratio_sum(), self.big_t, self.big_t > 0)

    def all(self) -> dict[str, FloatArray]:
        return {name: getattr(self, name)() for name in MULTIGROUP_INDICES}


def _one(name: str, counts: ArrayLike, regions: ArrayLike | Sequence[Any]) -> RegionValues:
    mg = Multigroup(compose(counts, regions))
    return RegionValues(mg.reg.labels, getattr(mg, name)())


def multi_dissimilarity(counts: ArrayLike, regions: ArrayLike | Sequence[Any]) -> RegionValues:
    r"""Multigroup (Sakoda) dissimilarity index D per region.

    .. math:: D = \frac{1}{2 T I} \sum_i \sum_k t_i |p_{ik} - P_k|

    (Sakoda 1981; Reardon and Firebaugh 2002.)  PySAL ``MultiDissim``.

    Parameters
    ----------
    counts : array_like, shape (n_areas, n_groups)
        Non-negative counts, at least two groups.
    regions : array_like, shape (n_areas,)
        Region id of each area.

    Returns
    -------
    RegionValues
        Sorted region labels and one value per region (NaN where undefined, see the
        module docstring).

    Raises
    ------
    ValueError
        Negative, NaN or infinite counts, fewer than two groups, no areas, or a region
        array whose length differs from the number of areas.
    """
    return _one("multi_dissimilarity", counts, regions)


def multi_gini(counts: ArrayLike, regions: ArrayLike | Sequence[Any]) -> RegionValues:
    r"""Multigroup Gini index per region (Reardon and Firebaugh 2002).

    .. math:: G = \frac{1}{2 T^2 I} \sum_k \sum_i \sum_j t_i t_j |p_{ik} - p_{jk}|

    PySAL ``MultiGini`` builds the ``n x n`` matrix; here each group is sorted by
    ``p_ik`` within the regions so the pair sum costs O(n log n) time and O(n) memory.
    Parameters and returns as :func:`multi_dissimilarity`.
    """
    return _one("multi_gini", counts, regions)


def multi_theil(counts: ArrayLike, regions: ArrayLike | Sequence[Any]) -> RegionValues:
    r"""Multigroup information theory index H per region (Reardon and Firebaugh 2002).

    .. math:: H = \frac{1}{T E} \sum_i \sum_k t_i p_{ik} \ln \frac{p_{ik}}{P_k}, \quad
              E = -\sum_k P_k \ln P_k

    PySAL ``MultiInfoTheory`` (natural logarithms).  A group absent from a region adds
    nothing (PySAL returns NaN there).
    """
    return _one("multi_theil", counts, regions)


def normalised_exposure(counts: ArrayLike, regions: ArrayLike | Sequence[Any]) -> RegionValues:
    r"""Multigroup normalised exposure per region (Reardon and Firebaugh 2002).

    .. math:: P = \frac{1}{T} \sum_i \sum_k \frac{t_i (p_{ik} - P_k)^2}{1 - P_k}

    PySAL ``MultiNormExposure``.
    """
    return _one("normalised_exposure", counts, regions)


def relative_diversity(counts: ArrayLike, regions: ArrayLike | Sequence[Any]) -> RegionValues:
    r"""Multigroup relative diversity index R per region (Reardon and Firebaugh 2002).

    .. math:: R = \frac{1}{T I} \sum_i \sum_k t_i (p_{ik} - P_k)^2

    PySAL ``MultiRelativeDiversity``.
    """
    return _one("relative_diversity", counts, regions)


def squared_coef_variation(counts: ArrayLike, regions: ArrayLike | Sequence[Any]) -> RegionValues:
    r"""Multigroup squared coefficient of variation per region (Reardon and Firebaugh 2002).

    .. math:: C = \frac{1}{(K - 1) T} \sum_i \sum_k \frac{t_i (p_{ik} - P_k)^2}{P_k}

    ``K`` is the number of listed groups.  PySAL ``MultiSquaredCoefVar``; a group absent
    from a region adds nothing (PySAL returns NaN there).
    """
    return _one("squared_coef_variation", counts, regions)


def divergence(counts: ArrayLike, regions: ArrayLike | Sequence[Any]) -> RegionValues:
    r"""Divergence index (mutual information between area and group) per region.

    .. math:: D = \sum_i \frac{t_i}{T} \sum_k p_{ik} \ln \frac{p_{ik}}{P_k}

    (Roberto 2016; the unnormalised numerator of Reardon and Firebaugh's H.)  PySAL
    ``MultiDivergence``.  0 when only one group is present.
    """
    return _one("divergence", counts, regions)
