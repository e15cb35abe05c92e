"""Early warning of unusual rises in tension and hate-incident reports.

For every series (an area and category) and every period (a week or a month) the
detector predicts the count from comparable past periods, asks how unusual the
observed count is, and keeps a one-sided CUSUM of the scores to catch sustained rises
that no single period would show. All series are handled at once as rows of a 2-D
array; the only Python loop runs over periods, because a period that raised an alert
is left out of the baselines of later periods. See ``docs/early-warning.md``.

The method, per series and period ``t``:

1. *Level*: mean of the last ``level_window`` periods that raised no alert.
2. *Season*: when earlier years are available, the ratio of counts in a window
   around the same time in each earlier year to the counts in the ``level_window``
   periods before it (the ratio-to-moving-average idea; it carries trend and
   seasonality together), shrunk towards 1 for small numbers.
3. *Expected* ``mu = max(level * season, floor)``.
4. *Variance*: quasi-Poisson ``phi * mu`` (``phi`` from recent standardised
   residuals, shrunk towards 1) plus the sampling variance of ``mu`` itself, as in
   Farrington et al. (1996); the predictive distribution is the negative binomial
   with that mean and variance.
5. *Spike rule*: ``P(Y >= y) <= alpha`` and ``y >= min_count``.
6. *Sustained-rise rule*: CUSUM ``S_t = max(0, S_{t-1} + min(z_t, z_cap) - k)`` of
   mid-p normal scores passes ``h``; after an alarm it restarts at ``h / 2`` (fast
   initial response).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import ArrayLike, NDArray

from commonground.analytics.early_warning.explain import Alert, explain_alerts
from commonground.analytics.early_warning.tails import assess_counts
from commonground.analytics.early_warning.watch import (
    Period,
    TriggerEvent,
    as_watch_array,
    cusum_threshold_for_watch,
    watch_levels,
)

__all__ = [
    "Alert",
    "DetectionResult",
    "DetectorParams",
    "Period",
    "TriggerEvent",
    "detect",
    "explain_alerts",
    "watch_levels",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True)
class DetectorParams:
    """Settings of the early-warning detector; use :meth:`for_period` for defaults.

    Attributes
    ----------
    season_length : int
        Periods in a year: 52 for weeks, 12 for months.
    level_window : int
        Trailing periods averaged for the current level (12 weeks, 6 months).
    season_halfwidth : int
        Half-width of the window around the same time in earlier years
        (3 weeks either side, 1 month either side).
    season_years : int
        Earlier years used for the seasonal ratio, at most.
    season_shrinkage : float
        Pseudo-count that pulls the seasonal ratio towards 1; with a handful of
        reports a year there is no usable seasonality.
    season_ratio_max : float
        The seasonal ratio is clipped to ``[1 / max, max]``.
    min_baseline : int
        Periods of history needed before a period is judged at all.
    floor : float
        Small-number floor of the expected count per period.
    alpha : float
        Single-period false-alarm probability (before any watch level).
    min_count : int
        Fewest reports in a period (spike rule) or in a CUSUM run (sustained rule)
        that can raise an alert, so that 0 -> 1 never alerts.
    cusum_k, cusum_h : float
        CUSUM reference value and threshold in standard-deviation units (Page 1954).
    z_cap : float
        Largest single-period contribution to the CUSUM, so that one huge spike does
        not keep the sustained-rise rule raised for weeks.
    dispersion_window : int
        Recent periods whose residuals estimate the overdispersion ``phi``.
    dispersion_prior : float
        Pseudo-periods of ``phi = 1`` added to that estimate.
    dispersion_max : float
        Upper limit of ``phi``.
    residual_cap : float
        Cap on one squared residual in the ``phi`` estimate.
    unknown_season_cv : float
        Relative error allowed for the unknown seasonal effect before a full year
        of history exists (added to the variance of the expected count).
    exclude_flagged : bool
        Leave periods that raised an alert out of later baselines.
    exclude_z : float
        Also leave out periods scoring above this (2.58, the outlier threshold of
        Noufaily et al. 2013), so that a rise too small to alert does not lift
        the baseline either.
    """

    season_length: int = 52
    level_window: int = 12
    season_halfwidth: int = 3
    season_years: int = 3
    season_shrinkage: float = 10.0
    season_ratio_max: float = 4.0
    min_baseline: int = 4
    floor: float = 0.2
    alpha: float = 0.001
    min_count: int = 3
    cusum_k: float = 0.5
    cusum_h: float = 5.0
    z_cap: float = 4.0
    dispersion_window: int = 52
    dispersion_prior: float = 10.0
    dispersion_max: float = 10.0
    residual_cap: float = 25.0
    unknown_season_cv: float = 0.1
    exclude_flagged: bool = True
    exclude_z: float = 2.58

    @classmethod
    def for_period(cls, period: Period) -> DetectorParams:
        """Defaults for weekly (``"week"``) or monthly (``"month"``) series."""
        if period == "week":
            return cls()
        if period == "month":
            return cls(season_length=12, level_window=6, season_halfwidth=1,
                       dispersion_window=24, cusum_h=4.0)
        raise ValueError(f"period must be 'week' or 'month', got {period!r}")

    def with_changes(self, **changes: float | int | bool) -> DetectorParams:
        """A copy with some settings changed (validated)."""
        new = replace(self, **changes)  # type: ignore[arg-type]
        new.validate()
        return new

    def validate(self) -> None:
        """Raise ``ValueError`` naming the first setting out of range."""
        ints = {
            "season_length": (self.season_length, 2),
            "level_window": (self.level_window, 1),
            "season_years": (self.season_years, 0),
            "season_halfwidth": (self.season_halfwidth, 0),
            "min_baseline": (self.min_baseline, 1),
            "min_count": (self.min_count, 1),
            "dispersion_window": (self.dispersion_window, 1),
        }
        for name, (value, least) in ints.items():
            if int(value) != value or value < least:
                raise ValueError(f"{name} must be a whole number >= {least}, got {value!r}")
        if self.min_baseline > self.level_window:
            raise ValueError("min_baseline cannot exceed level_window")
        if 2 * self.season_halfwidth + 1 >= self.season_length:
            raise ValueError("season_halfwidth is too wide for season_length")
        if not 0.0 < self.alpha < 0.5:
            raise ValueError(f"alpha must be in (0, 0.5), got {self.alpha!r}")
        positive = {
            "floor": self.floor, "cusum_k": self.cusum_k, "z_cap": self.z_cap,
            "season_ratio_max": self.season_ratio_max, "residual_cap": self.residual_cap,
            "exclude_z": self.exclude_z,
        }
        for name, number in positive.items():
            if not (np.isfinite(number) and number > 0):
                raise ValueError(f"{name} must be a positive number, got {number!r}")
        non_negative = {"cusum_h": self.cusum_h, "season_shrinkage": self.season_shrinkage,
                        "dispersion_prior": self.dispersion_prior,
                        "unknown_season_cv": self.unknown_season_cv}
        for name, number in non_negative.items():
            if not (np.isfinite(number) and number >= 0):
                raise ValueError(f"{name} must be a number >= 0, got {number!r}")
        if not (np.isfinite(self.dispersion_max) and self.dispersion_max >= 1):
            raise ValueError("dispersion_max must be >= 1")


@dataclass(frozen=True)
class DetectionResult:
    """Everything the detector worked out; every array has shape (n_series, n_periods).

    Attributes
    ----------
    observed : ndarray of int64
        The counts.
    expected : ndarray of float
        Expected count ``mu`` (at least ``floor``).
    upper : ndarray of int64
        Upper limit of normal variation: the largest count the spike rule accepts at
        this period's (watch-adjusted) ``alpha``; ``upper + 1`` reports would alert.
    p_value : ndarray of float
        ``P(Y >= observed)`` under normal variation; 1 where not evaluated.
    z : ndarray of float
        Mid-p normal score (0 = as expected); 0 where not evaluated.
    cusum : ndarray of float
        CUSUM of the scores at the end of the period, before any restart.
    spike, sustained : ndarray of bool
        Which rule raised the alert.
    flagged : ndarray of bool
        ``spike | sustained``.
    evaluated : ndarray of bool
        False for the first periods of warm-up (too little history to judge).
    dispersion : ndarray of float
        Overdispersion ``phi`` used (1 = Poisson).
    watch : ndarray of float
        Watch level in force (1 = normal).
    cusum_threshold : ndarray of float
        CUSUM threshold in force (lower under a raised watch).
    """

    observed: IntArray
    expected: FloatArray
    upper: IntArray
    p_value: FloatArray
    z: FloatArray
    cusum: FloatArray
    spike: BoolArray
    sustained: BoolArray
    flagged: BoolArray
    evaluated: BoolArray
    dispersion: FloatArray
    watch: FloatArray
    cusum_threshold: FloatArray

    @property
    def shape(self) -> tuple[int, int]:
        """``(n_series, n_periods)``."""
        return (int(self.observed.shape[0]), int(self.observed.shape[1]))


def _as_counts(counts: ArrayLike) -> IntArray:
    """Validate counts and return them as a 2-D int64 array (no copy if already so)."""
    arr = np.asarray(counts)
    if arr.ndim == 1:
        arr = arr[np.newaxis, :]
    if arr.ndim != 2:
        raise ValueError(f"counts must be 1-D or 2-D (series x periods), got {arr.ndim}-D")
    if arr.dtype == np.bool_ or not np.issubdtype(arr.dtype, np.number):
        raise ValueError(f"counts must be numbers, got dtype {arr.dtype}")
    if arr.shape[1] == 0:
        raise ValueError("counts have no periods")
    if np.issubdtype(arr.dtype, np.integer):
        if arr.size and arr.min() < 0:
            raise ValueError("counts must not be negative")
        return np.asarray(arr, dtype=np.int64)
    if not np.all(np.isfinite(arr)):
        raise ValueError("counts contain NaN or infinity; fill missing periods with 0")
    if np.any(arr < 0):
        raise ValueError("counts must not be negative")
    if np.any(arr != np.floor(arr)):
        raise ValueError("counts must be whole numbers")
    return arr.astype(np.int64)


def detect(
    counts: ArrayLike,
    *,
    period: Period = "week",
    params: DetectorParams | None = None,
    watch: ArrayLike | None = None,
) -> DetectionResult:
    """Run the early-warning detector on many count series at once.

    Parameters
    ----------
    counts : array_like, shape (n_series, n_periods) or (n_periods,)
        Non-negative whole counts per series (row) and period (column), oldest
        period first, with no gaps (missing periods are zeros).
    period : {"week", "month"}
        Period of the columns; chooses the default ``params``.
    params : DetectorParams, optional
        Settings; ``DetectorParams.for_period(period)`` when omitted.
    watch : array_like, optional
        Watch levels from trigger events: a scalar, one per period ``(n_periods,)``
        or one per cell ``(n_series, n_periods)``; see :func:`watch_levels`. A level
        ``w`` multiplies ``alpha`` by ``w`` and lowers the CUSUM threshold so that
        its false-alarm rate is ``w`` times higher.

    Returns
    -------
    DetectionResult
        Arrays of shape ``(n_series, n_periods)``.

    Raises
    ------
    ValueError
        If counts are negative, fractional, not finite or not 1-D/2-D, or a setting
        is out of range.

    Notes
    -----
    The expected count follows the ideas of Farrington et al. (1996) and Noufaily
    et al. (2013): a baseline of comparable past periods, seasonality from the same
    time of earlier years, quasi-Poisson overdispersion, a prediction variance that
    includes the uncertainty of the baseline, and past alerts left out of the
    baseline. The sustained-rise rule is Page's (1954) one-sided CUSUM on mid-p
    scores with the fast-initial-response restart of Lucas & Crosier (1982); the
    pairing of a Shewhart-type and a CUSUM rule follows Höhle's ``surveillance``
    package for R. Each baseline is a few vector operations on running sums, so the
    cost is ``O(n_series * n_periods * season_years)``.

    References
    ----------
    Page, E. S. (1954). Continuous inspection schemes. *Biometrika* 41, 100-115.
    Lucas, J. M. & Crosier, R. B. (1982). Fast initial response for CUSUM quality
    control schemes. *Technometrics* 24, 199-205.
    Farrington, C. P., Andrews, N. J., Beale, A. D. & Catchpole, M. A. (1996). A
    statistical algorithm for the early detection of outbreaks of infectious
    disease. *J. R. Statist. Soc. A* 159, 547-563.
    Noufaily, A., Enki, D. G., Farrington, P., Garthwaite, P., Andrews, N. &
    Charlett, A. (2013). An improved algorithm for outbreak detection in multiple
    surveillance systems. *Statistics in Medicine* 32, 1206-1222.
    Höhle, M. (2007). surveillance: An R package for the monitoring of infectious
    diseases. *Computational Statistics* 22, 571-582.

    Examples
    --------
    >>> import numpy as np
    >>> y = np.array([[3, 2, 4, 3, 2, 3, 4, 3, 2, 3, 14, 3]])
    >>> res = detect(y)
    >>> bool(res.flagged[0, 10]), bool(res.flagged[0, :10].any())
    (True, False)
    """
    prm = params if params is not None else DetectorParams.for_period(period)
    prm.validate()
    observed = _as_counts(counts)
    y = np.ascontiguousarray(observed.T, dtype=np.float64)  # y[t]: every series at t
    n_periods, n_series = y.shape
    w_cells = as_watch_array(watch, n_series, n_periods).T  # (T, S) view
    alpha_t, h_t = _effective_thresholds(prm, watch, w_cells)

    m = prm.season_length
    big_l = prm.level_window
    warm_up = min(prm.min_baseline, n_periods)

    # Running sums over periods that raised no alert, with a leading zero row, so
    # that the sum over periods [a, b) is c[b] - c[a] for every series at once.
    clean_cum = np.empty((n_periods + 1, n_series))
    clean_n = np.empty((n_periods + 1, n_series), dtype=np.int32)
    resid_cum = np.empty((n_periods + 1, n_series))
    clean_cum[0] = 0.0
    clean_n[0] = 0
    resid_cum[: warm_up + 1] = 0.0
    resid_n = np.zeros((n_periods + 1, n_series), dtype=np.int32)

    mu_out = np.empty((n_periods, n_series))
    phi_out = np.ones((n_periods, n_series))
    p_out = np.ones((n_periods, n_series))
    z_out = np.zeros((n_periods, n_series))
    s_out = np.zeros((n_periods, n_series))
    upper_out = np.empty((n_periods, n_series), dtype=np.int64)
    spike_out = np.zeros((n_periods, n_series), dtype=np.bool_)
    sust_out = np.zeros((n_periods, n_series), dtype=np.bool_)

    # Warm-up: too little history to judge; report the plain mean so far.
    for t in range(warm_up):
        level = y[:t].mean(axis=0) if t else np.zeros(n_series)
        mu_out[t] = np.maximum(level, prm.floor)
        upper_out[t] = assess_counts(y[t], mu_out[t], 2.0 * mu_out[t], alpha_t[t])[2]
        clean_cum[t + 1] = clean_cum[t] + y[t]
        clean_n[t + 1] = t + 1

    s_prev = np.zeros(n_series)
    run_obs = np.zeros(n_series)
    for t in range(warm_up, n_periods):
        yt = y[t]
        a = max(0, t - big_l)
        s_lev = clean_cum[t] - clean_cum[a]
        n_lev = (clean_n[t] - clean_n[a]).astype(np.float64)
        # A long run of alerts means a new normal: fall back to every period.
        few = n_lev < prm.min_baseline
        if few.any():
            s_lev[few] = y[a:t, few].sum(axis=0)
            n_lev[few] = float(t - a)
        level = s_lev / n_lev
        rel_var = 1.0 / (n_lev * np.maximum(level, prm.floor))

        ratio: FloatArray | float = 1.0
        years = [k for k in range(1, prm.season_years + 1) if t - k * m - big_l >= 0]
        if years:
            ratio, season_rel_var = _seasonal_ratio(clean_cum, clean_n, t, years, prm)
            rel_var += season_rel_var
        else:
            # No earlier year to learn the season from: allow for it in the variance.
            rel_var += prm.unknown_season_cv ** 2

        mu = np.maximum(level * ratio, prm.floor)

        # Overdispersion from recent residuals (they exist from the end of warm-up
        # on), shrunk towards Poisson.
        d0 = max(warm_up, t - prm.dispersion_window)
        n_res = (resid_n[t] - resid_n[d0]).astype(np.float64)
        nu = prm.dispersion_prior
        phi = (resid_cum[t] - resid_cum[d0] + nu) / np.maximum(n_res + nu, 1.0)
        np.clip(phi, 1.0, prm.dispersion_max, out=phi)

        est_factor = 1.0 + mu * rel_var  # (phi mu + Var(mu_hat)) / (phi mu)
        p_up, z, upper = assess_counts(yt, mu, phi * mu * est_factor, alpha_t[t])

        spike = (p_up <= alpha_t[t]) & (yt >= prm.min_count)
        s_new = np.maximum(0.0, s_prev + np.minimum(z, prm.z_cap) - prm.cusum_k)
        run_obs = np.where(s_prev > 0, run_obs, 0.0) + yt
        sustained = (s_new > h_t[t]) & (yt > mu) & (run_obs >= prm.min_count)

        mu_out[t] = mu
        phi_out[t] = phi
        p_out[t] = p_up
        z_out[t] = z
        s_out[t] = s_new
        upper_out[t] = upper
        spike_out[t] = spike
        sust_out[t] = sustained
        # Fast initial response: after an alarm restart half-way to the threshold.
        s_prev = np.where(sustained, np.minimum(s_new, 0.5 * h_t[t]), s_new)

        alerted = spike | sustained
        if prm.exclude_flagged:
            clean = ~alerted & (z <= prm.exclude_z)
            clean_cum[t + 1] = clean_cum[t] + np.where(clean, yt, 0.0)
            clean_n[t + 1] = clean_n[t] + clean
        else:
            clean = np.ones(n_series, dtype=np.bool_)
            clean_cum[t + 1] = clean_cum[t] + yt
            clean_n[t + 1] = clean_n[t] + 1
        r2 = np.minimum((yt - mu) ** 2 / (mu * est_factor), prm.residual_cap)
        # Periods that alerted are left out; the other high ones stay in, or phi
        # would be biased low and feed on itself.
        resid_cum[t + 1] = resid_cum[t] + np.where(alerted, 0.0, r2)
        resid_n[t + 1] = resid_n[t] + ~alerted

    evaluated = np.zeros((n_periods, 1), dtype=np.bool_)
    evaluated[warm_up:] = True
    return DetectionResult(
        observed=observed,
        expected=mu_out.T,
        upper=upper_out.T,
        p_value=p_out.T,
        z=z_out.T,
        cusum=s_out.T,
        spike=spike_out.T,
        sustained=sust_out.T,
        flagged=(spike_out | sust_out).T,
        evaluated=np.broadcast_to(evaluated, (n_periods, n_series)).T,
        dispersion=phi_out.T,
        watch=w_cells.T,
        cusum_threshold=np.broadcast_to(h_t, (n_periods, n_series)).T,
    )


def _seasonal_ratio(
    clean_cum: FloatArray,
    clean_n: NDArray[np.int32],
    t: int,
    years: list[int],
    prm: DetectorParams,
) -> tuple[FloatArray, FloatArray]:
    """Seasonal-and-trend ratio for period ``t`` and its relative variance.

    For each earlier year ``k`` the counts in the window ``t - k m +- halfwidth`` are
    compared with what the ``level_window`` periods just before ``t - k m`` would
    predict. Pooled over years and shrunk by ``season_shrinkage`` pseudo-counts
    towards 1, this says how much above or below its recent level the series
    usually runs at this time of year; with few reports it stays near 1.
    """
    m, big_l, hw = prm.season_length, prm.level_window, prm.season_halfwidth
    n_series = clean_cum.shape[1]
    sum_w = np.zeros(n_series)
    n_w = np.zeros(n_series)
    sum_b = np.zeros(n_series)
    n_b = np.zeros(n_series)
    for k in years:
        c = t - k * m
        sum_w += clean_cum[c + hw + 1] - clean_cum[c - hw]
        n_w += clean_n[c + hw + 1] - clean_n[c - hw]
        sum_b += clean_cum[c] - clean_cum[c - big_l]
        n_b += clean_n[c] - clean_n[c - big_l]
    expect_w = np.where(n_b > 0, n_w * sum_b / np.maximum(n_b, 1.0), sum_w)
    kappa = prm.season_shrinkage
    ratio = np.clip((sum_w + kappa) / (expect_w + kappa),
                    1.0 / prm.season_ratio_max, prm.season_ratio_max)
    # Delta-method variance of log(ratio): Poisson-like counts above and below.
    rel_var = 1.0 / (sum_w + kappa + 1.0) + 1.0 / (sum_b + kappa + 1.0)
    return ratio, rel_var


def _effective_thresholds(
    prm: DetectorParams, watch: ArrayLike | None, w_cells: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Per-period (or per-cell) ``alpha`` and CUSUM ``h`` under the watch levels.

    Returned arrays broadcast against one period's row of series, indexed by period
    first; when ``watch`` varies only by period they are ``(n_periods, 1)`` so that
    the threshold search runs once per distinct level rather than once per cell.
    """
    if watch is None:
        one = np.ones((w_cells.shape[0], 1))
        return one * prm.alpha, one * prm.cusum_h
    w_arr = np.asarray(watch, dtype=np.float64)
    compact = (np.full((w_cells.shape[0], 1), float(w_arr)) if w_arr.ndim == 0
               else w_arr[:, np.newaxis] if w_arr.ndim == 1 else w_cells)
    alpha = np.minimum(prm.alpha * compact, 0.49)
    h = cusum_threshold_for_watch(prm.cusum_h, prm.cusum_k, compact)
    return alpha, h
