"""Nearest statistical neighbours on standardised indicators."""

from __future__ import annotations

import math

import numpy as np
import pytest

from commonground.analytics.neighbours import (
    all_pair_distances,
    distances_from,
    nearest,
    standardise,
)

# z-scores by hand: column a = [0, 2, 4] -> mean 2, std sqrt(8/3); column b = [1, 1, 4]
MATRIX = np.array([[0.0, 1.0], [2.0, 1.0], [4.0, 4.0]])
SA = math.sqrt(8 / 3)
SB = math.sqrt(((1 - 2) ** 2 * 2 + 2**2) / 3)


def test_standardise_uses_population_std_and_ignores_missing() -> None:
    std = standardise([[0.0, 1.0], [2.0, np.nan], [4.0, 3.0]])
    np.testing.assert_allclose(std.z[:, 0], [-2 / SA, 0, 2 / SA])
    np.testing.assert_allclose(std.z[[0, 2], 1], [-1.0, 1.0])
    assert math.isnan(std.z[1, 1])


def test_hand_computed_distances_and_shares() -> None:
    got = nearest(MATRIX, ["A", "B", "C"], 0, k=2)
    assert [n.code for n in got] == ["B", "C"]
    assert got[0].distance == pytest.approx(2 / SA)
    da, db = 4 / SA, 3 / SB
    assert got[1].distance == pytest.approx(math.hypot(da, db))
    np.testing.assert_allclose(got[1].shares, np.array([da**2, db**2]) / (da**2 + db**2))
    np.testing.assert_allclose(got[0].shares, [1.0, 0.0])  # alike on b: a explains it all
    for n in got:
        assert n.shares.sum() == pytest.approx(1.0)


def test_weights_scale_each_indicators_squared_difference() -> None:
    got = nearest(MATRIX, ["A", "B", "C"], 0, k=2, weights=[1.0, 4.0])
    da, db = 4 / SA, 3 / SB
    assert got[1].distance == pytest.approx(math.sqrt(da**2 + 4 * db**2))


def test_missing_indicator_is_left_out_of_that_pair_and_the_rest_scaled_up() -> None:
    m = np.array([[0.0, 1.0], [2.0, np.nan], [4.0, 4.0], [1.0, 2.0]])
    std = standardise(m)
    got = {n.code: n for n in nearest(m, ["A", "B", "C", "D"], 0, k=3)}
    dz = std.z[1, 0] - std.z[0, 0]
    assert got["B"].distance == pytest.approx(math.sqrt(2 * dz**2))  # W / W_ab = 2 / 1
    assert got["B"].compared == 1
    assert math.isnan(got["B"].shares[1]) and got["B"].shares[0] == 1.0


def test_pairs_sharing_too_little_are_never_neighbours() -> None:
    m = np.array([[0.0, 1.0, 5.0], [np.nan, np.nan, 4.0], [4.0, 4.0, 3.0], [1.0, 2.0, 3.0]])
    codes = ["A", "B", "C", "D"]
    assert "B" not in [n.code for n in nearest(m, codes, 0)]  # shares 1 of 3 indicators
    assert "B" in [n.code for n in nearest(m, codes, 0, min_overlap=0.3)]
    assert math.isnan(distances_from(m, 0)[1])


def test_constant_indicator_is_dropped_and_reported() -> None:
    m = np.array([[0.0, 7.0], [2.0, 7.0], [4.0, 7.0]])
    std = standardise(m)
    assert std.dropped == (1,)
    got = nearest(m, ["A", "B", "C"], 1, k=2)
    assert [n.distance for n in got] == pytest.approx([2 / SA, 2 / SA])
    assert [n.code for n in got] == ["A", "C"]  # tie kept in row order
    with pytest.raises(ValueError, match="no indicator varies"):
        standardise([[1.0, 7.0], [1.0, 7.0]])


def test_identical_councils_are_at_distance_zero_with_zero_shares() -> None:
    got = nearest([[1.0, 2.0], [1.0, 2.0], [3.0, 0.0]], ["A", "B", "C"], 0, k=1)
    assert got[0].code == "B" and got[0].distance == 0.0
    assert list(got[0].shares) == [0.0, 0.0]


def test_k_larger_than_the_councils_returns_them_all_but_never_the_target() -> None:
    got = nearest(MATRIX, ["A", "B", "C"], 2, k=15)
    assert [n.code for n in got] == ["B", "A"]


def test_all_pairs_equal_one_target_at_a_time() -> None:
    rng = np.random.default_rng(5)
    m = rng.normal(size=(60, 6)) * [1, 10, 100, 1, 1, 0.1]
    m[rng.random(m.shape) < 0.1] = np.nan
    w = rng.uniform(0.5, 2, 6)
    all_d = all_pair_distances(m, w)
    for t in range(60):
        np.testing.assert_allclose(all_d[t], distances_from(m, t, w), rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(all_d, all_d.T, rtol=1e-12, equal_nan=True)
    assert (np.diag(all_d) == 0).all()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"matrix": [1.0, 2.0]}, "2-D"),
        ({"matrix": [[1.0, np.inf], [2.0, 3.0]]}, "infinite"),
        ({"weights": [1.0]}, "one value per indicator"),
        ({"weights": [-1.0, 1.0]}, "non-negative"),
        ({"weights": [0.0, 0.0]}, "at least one weight"),
        ({"k": 0}, "positive int"),
        ({"target_index": 3}, "out of range"),
        ({"codes": ["A", "B"]}, "one entry per council"),
    ],
)
def test_bad_arguments_raise(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"matrix": MATRIX, "codes": ["A", "B", "C"], "target_index": 0}
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        nearest(**args)  # type: ignore[arg-type]
