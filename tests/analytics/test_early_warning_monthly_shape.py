"""The detector on a monthly series shaped like a force area's hate-crime counts.

The series is constructed (see ``early_warning_shapes``), not published: it copies the
shape of the Home Office monthly series (summer high, rising trend, a spike after the
June 2016 referendum and raised months in spring-summer 2017) with made-up numbers.
"""

from __future__ import annotations

import numpy as np
from early_warning_shapes import MONTHS, hate_crime_like_monthly, ordinary_months

from commonground.analytics.early_warning import detect


def test_real_shaped_monthly_series_flags_the_known_spikes_and_few_ordinary_months() -> None:
    counts = hate_crime_like_monthly(np.random.default_rng(2016))
    flagged = detect(counts, period="month").flagged[0]
    assert flagged[MONTHS.index((2016, 7))]
    assert flagged[MONTHS.index((2017, 6))]
    assert flagged[ordinary_months()].sum() <= 2


def test_over_many_constructed_force_areas_the_spikes_are_usually_found() -> None:
    # Not one lucky draw: 200 replicates with the same shape (the rates quoted in
    # docs/early-warning.md come from this construction).
    rng = np.random.default_rng(20160623)
    counts = np.array([hate_crime_like_monthly(rng) for _ in range(200)])
    flagged = detect(counts, period="month").flagged
    assert flagged[:, MONTHS.index((2016, 7))].mean() >= 0.85
    assert flagged[:, MONTHS.index((2017, 6))].mean() >= 0.55
    # About one false alarm per seven-year series at most, on average.
    assert flagged[:, ordinary_months()].sum(axis=1).mean() <= 1.2


def test_without_trigger_events_a_monthly_series_rarely_alerts() -> None:
    rng = np.random.default_rng(1)
    counts = np.array([hate_crime_like_monthly(rng, spikes=False) for _ in range(200)])
    flagged = detect(counts, period="month").flagged
    # Measured: about 1.3 alerts per seven-year series (most in the first two
    # years, before the season is known); see docs/early-warning.md.
    assert flagged.sum(axis=1).mean() <= 1.5
