"""The survey design: weights, strata, clusters, and the variance of linearised statistics.

Standard errors here are Taylor-linearisation (influence-function) variances, the method
of R's ``survey`` package (Lumley 2004, 2010) and of Binder (1983):

1. A statistic (a mean, a proportion, a difference between them) is linearised into one
   value per respondent per unit of weight, ``u_i`` (for a mean over a domain,
   ``u_i = delta_i (y_i - ybar) / W``).
2. If the weights were calibrated, ``u`` is replaced by its residual from the regression
   of ``u`` on the calibration variables (their category indicators ``x_i``) weighted by
   the base weights ``d``: ``e_i = u_i - x_i' B`` with ``B = (X'DX)^- X'D u``.  This is the
   variance of the calibration (GREG) estimator of Deville and Särndal (1992) and Särndal,
   Swensson and Wretman (1992, section 6.6), which R's ``calibrate``/``svymean`` compute
   the same way; the weights' gains in precision from the margins, and the loss from
   their spread, are both in it.
3. ``z_i = w_i e_i`` is summed over each primary sampling unit (the respondent, unless
   clusters are given) and the variance is the with-replacement formula within strata,
   ``sum_h f_h n_h / (n_h - 1) sum_i (z_hi - zbar_h)^2``, with ``f_h = (N_h - n_h) / N_h``
   when the population size per stratum is given, 1 otherwise.

Degrees of freedom for a domain are, as in R's ``degf``, the number of primary sampling
units with a respondent in the domain minus the number of strata they come from.

Clusters are taken as nested in strata: the same cluster label in two strata names two
clusters (R's ``nest=TRUE``).  A stratum with one primary sampling unit has no variance
estimate; it is refused with a suggestion to collapse strata (R's default
``survey.lonely.psu = "fail"``).

References
----------
Binder, D. A. (1983) 'On the variances of asymptotically normal estimators from complex
surveys', *International Statistical Review* 51(3), 279-292.

Deville, J.-C. and Särndal, C.-E. (1992) 'Calibration estimators in survey sampling',
*Journal of the American Statistical Association* 87(418), 376-382.

Lumley, T. (2004) 'Analysis of complex survey samples', *Journal of Statistical Software*
9(8), 1-19.

Särndal, C.-E., Swensson, B. and Wretman, J. (1992) *Model Assisted Survey Sampling*.
Springer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .margins import FloatArray, IntArray, as_labels

if TYPE_CHECKING:
    from scipy import sparse


@dataclass(frozen=True)
class CalibrationModel:
    """The calibration variables as category codes, one array per margin.

    The model matrix has a column for every category of the first margin and for every
    category but the first of each other margin: a basis of the same space as all the
    indicators together (which are collinear through the common total).
    """

    codes: tuple[IntArray, ...]
    sizes: tuple[int, ...]

    @classmethod
    def from_codes(cls, codes: Sequence[IntArray], sizes: Sequence[int]) -> CalibrationModel:
        return cls(tuple(np.asarray(c, dtype=np.intp) for c in codes), tuple(sizes))

    @property
    def n(self) -> int:
        return int(self.codes[0].shape[0])

    def matrix(self) -> sparse.csr_matrix:
        """The 0/1 model matrix, sparse (each row has one 1 per margin at most)."""
        # Imported here: estimates need only the codes (see SurveyDesign.residuals), and
        # scipy.sparse is a noticeable part of the command line's start.
        from scipy import sparse

        n = self.n
        rows: list[IntArray] = []
        cols: list[IntArray] = []
        offset = 0
        for k, (codes, size) in enumerate(zip(self.codes, self.sizes, strict=True)):
            if k == 0:
                rows.append(np.arange(n, dtype=np.intp))
                cols.append(codes)
                offset += size
            else:
                keep = codes > 0
                rows.append(np.flatnonzero(keep))
                cols.append(offset + codes[keep] - 1)
                offset += size - 1
        r, c = np.concatenate(rows), np.concatenate(cols)
        return sparse.csr_matrix((np.ones(r.shape[0]), (r, c)), shape=(n, offset))

    def targets(self, per_margin: Sequence[FloatArray]) -> FloatArray:
        """Population totals in the order of :meth:`matrix`'s columns."""
        return np.concatenate([t if k == 0 else t[1:] for k, t in enumerate(per_margin)])

    def gram(self, d: FloatArray) -> FloatArray:
        """``X' D X`` for the model matrix ``X`` and weights ``d``, from the codes."""
        blocks = [[np.diag(np.bincount(a, weights=d, minlength=sa)) if i == j else
                   np.bincount(a * sb + b, weights=d, minlength=sa * sb).reshape(sa, sb)
                   for j, (b, sb) in enumerate(zip(self.codes, self.sizes, strict=True))]
                  for i, (a, sa) in enumerate(zip(self.codes, self.sizes, strict=True))]
        keep = self._columns()
        return np.asarray(np.block(blocks)[np.ix_(keep, keep)], dtype=np.float64)

    def _columns(self) -> IntArray:
        """Which of all the margins' categories are :meth:`matrix`'s columns."""
        starts = np.cumsum((0, *self.sizes[:-1]))
        return np.concatenate([np.arange(s + (k > 0), s + size) for k, (s, size)
                               in enumerate(zip(starts, self.sizes, strict=True))])

    def crossproduct(self, values: FloatArray) -> FloatArray:
        """``X' values`` for ``values`` of shape (n, k): each column summed by category."""
        sums = [_sum_by(codes, values, size) for codes, size in
                zip(self.codes, self.sizes, strict=True)]
        return np.concatenate([t if k == 0 else t[1:] for k, t in enumerate(sums)])

    def product(self, coefficients: FloatArray) -> FloatArray:
        """``X coefficients`` for coefficients of shape (p, k) in :meth:`matrix`'s order."""
        out: FloatArray | None = None
        start = 0
        for k, (codes, size) in enumerate(zip(self.codes, self.sizes, strict=True)):
            width = size if k == 0 else size - 1
            part = coefficients[start:start + width]
            start += width
            if k > 0:  # the first category of each later margin is the baseline
                part = np.vstack([np.zeros((1, part.shape[1])), part])
            out = part[codes] if out is None else out + part[codes]
        assert out is not None
        return out


