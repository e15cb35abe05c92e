"""Demonstration responses for a council's residents' survey, drawn from its census make-up.

Nothing here is anyone's answer: it is a seeded simulation, so the demo's results pages,
weighting and trends have something realistic to show. It imports no Django (the loader
in ``surveys/demo.py`` and the ``demo_survey_file`` command feed it the census figures).

How a wave is drawn
-------------------
1. **The sample**: an address-based sample stratified by ward, the same number of
   addresses in every ward (``addresses_per_ward``), one adult per address. Each sampled
   adult's age band follows the ward's residents aged 16 and over (Census 2021, TS007A
   bands), their sex the council's share of women in that age band (TS009, age by sex),
   and their ethnic group the ward's five broad groups (TS021).
2. **Who answers**: the chance of responding rises with age, as it does in postal and
   push-to-web surveys (Community Life Survey technical reports): 11 % at 16-24 to 41 % at
   65 and over, a little lower for men and for ethnic minority groups. So the raw
   responses over-represent older, White and female residents, as real ones do, and the
   weighting has work to do.
3. **Their answers**: each indicator's share agreeing starts near its latest national
   figure (``BASE``: the Community Life Survey's, 2019-20 to 2023-24), moves with age
   and ethnic group where the national figures do, with a fixed effect per ward (some
   wards higher, some lower; the same in every wave) and a small trend from wave to wave
   (``TREND``). "Don't know" and the other answers that are not an opinion come at a few
   per cent, and about 1 % of answers to each opinion question are left blank, as on
   paper.

The same ``seed`` and ``wave_index`` give the same responses.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

AGE_BANDS = ("16-24", "25-34", "35-49", "50-64", "65+")
ETHNIC_GROUPS = ("asian", "black", "mixed", "white", "other")
#: Answer codes of the question bank for the census categories.
AGE_CODE = dict(zip(AGE_BANDS, ("1", "2", "3", "4", "5"), strict=True))
ETHNIC_CODE = dict(zip(ETHNIC_GROUPS, ("1", "2", "3", "4", "5"), strict=True))
SEX_CODE = {"female": "1", "male": "2"}

RESPONSE_RATE = {"16-24": 0.11, "25-34": 0.15, "35-49": 0.23, "50-64": 0.32, "65+": 0.41}
MALE_RESPONSE = 0.9
MINORITY_RESPONSE = 0.8

#: Share agreeing nationally (the indicator's ``agree`` codes among those answering).
BASE = {
    "get_on_well": 0.82, "get_on_well_council": 0.78, "belonging": 0.62,
    "meaningful_interaction": 0.80, "trust_people": 0.45, "trust_council": 0.55,
    "trust_police": 0.62, "safe_after_dark": 0.72, "fear_racist_attack": 0.12,
    "influence_decisions": 0.25, "pull_together": 0.62, "formal_volunteering": 0.30,
    "friends_other_groups": 0.65,
}
#: Change on the log-odds scale per wave, so trends show (some up, some down).
TREND = {"get_on_well": 0.12, "belonging": 0.06, "trust_council": -0.10,
         "fear_racist_attack": 0.10, "meaningful_interaction": 0.05}
#: Change on the log-odds scale by age band (older people feel they belong more, mix less).
AGE_EFFECT = {
    "belonging": (-0.5, -0.3, 0.0, 0.25, 0.55),
    "meaningful_interaction": (0.6, 0.4, 0.2, -0.2, -0.7),
    "safe_after_dark": (0.1, 0.1, 0.0, -0.1, -0.4),
    "formal_volunteering": (-0.2, -0.3, 0.0, 0.1, 0.3),
    "friends_other_groups": (0.7, 0.5, 0.2, -0.3, -0.8),
}
#: Change on the log-odds scale for ethnic minority respondents.
MINORITY_EFFECT = {"fear_racist_attack": 1.2, "friends_other_groups": 1.2,
                   "meaningful_interaction": 0.5, "get_on_well": 0.2}
WARD_SPREAD = 0.35  # standard deviation of the wards' fixed effects (log-odds)
DONT_KNOW = 0.03
BLANK = 0.01
# Among those agreeing, the share choosing the stronger answer; likewise disagreeing.
STRONG_AGREE, STRONG_DISAGREE = 0.4, 0.35
PREFER_NOT = {"age_band": 0.015, "sex": 0.01, "ethnic_group": 0.02, "disability": 0.03,
              "tenure": 0.02}


@dataclass(frozen=True)
class WardCensus:
    """One ward's Census 2021 make-up: residents aged 16+ by age band, and residents by
    ethnic group (all ages)."""

    code: str
    adults: Mapping[str, int]
    ethnic_group: Mapping[str, int]


@dataclass(frozen=True)
class Draw:
    addresses_per_ward: int = 180
    seed: int = 2026
    wave_index: int = 0  # 0 for the first wave; trends move with it


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def _shares(counts: Mapping[str, int], keys: Sequence[str]) -> np.ndarray:
    values = np.array([max(float(counts.get(k, 0)), 0.0) for k in keys])
    total = values.sum()
    if total <= 0:
        raise ValueError("a ward has no residents in the census figures given")
    return values / total


def ward_effects(codes: Sequence[str], seed: int) -> dict[str, float]:
    """Each ward's fixed effect (log-odds), the same in every wave of the same seed."""
    rng = np.random.default_rng([seed, 7])
    return {code: float(e) for code, e in zip(sorted(codes),
                                              rng.normal(0, WARD_SPREAD, len(codes)),
                                              strict=True)}


