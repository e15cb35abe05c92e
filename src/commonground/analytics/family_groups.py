"""Cohesion family groups: which of the nine types of area a council is, and why.

The typology comes from the Cohesion Delivery Framework (Communities and Local
Government, *Cohesion Delivery Framework: Overview*, January 2009, section 2.1 and
Table 1), which took it from DTZ's analysis for the Commission on Integration and
Cohesion (2007).  Four factors decide the group:

* deprivation/affluence: the share of working-age people with Level 4 qualifications
  (NVQ 4, degree level) or above; at least :data:`AFFLUENCE_THRESHOLD_PCT` is *affluent*;
* rurality: the share of the district's population in rural settlements and larger
  market towns; at least :data:`RURAL_THRESHOLD_PCT` is *rural*;
* new migration: new migrant workers per 10,000 population (the Framework used A8
  workers); above :data:`CHANGING_THRESHOLD_PER_10K` is *changing*, otherwise *stable*;
* past industrial decline (entered by the council; the Framework's proxy was 1,000 or more
  jobs in coal, textiles and steel combined in 1984): it only splits *stable less affluent
  urban* areas into groups 2 and 3.

Unknown inputs are never guessed: the factor is reported as unknown, the group is
``None`` and ``candidates`` lists the groups still possible.  Numbering is Table 1's
(lowest average perception of cohesion first).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

#: Level 4+ qualification share (%) at or above which an area is affluent (Framework: 25%).
AFFLUENCE_THRESHOLD_PCT = 25.0
#: Share (%) of population in rural settlements at or above which a district is rural (50%).
RURAL_THRESHOLD_PCT = 50.0
#: New migrant workers per 10,000 population above which an area is changing (7).
CHANGING_THRESHOLD_PER_10K = 7.0

SOURCE = (
    "Communities and Local Government (2009) Cohesion Delivery Framework: Overview, "
    "section 2.1, Table 1 (cohesion family groups, after DTZ for the Commission on "
    "Integration and Cohesion)"
)

GROUP_NAMES = {
    1: "Changing less affluent rural areas",
    2: "Stable less affluent urban areas with manufacturing decline",
    3: "Stable less affluent urban areas without manufacturing decline",
    4: "Changing less affluent urban areas",
    5: "Stable less affluent rural areas",
    6: "Stable affluent urban areas",
    7: "Changing but affluent urban areas",
    8: "Stable affluent rural areas",
    9: "Changing but affluent rural areas",
}

#: (affluent, rural, changing) -> group; (False, False, False) is 2 or 3 by decline.
_GROUP_OF = {
    (False, True, True): 1,
    (False, False, True): 4,
    (False, True, False): 5,
    (True, False, False): 6,
    (True, False, True): 7,
    (True, True, False): 8,
    (True, True, True): 9,
}

FACTORS = ("affluence", "rurality", "migration", "industrial_decline")


@dataclass(frozen=True)
class Factor:
    """One factor of the classification, with what is needed to explain it.

    ``side`` is the label the value gives (e.g. ``"affluent"``), ``None`` when unknown.
    ``rule`` says how the threshold is applied.  ``decisive`` is False for industrial
    decline when the area is not stable, less affluent and urban.
    """

    name: str
    value: float | bool | None
    threshold: float | None
    side: str | None
    rule: str
    decisive: bool = True

    @property
    def known(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class FamilyGroup:
    """The family group (1..9, or ``None`` when an input it needs is missing)."""

    number: int | None
    factors: tuple[Factor, ...]
    missing: tuple[str, ...]
    candidates: tuple[int, ...]

    @property
    def name(self) -> str | None:
        return GROUP_NAMES[self.number] if self.number is not None else None

    def factor(self, name: str) -> Factor:
        return next(f for f in self.factors if f.name == name)


def _known_number(value: float | None, name: str, *, upper: float | None) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        raise ValueError(f"{name} must be a number or None; got {value!r}")
    v = float(value)
    if not math.isfinite(v) or v < 0 or (upper is not None and v > upper):
        limit = f"between 0 and {upper:g}" if upper is not None else "0 or more"
        raise ValueError(f"{name} must be {limit}; got {value!r}")
    return v


def classify(
    level4_pct: float | None,
    rural_pct: float | None,
    migration_per_10k: float | None,
    industrial_decline: bool | None = None,
) -> FamilyGroup:
    """Place an area in its cohesion family group and say why.

    Parameters
    ----------
    level4_pct : float or None
        Percentage (0-100) of working-age residents with Level 4+ qualifications.
    rural_pct : float or None
        Percentage (0-100) of the population living in rural settlements and larger
        market towns.
    migration_per_10k : float or None
        New migrant workers per 10,000 population.
    industrial_decline : bool or None
        Whether the area had major industrial decline (council's own judgement).

    ``None`` (or NaN) means unknown.

    Returns
    -------
    FamilyGroup
        With every factor's value, threshold and side, the missing inputs and the groups
        still possible.

    Raises
    ------
    ValueError
        If a percentage is outside 0-100, a rate is negative, or a value is not a number.
    """
    l4 = _known_number(level4_pct, "level4_pct", upper=100.0)
    rur = _known_number(rural_pct, "rural_pct", upper=100.0)
    mig = _known_number(migration_per_10k, "migration_per_10k", upper=None)
    if industrial_decline is not None and not isinstance(industrial_decline, bool | np.bool_):
        raise ValueError(
            f"industrial_decline must be True, False or None; got {industrial_decline!r}"
        )
    decline = None if industrial_decline is None else bool(industrial_decline)

    affluent = None if l4 is None else l4 >= AFFLUENCE_THRESHOLD_PCT
    rural = None if rur is None else rur >= RURAL_THRESHOLD_PCT
    changing = None if mig is None else mig > CHANGING_THRESHOLD_PER_10K

    candidates = tuple(
        sorted(g for g in range(1, 10) if _consistent(g, affluent, rural, changing, decline))
    )
    decline_decisive = bool(set(candidates) & {2, 3}) and len(candidates) > 0
    factors = (
        Factor(
            "affluence",
            l4,
            AFFLUENCE_THRESHOLD_PCT,
            None if affluent is None else ("affluent" if affluent else "less affluent"),
            f"Level 4+ qualifications: {AFFLUENCE_THRESHOLD_PCT:g}% or more is affluent",
        ),
        Factor(
            "rurality",
            rur,
            RURAL_THRESHOLD_PCT,
            None if rural is None else ("rural" if rural else "urban"),
            f"population in rural settlements: {RURAL_THRESHOLD_PCT:g}% or more is rural",
        ),
        Factor(
            "migration",
            mig,
            CHANGING_THRESHOLD_PER_10K,
            None if changing is None else ("changing" if changing else "stable"),
            f"new migrant workers per 10,000: above {CHANGING_THRESHOLD_PER_10K:g} is changing",
        ),
        Factor(
            "industrial_decline",
            decline,
            None,
            None if decline is None else ("with decline" if decline else "without decline"),
            "past industrial decline splits stable less affluent urban areas (2 and 3)",
            decisive=decline_decisive,
        ),
    )
    missing = tuple(
        f.name for f in factors if not f.known and (f.decisive or f.name != "industrial_decline")
    )
    number = candidates[0] if len(candidates) == 1 else None
    return FamilyGroup(number=number, factors=factors, missing=missing, candidates=candidates)


def _consistent(
    group: int,
    affluent: bool | None,
    rural: bool | None,
    changing: bool | None,
    decline: bool | None,
) -> bool:
    if group in (2, 3):
        key: tuple[bool, bool, bool] = (False, False, False)
        if decline is not None and decline != (group == 2):
            return False
    else:
        key = next(k for k, g in _GROUP_OF.items() if g == group)
    return all(v is None or v == k for v, k in zip((affluent, rural, changing), key, strict=True))


def classify_many(
    level4_pct: ArrayLike,
    rural_pct: ArrayLike,
    migration_per_10k: ArrayLike,
    industrial_decline: ArrayLike | None = None,
) -> NDArray[np.int8]:
    """Family group of many areas at once; 0 where an input it needs is missing.

    Arrays of equal length; NaN means unknown.  ``industrial_decline`` is 1/0 (or
    True/False) with NaN for unknown; omitted, it is unknown everywhere, so stable less
    affluent urban areas get 0.  Use :func:`classify` to explain one area.

    Raises
    ------
    ValueError
        On lengths that differ or values out of range (as :func:`classify`).
    """
    l4 = np.asarray(level4_pct, dtype=np.float64)
    rur = np.asarray(rural_pct, dtype=np.float64)
    mig = np.asarray(migration_per_10k, dtype=np.float64)
    n = l4.shape[0] if l4.ndim == 1 else -1
    dec = (
        np.full(max(n, 0), np.nan)
        if industrial_decline is None
        else np.asarray(industrial_decline, dtype=np.float64)
    )
    for name, arr in (("rural_pct", rur), ("migration_per_10k", mig), ("industrial_decline", dec)):
        if arr.ndim != 1 or arr.shape[0] != n:
            raise ValueError(f"{name} must be 1-D with the same length as level4_pct ({n})")
    for name, arr, upper in (("level4_pct", l4, 100.0), ("rural_pct", rur, 100.0)):
        bad = ~np.isnan(arr) & ((arr < 0) | (arr > upper))
        if bad.any():
            raise ValueError(f"{name} must be between 0 and 100; got {arr[bad][0]}")
    bad_mig = ~np.isnan(mig) & ((mig < 0) | np.isinf(mig))
    if bad_mig.any():
        raise ValueError(f"migration_per_10k must be 0 or more; got {mig[bad_mig][0]}")
    # lookup table indexed by affluent*4 + rural*2 + changing; 0 marks "needs decline"
    table = np.zeros(8, dtype=np.int8)
    for (a, r, c), g in _GROUP_OF.items():
        table[a * 4 + r * 2 + c] = g
    known = ~(np.isnan(l4) | np.isnan(rur) | np.isnan(mig))
    idx = (
        (np.nan_to_num(l4) >= AFFLUENCE_THRESHOLD_PCT).astype(np.intp) * 4
        + (np.nan_to_num(rur) >= RURAL_THRESHOLD_PCT).astype(np.intp) * 2
        + (np.nan_to_num(mig) > CHANGING_THRESHOLD_PER_10K).astype(np.intp)
    )
    out = np.where(known, table[idx], 0).astype(np.int8)
    split = known & (idx == 0) & ~np.isnan(dec)
    out[split] = np.where(dec[split] != 0, 2, 3)
    return out
