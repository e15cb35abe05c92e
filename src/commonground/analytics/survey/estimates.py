"""Proportions and means for the whole area and its domains, with honest intervals.

For each domain ``D`` (the eligible respondents, then those of each ward, age band...)
the estimate is the weighted mean ``theta = sum_D w y / W`` with ``W = sum_D w``, and
its standard error the linearised one of :mod:`.design` (calibration, strata and
clusters taken into account) with the domain's influence values
``u_i = 1[i in D] (y_i - theta) / W``: respondents outside a domain stay in the design
with a zero value, the standard way of estimating for domains (Lumley 2010, section
2.3), so that a ward's standard error reflects that its number of respondents was itself
random.

Confidence intervals for proportions (``ci=``):

* ``"logit"`` (default): a t interval on the log-odds scale, transformed back; always
  inside (0, 1), and better than the Wald interval near 0 and 1.  It equals R's
  ``svyciprop(method="logit")``: the log-odds standard error is ``se / (p (1 - p))``.
* ``"beta"``: Korn and Graubard (1998): a Clopper-Pearson interval with the effective
  sample size ``p (1 - p) / var(p)`` scaled by ``(t_{n-1} / t_{df})^2``, as R's
  ``svyciprop(method="beta")`` does with ``n`` the domain's number of respondents.
  (For a domain of a *calibrated* design, R's ``svyciprop`` uses the whole sample's
  size for ``n`` instead; we follow Korn and Graubard.)

Where every respondent of a domain agrees (or none does), the variance is 0 and no
interval can be built on it; both methods then give the Korn-Graubard interval with the
domain's number of respondents as its effective size (the Clopper-Pearson interval),
rather than a width of zero.

Means get ``theta +- t_{df} se``.  Degrees of freedom are the domain's primary sampling
units less its strata (R's ``degf``).  The design effect is the variance over that of a
simple random sample without replacement of the same size from a population of ``W``
(``s^2 (W - n) / (W n)`` with ``s^2`` the weighted variance times ``n / (n - 1)``), R's
``svymean(deff=TRUE)``; with weights that do not add up to more than ``n`` the
with-replacement variance ``s^2 / n`` is used.  ``ess`` is Kish's effective number of
respondents, ``W^2 / sum w^2``, the precision the weights alone leave.

References
----------
Korn, E. L. and Graubard, B. I. (1998) 'Confidence intervals for proportions with small
expected number of positive counts estimated from survey data', *Survey Methodology*
24(2), 193-201.

Kish, L. (1965) *Survey Sampling*. Wiley.

Lumley, T. (2010) *Complex Surveys: A Guide to Analysis Using R*. Wiley.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .design import SurveyDesign
from .margins import Categorical, FloatArray
from .student import t_quantile

CiMethod = Literal["logit", "beta"]
CI_METHODS: tuple[CiMethod, ...] = ("logit", "beta")

#: Label of the row for every eligible respondent, before the domains.
ALL = "all"


@dataclass(frozen=True)
class Estimate:
    """An estimate for one domain with its uncertainty.

    ``n`` is the number of respondents counted, ``population`` their weighted total,
    ``df`` the degrees of freedom, ``deff`` the design effect and ``ess`` Kish's
    effective number of respondents.  ``ci_method`` says how the interval was built.
    """

    domain: str
    n: int
    estimate: float
    se: float
    ci_low: float
    ci_high: float
    df: int
    deff: float
    ess: float
    population: float
    ci_method: str
    level: float = 0.95


@dataclass(frozen=True)
class Linearised:
    """Domain means with their influence values per unit weight (one column each)."""

    labels: list[str]
    members: NDArray[np.bool_]
    estimate: FloatArray
    u: FloatArray
    totals: FloatArray
    counts: NDArray[np.int64]


def check_level(level: float) -> float:
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1 (e.g. 0.95), not {level!r}")
    return float(level)


def eligible_mask(design: SurveyDesign, eligible: ArrayLike | None) -> NDArray[np.bool_]:
    if eligible is None:
        return np.ones(design.n, dtype=bool)
    mask = np.asarray(eligible)
    if mask.shape != (design.n,) or mask.dtype != bool:
        raise ValueError(f"eligible must be {design.n} true/false values, one per respondent")
    return mask


def domain_members(
    design: SurveyDesign, eligible: NDArray[np.bool_], by: ArrayLike | Categorical | None
) -> tuple[list[str], NDArray[np.bool_]]:
    """The "all" column, then one per domain label found among eligible respondents.

    Respondents without a label (``None``, NaN or blank) are counted in "all" only.
    """
    if by is None:
        return [ALL], eligible[:, None]
    if isinstance(by, Categorical):
        if len(by) != design.n:
            raise ValueError(f"by must have one value per respondent ({design.n})")
        found, inverse, _counts = by.factorised()
    else:
        values = np.asarray(by)
        if values.shape != (design.n,):
            raise ValueError(f"by must have one value per respondent ({design.n})")
        if values.dtype.kind == "U":
            text = np.char.strip(values)
        else:
            text = np.array(["" if v is None or (isinstance(v, float) and math.isnan(v))
                             else str(v).strip() for v in values.tolist()], dtype=np.str_)
        found, inverse = np.unique(text, return_inverse=True)
    labelled = eligible & (found != "")[inverse]
    present = np.flatnonzero(np.bincount(inverse[labelled], minlength=found.shape[0]))
    # Column 0 is everyone eligible; domain k (in sorted label order) is column k + 1.
    column = np.zeros(found.shape[0], dtype=np.intp)
    column[present] = np.arange(1, present.shape[0] + 1)
    # A domain's members lie together in memory (see linearise_means).
    members = np.zeros((design.n, present.shape[0] + 1), dtype=bool, order="F")
    members[:, 0] = eligible
    rows = np.flatnonzero(labelled)
    members[rows, column[inverse[rows]]] = True
    return [ALL, *(str(found[k]) for k in present)], members


def linearise_means(
    design: SurveyDesign, y: FloatArray, labels: list[str], members: NDArray[np.bool_]
) -> Linearised:
    """Weighted means of ``y`` over each column of ``members``, and their influence."""
    # Column sums by broadcasting, not matrix products: multithreaded BLAS crawls on a
    # busy machine, and these are memory-bound anyway.
    w = design.weights
    totals = np.sum(members * w[:, None], axis=0)
    counts = members.sum(axis=0).astype(np.int64)
    clean = np.where(members.any(axis=1), y, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        estimate = np.sum(members * (w * clean)[:, None], axis=0) / totals
        # Built a domain a row and handed over transposed, so that each domain's values
        # lie together in memory (Fortran order): the variance sums each column by
        # category, several times faster on contiguous columns.
        u = np.where(members.T, (clean[None, :] - estimate[:, None]) / totals[:, None],
                     0.0).T
    return Linearised(labels, members, estimate, np.nan_to_num(u, copy=False), totals,
                      counts)


def _t(level: float, df: int) -> float:
    # Not scipy.special.stdtrit: importing scipy.special costs the command line more than
    # its work (see .student).
    return t_quantile(0.5 + level / 2, df) if df > 0 else math.nan


def _expit(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def korn_graubard(p: float, variance: float, n: int, df: int, level: float) -> tuple[
        float, float]:
    """Korn and Graubard's (1998) interval; see the module notes for ``variance == 0``."""
    if n < 1 or df <= 0 or not math.isfinite(p):
        return math.nan, math.nan
    # Imported here: the logit interval, the usual one, does without scipy.special, whose
    # import costs the command line more than its work.
    from scipy.special import betaincinv

    alpha = 1 - level
    n_eff = p * (1 - p) / variance if variance > 0 else float(n)
    if n > 1:
        n_eff *= (t_quantile(alpha / 2, n - 1) / t_quantile(alpha / 2, df)) ** 2
    x = n_eff * p
    low = float(betaincinv(x, n_eff - x + 1, alpha / 2)) if x > 0 else 0.0
    high = float(betaincinv(x + 1, n_eff - x, 1 - alpha / 2)) if x < n_eff else 1.0
    return low, high