def _opinion(rng: np.random.Generator, key: str, p_agree: float) -> str:
    """An answer code for an opinion question, given the chance of agreeing."""
    u = rng.random()
    if u < BLANK:
        return ""
    if key == "get_on_well" and u < BLANK + 0.02:
        return "9"  # too few people here, or all from the same background
    if u < BLANK + DONT_KNOW + (0.02 if key == "get_on_well" else 0):
        return "8"
    agree = rng.random() < p_agree
    if key in ("formal_volunteering", "friends_other_groups"):
        return "1" if agree else "2"
    if agree:
        return "1" if rng.random() < STRONG_AGREE else "2"
    return "4" if rng.random() < STRONG_DISAGREE else "3"


def _disability(rng: np.random.Generator, band: str) -> str:
    limited = {"16-24": 0.10, "25-34": 0.12, "35-49": 0.15, "50-64": 0.22, "65+": 0.35}[band]
    u = rng.random()
    if u < PREFER_NOT["disability"]:
        return "9"
    if u < PREFER_NOT["disability"] + limited * 0.4:
        return "1"
    return "2" if u < PREFER_NOT["disability"] + limited else "3"


def _tenure(rng: np.random.Generator, band: str) -> str:
    # own outright, mortgage, social rent, private rent, other (Census 2021 TS054, by age)
    weights = {"16-24": (0.05, 0.15, 0.15, 0.50, 0.15), "25-34": (0.03, 0.40, 0.14, 0.40, 0.03),
               "35-49": (0.08, 0.57, 0.14, 0.19, 0.02), "50-64": (0.35, 0.38, 0.15, 0.10, 0.02),
               "65+": (0.72, 0.05, 0.17, 0.05, 0.01)}[band]
    if rng.random() < PREFER_NOT["tenure"]:
        return "9"
    return str(1 + int(rng.choice(5, p=np.array(weights) / sum(weights))))


def draw_wave(wards: Sequence[WardCensus], female_share: Mapping[str, float],
              questions: Sequence[str], draw: Draw = Draw()) -> list[dict[str, str]]:
    """The responses of one demonstration wave: one dict per respondent, answer codes by
    question key (only ``questions``), the ward's code under ``ward``; an empty string is a
    question left blank. ``female_share`` is the share of women among residents 16+ of
    each age band (the council's)."""
    effects = ward_effects([w.code for w in wards], draw.seed)
    rng = np.random.default_rng([draw.seed, draw.wave_index])
    asked = set(questions)
    rows: list[dict[str, str]] = []
    for ward in sorted(wards, key=lambda w: w.code):
        ages = _shares(ward.adults, AGE_BANDS)
        ethnic = _shares(ward.ethnic_group, ETHNIC_GROUPS)
        for _address in range(draw.addresses_per_ward):
            band = AGE_BANDS[int(rng.choice(5, p=ages))]
            sex = "female" if rng.random() < female_share[band] else "male"
            group = ETHNIC_GROUPS[int(rng.choice(5, p=ethnic))]
            minority = group != "white"
            respond = RESPONSE_RATE[band] * (MALE_RESPONSE if sex == "male" else 1.0) * \
                (MINORITY_RESPONSE if minority else 1.0)
            if rng.random() >= respond:
                continue
            row = {"ward": ward.code}
            for key, base in BASE.items():
                if key not in asked:
                    continue
                x = _logit(base) + effects[ward.code] * (0.5 if key.startswith("trust") else 1)
                x += TREND.get(key, 0.0) * draw.wave_index
                x += AGE_EFFECT.get(key, (0.0,) * 5)[AGE_BANDS.index(band)]
                x += MINORITY_EFFECT.get(key, 0.0) if minority else 0.0
                row[key] = _opinion(rng, key, 1 / (1 + math.exp(-x)))
            demographics = {
                "age_band": ("9" if rng.random() < PREFER_NOT["age_band"] else AGE_CODE[band]),
                "sex": "9" if rng.random() < PREFER_NOT["sex"] else SEX_CODE[sex],
                "ethnic_group": ("9" if rng.random() < PREFER_NOT["ethnic_group"]
                                 else ETHNIC_CODE[group]),
                "disability": _disability(rng, band), "tenure": _tenure(rng, band)}
            row.update({k: v for k, v in demographics.items() if k in asked})
            rows.append(row)
    return rows
