"""Weights that make the respondents add up to the population: raking and calibration.

Two entry points, both starting from base weights (by default equal weights that add up
to the population, ``N / n`` each) and ending with weights whose totals over every
category of every margin equal the population's:

* :func:`rake`: iterative proportional fitting (Deming and Stephan 1940): each margin in
  turn, every respondent's weight is multiplied by the ratio of the category's
  population to its weighted total, until every margin fits to ``tolerance``;
* :func:`calibrate`: the calibration estimators of Deville and Särndal (1992), found by
  Newton's method: ``w_i = d_i g_i`` with ``g_i = 1 + F(x_i' lambda)`` where ``x_i``
  holds respondent ``i``'s category indicators and ``F`` is the inverse derivative of a
  distance: ``"linear"`` (the GREG weights, one step; possibly negative), ``"raking"``
  (``exp``; the same weights as :func:`rake` at convergence) or ``"logit"`` (bounded:
  every ``g_i`` strictly within ``bounds``, Deville, Särndal and Sautory 1993).  Linear
  and raking calibration accept ``bounds`` too, truncating ``g`` as Newton's steps go.

Either can then *trim*: ``g`` outside ``trim = (low, high)`` is cut to the bound and the
weight cut off is spread over the untrimmed respondents in proportion to their base
weights (one pass, as R's ``survey::calibrate(trim=)`` does).  Trimming moves the margins
off their targets again; the report says by how much.

Every call returns a :class:`Weighting`: the weights, and a :class:`WeightingReport` of
targets against achieved totals, iterations, trimming, and the cost of the weights in
precision: Kish's design effect due to weighting ``1 + CV^2`` (Kish 1965, 1992), the
weighting efficiency ``1 / (1 + CV^2)`` and the effective sample size
``n / (1 + CV^2)``.  ``Weighting.design()`` then gives the
:class:`~commonground.analytics.survey.design.SurveyDesign` from which estimates are
made, with standard errors that know the weights were calibrated.

References
----------
Deming, W. E. and Stephan, F. F. (1940) 'On a least squares adjustment of a sampled
frequency table when the expected marginal totals are known', *Annals of Mathematical
Statistics* 11(4), 427-444.

Deville, J.-C. and Särndal, C.-E. (1992) 'Calibration estimators in survey sampling',
*Journal of the American Statistical Association* 87(418), 376-382.

Deville, J.-C., Särndal, C.-E. and Sautory, O. (1993) 'Generalized raking procedures in
survey sampling', *Journal of the American Statistical Association* 88(423), 1013-1020.

Kish, L. (1992) 'Weighting for unequal Pi', *Journal of Official Statistics* 8(2),
183-200.

Lumley, T. (2010) *Complex Surveys: A Guide to Analysis Using R*, chapter 7. Wiley.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from .design import CalibrationModel, SurveyDesign, survey_design
from .margins import Categorical, CodedMargin, FloatArray, Margin, code_margins

Method = Literal["linear", "raking", "logit"]
METHODS: tuple[Method, ...] = ("linear", "raking", "logit")


@dataclass(frozen=True)
class MarginFit:
    """One category of one margin: its population and what the weights give it."""

    variable: str
    category: str
    respondents: int
    target: float
    achieved: float

    @property
    def relative_gap(self) -> float:
        return (self.achieved - self.target) / self.target if self.target else math.nan


@dataclass(frozen=True)
class WeightingReport:
    """What weighting did, and what it costs in precision.

    ``kish_deff`` is ``1 + CV^2`` of the final weights (CV with the population standard
    deviation), ``efficiency`` its inverse and ``effective_n`` is ``n / kish_deff``.
    ``largest_gap`` is the largest relative difference between an achieved total and its
    target, after trimming.
    """

    method: str
    n: int
    converged: bool
    iterations: int
    tolerance: float
    largest_gap: float
    margins: tuple[MarginFit, ...]
    trim: tuple[float, float] | None
    trimmed: int
    weight_min: float
    weight_max: float
    kish_deff: float
    notes: tuple[str, ...] = field(default=())

    @property
    def efficiency(self) -> float:
        return 1.0 / self.kish_deff

    @property
    def effective_n(self) -> float:
        return self.n / self.kish_deff

    def lines(self) -> list[str]:
        """The report as plain sentences and a table, for the command line."""
        out = [
            f"Weighting: {self.method}, {self.n:,} respondents, "
            + (f"converged in {self.iterations} iteration(s)" if self.converged
               else f"NOT converged after {self.iterations} iteration(s)")
            + f" (largest gap to a target {self.largest_gap:.2e}, tolerance "
              f"{self.tolerance:.0e}).",
            f"Weights from {self.weight_min:,.3f} to {self.weight_max:,.3f}; "
            f"design effect of weighting (Kish, 1 + CV^2) {self.kish_deff:.3f}; "
            f"efficiency {self.efficiency:.1%}; effective sample size "
            f"{self.effective_n:,.1f}.",
        ]
        if self.trim is not None:
            out.append(f"Trimming to {self.trim[0]:g}..{self.trim[1]:g} times the base "
                       f"weight: {self.trimmed} weight(s) trimmed.")
        out.extend(f"Note: {note}" for note in self.notes)
        out.append("variable,category,respondents,target,achieved")
        out.extend(f"{m.variable},{m.category},{m.respondents},{m.target:.6g},"
                   f"{m.achieved:.6g}" for m in self.margins)
        return out


@dataclass(frozen=True)
class Weighting:
    """Final weights with their report; :meth:`design` makes estimates possible."""

    weights: FloatArray
    base_weights: FloatArray
    report: WeightingReport
    model: CalibrationModel

    @property
    def g(self) -> FloatArray:
        """Each respondent's final weight over their base weight."""
        return self.weights / self.base_weights

    def design(
        self,
        *,
        strata: ArrayLike | None = None,
        clusters: ArrayLike | None = None,
        fpc: ArrayLike | None = None,
    ) -> SurveyDesign:
        """The survey design of these weights (see :func:`.design.survey_design`)."""
        return survey_design(self.weights, strata=strata, clusters=clusters, fpc=fpc,
                             calibration=self.model, base_weights=self.base_weights)