def logit_interval(p: float, se: float, df: int, level: float) -> tuple[float, float]:
    """t interval on the log-odds scale (R's ``svyciprop(method="logit")``)."""
    if df <= 0 or not 0 < p < 1:
        return math.nan, math.nan
    half = _t(level, df) * se / (p * (1 - p))
    centre = math.log(p / (1 - p))
    return _expit(centre - half), _expit(centre + half)


def _design_effect(variance: float, spread: float, n: int, total: float) -> float:
    if n < 2 or spread <= 0:
        return math.nan
    s2 = spread * n / (n - 1)
    simple = s2 * (total - n) / (total * n) if total > n else s2 / n
    return variance / simple


def _rows(design: SurveyDesign, y: FloatArray, lin: Linearised, kind: str,
          ci: CiMethod, level: float) -> list[Estimate]:
    variance = design.variance(lin.u)
    df = design.degrees_of_freedom(lin.members)
    w = design.weights
    sum_w2 = np.sum(lin.members * (w * w)[:, None], axis=0)
    rows: list[Estimate] = []
    for k, label in enumerate(lin.labels):
        n = int(lin.counts[k])
        if n == 0:
            continue
        theta = float(lin.estimate[k])
        var = max(float(variance[k]), 0.0)
        total = float(lin.totals[k])
        inside = lin.members[:, k]
        spread = float(np.sum(w[inside] * (y[inside] - theta) ** 2) / total)
        se = math.sqrt(var)
        dfk = int(df[k])
        if kind == "mean":
            half = _t(level, dfk) * se
            low, high, method = theta - half, theta + half, "t"
        elif ci == "beta" or var == 0:
            low, high = korn_graubard(theta, var, n, dfk, level)
            method = "beta"
        else:
            low, high = logit_interval(theta, se, dfk, level)
            method = "logit"
        rows.append(Estimate(
            domain=label, n=n, estimate=theta, se=se, ci_low=low, ci_high=high, df=dfk,
            deff=_design_effect(var, spread, n, total), ess=total * total / float(sum_w2[k]),
            population=total, ci_method=method, level=level))
    return rows


