"""Tail probabilities and limits of the negative-binomial predictive distribution.

The early-warning detector compares each observed count with a negative-binomial
distribution whose mean is the expected count and whose variance allows for
overdispersion and for the uncertainty of the baseline itself. These helpers turn
``(observed, mean, variance)`` into an exact upper-tail probability, a mid-p normal
score and the largest count that still counts as normal variation. They work on
whole arrays at once and avoid the slow generic ``scipy.stats`` wrappers: most cells
of a ward-level series are zeros, whose tail probability has a closed form.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy import special, stats

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

#: Normal scores are clipped to this range so that no infinity leaks out.
Z_LIMIT = 8.0

#: Beyond this many recursion steps the quantile falls back to SciPy's inversion.
_QUANTILE_RECURSION_STEPS = 100


def nb_size_prob(mean: FloatArray, var: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Negative-binomial ``(n, p)`` with the given mean and variance.

    Parameters
    ----------
    mean, var : ndarray of float
        Mean ``mu > 0`` and variance ``v > mu`` of the predictive distribution.

    Returns
    -------
    n, p : ndarray of float
        Size and success probability in SciPy's parameterisation
        (``mean = n (1 - p) / p``), i.e. ``p = mu / v`` and ``n = mu**2 / (v - mu)``.

    Notes
    -----
    This is the quasi-Poisson variance ``phi * mu`` written as a negative binomial,
    as in Farrington et al. (1996): ``p = 1 / phi`` is shared by all counts of a
    series and ``n`` grows with the mean.
    """
    p = mean / var
    n = mean * p / (1.0 - p)
    return n, p


def upper_tail(observed: FloatArray, mean: FloatArray, var: FloatArray) -> FloatArray:
    """Exact upper-tail probability ``P(Y >= observed)`` under NB(mean, var).

    Parameters
    ----------
    observed : ndarray of float
        Non-negative whole counts.
    mean, var : ndarray of float
        Predictive mean and variance (``var > mean > 0``), same shape.

    Returns
    -------
    ndarray of float
        Probabilities in ``[0, 1]``; exactly 1 where ``observed == 0``.

    Notes
    -----
    Uses ``P(Y >= y) = I_{1-p}(y, n)``, the regularised incomplete beta function,
    which stays accurate for very small tails where ``1 - cdf`` would not.
    """
    out = np.ones_like(mean)
    pos = observed > 0
    if pos.any():
        n, p = nb_size_prob(mean[pos], var[pos])
        out[pos] = special.betainc(observed[pos], n, 1.0 - p)
    return out


def mid_p_score(observed: FloatArray, mean: FloatArray, var: FloatArray) -> FloatArray:
    """Normal score of the mid-p upper tail: ``z = Phi^-1(1 - midp)``.

    Parameters
    ----------
    observed : ndarray of float
        Non-negative whole counts.
    mean, var : ndarray of float
        Predictive mean and variance (``var > mean > 0``), same shape.

    Returns
    -------
    ndarray of float
        Scores clipped to ``[-Z_LIMIT, Z_LIMIT]``. Zero means "as expected",
        positive means more reports than expected.

    Notes
    -----
    The mid-p value ``P(Y > y) + P(Y = y) / 2`` (Lancaster 1961) has mean 1/2 under
    the model even for tiny counts, so the score is centred near zero where a
    Pearson or Anscombe residual of a count of 0 or 1 would be badly skewed. That
    matters for the CUSUM, which adds the scores up. For ``y = 0`` the mid-p value
    is ``1 - p^n / 2`` and the score is computed as ``Phi^-1(p^n / 2)`` without
    rounding loss.
    """
    z = np.empty_like(mean)
    zero = observed == 0
    if zero.any():
        n0, p0 = nb_size_prob(mean[zero], var[zero])
        z[zero] = special.ndtri(0.5 * np.exp(n0 * np.log(p0)))
    pos = ~zero
    if pos.any():
        y = observed[pos]
        n, p = nb_size_prob(mean[pos], var[pos])
        q = 1.0 - p
        mid = 0.5 * (special.betainc(y, n, q) + special.betainc(y + 1.0, n, q))
        z[pos] = -special.ndtri(mid)
    np.clip(z, -Z_LIMIT, Z_LIMIT, out=z)
    return z