def _base_weights(base_weights: ArrayLike | None, n: int, population: float) -> FloatArray:
    if base_weights is None:
        return np.full(n, population / n)
    d = np.asarray(base_weights, dtype=np.float64)
    if d.shape != (n,):
        raise ValueError(f"base_weights must have one value per respondent ({n}), "
                         f"not shape {d.shape}")
    if not np.all(np.isfinite(d)) or np.any(d <= 0):
        raise ValueError("base weights must be positive finite numbers")
    return d


def _check_pair(name: str, pair: tuple[float, float] | None, *, need_finite: bool) -> None:
    if pair is None:
        return
    low, high = pair
    if math.isnan(low) or math.isnan(high) or not low < 1 < high or low < 0:
        raise ValueError(f"{name} must be (low, high) with 0 <= low < 1 < high, "
                         f"not {pair!r}")
    if need_finite and not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError(f"{name} must be finite for logit calibration, not {pair!r}")


def _check_controls(tolerance: float, max_iterations: int) -> None:
    if not tolerance > 0:
        raise ValueError(f"tolerance must be positive, not {tolerance!r}")
    if max_iterations < 1:
        raise ValueError(f"max_iterations must be at least 1, not {max_iterations!r}")


def _largest_gap(coded: Sequence[CodedMargin], w: FloatArray) -> float:
    gap = 0.0
    for m in coded:
        achieved = np.bincount(m.codes, weights=w, minlength=len(m.categories))
        gap = max(gap, float(np.max(np.abs(achieved - m.targets) / m.targets,
                                    where=m.targets > 0, initial=0.0)))
    return gap


def _trim(g: FloatArray, d: FloatArray, trim: tuple[float, float] | None) -> tuple[
        FloatArray, int]:
    if trim is None:
        return g, 0
    low, high = trim
    cut = np.clip(g, low, high)
    outside = (g < low) | (g > high)
    if not outside.any():
        return g, 0
    if outside.all():
        raise ValueError(f"every weight is outside the trimming bounds {trim!r}; "
                         "widen them")
    spare = float(np.sum((g - cut) * d))
    cut[~outside] += spare / float(d[~outside].sum())
    return cut, int(outside.sum())


