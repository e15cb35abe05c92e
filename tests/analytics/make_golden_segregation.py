"""Write the golden segregation values the tests compare against, computed by PySAL.

Run once (about a minute), from the repository root, whenever the data or the PySAL
version changes::

    PYTHONPATH=src:tests/analytics /work/venv-analytics/bin/python \
        tests/analytics/make_golden_segregation.py

It needs PySAL ``segregation`` 2.5.4 and pandas.  For every region of two real data sets
(every council of England and Wales from the LSOA file, 5 groups; Trafford's output areas,
19 groups, as the whole council and as blocks of output areas) it calls PySAL's classes
on that region's rows, exactly as a user of PySAL would, and writes the statistics with
full float precision (``repr``) to ``tests/analytics/golden/``.

Where a group is absent from a region PySAL returns NaN for some indices (``0 ln 0``);
there the multigroup values are recomputed by PySAL on the present groups only (equal by
definition, the squared coefficient of variation rescaled from ``K_present - 1`` to
``K - 1``) and the row is flagged ``absent_groups > 0``.
"""

from __future__ import annotations

import csv
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import segregation
from segregation.local import (
    MultiLocalDiversity,
    MultiLocalSimpsonInteraction,
    MultiLocationQuotient,
)
from segregation.multigroup import (
    MultiDissim,
    MultiDivergence,
    MultiDiversity,
    MultiGini,
    MultiInfoTheory,
    MultiNormExposure,
    MultiRelativeDiversity,
    MultiSquaredCoefVar,
    SimpsonsInteraction,
)
from segregation.singlegroup import CorrelationR, Dissim, Entropy, Gini, Interaction, Isolation

sys.path.insert(0, str(Path(__file__).resolve().parent))
from segregation_data import (  # noqa: E402
    GOLDEN,
    LSOA_GROUPS,
    load_lsoa,
    load_trafford_oa,
    trafford_groups,
)

MULTI = {
    "multi_dissimilarity": MultiDissim,
    "multi_gini": MultiGini,
    "multi_theil": MultiInfoTheory,
    "normalised_exposure": MultiNormExposure,
    "relative_diversity": MultiRelativeDiversity,
    "squared_coef_variation": MultiSquaredCoefVar,
    "divergence": MultiDivergence,
    "simpson_interaction": SimpsonsInteraction,
    "entropy": MultiDiversity,
}
SINGLE = {
    "dissimilarity": Dissim,
    "gini": Gini,
    "theil": Entropy,
    "isolation": Isolation,
    "interaction": Interaction,
    "correlation_ratio": CorrelationR,
}
#: LSOA councils whose per-area values (location quotients, local diversity) are pinned.
LOCAL_LSOA_COUNCILS = ["E06000053", "E09000001", "E08000009", "W06000015"]
LOCAL_TRAFFORD_AREAS = 120


def pysal_multigroup(frame: pd.DataFrame, groups: list[str]) -> dict[str, float]:
    present = [g for g in groups if frame[g].sum() > 0]
    use = groups if len(present) == len(groups) else present
    out: dict[str, float] = {}
    for name, cls in MULTI.items():
        if len(use) < 2 and name != "divergence":
            out[name] = float("nan")
            continue
        value = float(cls(frame, use).statistic)
        if name == "squared_coef_variation" and use is not groups:
            value *= (len(use) - 1) / (len(groups) - 1)
        out[name] = value
    out["absent_groups"] = len(groups) - len(present)
    return out


def pysal_single(frame: pd.DataFrame, focal: str, total: str) -> dict[str, float]:
    return {name: float(cls(frame, focal, total).statistic) for name, cls in SINGLE.items()}


def write_rows(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: repr(v) if isinstance(v, float) else v for k, v in row.items()})
    print(f"wrote {path} ({len(rows)} rows)")


def regions_golden(
    dataset: str, frame: pd.DataFrame, region_col: str, groups: list[str], total: str
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    multi_rows: list[dict[str, object]] = []
    single_rows: list[dict[str, object]] = []
    for region, sub in frame.groupby(region_col, sort=True):
        sub = sub.reset_index(drop=True)
        row: dict[str, object] = {"dataset": dataset, "region": region, "n_areas": len(sub)}
        row.update(pysal_multigroup(sub, groups))
        multi_rows.append(row)
        for focal in groups:
            srow: dict[str, object] = {
                "dataset": dataset,
                "region": region,
                "focal": focal,
                "focal_count": float(sub[focal].sum()),
            }
            srow.update(pysal_single(sub, focal, total))
            single_rows.append(srow)
    return multi_rows, single_rows


def local_golden(
    dataset: str, frame: pd.DataFrame, region_col: str, groups: list[str], area_col: str
) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for region, sub in frame.groupby(region_col, sort=True):
        sub = sub.reset_index(drop=True)
        lq = np.asarray(MultiLocationQuotient(sub, groups).statistics)
        ent = np.asarray(MultiLocalDiversity(sub, groups).statistics)
        simp = np.asarray(MultiLocalSimpsonInteraction(sub, groups).statistics)
        for i in range(len(sub)):
            row: dict[str, object] = {
                "dataset": dataset,
                "region": region,
                "area": sub.iloc[i][area_col],
            }
            row["area_entropy"] = float(ent[i])
            row["area_simpson_interaction"] = float(simp[i])
            row.update({f"lq_{g}": float(lq[i, k]) for k, g in enumerate(groups)})
            rows.append(row)
    return rows


def main() -> None:
    warnings.simplefilter("ignore")
    GOLDEN.mkdir(exist_ok=True)
    print(f"PySAL segregation {segregation.__version__}")
    lsoa = load_lsoa()
    multi, single = regions_golden("lsoa_lad22", lsoa, "lad22_code", LSOA_GROUPS, "total")
    oa, _labels = load_trafford_oa()
    groups = trafford_groups()
    oa["total"] = oa[groups].sum(axis=1)
    for dataset, col in (("trafford_oa", "council"), ("trafford_oa_blocks", "block")):
        m, s = regions_golden(dataset, oa, col, groups, "total")
        multi += m
        single += s
    write_rows(GOLDEN / "segregation_multigroup.csv", multi)
    write_rows(GOLDEN / "segregation_twogroup.csv", single)
    picked = lsoa[lsoa["lad22_code"].isin(LOCAL_LSOA_COUNCILS)]
    write_rows(
        GOLDEN / "segregation_local_lsoa.csv",
        local_golden("lsoa_lad22", picked, "lad22_code", LSOA_GROUPS, "lsoa21_code"),
    )
    local_t = local_golden("trafford_oa", oa, "council", groups, "oa")[:LOCAL_TRAFFORD_AREAS]
    write_rows(GOLDEN / "segregation_local_trafford.csv", local_t)


if __name__ == "__main__":
    main()
