"""Nearest statistical neighbours: the councils most alike on chosen indicators, and why.

Each indicator (column) is standardised over all councils to a z-score (mean 0, standard
deviation 1, population standard deviation, ignoring missing values).  The distance
between two councils is the weighted Euclidean distance of their z-scores,

.. math:: d_{ab} = \\sqrt{\\frac{W}{W_{ab}} \\sum_{j \\in S_{ab}} w_j (z_{aj} - z_{bj})^2}

where ``S_ab`` is the set of indicators both councils have, ``W_ab`` their weight and
``W`` the weight of all usable indicators (standardised, weighted Euclidean distance, as
in CIPFA's nearest neighbours model), with two explicit rules:

* **Missing values**: an indicator missing for either council of a pair is left out of
  that pair's distance and the rest is scaled up by ``W / W_ab`` so that a gap does not
  make two councils look closer.  A pair sharing less than ``min_overlap`` (default half)
  of the usable weight has no distance (NaN) and is never offered as a neighbour.
* **Constant indicators** (zero standard deviation, or fewer than two councils with a
  value) cannot separate councils; they are dropped (weight 0) and reported.

Each neighbour comes with the share of its squared distance due to each indicator
(shares sum to 1 over the indicators compared; all 0 when the distance is 0), so a page
can say *why* two councils are alike or not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

DEFAULT_MIN_OVERLAP = 0.5


@dataclass(frozen=True)
class Standardised:
    """z-scores (NaN where missing) and the weights actually used (0 for dropped columns)."""

    z: FloatArray
    weights: FloatArray
    mean: FloatArray
    std: FloatArray
    dropped: tuple[int, ...]


@dataclass(frozen=True)
class Neighbour:
    """One near council: ``shares[j]`` is indicator ``j``'s share of ``distance**2``
    (NaN for an indicator not compared for this pair)."""

    index: int
    code: str
    distance: float
    shares: FloatArray
    compared: int


def _matrix(matrix: ArrayLike) -> FloatArray:
    m = np.asarray(matrix, dtype=np.float64)
    if m.ndim != 2:
        raise ValueError(f"matrix must be 2-D (councils x indicators); got {m.ndim} dimension(s)")
    if m.shape[0] < 2 or m.shape[1] < 1:
        raise ValueError(f"need at least 2 councils and 1 indicator; got shape {m.shape}")
    if np.isinf(m).any():
        raise ValueError("matrix contains an infinite value; use NaN for a missing value")
    return m


def _weights(weights: ArrayLike | None, n_cols: int) -> FloatArray:
    if weights is None:
        return np.ones(n_cols)
    w = np.asarray(weights, dtype=np.float64)
    if w.shape != (n_cols,):
        raise ValueError(f"weights must have one value per indicator ({n_cols}); got {w.shape}")
    if not np.all(np.isfinite(w)) or (w < 0).any():
        raise ValueError("weights must be finite and non-negative")
    if w.sum() == 0:
        raise ValueError("at least one weight must be positive")
    return w


def standardise(matrix: ArrayLike, weights: ArrayLike | None = None) -> Standardised:
    """z-score every column over the councils that have a value (see module docstring).

    Raises
    ------
    ValueError
        On a non 2-D matrix, infinities, bad weights, or when no indicator can separate
        the councils.
    """
    m = _matrix(matrix)
    w = _weights(weights, m.shape[1]).copy()
    present = ~np.isnan(m)
    count = present.sum(axis=0)
    filled = np.where(present, m, 0.0)
    mean = np.divide(filled.sum(axis=0), count, out=np.zeros(m.shape[1]), where=count > 0)
    dev = np.where(present, m - mean, 0.0)
    var = np.divide((dev * dev).sum(axis=0), count, out=np.zeros(m.shape[1]), where=count > 0)
    std = np.sqrt(var)
    # relative test so that a column of equal values with rounding noise counts as constant
    scale = np.maximum(np.nanmax(np.abs(np.where(present, m, np.nan)), axis=0, initial=0.0), 1.0)
    constant = (count < 2) | (std <= 1e-12 * scale)
    w[constant] = 0.0
    if w.sum() == 0:
        raise ValueError("no indicator varies between councils; distances are undefined")
    z = np.full(m.shape, np.nan)
    np.divide(m - mean, std, out=z, where=present & ~constant[None, :])
    z[:, constant] = np.where(present[:, constant], 0.0, np.nan)
    return Standardised(
        z=z, weights=w, mean=mean, std=std, dropped=tuple(int(j) for j in np.flatnonzero(constant))
    )


def _pair_terms(z: FloatArray, w: FloatArray, target: int) -> tuple[FloatArray, FloatArray]:
    """Weighted squared differences to ``target`` (NaN where not compared) and ``W_ab``."""
    diff = z - z[target]
    terms = w * diff * diff  # NaN where either value is missing
    compared = ~np.isnan(terms) & (w > 0)
    shared_w = np.where(compared, w, 0.0).sum(axis=1)
    return np.where(compared, terms, np.nan), shared_w


def distances_from(
    matrix: ArrayLike,
    target_index: int,
    weights: ArrayLike | None = None,
    *,
    min_overlap: float = DEFAULT_MIN_OVERLAP,
) -> FloatArray:
    """Distance of every council to council ``target_index`` (0 for itself, NaN if too
    few indicators are shared)."""
    std = standardise(matrix, weights)
    d, _terms = _distances(std, _target(target_index, std.z.shape[0]), min_overlap)
    return d


def _target(target_index: int, n: int) -> int:
    if isinstance(target_index, bool) or not isinstance(target_index, int | np.integer):
        raise ValueError(f"target_index must be an int; got {target_index!r}")
    if not -n <= int(target_index) < n:
        raise ValueError(f"target_index {target_index} is out of range for {n} councils")
    return int(target_index) % n


def _distances(std: Standardised, target: int, min_overlap: float) -> tuple[FloatArray, FloatArray]:
    if not 0 < min_overlap <= 1:
        raise ValueError(f"min_overlap must be in (0, 1]; got {min_overlap}")
    terms, shared_w = _pair_terms(std.z, std.weights, target)
    total_w = std.weights.sum()
    sq = np.nansum(terms, axis=1) * np.divide(
        total_w, shared_w, out=np.zeros_like(shared_w), where=shared_w > 0
    )
    d = np.sqrt(sq)
    d[shared_w < min_overlap * total_w * (1 - 1e-12)] = np.nan
    return d, terms


def nearest(
    matrix: ArrayLike,
    codes: Sequence[str] | ArrayLike,
    target_index: int,
    k: int = 15,
    weights: ArrayLike | None = None,
    *,
    min_overlap: float = DEFAULT_MIN_OVERLAP,
) -> list[Neighbour]:
    """The ``k`` councils nearest to council ``target_index``, closest first.

    Parameters
    ----------
    matrix : array_like, shape (n_councils, n_indicators)
        Indicator values; NaN for missing.
    codes : sequence of str, length n_councils
        Council codes (or names) in the same order.
    target_index : int
        Row of the council whose neighbours are wanted.
    k : int
        How many neighbours (fewer if fewer councils have a distance).
    weights : array_like, shape (n_indicators,), optional
        Non-negative weight of each indicator (default all 1).
    min_overlap : float
        Least share of the usable weight a pair must have in common (default 0.5).

    Returns
    -------
    list of Neighbour
        Ties are broken by row order; the council itself is never included.

    Raises
    ------
    ValueError
        On bad shapes, weights, ``k < 1`` or ``target_index`` out of range.
    """
    std = standardise(matrix, weights)
    n = std.z.shape[0]
    code_arr = np.asarray(codes)
    if code_arr.shape != (n,):
        raise ValueError(f"codes must have one entry per council ({n}); got {code_arr.shape}")
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1:
        raise ValueError(f"k must be a positive int; got {k!r}")
    target = _target(target_index, n)
    d, terms = _distances(std, target, min_overlap)
    d[target] = np.nan
    candidates = np.flatnonzero(~np.isnan(d))
    order = candidates[np.argsort(d[candidates], kind="stable")][: int(k)]
    sums = np.nansum(terms[order], axis=1)
    out = []
    for row, s in zip(order, sums, strict=True):
        shares = np.where(np.isnan(terms[row]), np.nan, 0.0)
        if s > 0:
            shares = terms[row] / s
        out.append(
            Neighbour(
                index=int(row),
                code=str(code_arr[row]),
                distance=float(d[row]),
                shares=shares,
                compared=int(np.count_nonzero(~np.isnan(terms[row]))),
            )
        )
    return out


def all_pair_distances(
    matrix: ArrayLike,
    weights: ArrayLike | None = None,
    *,
    min_overlap: float = DEFAULT_MIN_OVERLAP,
) -> FloatArray:
    """Distance between every pair of councils, ``n x n`` (diagonal 0), same rules as
    :func:`nearest`; computed with three matrix products, no loop over councils."""
    if not 0 < min_overlap <= 1:
        raise ValueError(f"min_overlap must be in (0, 1]; got {min_overlap}")
    std = standardise(matrix, weights)
    present = (~np.isnan(std.z)).astype(np.float64)
    z = np.nan_to_num(std.z)
    w = std.weights
    zz = present * z * z * w
    # sum_j w_j m_aj m_bj (z_aj - z_bj)^2 expanded
    sq = zz @ present.T + present @ zz.T - 2.0 * (z * w) @ z.T
    np.maximum(sq, 0.0, out=sq)
    shared_w = (present * w) @ present.T
    total_w = w.sum()
    scale = np.divide(total_w, shared_w, out=np.zeros_like(shared_w), where=shared_w > 0)
    d = np.asarray(np.sqrt(sq * scale), dtype=np.float64)
    d[shared_w < min_overlap * total_w * (1 - 1e-12)] = np.nan
    np.fill_diagonal(d, 0.0)
    return d