def _sum_by(codes: IntArray, values: FloatArray, groups: int) -> FloatArray:
    """Each column of ``values`` (n, k) summed by group: shape (groups, k)."""
    if groups == 1:
        return np.asarray(values.sum(axis=0, keepdims=True), dtype=np.float64)
    return np.stack([np.bincount(codes, weights=values[:, j], minlength=groups)
                     for j in range(values.shape[1])], axis=1)


def _codes(values: ArrayLike, name: str, n: int) -> tuple[IntArray, NDArray[np.str_]]:
    labels = as_labels(values, name, n)
    found, inverse = np.unique(labels, return_inverse=True)
    return inverse.astype(np.intp), found


@dataclass(frozen=True, eq=False)
class SurveyDesign:
    """Respondents' weights with their sampling design; build it with :func:`survey_design`.

    ``psu`` numbers each respondent's primary sampling unit (unique across strata),
    ``psu_stratum`` the stratum of each unit, ``fpc_factor`` is ``f_h`` per stratum.
    """

    weights: FloatArray
    strata: IntArray
    strata_labels: NDArray[np.str_]
    psu: IntArray
    psu_stratum: IntArray
    fpc_factor: FloatArray
    calibration: CalibrationModel | None
    base_weights: FloatArray | None
    clustered: bool

    @property
    def n(self) -> int:
        return int(self.weights.shape[0])

    @property
    def n_strata(self) -> int:
        return int(self.strata_labels.shape[0])

    @cached_property
    def _psu_per_stratum(self) -> FloatArray:
        return np.bincount(self.psu_stratum, minlength=self.n_strata).astype(np.float64)

    @cached_property
    def _calibration_inverse(self) -> FloatArray:
        model, d = self.calibration, self.base_weights
        if model is None or d is None:
            raise ValueError("this design was not calibrated")
        return np.asarray(np.linalg.pinv(model.gram(d), rcond=1e-10, hermitian=True),
                          dtype=np.float64)

    def residuals(self, u: FloatArray) -> FloatArray:
        """``u`` less its base-weighted regression on the calibration variables."""
        model, d = self.calibration, self.base_weights
        if model is None or d is None:
            return u
        # B = (X'DX)^- X'D u, and u - X B, with X never built: the calibration variables
        # are categories, so X' sums by category and X picks a category's coefficient.
        coefficients = self._calibration_inverse @ model.crossproduct(d[:, None] * u)
        return np.asarray(u - model.product(coefficients), dtype=np.float64)

    def variance(self, u: ArrayLike) -> FloatArray:
        """Variance of the statistics whose linearised values per unit weight are ``u``.

        Parameters
        ----------
        u : array_like, shape (n,) or (n, k)
            One column per statistic.

        Returns
        -------
        ndarray, shape (k,)
        """
        values = np.asarray(u, dtype=np.float64)
        single = values.ndim == 1
        if single:
            values = values[:, None]
        if values.shape[0] != self.n:
            raise ValueError(f"u has {values.shape[0]} rows for {self.n} respondents")
        z = self.weights[:, None] * self.residuals(values)
        if self.clustered:
            z = _sum_by(self.psu, z, int(self.psu_stratum.shape[0]))
        totals = _sum_by(self.psu_stratum, z, self.n_strata)
        counts = self._psu_per_stratum
        means = totals / counts[:, None]
        # One stratum: broadcast the mean rather than gather it row by row.
        deviations = z - (means if self.n_strata == 1 else means[self.psu_stratum])
        squares = _sum_by(self.psu_stratum, deviations * deviations, self.n_strata)
        scale = self.fpc_factor * counts / (counts - 1.0)
        return np.asarray(scale @ squares, dtype=np.float64)

    def degrees_of_freedom(self, members: ArrayLike) -> NDArray[np.int64]:
        """Primary sampling units minus strata, among each column's members.

        ``members`` is boolean, shape (n,) or (n, k).
        """
        mask = np.asarray(members, dtype=bool)
        if mask.ndim == 1:
            mask = mask[:, None]
        if self.clustered:
            n_psu = int(self.psu_stratum.shape[0])
            units = np.array([np.count_nonzero(np.bincount(self.psu[mask[:, j]],
                                                           minlength=n_psu))
                              for j in range(mask.shape[1])], dtype=np.int64)
        else:
            units = mask.sum(axis=0).astype(np.int64)
        if self.n_strata == 1:
            strata = mask.any(axis=0).astype(np.int64)
        else:
            strata = np.array([np.count_nonzero(np.bincount(self.strata[mask[:, j]],
                                                            minlength=self.n_strata))
                               for j in range(mask.shape[1])], dtype=np.int64)
        return units - strata


