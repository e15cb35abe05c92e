"""Segregation and diversity indices for every region in one call.

The single entry point used by the analyst CLI, the benchmark and the web pages is
:func:`all_indices`; the individual indices live in :mod:`.twogroup`,
:mod:`.multigroup` and :mod:`.diversity` and are re-exported here.  Every function takes
an ``areas x groups`` count array and a region id per area and returns one value per
region, computed in one vectorised pass (no loop over regions).  Values match PySAL
``segregation`` 2.5.4 to 1e-12 where PySAL gives a number; see each module for the
values chosen where it gives NaN (zero-population areas, absent groups).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._composition import compose
from ._regions import RegionValues
from .diversity import (
    area_entropy,
    area_simpson_interaction,
    entropy,
    location_quotients,
    region_entropy,
    region_simpson,
    simpson_interaction,
)
from .multigroup import (
    MULTIGROUP_INDICES,
    Multigroup,
    divergence,
    multi_dissimilarity,
    multi_gini,
    multi_theil,
    normalised_exposure,
    relative_diversity,
    squared_coef_variation,
)
from .twogroup import (
    TWO_GROUP_INDICES,
    correlation_ratio,
    dissimilarity,
    gini,
    interaction,
    isolation,
    theil,
    two_group_on,
)

__all__ = [
    "DIVERSITY_INDICES",
    "MULTIGROUP_INDICES",
    "TWO_GROUP_INDICES",
    "RegionValues",
    "all_indices",
    "area_entropy",
    "area_simpson_interaction",
    "correlation_ratio",
    "dissimilarity",
    "divergence",
    "entropy",
    "gini",
    "interaction",
    "isolation",
    "location_quotients",
    "multi_dissimilarity",
    "multi_gini",
    "multi_theil",
    "normalised_exposure",
    "relative_diversity",
    "simpson_interaction",
    "squared_coef_variation",
    "theil",
]

DIVERSITY_INDICES = ("simpson_interaction", "entropy")


def all_indices(
    counts: ArrayLike,
    regions: ArrayLike | Sequence[Any],
    focal: int | None = None,
    total: ArrayLike | None = None,
) -> dict[str, NDArray[Any]]:
    """Every region-level index for every region, sharing the work between them.

    Parameters
    ----------
    counts : array_like, shape (n_areas, n_groups)
        Non-negative counts of at least two groups.
    regions : array_like, shape (n_areas,)
        Region id of each area (any sortable ids; output is in sorted id order).
    focal : int, optional
        Column of a focal group; adds the two-group indices of that group against the
        rest of the area total.
    total : array_like, shape (n_areas,), optional
        Area totals (e.g. all usual residents) for the two-group indices and the
        ``population`` column; must not be smaller than the sum of the groups.  The
        multigroup and diversity indices always use the sum of the listed groups.

    Returns
    -------
    dict of str to ndarray
        ``region`` (labels), ``n_areas``, ``population``, then
        ``MULTIGROUP_INDICES``, ``DIVERSITY_INDICES`` and, with ``focal``,
        ``focal_share`` and ``TWO_GROUP_INDICES``; every array has one entry per region.

    Raises
    ------
    ValueError
        On malformed input: see :func:`commonground.analytics.multigroup.multi_dissimilarity`
        and :func:`commonground.analytics.twogroup.two_group`.
    """
    comp = compose(counts, regions)
    reg = comp.regions
    out: dict[str, NDArray[Any]] = {
        "region": reg.labels,
        "n_areas": np.bincount(reg.code, minlength=reg.n_regions),
    }
    tg = None
    if focal is not None or total is not None:
        tg = two_group_on(comp.counts, reg, 0 if focal is None else focal, total)
        out["population"] = tg.big_t
    else:
        out["population"] = comp.region_total
    out.update(Multigroup(comp).all())
    out["simpson_interaction"] = region_simpson(comp)
    out["entropy"] = region_entropy(comp)
    if focal is not None and tg is not None:
        out["focal_share"] = tg.share
        out.update(tg.all())
    return out