def _finish(
    method: str,
    coded: list[CodedMargin],
    d: FloatArray,
    g: FloatArray,
    *,
    converged: bool,
    iterations: int,
    tolerance: float,
    trim: tuple[float, float] | None,
    notes: list[str],
) -> Weighting:
    g, trimmed = _trim(g, d, trim)
    w = d * g
    fits: list[MarginFit] = []
    for m in coded:
        achieved = np.bincount(m.codes, weights=w, minlength=len(m.categories))
        fits.extend(MarginFit(m.variable, c, int(r), float(t), float(a))
                    for c, r, t, a in zip(m.categories, m.respondents, m.targets, achieved,
                                          strict=True))
    n = w.shape[0]
    report = WeightingReport(
        method=method, n=n, converged=converged, iterations=iterations,
        tolerance=tolerance, largest_gap=_largest_gap(coded, w), margins=tuple(fits),
        trim=trim, trimmed=trimmed, weight_min=float(w.min()), weight_max=float(w.max()),
        kish_deff=float(n * np.dot(w, w) / w.sum() ** 2), notes=tuple(notes))
    return Weighting(weights=w, base_weights=d, report=report,
                     model=CalibrationModel.from_codes([m.codes for m in coded],
                                                       [len(m.categories) for m in coded]))


def _not_converged(method: str, iterations: int, gap: float) -> ValueError:
    return ValueError(
        f"{method} did not converge in {iterations} iterations (a margin is still "
        f"{gap:.2%} from its target). Some combination of categories has too few "
        "respondents for the margins asked; collapse small categories, or use fewer "
        "margins")


def rake(
    sample: Mapping[str, ArrayLike | Categorical],
    margins: Sequence[Margin],
    *,
    base_weights: ArrayLike | None = None,
    tolerance: float = 1e-10,
    max_iterations: int = 1000,
    trim: tuple[float, float] | None = None,
    max_total_gap: float = 0.05,
) -> Weighting:
    """Rake to population margins by iterative proportional fitting.

    Parameters
    ----------
    sample : mapping of str to array_like
        For each margin's variable, every respondent's category (compared as text).
    margins : sequence of Margin
        Population totals; see :func:`.margins.code_margins` for the checks made and how
        disagreeing totals are reconciled (the first margin's total wins).
    base_weights : array_like, optional
        Starting weights (design weights); by default ``N / n`` for everyone.
    tolerance : float
        Stop when every category's weighted total is within this relative distance of
        its target.
    max_iterations : int
        Full cycles over the margins before giving up.
    trim : (float, float), optional
        Bounds for the ratio of final to base weight, applied after convergence.
    max_total_gap : float
        Largest relative disagreement between margin totals that is reconciled.

    Returns
    -------
    Weighting

    Raises
    ------
    ValueError
        On unusable margins or answers (see :func:`.margins.code_margins`), bad
        arguments, or when raking does not converge.

    Notes
    -----
    The fixed point is the raking-ratio calibration of Deville, Särndal and Sautory
    (1993), so the weights equal :func:`calibrate` with ``method="raking"`` (and R's
    ``survey::calibrate(calfun="raking")``) to the tolerance.
    """
    _check_controls(tolerance, max_iterations)
    _check_pair("trim", trim, need_finite=False)
    coded, notes = code_margins(sample, margins, max_total_gap=max_total_gap)
    n = coded[0].codes.shape[0]
    d = _base_weights(base_weights, n, float(coded[0].targets.sum()))
    w = d.copy()
    iterations = 0
    gap = math.inf
    while iterations < max_iterations:
        iterations += 1
        for m in coded:
            totals = np.bincount(m.codes, weights=w, minlength=len(m.categories))
            w *= (m.targets / totals)[m.codes]
        gap = _largest_gap(coded, w)
        if gap < tolerance:
            break
    else:
        raise _not_converged("raking", iterations, gap)
    return _finish("raking (iterative proportional fitting)", coded, d, w / d,
                   converged=True, iterations=iterations, tolerance=tolerance, trim=trim,
                   notes=notes)


# Each distance gives g = 1 + F(u) and dg/du, for u = x' lambda (Deville and Särndal 1992).
Distance = Callable[[FloatArray], tuple[FloatArray, FloatArray]]


