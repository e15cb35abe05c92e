"""Estimates, intervals, differences, detectable change and Fay-Herriot on known answers."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from commonground.analytics.survey import (
    Estimate,
    domain_difference,
    fay_herriot,
    means,
    minimum_detectable_change,
    proportions,
    responses_needed,
    smoothed_variances,
    survey_design,
    wave_difference,
)


def simple(n: int) -> object:
    return survey_design(np.full(n, 50.0))


def test_simple_random_sample_gives_the_textbook_standard_error() -> None:
    agree = np.array([True] * 30 + [False] * 10)
    (row,) = proportions(survey_design(np.full(40, 50.0)), agree)
    assert row.estimate == 0.75 and row.n == 40 and row.df == 39
    # With-replacement variance of a mean of n equal weights: p (1 - p) / (n - 1).
    assert row.se == pytest.approx(math.sqrt(0.75 * 0.25 / 39), rel=1e-12)
    assert row.ess == pytest.approx(40)
    centre, half = math.log(3), stats.t.ppf(0.975, 39) * row.se / (0.75 * 0.25)
    assert row.ci_low == pytest.approx(1 / (1 + math.exp(-(centre - half))), rel=1e-12)
    assert row.ci_high == pytest.approx(1 / (1 + math.exp(-(centre + half))), rel=1e-12)
    assert row.ci_method == "logit"
    # Population 2000, sample 40: deff = v / (s^2 (N - n) / (N n)) with s^2 = p q n/(n-1).
    assert row.deff == pytest.approx((0.75 * 0.25 / 39) / (0.75 * 0.25 * 40 / 39
                                                           * (2000 - 40) / (2000 * 40)))


def test_everyone_agreeing_gives_a_clopper_pearson_interval_not_a_point() -> None:
    (row,) = proportions(survey_design(np.full(20, 10.0)), np.ones(20, dtype=bool))
    assert row.estimate == 1 and row.se == 0 and row.ci_method == "beta"
    assert row.ci_high == 1
    # n_eff = n: Clopper-Pearson lower end for 20 out of 20.
    assert row.ci_low == pytest.approx(stats.beta.ppf(0.025, 20, 1), rel=1e-9)


def test_korn_graubard_uses_the_effective_size_and_degrees_of_freedom() -> None:
    rng = np.random.default_rng(5)
    weights = rng.uniform(20, 80, 60)
    agree = rng.random(60) < 0.3
    strata = np.repeat(["a", "b", "c"], 20)
    design = survey_design(weights, strata=strata)
    (row,) = proportions(design, agree, ci="beta")
    p, v = row.estimate, row.se**2
    n_eff = p * (1 - p) / v * (stats.t.ppf(0.025, 59) / stats.t.ppf(0.025, 57)) ** 2
    assert row.df == 57
    assert row.ci_low == pytest.approx(stats.beta.ppf(0.025, n_eff * p, n_eff * (1 - p) + 1))
    assert row.ci_high == pytest.approx(stats.beta.ppf(0.975, n_eff * p + 1, n_eff * (1 - p)))


def test_domains_come_after_all_and_unlabelled_respondents_count_only_in_all() -> None:
    by = np.array(["b", "a", "", "a", "b", "a"], dtype=object)
    by[2] = None
    rows = proportions(simple(6), np.array([1, 0, 1, 1, 0, 1], dtype=bool), by=by)
    assert [(r.domain, r.n) for r in rows] == [("all", 6), ("a", 3), ("b", 2)]
    assert rows[1].estimate == pytest.approx(2 / 3)


def test_excluded_answers_leave_the_denominator() -> None:
    agree = np.array([1, 1, 0, 0, 0, 1], dtype=bool)
    eligible = np.array([1, 1, 1, 0, 0, 1], dtype=bool)
    (row,) = proportions(simple(6), agree, eligible=eligible)
    assert row.n == 4 and row.estimate == pytest.approx(0.75)


def test_means_have_t_intervals() -> None:
    values = np.array([1.0, 2.0, 3.0, 4.0, 10.0])
    (row,) = means(simple(5), values)
    se = math.sqrt(np.var(values, ddof=1) / 5)
    assert row.estimate == pytest.approx(4.0) and row.se == pytest.approx(se)
    assert row.ci_high - row.estimate == pytest.approx(stats.t.ppf(0.975, 4) * se)


@pytest.mark.parametrize(("call", "message"), [
    (lambda d: proportions(d, np.ones(3, dtype=bool)), "agree must be 6 true/false values"),
    (lambda d: proportions(d, np.ones(6)), "agree must be 6 true/false values"),
    (lambda d: proportions(d, np.ones(6, dtype=bool), ci="wald"), "ci must be one of"),
    (lambda d: proportions(d, np.ones(6, dtype=bool), level=95), "level must be between"),
    (lambda d: proportions(d, np.ones(6, dtype=bool), eligible=np.zeros(6, dtype=bool)),
     "no respondent is eligible"),
    (lambda d: means(d, np.array([1, 2, np.nan, 4, 5, 6])), "finite for every eligible"),
    (lambda d: proportions(d, np.ones(6, dtype=bool), by=["a"]), "one value per respondent"),
])
def test_bad_estimate_arguments_are_refused(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call(simple(6))


def test_a_stratum_with_one_unit_is_refused_with_advice() -> None:
    with pytest.raises(ValueError, match="stratum 'c' has only one primary sampling unit"):
        survey_design(np.ones(5), strata=["a", "a", "b", "b", "c"])


def test_clusters_are_nested_in_strata_and_fpc_is_checked() -> None:
    design = survey_design(np.ones(6), strata=["a", "a", "a", "b", "b", "b"],
                           clusters=[1, 1, 2, 1, 2, 2])
    assert int(design.psu.max()) + 1 == 4  # cluster 1 of a and 1 of b are different
    with pytest.raises(ValueError, match="fewer than its 2 sampled units"):
        survey_design(np.ones(4), strata=["a", "a", "b", "b"], fpc=[1, 1, 5, 5])
    with pytest.raises(ValueError, match="fpc varies within stratum 'a'"):
        survey_design(np.ones(4), strata=["a", "a", "b", "b"], fpc=[9, 8, 5, 5])


def test_a_ward_against_its_whole_council_counts_their_overlap() -> None:
    rng = np.random.default_rng(3)
    n = 400
    ward = rng.integers(0, 4, n)
    agree = (rng.random(n) < 0.4 + 0.1 * ward).astype(float)
    design = survey_design(rng.uniform(10, 30, n))
    everyone = np.ones(n, dtype=bool)
    diff = domain_difference(design, agree, first=ward == 3, second=everyone)
    rows = {r.domain: r for r in proportions(design, agree.astype(bool), by=ward)}
    assert diff.estimate == pytest.approx(rows["3"].estimate - rows["all"].estimate)
    # Overlap makes them positively correlated: less uncertain than independent samples.
    assert diff.se < math.hypot(rows["3"].se, rows["all"].se)
    assert diff.df == n - 1


def test_waves_are_independent_with_welch_degrees_of_freedom() -> None:
    earlier = Estimate("all", 500, 0.70, 0.02, 0.66, 0.74, 499, 1.2, 420, 1e5, "logit")
    later = Estimate("all", 300, 0.78, 0.03, 0.72, 0.83, 299, 1.3, 250, 1e5, "logit")
    diff = wave_difference(earlier, later)
    assert diff.estimate == pytest.approx(0.08)
    assert diff.se == pytest.approx(math.hypot(0.02, 0.03))
    v1, v2 = 0.02**2, 0.03**2
    df = (v1 + v2) ** 2 / (v1**2 / 499 + v2**2 / 299)
    assert diff.df == pytest.approx(df)
    assert diff.p_value == pytest.approx(2 * stats.t.sf(0.08 / diff.se, df))
    assert diff.significant
    same = wave_difference(earlier, Estimate("all", 300, 0.71, 0.03, 0.65, 0.77, 299, 1.3, 250,
                                             1e5, "logit"))
    assert not same.significant and same.ci_low < 0 < same.ci_high


def test_minimum_detectable_change_and_responses_needed_agree() -> None:
    z = stats.norm.ppf(0.975) + stats.norm.ppf(0.8)
    assert minimum_detectable_change(100, 0.5) == pytest.approx(z * math.sqrt(0.25 * 0.02))
    assert minimum_detectable_change(100, 0.5, deff=2) == pytest.approx(
        z * math.sqrt(2 * 0.25 * 0.02))
    # Fleiss et al.: n = (z_a + z_b)^2 (p1 q1 + p2 q2) / delta^2 = 384.6 -> 385.
    assert responses_needed(0.10, 0.5) == 385
    assert responses_needed(0.10, 0.5, deff=1.5) == math.ceil(1.5 * z**2 * 0.49 / 0.01)
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        responses_needed(0.6, 0.5)
    with pytest.raises(ValueError, match="power must be between"):
        minimum_detectable_change(100, 0.5, power=80)


def test_fay_herriot_with_equal_variances_has_the_closed_form_reml() -> None:
    # Balanced case: REML sigma2 = max(0, RSS / (m - p) - psi) (Rao and Molina 2015, 6.1).
    rng = np.random.default_rng(11)
    m, psi = 25, 0.004
    x = rng.uniform(0, 1, m)
    y = 0.5 + 0.2 * x + rng.normal(0, 0.12, m) + rng.normal(0, math.sqrt(psi), m)
    fit = fay_herriot(y, np.full(m, psi), x, tolerance=1e-14)
    design = np.column_stack([np.ones(m), x])
    beta, rss = np.linalg.lstsq(design, y, rcond=None)[:2]
    assert float(rss[0]) / (m - 2) > psi  # an interior maximum, not the truncation at 0
    assert fit.sigma2 == pytest.approx(float(rss[0]) / (m - 2) - psi, rel=1e-9)
    np.testing.assert_allclose(fit.beta, beta, rtol=1e-9)  # equal variances: GLS = OLS
    gamma = fit.sigma2 / (fit.sigma2 + psi)
    np.testing.assert_allclose(fit.estimate, gamma * y + (1 - gamma) * design @ beta)
    assert np.all(fit.mse < psi)  # borrowing strength beats the direct estimate
    low, high = fit.interval()
    np.testing.assert_allclose(high - low, 2 * stats.norm.ppf(0.975) * np.sqrt(fit.mse))


def test_fay_herriot_falls_back_to_the_regression_when_areas_do_not_differ() -> None:
    y = np.array([0.50, 0.52, 0.49, 0.51, 0.50, 0.48])
    fit = fay_herriot(y, np.full(6, 0.01))
    assert fit.sigma2 == 0
    np.testing.assert_allclose(fit.estimate, np.full(6, y.mean()))
    assert fit.label == "modelled"


@pytest.mark.parametrize(("args", "message"), [
    (([0.5, 0.6], [0.01, 0.01]), "too few"),
    (([0.5, 0.6, 0.7, 0.4], [0.01, 0.0, 0.01, 0.01]), "must be positive"),
    (([0.5, 0.6, np.nan, 0.4], [0.01] * 4), "finite"),
    (([0.5, 0.6, 0.7, 0.4, 0.5], [0.01] * 5, np.column_stack([[1, 2, 3, 4, 5]] * 2)),
     "collinear"),
])
def test_fay_herriot_refuses_what_it_cannot_fit(args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        fay_herriot(*args)


def test_smoothed_variances_follow_the_number_of_responses() -> None:
    np.testing.assert_allclose(smoothed_variances(0.8, 1.5, [10, 40]),
                               [0.8 * 0.2 * 1.5 / 10, 0.8 * 0.2 * 1.5 / 40])
    with pytest.raises(ValueError, match="at least one response"):
        smoothed_variances(0.8, 1.5, [0, 3])
