"""Diversity of each region's and each area's population, and location quotients.

Region values use the region's composition ``P_k = X_k / T``; area values use the area's
``p_ik = x_ik / t_i``.  As PySAL ``segregation`` 2.5.4 (``SimpsonsInteraction``,
``MultiDiversity``, ``MultiLocalSimpsonInteraction``, ``MultiLocalDiversity``,
``MultiLocationQuotient``), with these conventions:

* ``0 ln 0 = 0``: a group absent from a region or area adds nothing to the entropy
  (PySAL's region entropy is NaN there);
* a region or area with no population has no composition: its diversity and its
  location quotients are NaN (PySAL's local diversity reports 0 for such an area, which
  would read as "one group only");
* the location quotient of a group absent from the whole region is NaN (0/0).

References
----------
Simpson, E. H. (1949) 'Measurement of diversity', *Nature* 163, 688.

Shannon, C. E. (1948) 'A mathematical theory of communication', *Bell System Technical
Journal* 27, 379-423.

Reardon, S. F. and Firebaugh, G. (2002) 'Measures of multigroup segregation',
*Sociological Methodology* 32(1), 33-67.

Isard, W. (1960) *Methods of Regional Analysis*, MIT Press (location quotients).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ._composition import Composition, compose
from ._regions import FloatArray, RegionValues, as_count_matrix, safe_divide


def _mask_empty(values: FloatArray, total: FloatArray) -> FloatArray:
    return np.where(total > 0, values, np.nan)


def _area_shares(counts: ArrayLike) -> tuple[FloatArray, FloatArray]:
    x = as_count_matrix(counts, min_groups=2)
    t = x.sum(axis=1)
    return safe_divide(x, t[:, None]), t


def region_simpson(comp: Composition) -> FloatArray:
    """Simpson's interaction of each region of a prepared composition."""
    return _mask_empty(comp.simpson(), comp.region_total)


def region_entropy(comp: Composition) -> FloatArray:
    """Entropy of each region of a prepared composition."""
    return _mask_empty(comp.entropy(), comp.region_total)


def simpson_interaction(counts: ArrayLike, regions: ArrayLike | Sequence[Any]) -> RegionValues:
    r"""Simpson's interaction (fractionalisation) of each region's population.

    .. math:: I = \sum_k P_k (1 - P_k) = 1 - \sum_k P_k^2

    The chance that two residents drawn at random belong to different groups (Simpson
    1949; Reardon and Firebaugh 2002).  PySAL ``SimpsonsInteraction``.

    Parameters
    ----------
    counts : array_like, shape (n_areas, n_groups)
        Non-negative counts, at least two groups.
    regions : array_like, shape (n_areas,)
        Region id of each area.

    Returns
    -------
    RegionValues
        Sorted region labels and one value per region; NaN for a region with no people.
    """
    comp = compose(counts, regions)
    return RegionValues(comp.regions.labels, region_simpson(comp))


def entropy(
    counts: ArrayLike, regions: ArrayLike | Sequence[Any], *, normalised: bool = False
) -> RegionValues:
    r"""Entropy (Shannon diversity) of each region's population.

    .. math:: E = -\sum_k P_k \ln P_k

    divided by ``ln K`` when ``normalised`` (so 1 is an equal share of every listed
    group).  PySAL ``MultiDiversity``; ``0 ln 0 = 0``.  Parameters as
    :func:`simpson_interaction`.
    """
    comp = compose(counts, regions)
    values = region_entropy(comp)
    if normalised:
        values = values / np.log(comp.n_groups)
    return RegionValues(comp.regions.labels, values)


def area_simpson_interaction(counts: ArrayLike) -> FloatArray:
    """Simpson's interaction ``sum_k p_ik (1 - p_ik)`` of each area (NaN if empty).

    PySAL ``MultiLocalSimpsonInteraction``.
    """
    p, t = _area_shares(counts)
    return _mask_empty(np.sum(p * (1.0 - p), axis=1), t)


def area_entropy(counts: ArrayLike) -> FloatArray:
    """Entropy ``-sum_k p_ik ln p_ik`` of each area (NaN if empty).

    PySAL ``MultiLocalDiversity``.
    """
    p, t = _area_shares(counts)
    logp = np.zeros_like(p)
    np.log(p, out=logp, where=p > 0)
    return _mask_empty(-np.sum(p * logp, axis=1), t)


def composition_location_quotients(comp: Composition) -> FloatArray:
    """Location quotients of a prepared composition (see :func:`location_quotients`)."""
    out = np.full(comp.counts.shape, np.nan)
    ok = (comp.area_total[:, None] > 0) & (comp.region_share_at_area > 0)
    np.divide(comp.area_share, comp.region_share_at_area, out=out, where=ok)
    return out


def location_quotients(counts: ArrayLike, regions: ArrayLike | Sequence[Any]) -> FloatArray:
    r"""Location quotient of each group in each area, relative to the area's region.

    .. math:: LQ_{ik} = \frac{x_{ik} / t_i}{X_k / T}

    Above 1: the group is over-represented in the area compared with its region (Isard
    1960).  PySAL ``MultiLocationQuotient`` applied to each region.

    Returns
    -------
    ndarray, shape (n_areas, n_groups)
        NaN where the area has no population or the group is absent from the region.
    """
    return composition_location_quotients(compose(counts, regions))