def proportions(
    design: SurveyDesign,
    agree: ArrayLike,
    *,
    eligible: ArrayLike | None = None,
    by: ArrayLike | Categorical | None = None,
    ci: CiMethod = "logit",
    level: float = 0.95,
) -> list[Estimate]:
    """The weighted share agreeing, overall and in each domain.

    Parameters
    ----------
    design : SurveyDesign
        Weights and sampling design (e.g. from :meth:`.weighting.Weighting.design`).
    agree : array_like of bool, shape (n,)
        Whether each respondent gave one of the answers counted.
    eligible : array_like of bool, shape (n,), optional
        Respondents in the denominator (those who answered the question, less answers
        such as "don't know" that the indicator leaves out).  Default: everyone.
    by : array_like, shape (n,), or Categorical, optional
        Domain label of each respondent (ward, age band...).
    ci : {"logit", "beta"}
        Interval method; see the module notes.
    level : float
        Confidence level.

    Returns
    -------
    list of Estimate
        The eligible respondents as ``"all"`` first, then each domain with at least one
        eligible respondent, in sorted label order.

    Raises
    ------
    ValueError
        If an array has the wrong length or type, ``ci`` or ``level`` is not valid, or no
        respondent is eligible.
    """
    if ci not in CI_METHODS:
        raise ValueError(f"ci must be one of {', '.join(CI_METHODS)}, not {ci!r}")
    level = check_level(level)
    answers = np.asarray(agree)
    if answers.shape != (design.n,) or answers.dtype != bool:
        raise ValueError(f"agree must be {design.n} true/false values, one per respondent")
    return _estimates(design, answers.astype(np.float64), eligible, by, "proportion", ci,
                      level)


def means(
    design: SurveyDesign,
    values: ArrayLike,
    *,
    eligible: ArrayLike | None = None,
    by: ArrayLike | Categorical | None = None,
    level: float = 0.95,
) -> list[Estimate]:
    """The weighted mean of ``values``, overall and in each domain.

    Parameters are those of :func:`proportions`; ``values`` must be finite for every
    eligible respondent (NaN elsewhere is ignored).  Intervals are ``theta +- t se``.
    """
    level = check_level(level)
    y = np.asarray(values, dtype=np.float64)
    if y.shape != (design.n,):
        raise ValueError(f"values must have one number per respondent ({design.n})")
    return _estimates(design, y, eligible, by, "mean", "logit", level)


def _estimates(design: SurveyDesign, y: FloatArray, eligible: ArrayLike | None,
               by: ArrayLike | Categorical | None, kind: str, ci: CiMethod, level: float
               ) -> list[Estimate]:
    mask = eligible_mask(design, eligible)
    if not mask.any():
        raise ValueError("no respondent is eligible: every answer is excluded or missing")
    if not np.all(np.isfinite(y[mask])):
        raise ValueError("values must be finite for every eligible respondent")
    labels, members = domain_members(design, mask, by)
    lin = linearise_means(design, y, labels, members)
    return _rows(design, np.where(mask, y, 0.0), lin, kind, ci, level)