def _distance(method: Method, bounds: tuple[float, float] | None) -> Distance:
    low, high = bounds if bounds is not None else (-math.inf, math.inf)

    def linear(u: FloatArray) -> tuple[FloatArray, FloatArray]:
        g = 1.0 + u
        inside = (g > low) & (g < high)
        return np.clip(g, low, high), inside.astype(np.float64)

    def raking(u: FloatArray) -> tuple[FloatArray, FloatArray]:
        with np.errstate(over="ignore"):
            g = np.exp(u)
        inside = (g > low) & (g < high)
        return np.clip(g, low, high), np.where(inside, g, 0.0)

    def logit(u: FloatArray) -> tuple[FloatArray, FloatArray]:
        from scipy.special import expit

        # g = L + (U - L) s with s = expit(A u + log((1 - L)/(U - 1))): the bounded
        # logistic distance of Deville et al. (1993), written so exp() cannot overflow.
        a = (high - low) / ((1.0 - low) * (high - 1.0))
        s = expit(a * u + math.log((1.0 - low) / (high - 1.0)))
        return low + (high - low) * s, (high - low) * a * s * (1.0 - s)

    return {"linear": linear, "raking": raking, "logit": logit}[method]


def calibrate(
    sample: Mapping[str, ArrayLike | Categorical],
    margins: Sequence[Margin],
    *,
    method: Method = "linear",
    bounds: tuple[float, float] | None = None,
    base_weights: ArrayLike | None = None,
    tolerance: float = 1e-10,
    max_iterations: int = 100,
    trim: tuple[float, float] | None = None,
    max_total_gap: float = 0.05,
) -> Weighting:
    """Calibrate to population margins (Deville and Särndal 1992) by Newton's method.

    Parameters
    ----------
    sample, margins, base_weights, trim, max_total_gap
        As for :func:`rake`.
    method : {"linear", "raking", "logit"}
        The distance.  ``"logit"`` needs finite ``bounds``.
    bounds : (float, float), optional
        ``low < 1 < high``: limits for ``g = w / d``.  For ``"linear"`` and
        ``"raking"`` they truncate ``g`` (which may then fail to converge); for
        ``"logit"`` they are never reached.
    tolerance : float
        Stop when every category's weighted total is within this relative distance of
        its target.
    max_iterations : int
        Newton steps before giving up.

    Returns
    -------
    Weighting

    Raises
    ------
    ValueError
        On unusable margins or answers, bad arguments, or when the calibration equations
        have no solution within the bounds (it did not converge).

    Notes
    -----
    Each step solves ``(X' D F'(X lambda) X) delta = T - X' D g`` with a
    pseudo-inverse, halving the step while any ``g`` is not finite.  Unbounded linear
    calibration converges in one step, to the generalised regression (GREG) weights.
    """
    # Imported here, not at the top: raking (the command line's weighting) needs neither.
    from scipy import sparse

    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    _check_controls(tolerance, max_iterations)
    _check_pair("bounds", bounds, need_finite=method == "logit")
    if method == "logit" and bounds is None:
        raise ValueError("logit calibration needs bounds, e.g. (0.5, 2.0)")
    _check_pair("trim", trim, need_finite=False)
    coded, notes = code_margins(sample, margins, max_total_gap=max_total_gap)
    n = coded[0].codes.shape[0]
    d = _base_weights(base_weights, n, float(coded[0].targets.sum()))
    model = CalibrationModel.from_codes([m.codes for m in coded],
                                        [len(m.categories) for m in coded])
    x = model.matrix()
    targets = model.targets([m.targets for m in coded])
    distance = _distance(method, bounds)
    lam = np.zeros(x.shape[1])
    g, slope = distance(x @ lam)
    iterations = 0
    converged = False
    gap = math.inf
    while iterations < max_iterations:
        iterations += 1
        misfit = targets - x.T @ (d * g)
        hessian = (x.T @ sparse.csr_matrix(x.multiply((d * slope)[:, None]))).toarray()
        step = np.linalg.pinv(hessian, rcond=1e-13, hermitian=True) @ misfit
        lam = lam + step
        g, slope = distance(x @ lam)
        halvings = 0
        while not (np.all(np.isfinite(g)) and np.all(np.isfinite(slope))):
            halvings += 1
            if halvings > 60:
                raise _not_converged(f"{method} calibration", iterations, gap)
            step /= 2
            lam = lam - step
            g, slope = distance(x @ lam)
        gap = _largest_gap(coded, d * g)
        if gap < tolerance:
            converged = True
            break
    if not converged:
        raise _not_converged(f"{method} calibration", iterations, gap)
    label = f"{method} calibration" + (f", bounds {bounds[0]:g}..{bounds[1]:g}"
                                       if bounds is not None else "")
    return _finish(label, coded, d, g, converged=True, iterations=iterations,
                   tolerance=tolerance, trim=trim, notes=notes)
