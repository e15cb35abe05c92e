"""Early-warning detector: hand-checkable behaviour on small series."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from scipy import stats

from commonground.analytics.early_warning import (
    DetectorParams,
    TriggerEvent,
    detect,
    explain_alerts,
    watch_levels,
)
from commonground.analytics.early_warning.explain import describe_chance, describe_period
from commonground.analytics.early_warning.tails import assess_counts, nb_size_prob
from commonground.analytics.early_warning.watch import cusum_arl, cusum_threshold_for_watch

MONDAYS = [date(2024, 1, 1) + timedelta(weeks=i) for i in range(200)]


def test_flat_series_with_an_obvious_spike_flags_only_the_spike() -> None:
    y = [3, 2, 4, 3, 2, 3, 4, 3, 2, 3, 14, 3]
    res = detect(y)
    assert res.flagged[0].tolist() == [False] * 10 + [True, False]
    assert res.spike[0, 10] and not res.sustained[0, 10]


def test_expected_and_tail_probability_can_be_checked_by_hand() -> None:
    # Twelve weeks of exactly 3: level 3, no overdispersion (phi clipped to 1). The
    # variance adds the uncertainty of the mean (Poisson, 12 weeks) and of the season
    # not yet seen (10%): 3 * (1 + 3 * (1 / (12 * 3) + 0.1 ** 2)).
    y = [3] * 12 + [11]
    res = detect(y)
    assert res.expected[0, 12] == pytest.approx(3.0)
    assert res.dispersion[0, 12] == 1.0
    var = 3.0 * (1.0 + 3.0 * (1.0 / 36.0 + 0.01))
    n, p = 9.0 / (var - 3.0), 3.0 / var
    assert res.p_value[0, 12] == pytest.approx(stats.nbinom.sf(10, n, p), rel=1e-9)
    assert res.upper[0, 12] == stats.nbinom.ppf(0.999, n, p)
    assert res.flagged[0, 12]


def test_ordinary_poisson_noise_raises_few_alerts() -> None:
    rng = np.random.default_rng(7)
    y = rng.poisson(4.0, size=(400, 104))
    res = detect(y)
    per_series_year = res.flagged.sum() / (400 * 100 / 52)
    assert per_series_year < 0.15


def test_all_zero_series_expect_the_floor_and_never_alert() -> None:
    res = detect(np.zeros((3, 60), dtype=int))
    assert np.all(res.expected == 0.2)
    assert not res.flagged.any()
    for arr in (res.expected, res.p_value, res.z, res.cusum, res.dispersion):
        assert np.all(np.isfinite(arr))


@pytest.mark.parametrize("n_periods", [1, 2, 3, 4, 5])
def test_short_series_give_finite_numbers_and_no_alerts_during_warm_up(n_periods: int) -> None:
    res = detect(np.full((2, n_periods), 9))
    assert res.shape == (2, n_periods)
    assert not res.flagged.any()
    assert res.evaluated[:, : min(4, n_periods)].sum() == 0
    assert np.all(np.isfinite(res.expected)) and np.all(np.isfinite(res.z))


def test_zero_to_one_never_alerts_even_under_the_highest_watch() -> None:
    y = np.zeros((1, 30), dtype=int)
    y[0, 20] = 1
    y[0, 25:27] = 1
    assert not detect(y, watch=1000.0).flagged.any()


def test_small_number_floor_sets_how_many_reports_alert_in_a_quiet_ward() -> None:
    quiet = np.zeros((3, 21), dtype=int)
    quiet[:, 20] = [2, 3, 4]
    res = detect(quiet)
    assert res.expected[:, 20] == pytest.approx([0.2, 0.2, 0.2])
    assert res.upper[:, 20].tolist() == [3, 3, 3]
    assert res.flagged[:, 20].tolist() == [False, False, True]


def test_a_spike_does_not_raise_the_expected_count_of_later_weeks() -> None:
    y = np.array([4, 3, 5, 4, 3, 4, 5, 4, 3, 4, 40, 4, 3, 5, 4])
    kept = detect(y)
    naive = detect(y, params=DetectorParams().with_changes(exclude_flagged=False))
    assert kept.flagged[0, 10]
    # The 12-week window before week 14 is weeks 2-13; week 10 (the spike) is left out.
    assert kept.expected[0, 14] == pytest.approx(np.mean(np.delete(y[2:14], 8)))
    assert naive.expected[0, 14] > kept.expected[0, 14] + 2


def test_a_sustained_rise_is_caught_by_the_cusum_when_no_week_is_a_spike() -> None:
    y = np.array([2, 1, 2, 3, 2, 1, 2, 2, 3, 2, 2, 1, 5, 5, 6, 5, 6, 5])
    res = detect(y)
    assert not res.spike[0].any()
    assert res.sustained[0, 12:].any()
    assert not res.flagged[0, :12].any()


def test_series_are_independent_rows() -> None:
    rng = np.random.default_rng(3)
    y = rng.poisson(rng.gamma(1.0, 2.0, size=(20, 1)), size=(20, 70))
    y[4, 50] += 15
    together = detect(y)
    for i in (0, 4, 19):
        alone = detect(y[i])
        np.testing.assert_array_equal(alone.flagged[0], together.flagged[i])
        np.testing.assert_allclose(alone.expected[0], together.expected[i])


def test_seasonal_weekly_series_does_not_alert_every_summer() -> None:
    rng = np.random.default_rng(11)
    weeks = np.arange(52 * 4)
    mean = 8.0 * (1.0 + 0.6 * np.sin(2 * np.pi * weeks / 52))
    y = rng.poisson(mean, size=(200, weeks.size))
    seasonal = detect(y).flagged[:, 70:].mean()
    flat = detect(y, params=DetectorParams().with_changes(season_years=0)).flagged[:, 70:].mean()
    assert seasonal < 0.004 < flat


def test_spike_rule_agrees_with_the_upper_limit() -> None:
    rng = np.random.default_rng(5)
    y = rng.poisson(rng.gamma(0.8, 2.0, size=(300, 1)), size=(300, 80))
    y[rng.random(y.shape) < 0.01] += 8
    res = detect(y)
    ev = res.evaluated
    rule = (res.observed > res.upper) & (res.observed >= 3)
    np.testing.assert_array_equal(res.spike[ev], rule[ev])


def test_tail_helpers_match_scipy() -> None:
    rng = np.random.default_rng(0)
    mean = np.exp(rng.uniform(np.log(0.05), np.log(300.0), 3000))
    var = mean * rng.uniform(1.01, 4.0, mean.size)
    n, p = nb_size_prob(mean, var)
    y = rng.negative_binomial(n, p).astype(float)
    y[:100] += 40
    p_up, z, upper = assess_counts(y, mean, var, 0.001)
    np.testing.assert_allclose(p_up, stats.nbinom.sf(y - 1, n, p), rtol=1e-8, atol=1e-300)
    np.testing.assert_array_equal(upper, stats.nbinom.ppf(0.999, n, p))
    mid = stats.nbinom.sf(y, n, p) + 0.5 * stats.nbinom.pmf(y, n, p)
    np.testing.assert_allclose(z, np.clip(stats.norm.isf(mid), -8, 8), atol=1e-7)


def test_bad_counts_are_refused() -> None:
    for bad, message in [([1, -1, 2], "negative"), ([1.5, 2.0], "whole"),
                         ([1.0, np.nan], "NaN"), (np.zeros((2, 2, 2)), "2-D")]:
        with pytest.raises(ValueError, match=message):
            detect(bad)
    with pytest.raises(ValueError, match="alpha"):
        DetectorParams().with_changes(alpha=0.7)


def test_watch_level_makes_a_moderate_rise_alert_inside_the_window_only() -> None:
    y = np.tile(np.array([4, 3, 5, 4, 3, 4, 5, 4, 3, 4, 4, 5, 11, 4, 3]), (2, 1))
    events = [TriggerEvent("Planned march", MONDAYS[12], MONDAYS[12] + timedelta(days=2), 20.0,
                           series=(1,))]
    w = watch_levels(MONDAYS[:15], events, n_series=2)
    assert w[1, 12] == 20.0 and w.sum() == 30 - 1 + 20
    res = detect(y, watch=w)
    assert not res.flagged[0, 12]
    assert res.flagged[1, 12]


def test_watch_threshold_divides_the_cusum_run_length() -> None:
    h = cusum_threshold_for_watch(5.0, 0.5, [1.0, 5.0, 20.0])
    assert h[0] == 5.0 and 0 < h[2] < h[1] < 5.0
    assert cusum_arl(h[1], 0.5) == pytest.approx(cusum_arl(5.0, 0.5) / 5.0)
    with pytest.raises(ValueError):
        TriggerEvent("x", MONDAYS[1], MONDAYS[0], 2.0)


def test_alerts_explain_themselves_in_plain_english() -> None:
    y = [[3, 2, 4, 3, 2, 3, 4, 3, 2, 3, 14, 3], [1, 0, 1, 2, 1, 2, 4, 5, 6, 5, 7, 6]]
    start = date(2024, 4, 1)
    alerts = explain_alerts(detect(y), [start + timedelta(weeks=i) for i in range(12)],
                            labels=["Ward A, race", "Ward B, religion"])
    assert [(a.label, a.period_start, a.reason) for a in alerts] == [
        ("Ward A, race", date(2024, 6, 10), "spike"),
        ("Ward B, religion", date(2024, 6, 10), "sustained rise"),
    ]
    assert alerts[0].explain() == (
        "14 reports in the week of 10 June 2024 against about 2.9 expected "
        "(a 1 in 58,000 chance under normal variation)."
    )
    assert alerts[1].explain().startswith(
        "Sustained rise: 29 reports over the 6 weeks from 6 May 2024 to the week of "
        "10 June 2024 against about"
    )


def test_chance_and_period_wording() -> None:
    assert describe_chance(1 / 2137) == "a 1 in 2,100 chance"
    assert describe_chance(1e-9) == "less than a 1 in a million chance"
    assert describe_period(date(2016, 7, 1), "month") == "July 2016"
