"""Every index equals PySAL segregation 2.5.4 to 1e-12 on real Census 2021 data.

Golden values come from ``make_golden_segregation.py`` (PySAL run once); one test at the
end recomputes a few councils live when PySAL is installed.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from segregation_data import GOLDEN, LSOA_GROUPS, trafford_groups

from commonground.analytics.segregation import (
    MULTIGROUP_INDICES,
    TWO_GROUP_INDICES,
    all_indices,
    area_entropy,
    area_simpson_interaction,
    location_quotients,
)

RTOL = ATOL = 1e-12
REGION_LEVEL = [*MULTIGROUP_INDICES, "simpson_interaction", "entropy"]


@pytest.fixture(scope="module")
def golden_multi() -> pd.DataFrame:
    return pd.read_csv(GOLDEN / "segregation_multigroup.csv")


@pytest.fixture(scope="module")
def golden_two() -> pd.DataFrame:
    return pd.read_csv(GOLDEN / "segregation_twogroup.csv")


def _datasets(lsoa: pd.DataFrame, trafford_oa: pd.DataFrame) -> dict[str, tuple[Any, ...]]:
    tg = trafford_groups()
    return {
        "lsoa_lad22": (lsoa, "lad22_code", LSOA_GROUPS, lsoa["total"].to_numpy()),
        "trafford_oa": (trafford_oa, "council", tg, None),
        "trafford_oa_blocks": (trafford_oa, "block", tg, None),
    }


@pytest.mark.parametrize("dataset", ["lsoa_lad22", "trafford_oa", "trafford_oa_blocks"])
def test_multigroup_and_diversity_match_pysal_for_every_region(
    dataset: str, lsoa: pd.DataFrame, trafford_oa: pd.DataFrame, golden_multi: pd.DataFrame
) -> None:
    frame, region_col, groups, _total = _datasets(lsoa, trafford_oa)[dataset]
    got = all_indices(frame[groups].to_numpy(), frame[region_col].to_numpy())
    want = golden_multi[golden_multi["dataset"] == dataset].sort_values("region")
    assert list(got["region"]) == list(want["region"])
    np.testing.assert_array_equal(got["n_areas"], want["n_areas"])
    for name in REGION_LEVEL:
        np.testing.assert_allclose(got[name], want[name], rtol=RTOL, atol=ATOL, err_msg=name)


def test_blocks_include_regions_with_absent_groups(golden_multi: pd.DataFrame) -> None:
    # guards the data set, so the absent-group convention stays under test
    blocks = golden_multi[golden_multi["dataset"] == "trafford_oa_blocks"]
    assert (blocks["absent_groups"] > 0).sum() >= 20


@pytest.mark.parametrize("dataset", ["lsoa_lad22", "trafford_oa", "trafford_oa_blocks"])
def test_two_group_indices_match_pysal_for_every_region_and_focal_group(
    dataset: str, lsoa: pd.DataFrame, trafford_oa: pd.DataFrame, golden_two: pd.DataFrame
) -> None:
    frame, region_col, groups, total = _datasets(lsoa, trafford_oa)[dataset]
    want_all = golden_two[golden_two["dataset"] == dataset]
    counts = frame[groups].to_numpy()
    compared = 0
    for k, focal in enumerate(groups):
        got = all_indices(counts, frame[region_col].to_numpy(), focal=k, total=total)
        want = want_all[want_all["focal"] == focal].sort_values("region")
        assert list(got["region"]) == list(want["region"])
        present = want["focal_count"].to_numpy() > 0
        for name in TWO_GROUP_INDICES:
            np.testing.assert_allclose(
                got[name][present],
                want[name].to_numpy()[present],
                rtol=RTOL,
                atol=ATOL,
                err_msg=name,
            )
            # focal group absent from the region: undefined, NaN (PySAL gives NaN or 0)
            assert np.isnan(got[name][~present]).all(), name
        compared += int(present.sum())
    assert compared > 0


@pytest.mark.parametrize(
    ("golden_file", "dataset"),
    [
        ("segregation_local_lsoa.csv", "lsoa_lad22"),
        ("segregation_local_trafford.csv", "trafford_oa"),
    ],
)
def test_area_diversity_and_location_quotients_match_pysal(
    golden_file: str, dataset: str, lsoa: pd.DataFrame, trafford_oa: pd.DataFrame
) -> None:
    frame, region_col, groups, _total = _datasets(lsoa, trafford_oa)[dataset]
    want = pd.read_csv(GOLDEN / golden_file)
    area_col = "lsoa21_code" if dataset == "lsoa_lad22" else "oa"
    counts = frame[groups].to_numpy()
    lq = pd.DataFrame(
        location_quotients(counts, frame[region_col].to_numpy()), index=frame[area_col]
    )
    ent = pd.Series(area_entropy(counts), index=frame[area_col])
    simp = pd.Series(area_simpson_interaction(counts), index=frame[area_col])
    areas = want["area"].to_numpy()
    np.testing.assert_allclose(
        lq.loc[areas].to_numpy(), want[[f"lq_{g}" for g in groups]], rtol=RTOL, atol=ATOL
    )
    np.testing.assert_allclose(ent.loc[areas], want["area_entropy"], rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(
        simp.loc[areas], want["area_simpson_interaction"], rtol=RTOL, atol=ATOL
    )


def test_live_pysal_agrees_on_a_handful_of_councils(lsoa: pd.DataFrame) -> None:
    seg = pytest.importorskip("segregation")
    from segregation.multigroup import MultiDissim, MultiGini, MultiInfoTheory
    from segregation.singlegroup import Dissim, Entropy, Isolation

    assert seg.__version__ == "2.5.4"
    councils = ["E06000053", "E06000001", "E09000001", "W06000015", "E07000117"]
    sub = lsoa[lsoa["lad22_code"].isin(councils)]
    got = all_indices(
        sub[LSOA_GROUPS].to_numpy(), sub["lad22_code"].to_numpy(), focal=0, total=sub["total"]
    )
    for r, code in enumerate(got["region"]):
        one = sub[sub["lad22_code"] == code].reset_index(drop=True)
        assert got["multi_dissimilarity"][r] == pytest.approx(
            MultiDissim(one, LSOA_GROUPS).statistic, rel=1e-12, abs=1e-12
        )
        assert got["multi_gini"][r] == pytest.approx(
            MultiGini(one, LSOA_GROUPS).statistic, rel=1e-12, abs=1e-12
        )
        assert got["multi_theil"][r] == pytest.approx(
            MultiInfoTheory(one, LSOA_GROUPS).statistic, rel=1e-12, abs=1e-12
        )
        assert got["dissimilarity"][r] == pytest.approx(
            Dissim(one, "asian", "total").statistic, rel=1e-12, abs=1e-12
        )
        # (PySAL's single-group Gini spends ~7 s on its first call; the golden file pins it)
        assert got["theil"][r] == pytest.approx(
            Entropy(one, "asian", "total").statistic, rel=1e-12, abs=1e-12
        )
        assert got["isolation"][r] == pytest.approx(
            Isolation(one, "asian", "total").statistic, rel=1e-12, abs=1e-12
        )
