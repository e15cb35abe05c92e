"""Intervals and tests for counts of events: how sure a count or a change in counts is.

Pure functions over numbers (SciPy only). Plans use them to say whether a count of
tension reports has really moved from a target's baseline, and whether reports in one
period are significantly more than in the period before.
"""

from __future__ import annotations

from scipy import stats


def poisson_interval(count: int, level: float = 0.95) -> tuple[float, float]:
    """Exact (Garwood) interval for the mean of a Poisson count.

    The ends are chi-squared quantiles: ``chi2(a/2, 2k)/2`` and ``chi2(1-a/2, 2k+2)/2``
    (Garwood 1936; the interval R's ``poisson.test`` reports). The lower end of a zero
    count is 0.

    >>> poisson_interval(10)
    (4.795..., 18.390...)
    """
    if count < 0:
        raise ValueError("a count cannot be negative")
    if not 0 < level < 1:
        raise ValueError("the level must be between 0 and 1")
    alpha = 1.0 - level
    low = 0.0 if count == 0 else float(stats.chi2.ppf(alpha / 2, 2 * count) / 2)
    high = float(stats.chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2)
    return low, high


def rise_p_value(recent: int, earlier: int) -> float:
    """One-sided p-value that ``recent`` events come from a higher rate than ``earlier``,
    over two periods of equal length.

    Given the total, the recent count is binomial with p = 1/2 when the rate has not
    changed (the conditional test of two Poisson means, Przyborowski and Wilenski 1940),
    so this is the binomial upper tail P(X >= recent).
    """
    if recent < 0 or earlier < 0:
        raise ValueError("counts cannot be negative")
    total = recent + earlier
    if total == 0:
        return 1.0
    return float(stats.binomtest(recent, total, 0.5, alternative="greater").pvalue)
