"""Is a change real?  Differences between groups and waves, and the change a survey can see.

* :func:`domain_difference`: two groups of the *same* sample (a ward against the rest of
  the council, women against men).  The groups' estimates are correlated through the
  weights and the design, so the difference is linearised as one statistic,
  ``u_a - u_b`` (see :mod:`.estimates`), and its standard error comes from the design;
  this equals R's ``svycontrast`` on ``svyby(..., covmat=TRUE)``.
* :func:`wave_difference`: the same indicator in two *independent* samples (two waves):
  the variances add, and the degrees of freedom are Welch-Satterthwaite's.
* :func:`minimum_detectable_change` and :func:`responses_needed`: the smallest change
  between two waves a test at ``level`` detects with probability ``power``, or the
  responses per wave (per ward, when applied to a ward) needed to detect a given change,
  inflated by the design effect observed in an earlier wave (Kish 1965; Fleiss, Levin
  and Paik 2003, section 4.2, without continuity correction).

A difference is *significant* when its two-sided p-value is below ``1 - level``, which is
when its interval leaves out zero.

References
----------
Fleiss, J. L., Levin, B. and Paik, M. C. (2003) *Statistical Methods for Rates and
Proportions*, 3rd edn. Wiley.

Kish, L. (1965) *Survey Sampling*. Wiley.

Satterthwaite, F. E. (1946) 'An approximate distribution of estimates of variance
components', *Biometrics Bulletin* 2(6), 110-114.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from .design import SurveyDesign
from .estimates import Estimate, check_level, eligible_mask, linearise_means


@dataclass(frozen=True)
class Difference:
    """``first - second`` (or ``later - earlier``) with its interval and test."""

    estimate: float
    se: float
    ci_low: float
    ci_high: float
    df: float
    p_value: float
    significant: bool
    level: float = 0.95


def _difference(estimate: float, se: float, df: float, level: float) -> Difference:
    if df <= 0 or not math.isfinite(se):
        return Difference(estimate, se, math.nan, math.nan, df, math.nan, False, level)
    # Imported here, not with the module: the command line imports this package and
    # never compares, and scipy.special's import costs more than its work (see .student).
    from scipy import special

    half = float(special.stdtrit(df, 0.5 + level / 2)) * se
    if se > 0:
        p_value = float(2 * special.stdtr(df, -abs(estimate) / se))
    else:
        p_value = 0.0 if estimate != 0 else 1.0
    return Difference(estimate, se, estimate - half, estimate + half, df, p_value,
                      p_value < 1 - level, level)


def domain_difference(
    design: SurveyDesign,
    values: ArrayLike,
    *,
    first: ArrayLike,
    second: ArrayLike,
    eligible: ArrayLike | None = None,
    level: float = 0.95,
) -> Difference:
    """The mean (or share, for 0/1 values) of ``first`` minus that of ``second``.

    Parameters
    ----------
    design : SurveyDesign
    values : array_like, shape (n,)
        The answer as a number (1 for agreeing, 0 otherwise, for a proportion).
    first, second : array_like of bool, shape (n,)
        Membership of the two groups; they may overlap (a ward and its whole council).
    eligible : array_like of bool, optional
        Respondents counted at all (see :func:`.estimates.proportions`).
    level : float

    Returns
    -------
    Difference
        Degrees of freedom are those of the respondents in either group.

    Raises
    ------
    ValueError
        If a group has no eligible respondent, or an array is malformed.
    """
    level = check_level(level)
    mask = eligible_mask(design, eligible)
    y = np.asarray(values, dtype=np.float64)
    if y.shape != (design.n,):
        raise ValueError(f"values must have one number per respondent ({design.n})")
    groups = []
    for name, group in (("first", first), ("second", second)):
        g = np.asarray(group)
        if g.shape != (design.n,) or g.dtype != bool:
            raise ValueError(f"{name} must be {design.n} true/false values")
        if not (g & mask).any():
            raise ValueError(f"the {name} group has no eligible respondent")
        groups.append(g & mask)
    if not np.all(np.isfinite(y[mask])):
        raise ValueError("values must be finite for every eligible respondent")
    members = np.column_stack(groups)
    lin = linearise_means(design, y, ["first", "second"], members)
    variance = float(design.variance(lin.u[:, 0] - lin.u[:, 1])[0])
    df = int(design.degrees_of_freedom(members.any(axis=1))[0])
    return _difference(float(lin.estimate[0] - lin.estimate[1]),
                       math.sqrt(max(variance, 0.0)), df, level)


def wave_difference(earlier: Estimate, later: Estimate, *, level: float = 0.95) -> Difference:
    """``later - earlier`` for estimates from two independent samples.

    The standard error is ``sqrt(se_1^2 + se_2^2)``; degrees of freedom by
    Welch-Satterthwaite, ``(v_1 + v_2)^2 / (v_1^2 / df_1 + v_2^2 / df_2)``.
    """
    level = check_level(level)
    v1, v2 = earlier.se**2, later.se**2
    if v1 + v2 == 0:
        df = float(min(earlier.df, later.df))
    elif earlier.df <= 0 or later.df <= 0:
        df = 0.0
    else:
        df = (v1 + v2) ** 2 / (v1**2 / earlier.df + v2**2 / later.df)
    return _difference(later.estimate - earlier.estimate, math.sqrt(v1 + v2), df, level)


def _z_sum(level: float, power: float) -> float:
    check_level(level)
    if not 0 < power < 1:
        raise ValueError(f"power must be between 0 and 1 (e.g. 0.8), not {power!r}")
    from scipy import special  # see _difference

    return float(special.ndtri(0.5 + level / 2) + special.ndtri(power))


def _check_share(name: str, p: float) -> None:
    if not 0 < p < 1:
        raise ValueError(f"{name} must be a share strictly between 0 and 1, not {p!r}")


def _check_deff(deff: float) -> None:
    if not (math.isfinite(deff) and deff > 0):
        raise ValueError(f"the design effect must be a positive number, not {deff!r}")


def minimum_detectable_change(
    responses: float,
    proportion: float,
    *,
    deff: float = 1.0,
    responses_other: float | None = None,
    level: float = 0.95,
    power: float = 0.8,
) -> float:
    """Smallest change in a share between two waves that a survey can detect.

    Parameters
    ----------
    responses : float
        Responses in one wave (in the ward, for a ward's change).
    proportion : float
        The share expected (e.g. the last wave's estimate).
    deff : float
        Design effect observed for this indicator (1 for simple random sampling).
    responses_other : float, optional
        Responses in the other wave; the same as ``responses`` by default.
    level, power : float
        Confidence level of the two-sided test, and the chance of detecting the change.

    Returns
    -------
    float
        ``(z_{1-alpha/2} + z_{power}) sqrt(deff p (1 - p) (1/n_1 + 1/n_2))``.
    """
    _check_share("proportion", proportion)
    _check_deff(deff)
    other = responses if responses_other is None else responses_other
    if responses < 2 or other < 2:
        raise ValueError("each wave needs at least two responses")
    spread = deff * proportion * (1 - proportion) * (1 / responses + 1 / other)
    return _z_sum(level, power) * math.sqrt(spread)


def responses_needed(
    change: float,
    proportion: float,
    *,
    deff: float = 1.0,
    level: float = 0.95,
    power: float = 0.8,
) -> int:
    """Responses needed in each of two waves to detect a change in a share.

    Parameters
    ----------
    change : float
        The change to detect, in share points (0.05 for five percentage points).
    proportion : float
        The share in the first wave; the second is ``proportion + change``.
    deff, level, power : float
        As for :func:`minimum_detectable_change`.

    Returns
    -------
    int
        ``ceil(deff (z_{1-alpha/2} + z_{power})^2 (p_1 q_1 + p_2 q_2) / change^2)``.
    """
    _check_share("proportion", proportion)
    _check_deff(deff)
    if change == 0 or not math.isfinite(change):
        raise ValueError("the change to detect must be a non-zero share, e.g. 0.05")
    second = proportion + change
    _check_share("proportion + change", second)
    spread = proportion * (1 - proportion) + second * (1 - second)
    return math.ceil(deff * _z_sum(level, power) ** 2 * spread / change**2)
