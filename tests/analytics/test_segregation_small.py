"""Segregation indices on tables small enough to compute by hand, and their edge cases."""

from __future__ import annotations

import math

import numpy as np
import pytest

from commonground.analytics.segregation import (
    MULTIGROUP_INDICES,
    TWO_GROUP_INDICES,
    all_indices,
    area_entropy,
    dissimilarity,
    entropy,
    gini,
    location_quotients,
    multi_gini,
    simpson_interaction,
)

# indices normalised to 0 (even) .. 1 (complete separation), undefined with one group
UNEVENNESS = [m for m in MULTIGROUP_INDICES if m != "divergence"] + [
    "dissimilarity",
    "gini",
    "theil",
    "correlation_ratio",
]
ALL_INDICES = [*MULTIGROUP_INDICES, *TWO_GROUP_INDICES, "simpson_interaction", "entropy"]


def one_region(counts: list[list[float]], **kwargs: object) -> dict[str, float]:
    out = all_indices(np.array(counts, dtype=float), np.zeros(len(counts)), focal=0, **kwargs)
    return {k: float(v[0]) for k, v in out.items()}


def test_complete_separation_scores_one_on_every_unevenness_index() -> None:
    got = one_region([[10, 0], [0, 10]])
    for name in [*UNEVENNESS, "isolation"]:
        assert got[name] == pytest.approx(1.0, abs=1e-15), name
    assert got["interaction"] == 0.0
    assert got["divergence"] == pytest.approx(math.log(2))
    assert got["simpson_interaction"] == 0.5
    assert got["entropy"] == pytest.approx(math.log(2))


def test_areas_with_the_regions_composition_score_zero() -> None:
    got = one_region([[1, 3], [2, 6]])
    for name in [*UNEVENNESS, "divergence"]:
        assert got[name] == pytest.approx(0.0, abs=1e-15), name
    assert got["isolation"] == pytest.approx(0.25)
    assert got["interaction"] == pytest.approx(0.75)
    assert got["simpson_interaction"] == pytest.approx(1 - 0.25**2 - 0.75**2)


def test_two_by_two_hand_computed() -> None:
    # areas (3 focal, 1 other) and (1, 3): P = 1/2, p = 3/4 and 1/4
    got = one_region([[3, 1], [1, 3]])
    assert got["dissimilarity"] == pytest.approx(0.5)  # (4*.25 + 4*.25) / (2*8*.25)
    assert got["gini"] == pytest.approx(0.5)  # 4*4*.5 / (64*.25)
    assert got["isolation"] == pytest.approx(10 / 16)
    assert got["interaction"] == pytest.approx(6 / 16)
    assert got["correlation_ratio"] == pytest.approx(0.25)
    e_area = -(0.75 * math.log(0.75) + 0.25 * math.log(0.25))
    assert got["theil"] == pytest.approx(1 - e_area / math.log(2))
    assert got["multi_dissimilarity"] == pytest.approx(0.5)
    assert got["multi_gini"] == pytest.approx(0.5)
    assert got["divergence"] == pytest.approx(math.log(2) - e_area)


def test_explicit_total_counts_the_people_outside_the_listed_groups_as_the_rest() -> None:
    # focal 3 of 8 and 1 of 8: the rest is total minus focal, not the other listed column
    got = all_indices(np.array([[3.0, 1.0], [1.0, 3.0]]), ["r", "r"], focal=0, total=[8, 8])
    assert got["focal_share"][0] == pytest.approx(0.25)
    assert got["dissimilarity"][0] == pytest.approx((8 * 0.125 * 2) / (2 * 16 * 0.25 * 0.75))
    assert got["population"][0] == 16


def test_zero_population_area_changes_nothing() -> None:
    base = one_region([[3, 1, 2], [1, 3, 0], [5, 5, 1]])
    with_empty = one_region([[3, 1, 2], [0, 0, 0], [1, 3, 0], [5, 5, 1], [0, 0, 0]])
    for name in ALL_INDICES:
        assert with_empty[name] == pytest.approx(base[name], rel=1e-14), name
    assert with_empty["n_areas"] == 5


def test_group_absent_from_region_contributes_nothing() -> None:
    two = one_region([[3, 1], [1, 3], [4, 0]])
    three = one_region([[3, 1, 0], [1, 3, 0], [4, 0, 0]])
    for name in ALL_INDICES:
        if name == "squared_coef_variation":
            # (K - 1) counts the listed groups, as PySAL does
            assert three[name] == pytest.approx(two[name] / 2), name
        else:
            assert three[name] == pytest.approx(two[name], rel=1e-14), name


def test_region_with_one_group_only_is_undefined_but_its_divergence_is_zero() -> None:
    got = one_region([[5, 0], [2, 0]])
    for name in UNEVENNESS:
        assert math.isnan(got[name]), name
    assert got["divergence"] == 0.0
    assert got["isolation"] == 1.0
    assert got["simpson_interaction"] == 0.0
    assert got["entropy"] == 0.0


def test_region_with_no_people_is_nan_everywhere() -> None:
    out = all_indices(np.array([[0.0, 0.0], [0.0, 0.0], [1.0, 2.0]]), ["a", "a", "b"], focal=1)
    for name in ALL_INDICES:
        assert math.isnan(out[name][0]), name
    assert out["population"][0] == 0