def survey_design(
    weights: ArrayLike,
    *,
    strata: ArrayLike | None = None,
    clusters: ArrayLike | None = None,
    fpc: ArrayLike | None = None,
    calibration: CalibrationModel | None = None,
    base_weights: ArrayLike | None = None,
) -> SurveyDesign:
    """Describe how the respondents were sampled and weighted.

    Parameters
    ----------
    weights : array_like, shape (n,)
        Final weights.  Without calibration they must be positive; calibrated (GREG)
        weights may be zero or negative.
    strata : array_like, optional
        Stratum label of each respondent (e.g. the ward, when the sample was drawn by
        ward).
    clusters : array_like, optional
        Primary sampling unit label of each respondent (e.g. the address, or the school
        district), nested in strata.  By default each respondent is their own unit.
    fpc : array_like, optional
        Number of primary sampling units in the respondent's stratum *in the
        population*, for the finite population correction; constant within a stratum.
    calibration : CalibrationModel, optional
        The calibration variables, when the weights were calibrated; use
        :meth:`.weighting.Weighting.design`, which passes it.
    base_weights : array_like, optional
        The weights before calibration (needed with ``calibration``).

    Returns
    -------
    SurveyDesign

    Raises
    ------
    ValueError
        If an array has the wrong length or values, a stratum has a single primary
        sampling unit, or ``fpc`` varies within a stratum or is below its sample size.
    """
    w = np.asarray(weights, dtype=np.float64)
    if w.ndim != 1 or w.shape[0] < 2:
        raise ValueError("weights must be one number per respondent, for at least two")
    n = int(w.shape[0])
    if not np.all(np.isfinite(w)):
        raise ValueError("weights must be finite numbers")
    if calibration is None and np.any(w <= 0):
        raise ValueError("weights must be positive (only calibrated weights may not be)")
    d: FloatArray | None = None
    if calibration is not None:
        if base_weights is None:
            raise ValueError("a calibrated design needs the base weights")
        d = np.asarray(base_weights, dtype=np.float64)
        if d.shape != (n,) or calibration.n != n:
            raise ValueError("weights, base weights and calibration model differ in length")
    if strata is None:
        stratum_codes = np.zeros(n, dtype=np.intp)
        stratum_labels = np.array(["all"], dtype=np.str_)
    else:
        stratum_codes, stratum_labels = _codes(strata, "strata", n)
    if clusters is None:
        psu = np.arange(n, dtype=np.intp)
        psu_stratum = stratum_codes
    else:
        cluster_codes, _ = _codes(clusters, "clusters", n)
        pairs = stratum_codes.astype(np.int64) * (int(cluster_codes.max()) + 1) + cluster_codes
        unique_pairs, first, psu_inverse = np.unique(pairs, return_index=True,
                                                     return_inverse=True)
        psu = psu_inverse.astype(np.intp)
        psu_stratum = stratum_codes[first]
        del unique_pairs
    n_strata = int(stratum_labels.shape[0])
    per_stratum = np.bincount(psu_stratum, minlength=n_strata)
    lonely = [str(stratum_labels[h]) for h in np.flatnonzero(per_stratum < 2)]
    if lonely:
        raise ValueError(
            f"stratum {', '.join(repr(s) for s in lonely[:10])} has only one primary "
            "sampling unit, so its variance cannot be estimated; collapse it with a "
            "similar stratum")
    factor = np.ones(n_strata)
    if fpc is not None:
        population = np.asarray(fpc, dtype=np.float64)
        if population.shape != (n,) or not np.all(np.isfinite(population)):
            raise ValueError("fpc must be one finite number per respondent")
        for h in range(n_strata):
            values = np.unique(population[stratum_codes == h])
            if values.shape[0] != 1:
                raise ValueError(f"fpc varies within stratum {str(stratum_labels[h])!r}")
            if values[0] < per_stratum[h]:
                raise ValueError(
                    f"fpc of stratum {str(stratum_labels[h])!r} is {values[0]:g}, fewer "
                    f"than its {per_stratum[h]} sampled units")
            factor[h] = (values[0] - per_stratum[h]) / values[0]
    return SurveyDesign(
        weights=w, strata=stratum_codes, strata_labels=stratum_labels, psu=psu,
        psu_stratum=psu_stratum, fpc_factor=factor, calibration=calibration,
        base_weights=d, clustered=clusters is not None)