def assess_counts(
    observed: FloatArray, mean: FloatArray, var: FloatArray, alpha: FloatArray | float
) -> tuple[FloatArray, FloatArray, IntArray]:
    """Tail probability, mid-p score and upper limit for one period of many series.

    Parameters
    ----------
    observed : ndarray of float, shape (n,)
        Non-negative whole counts.
    mean, var : ndarray of float, shape (n,)
        Predictive mean and variance (``var > mean > 0``).
    alpha : float or ndarray of float
        Single-period false-alarm probability, scalar or shape ``(n,)``.

    Returns
    -------
    p_value : ndarray of float
        ``P(Y >= observed)``, as :func:`upper_tail`.
    z : ndarray of float
        Mid-p normal score, as :func:`mid_p_score`.
    upper : ndarray of int64
        Largest count not unusual, ``q = min{c : P(Y <= c) >= 1 - alpha}``; a count
        ``y`` has ``P(Y >= y) <= alpha`` exactly when ``y > q``, so ``q + 1`` reports
        would raise an alert.

    Notes
    -----
    One pass of the recurrence ``P(c) = P(c - 1) (n + c - 1) (1 - p) / c`` from
    ``P(0) = p^n`` up to each cell's limit ``q`` gives the limit and, for every
    count at or below it (nearly all cells), the tail and mid-p value; each cell is
    dropped as soon as its limit is reached. Only counts above their limit (the
    alerts) and very large means use the incomplete beta function and SciPy's
    quantile inversion, which keeps small-tail probabilities accurate.
    """
    y = observed
    target = 1.0 - np.broadcast_to(np.asarray(alpha, dtype=np.float64), y.shape)
    n, p = nb_size_prob(mean, var)
    r = 1.0 - p
    with np.errstate(under="ignore"):
        pmf0 = np.exp(n * np.log(p))
    # Cells whose P(0) underflows (very large means) cannot use the recurrence.
    usable = pmf0 > 1e-280

    q = _limit_by_recurrence(n, r, pmf0, target, usable)

    # Tail and mid-p for counts at or below their limit, from the same recurrence;
    # a zero count needs only P(0).
    p_up = np.ones_like(mean)
    lower_mid = 0.5 * pmf0  # P(Y < y) + P(Y = y) / 2
    some = np.flatnonzero((y > 0) & (y <= q) & usable)
    if some.size:
        below, at = _cdf_below_and_pmf_at(y[some], n[some], r[some], pmf0[some])
        p_up[some] = 1.0 - below
        lower_mid[some] = below + 0.5 * at
    z = special.ndtri(lower_mid)

    # Counts above their limit (the alerts) and very large means: exact functions.
    exact = (y > q) | ~usable
    if exact.any():
        p_up[exact] = upper_tail(y[exact], mean[exact], var[exact])
        z[exact] = mid_p_score(y[exact], mean[exact], var[exact])
    np.clip(z, -Z_LIMIT, Z_LIMIT, out=z)
    return p_up, z, q


#: Recurrence steps taken on the full arrays before switching to the cells left.
_FULL_ARRAY_STEPS = 4


def _limit_by_recurrence(
    n: FloatArray, r: FloatArray, pmf0: FloatArray, target: FloatArray, usable: BoolArray
) -> IntArray:
    """``q = #{c >= 0 : P(Y <= c) < target}`` by the pmf recurrence, all cells at once.

    The first few steps run on the full arrays (almost every ward's limit is a
    handful of reports); the cells still short of ``target`` then continue on
    their own, and any left after ``_QUANTILE_RECURSION_STEPS`` use SciPy.
    """
    pmf = pmf0.copy()
    cdf = pmf0.copy()
    short = cdf < target
    q = short.astype(np.int64)
    step = np.empty_like(n)
    c = 0
    while c < _FULL_ARRAY_STEPS and short.any():
        c += 1
        np.add(n, c - 1, out=step)
        step *= r
        step *= 1.0 / c
        pmf *= step
        cdf += pmf
        np.less(cdf, target, out=short)
        q += short
    idx = np.flatnonzero(short & usable)
    pmf, cdf, n_l, r_l, t_l = pmf[idx], cdf[idx], n[idx], r[idx], target[idx]
    while idx.size and c < _QUANTILE_RECURSION_STEPS:
        c += 1
        pmf *= (n_l + (c - 1)) * r_l / c
        cdf += pmf
        still = cdf < t_l
        q[idx[still]] += 1
        if not still.all():
            idx, pmf, cdf, n_l, r_l, t_l = (
                idx[still], pmf[still], cdf[still], n_l[still], r_l[still], t_l[still]
            )
    rest = np.flatnonzero(~usable)
    if idx.size:
        rest = np.union1d(rest, idx)
    if rest.size:
        p = 1.0 - r[rest]
        q[rest] = np.asarray(stats.nbinom.ppf(target[rest], n[rest], p), dtype=np.int64)
    return q


def _cdf_below_and_pmf_at(
    y: FloatArray, n: FloatArray, r: FloatArray, pmf0: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """``P(Y < y)`` and ``P(Y = y)`` for counts ``y >= 1`` by the pmf recurrence."""
    below = np.empty_like(y)
    at = np.empty_like(y)
    idx = np.arange(y.size)
    pmf = pmf0.copy()
    cdf = np.zeros_like(y)
    c = 0
    while idx.size:
        cdf += pmf  # now P(Y <= c)
        c += 1
        pmf *= (n + (c - 1)) * r / c  # now P(Y = c)
        hit = y == c
        if hit.any():
            below[idx[hit]] = cdf[hit]
            at[idx[hit]] = pmf[hit]
            keep = ~hit
            idx, y, n, r, pmf, cdf = idx[keep], y[keep], n[keep], r[keep], pmf[keep], cdf[keep]
    return below, at
