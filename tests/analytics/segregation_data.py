"""Loading the real ONS tables the segregation golden tests and the generator share.

Kept free of pytest so ``make_golden_segregation.py`` can import it.  Both tables are
read from the demo data shipped in ``data/demo/`` (the ONS files with only columns
selected, values unchanged), so the golden tests run in every checkout.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
DEMO = REPO / "data" / "demo"

#: ONS Census 2021 TS021 (5 groups) for every LSOA, with its council (lad22_code).
LSOA_FILE = DEMO / "census2021_ethnicity_lsoa21.csv.gz"
LSOA_GROUPS = ["asian", "black", "mixed", "white", "other"]
#: TS021 (19 groups) for Trafford's output areas, long layout: area_code, ethnic_group, value.
TRAFFORD_OA_FILE = DEMO / "trafford_ethnic_group_oa21.csv.gz"
TRAFFORD_CODE = "E08000009"
#: Output areas per artificial block: small regions, so some groups are absent in some
#: of them (the case where PySAL returns NaN and we must not).
TRAFFORD_BLOCK = 12


def load_lsoa() -> pd.DataFrame:
    """All 35,672 LSOAs of England and Wales, 5 groups, with their council (lad22_code)."""
    return pd.read_csv(LSOA_FILE)


def load_trafford_oa() -> tuple[pd.DataFrame, list[str]]:
    """Trafford's 738 output areas, 19 groups, wide, sorted by OA code.

    Columns: ``oa``, ``council`` (all Trafford), ``block`` (``B000``... consecutive
    blocks of ``TRAFFORD_BLOCK`` output areas) and one column per group ``g00``..``g18``
    in the file's category order.  Returns the frame and the category labels.
    """
    long = pd.read_csv(TRAFFORD_OA_FILE)
    labels = list(dict.fromkeys(long["ethnic_group"]))
    wide = long.pivot(index="area_code", columns="ethnic_group", values="value")[labels]
    wide = wide.sort_index()
    groups = [f"g{k:02d}" for k in range(len(labels))]
    wide.columns = groups
    wide = wide.reset_index().rename(columns={"area_code": "oa"})
    wide.insert(1, "council", TRAFFORD_CODE)
    wide.insert(2, "block", [f"B{i // TRAFFORD_BLOCK:03d}" for i in range(len(wide))])
    return wide, labels


def trafford_groups(n: int = 19) -> list[str]:
    return [f"g{k:02d}" for k in range(n)]


def as_counts(frame: pd.DataFrame, groups: list[str]) -> np.ndarray:
    return frame[groups].to_numpy(dtype=np.float64)
