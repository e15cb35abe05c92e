"""Cohesion family groups (Cohesion Delivery Framework 2009, Table 1)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from commonground.analytics.family_groups import (
    AFFLUENCE_THRESHOLD_PCT,
    CHANGING_THRESHOLD_PER_10K,
    GROUP_NAMES,
    RURAL_THRESHOLD_PCT,
    classify,
    classify_many,
)

# (level 4+ %, rural %, migrants per 10k, industrial decline) -> Table 1 group
CASES = [
    ((20.0, 60.0, 10.0, None), 1),
    ((20.0, 10.0, 3.0, True), 2),
    ((20.0, 10.0, 3.0, False), 3),
    ((20.0, 10.0, 10.0, None), 4),
    ((20.0, 60.0, 3.0, None), 5),
    ((30.0, 10.0, 3.0, None), 6),
    ((30.0, 10.0, 10.0, None), 7),
    ((30.0, 60.0, 3.0, None), 8),
    ((30.0, 60.0, 10.0, None), 9),
]


@pytest.mark.parametrize(("inputs", "group"), CASES)
def test_each_combination_gives_its_table_1_group(
    inputs: tuple[float, float, float, bool | None], group: int
) -> None:
    result = classify(*inputs)
    assert result.number == group
    assert result.name == GROUP_NAMES[group]
    assert result.missing == ()
    assert result.candidates == (group,)


def test_table_1_names_are_in_table_order() -> None:
    assert GROUP_NAMES[1] == "Changing less affluent rural areas"
    assert GROUP_NAMES[2] == "Stable less affluent urban areas with manufacturing decline"
    assert GROUP_NAMES[9] == "Changing but affluent rural areas"


def test_thresholds_fall_on_the_documented_side() -> None:
    at = classify(AFFLUENCE_THRESHOLD_PCT, RURAL_THRESHOLD_PCT, CHANGING_THRESHOLD_PER_10K)
    assert at.factor("affluence").side == "affluent"  # 25% is affluent
    assert at.factor("rurality").side == "rural"  # 50% is rural
    assert at.factor("migration").side == "stable"  # exactly 7 is not above 7
    assert at.number == 8
    assert classify(24.99, 49.99, 7.01, None).number == 4


def test_each_factor_explains_value_threshold_and_side() -> None:
    result = classify(22.5, 12.0, 3.2, True)
    affluence = result.factor("affluence")
    assert (affluence.value, affluence.threshold, affluence.side) == (22.5, 25.0, "less affluent")
    assert "25% or more is affluent" in affluence.rule
    decline = result.factor("industrial_decline")
    assert decline.decisive and decline.side == "with decline"


def test_industrial_decline_only_matters_for_stable_less_affluent_urban() -> None:
    result = classify(30.0, 10.0, 3.0, None)
    assert result.number == 6
    assert not result.factor("industrial_decline").decisive
    assert classify(30.0, 10.0, 3.0, True).number == 6


def test_unknown_inputs_are_reported_not_guessed() -> None:
    result = classify(20.0, 10.0, 3.0, None)
    assert result.number is None
    assert result.missing == ("industrial_decline",)
    assert result.candidates == (2, 3)
    result = classify(None, 60.0, float("nan"))
    assert result.number is None
    assert result.missing == ("affluence", "migration")
    assert result.candidates == (1, 5, 8, 9)
    assert result.factor("affluence").side is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((101.0, 10.0, 3.0), "level4_pct must be between 0 and 100"),
        ((20.0, -1.0, 3.0), "rural_pct must be between 0 and 100"),
        ((20.0, 10.0, -3.0), "migration_per_10k must be 0 or more"),
        ((20.0, 10.0, "x"), "must be a number or None"),
        ((20.0, 10.0, 3.0, "yes"), "industrial_decline must be True, False or None"),
    ],
)
def test_bad_values_raise(args: tuple[object, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        classify(*args)  # type: ignore[arg-type]


def test_many_areas_at_once_agree_with_one_at_a_time() -> None:
    rng = np.random.default_rng(3)
    n = 500
    l4 = rng.uniform(10, 45, n)
    rur = rng.uniform(0, 100, n)
    mig = rng.uniform(0, 20, n)
    dec = rng.choice([0.0, 1.0, np.nan], n)
    l4[::17] = np.nan
    got = classify_many(l4, rur, mig, dec)
    for i in range(n):
        one = classify(
            None if math.isnan(l4[i]) else l4[i],
            rur[i],
            mig[i],
            None if math.isnan(dec[i]) else bool(dec[i]),
        )
        assert got[i] == (one.number or 0)
    assert set(np.unique(got)) <= set(range(10))


def test_many_rejects_mismatched_lengths_and_bad_values() -> None:
    with pytest.raises(ValueError, match="same length"):
        classify_many([20.0, 30.0], [10.0], [3.0, 3.0])
    with pytest.raises(ValueError, match="between 0 and 100"):
        classify_many([120.0], [10.0], [3.0])
    assert list(classify_many([20.0], [10.0], [3.0])) == [0]  # decline unknown
