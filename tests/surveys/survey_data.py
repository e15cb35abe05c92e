"""A council-shaped sample for the weighting and results tests: Trafford's three test
wards, census margins in the shape places gives them, and responses drawn with a fixed
seed (some answering "prefer not to say")."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from commonground.places.models import Area
from commonground.surveys.models import Response, Source, Wave
from tests.surveys.conftest import WARDS

AGES = ("16-24", "25-34", "35-49", "50-64", "65+")


@dataclass(frozen=True)
class Margins:
    """The fields of ``places.selectors.PopulationMargins``."""

    age_band: dict[str, float]
    sex: dict[str, float]
    sex_ages: str = "16+"
    age_band_by_sex: dict[str, dict[str, float]] | None = None
    ethnic_group: dict[str, float] = field(default_factory=dict)
    source: str = "Census 2021 (test figures)"
    period: str = "2021"


FEMALE = {"16-24": 9_800, "25-34": 13_100, "35-49": 20_400, "50-64": 19_900, "65+": 20_800}
MALE = {"16-24": 10_300, "25-34": 12_500, "35-49": 19_600, "50-64": 19_100, "65+": 16_500}
ETHNIC = {"Asian": 22_000, "Black": 6_500, "Mixed": 7_200, "White": 193_000, "Other": 3_300}


def council_margins() -> Margins:
    age = {a: FEMALE[a] + MALE[a] for a in AGES}
    return Margins(age_band=age, sex={"female": sum(FEMALE.values()),
                                      "male": sum(MALE.values())},
                   age_band_by_sex={"female": dict(FEMALE), "male": dict(MALE)},
                   ethnic_group=dict(ETHNIC))


def ward_margins(code: str) -> Margins:
    share = {WARDS[0][0]: 0.45, WARDS[1][0]: 0.35, WARDS[2][0]: 0.2}[code]
    return Margins(age_band={a: (FEMALE[a] + MALE[a]) * share for a in AGES},
                   sex={"female": sum(FEMALE.values()) * share,
                        "male": sum(MALE.values()) * share},
                   ethnic_group={k: v * share for k, v in ETHNIC.items()})


def margins_of(area: Area) -> Margins | None:
    if area.code == "E08000009":
        return council_margins()
    if area.code in {code for code, _name in WARDS}:
        return ward_margins(area.code)
    return None


def add_responses(wave: Wave, n: int = 600, *, seed: int = 7, not_stated: int = 12,
                  wards: list[Area] | None = None) -> list[Response]:
    """``n`` responses from three wards (by default the test wards), older women
    over-represented, answers differing by ward."""
    rng = np.random.default_rng(seed)
    if wards is None:
        wards = list(Area.objects.filter(code__in=[c for c, _n in WARDS]).order_by("code"))
    rows = []
    for i in range(n):
        which = int(rng.choice(3, p=[0.5, 0.35, 0.15]))
        ward = wards[which]
        age = str(1 + int(rng.choice(5, p=[0.08, 0.14, 0.22, 0.26, 0.30])))
        sex = "1" if rng.random() < 0.58 else "2"
        ethnic = str(1 + int(rng.choice(5, p=[0.10, 0.03, 0.03, 0.82, 0.02])))
        agree = (0.85, 0.75, 0.6)[which]
        agree += 0.05 if age in ("4", "5") else 0.0
        gow = ("1" if rng.random() < 0.5 else "2") if rng.random() < agree else (
            str(3 + int(rng.integers(2))))
        if rng.random() < 0.05:
            gow = "8"
        answers: dict[str, Any] = {
            "get_on_well": gow, "belonging": str(1 + int(rng.integers(4))),
            "age_band": age, "sex": sex, "ethnic_group": ethnic,
            "disability": str(1 + int(rng.integers(3)))}
        if i < not_stated:
            answers["sex" if i % 2 else "age_band"] = "9"
        rows.append(Response(wave=wave, ward=ward, answers=answers, source=Source.IMPORT,
                             received_on=datetime.date(2026, 4, 1)))
    return Response.objects.bulk_create(rows)
