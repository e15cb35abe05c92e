"""Estimates for wards with few responses: the Fay-Herriot area-level model.

A ward with 20 responses has a direct estimate too noisy to publish.  The Fay-Herriot
model (Fay and Herriot 1979) borrows strength from the other wards through what is known
about every ward from the census:

    direct_i = x_i' beta + v_i + e_i,   v_i ~ N(0, sigma2),   e_i ~ N(0, psi_i)

where ``direct_i`` is ward ``i``'s direct survey estimate, ``psi_i`` its sampling
variance (taken as known), ``x_i`` the ward's census covariates (with an intercept) and
``v_i`` what the covariates do not explain.  ``sigma2`` is estimated by restricted
maximum likelihood (REML) with Fisher scoring (Rao and Molina 2015, section 6.2.2),
truncated at 0.  The empirical best linear unbiased predictor (EBLUP) is

    theta_i = gamma_i direct_i + (1 - gamma_i) x_i' beta,   gamma_i = sigma2 / (sigma2 + psi_i)

so a ward with a precise direct estimate keeps it and a ward with a poor one leans on
the regression.  Its mean squared error is the second-order approximation for REML of
Prasad and Rao (1990) as given by Datta and Lahiri (2000) (Rao and Molina 2015,
equation 6.2.32): ``mse_i = g1_i + g2_i + 2 g3_i`` with ``g1_i = gamma_i psi_i`` (the
model's own uncertainty), ``g2_i = (1 - gamma_i)^2 x_i' (X'V^-1 X)^-1 x_i`` (estimating
``beta``) and ``g3_i = psi_i^2 / (sigma2 + psi_i)^3 * 2 / sum_j (sigma2 + psi_j)^-2``
(estimating ``sigma2``).  When ``sigma2`` is estimated as 0 every ward gets the
regression estimate; the MSE still counts ``g3`` (no adjustment such as Li and Lahiri's
2010 is made).

Every result of this model is *modelled*, not measured, and must say so wherever it is
shown (``FayHerriot.label``).

References
----------
Datta, G. S. and Lahiri, P. (2000) 'A unified measure of uncertainty of estimated best
linear unbiased predictors in small area estimation problems', *Statistica Sinica* 10,
613-627.

Fay, R. E. and Herriot, R. A. (1979) 'Estimates of income for small places: an
application of James-Stein procedures to census data', *Journal of the American
Statistical Association* 74(366), 269-277.

Prasad, N. G. N. and Rao, J. N. K. (1990) 'The estimation of the mean squared error of
small-area estimators', *Journal of the American Statistical Association* 85(409),
163-171.

Rao, J. N. K. and Molina, I. (2015) *Small Area Estimation*, 2nd edn. Wiley.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from .margins import FloatArray


@dataclass(frozen=True)
class FayHerriot:
    """The fitted model and each area's modelled estimate.

    ``estimate`` is the EBLUP, ``mse`` its estimated mean squared error, ``shrinkage``
    the weight ``gamma_i`` given to the direct estimate, ``synthetic`` the regression
    prediction ``x_i' beta``; ``sigma2`` the REML variance of the area effects and
    ``beta`` (with ``beta_se``) the regression coefficients, intercept first.
    """

    estimate: FloatArray
    mse: FloatArray
    shrinkage: FloatArray
    synthetic: FloatArray
    sigma2: float
    beta: FloatArray
    beta_se: FloatArray
    iterations: int
    label: str = "modelled"

    def interval(self, level: float = 0.95) -> tuple[FloatArray, FloatArray]:
        """Normal intervals ``estimate +- z sqrt(mse)`` (Rao and Molina 2015, 6.2.5)."""
        # Imported here: the command line imports this package and never models, and
        # scipy.special's import costs more than its work (see .student).
        from scipy.special import ndtri

        z = float(ndtri(0.5 + level / 2))
        half = z * np.sqrt(self.mse)
        return self.estimate - half, self.estimate + half


def _design_matrix(covariates: ArrayLike | None, m: int) -> FloatArray:
    if covariates is None:
        return np.ones((m, 1))
    x = np.asarray(covariates, dtype=np.float64)
    if x.ndim == 1:
        x = x[:, None]
    if x.ndim != 2 or x.shape[0] != m:
        raise ValueError(f"covariates must have one row per area ({m})")
    if not np.all(np.isfinite(x)):
        raise ValueError("covariates must be finite numbers")
    return np.hstack([np.ones((m, 1)), x])


def _fit_parts(y: FloatArray, psi: FloatArray, x: FloatArray, sigma2: float) -> tuple[
        FloatArray, FloatArray, FloatArray]:
    """``P`` (the REML projection), ``(X'V^-1 X)^-1`` and ``beta`` at ``sigma2``."""
    vinv = 1.0 / (sigma2 + psi)
    xtvx_inv = np.asarray(np.linalg.inv(x.T @ (x * vinv[:, None])), dtype=np.float64)
    beta = xtvx_inv @ (x.T @ (vinv * y))
    vx = x * vinv[:, None]
    p = np.diag(vinv) - vx @ xtvx_inv @ vx.T
    return p, xtvx_inv, beta


def fay_herriot(
    direct: ArrayLike,
    variances: ArrayLike,
    covariates: ArrayLike | None = None,
    *,
    tolerance: float = 1e-10,
    max_iterations: int = 200,
) -> FayHerriot:
    """Fit the Fay-Herriot model by REML and predict every area.

    Parameters
    ----------
    direct : array_like, shape (m,)
        Direct estimates, one per area.
    variances : array_like, shape (m,)
        Their sampling variances ``psi_i`` (positive), taken as known.  For shares from
        a few responses, smoothed variances (e.g. ``p (1 - p) deff / n_i`` with the
        council's ``p`` and design effect) are steadier than each area's own.
    covariates : array_like, shape (m,) or (m, k), optional
        Area-level auxiliary values (census shares); an intercept is always added.
    tolerance : float
        Stop when a Fisher scoring step changes ``sigma2`` by less than
        ``tolerance * (mean(psi) + sigma2)``.
    max_iterations : int

    Returns
    -------
    FayHerriot

    Raises
    ------
    ValueError
        If inputs are not finite, variances not positive, there are too few areas for
        the covariates (at least two more than the coefficients), the covariates are
        collinear, or REML does not converge.
    """
    y = np.asarray(direct, dtype=np.float64)
    psi = np.asarray(variances, dtype=np.float64)
    if y.ndim != 1 or psi.shape != y.shape:
        raise ValueError("direct and variances must be one number per area, as many each")
    m = int(y.shape[0])
    if not (np.all(np.isfinite(y)) and np.all(np.isfinite(psi))):
        raise ValueError("direct estimates and their variances must be finite numbers")
    if np.any(psi <= 0):
        raise ValueError("every sampling variance must be positive; smooth the variances "
                         "of areas whose estimate is 0 or 1")
    x = _design_matrix(covariates, m)
    p_coef = x.shape[1]
    if m < p_coef + 2:
        raise ValueError(f"{m} areas are too few for {p_coef} coefficients; the model "
                         f"needs at least {p_coef + 2}")
    if np.linalg.matrix_rank(x) < p_coef:
        raise ValueError("the covariates are collinear (one is a combination of others)")
    scale = float(np.mean(psi))
    # Start from Prasad and Rao's (1990) moment estimator, a consistent first guess.
    ols = np.linalg.lstsq(x, y, rcond=None)[0]
    leverage = np.einsum("ij,jk,ik->i", x, np.linalg.inv(x.T @ x), x)
    sigma2 = max(0.0, (float(np.sum((y - x @ ols) ** 2)) - float(np.sum(psi * (1 - leverage))))
                 / (m - p_coef))
    iterations = 0
    while True:
        iterations += 1
        p, _, _ = _fit_parts(y, psi, x, sigma2)
        py = p @ y
        score = -0.5 * float(np.trace(p)) + 0.5 * float(py @ py)
        information = 0.5 * float(np.sum(p * p))
        new = max(0.0, sigma2 + score / information)
        if abs(new - sigma2) <= tolerance * (scale + sigma2) or (new == 0 == sigma2):
            sigma2 = new
            break
        sigma2 = new
        if iterations >= max_iterations:
            raise ValueError(f"REML did not converge in {max_iterations} iterations")
    _, xtvx_inv, beta = _fit_parts(y, psi, x, sigma2)
    synthetic = x @ beta
    gamma = sigma2 / (sigma2 + psi)
    g1 = gamma * psi
    g2 = (1 - gamma) ** 2 * np.einsum("ij,jk,ik->i", x, xtvx_inv, x)
    var_sigma2 = 2.0 / float(np.sum((sigma2 + psi) ** -2.0))
    g3 = psi**2 / (sigma2 + psi) ** 3 * var_sigma2
    return FayHerriot(
        estimate=gamma * y + (1 - gamma) * synthetic, mse=g1 + g2 + 2 * g3,
        shrinkage=gamma, synthetic=synthetic, sigma2=sigma2, beta=beta,
        beta_se=np.sqrt(np.diag(xtvx_inv)), iterations=iterations)


def smoothed_variances(proportion: float, deff: float, responses: ArrayLike) -> FloatArray:
    """``p (1 - p) deff / n_i``: sampling variances of areas' shares from a common model.

    A generalised variance function: areas with a handful of responses, where every
    respondent may agree, get a usable variance from the whole survey's share and design
    effect.
    """
    if not 0 < proportion < 1:
        raise ValueError(f"proportion must be strictly between 0 and 1, not {proportion!r}")
    if not (math.isfinite(deff) and deff > 0):
        raise ValueError(f"the design effect must be positive, not {deff!r}")
    n = np.asarray(responses, dtype=np.float64)
    if np.any(n < 1):
        raise ValueError("every area needs at least one response")
    return proportion * (1 - proportion) * deff / n