def test_many_regions_in_one_call_equal_one_call_per_region() -> None:
    rng = np.random.default_rng(7)
    counts = rng.poisson(3.0, size=(300, 4)).astype(float)
    counts[rng.random(300) < 0.05] = 0
    regions = rng.choice(np.array([30, 10, 20, 40, 50]), size=300)
    together = all_indices(counts, regions, focal=2)
    assert list(together["region"]) == [10, 20, 30, 40, 50]
    for r, label in enumerate(together["region"]):
        alone = all_indices(counts[regions == label], regions[regions == label], focal=2)
        for name in ALL_INDICES:
            assert together[name][r] == pytest.approx(alone[name][0], rel=1e-12), name


def _gini_pairs(x: np.ndarray, t: np.ndarray) -> float:
    p = np.divide(x, t, out=np.zeros_like(x), where=t > 0)
    big_p = x.sum() / t.sum()
    num = (np.outer(t, t) * np.abs(p[:, None] - p[None, :])).sum()
    return float(num / (2 * t.sum() ** 2 * big_p * (1 - big_p)))


@pytest.mark.parametrize("kind", ["integers", "floats", "ties"])
def test_sort_based_gini_equals_the_all_pairs_definition(kind: str) -> None:
    rng = np.random.default_rng(11)
    n = 400
    if kind == "integers":
        counts = rng.poisson([0.5, 4.0, 20.0], size=(n, 3)).astype(float)
    elif kind == "floats":
        counts = rng.gamma(0.7, 3.0, size=(n, 3)) * (rng.random((n, 3)) > 0.3)
    else:
        counts = np.tile([[1.0, 3.0, 0.0], [2.0, 6.0, 0.0], [0.0, 0.0, 0.0], [5, 0, 5]], (100, 1))
    regions = rng.integers(0, 7, size=n)
    got = gini(counts, regions, focal=0)
    got_multi = multi_gini(counts, regions)
    for r in range(7):
        sub = counts[regions == r]
        t = sub.sum(axis=1)
        assert got.values[r] == pytest.approx(_gini_pairs(sub[:, 0], t), rel=1e-12)
        big_p = sub.sum(axis=0) / sub.sum()
        pk = np.divide(sub, t[:, None], out=np.zeros_like(sub), where=t[:, None] > 0)
        num = sum(
            (np.outer(t, t) * np.abs(pk[:, k, None] - pk[None, :, k])).sum() for k in range(3)
        )
        want = num / (2 * sub.sum() ** 2 * (big_p * (1 - big_p)).sum())
        assert got_multi.values[r] == pytest.approx(want, rel=1e-12)


def test_single_index_functions_return_labels_with_values() -> None:
    res = dissimilarity([[3, 1], [1, 3], [2, 2]], ["x", "x", "y"], focal=0)
    assert list(res.regions) == ["x", "y"]
    assert res.values[0] == pytest.approx(0.5)
    assert math.isnan(res.values[1]) is False and res.values[1] == 0.0
    assert simpson_interaction([[3, 1], [1, 3]], [1, 1]).values[0] == pytest.approx(0.5)
    assert entropy([[3, 1], [1, 3]], [1, 1], normalised=True).values[0] == pytest.approx(1.0)


def test_location_quotients_compare_each_area_with_its_region() -> None:
    lq = location_quotients([[3, 1], [1, 3], [0, 0], [2, 2]], ["a", "a", "a", "b"])
    np.testing.assert_allclose(lq[0], [1.5, 0.5])
    np.testing.assert_allclose(lq[1], [0.5, 1.5])
    assert np.isnan(lq[2]).all()  # no residents, no composition
    np.testing.assert_allclose(lq[3], [1.0, 1.0])
    ent = area_entropy([[1, 1], [0, 0], [4, 0]])
    assert ent[0] == pytest.approx(math.log(2))
    assert math.isnan(ent[1])
    assert ent[2] == 0.0


@pytest.mark.parametrize(
    ("counts", "regions", "kwargs", "message"),
    [
        ([[1, -1], [2, 2]], [0, 0], {}, "non-negative"),
        ([[1, float("nan")], [2, 2]], [0, 0], {}, "finite"),
        ([[1, float("inf")], [2, 2]], [0, 0], {}, "finite"),
        ([1, 2, 3], [0, 0, 0], {}, "2-D"),
        ([[1], [2]], [0, 0], {}, "at least 2 group"),
        (np.zeros((0, 3)), [], {}, "no areas"),
        ([[1, 2], [2, 2]], [0, 0, 0], {}, "3 ids but counts has 2 areas"),
        ([[1, 2], [2, 2]], [0], {}, "1 ids but counts has 2 areas"),
        ([["a", "b"], ["c", "d"]], [0, 0], {}, "numeric"),
        ([[1, 2], [2, 2]], [0, None], {}, "missing id"),
        ([[1, 2], [2, 2]], [0.0, float("nan")], {}, "NaN"),
        ([[1, 2], [2, 2]], [0, 0], {"focal": 2}, "out of range"),
        ([[1, 2], [2, 2]], [0, 0], {"focal": "a"}, "column index"),
        ([[1, 2], [2, 2]], [0, 0], {"focal": 0, "total": [3, 3]}, "smaller than the sum"),
        ([[1, 2], [2, 2]], [0, 0], {"focal": 0, "total": [3, 4, 5]}, "3 values"),
        ([[1, 2], [2, 2]], [0, 0], {"focal": 0, "total": [3, -4]}, "smaller than|negative"),
    ],
)
def test_bad_input_raises_value_error_with_the_reason(
    counts: object, regions: object, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        all_indices(counts, regions, **kwargs)  # type: ignore[arg-type]
