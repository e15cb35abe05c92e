"""A council's cohesion family group, with Table 1's average and the reasons.

Classification is :func:`commonground.analytics.family_groups.classify`; this module
supplies its inputs from the council indicators and explains the result.

The migration factor needs a modern proxy: the Framework counted A8 migrant workers per
10,000 residents (cut at 7). Census 2021 gives residents who lived outside the UK a year
before (TS019) per 10,000; every council is above 7 on that measure (13.7 to 642), so
the cut is re-based: it is set at the value that makes the same share of councils
*changing* as Table 1 did (142 of its 340 areas in groups 1, 4, 7 and 9). The page shows
the proxy, the re-based cut and this reason.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np
import yaml
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_  # noqa: N812 - marked, kept English

from commonground.analytics import family_groups
from commonground.places.models import FamilyGroupJudgement
from commonground.places.selectors import Matrix

CHANGING_GROUPS = (1, 4, 7, 9)

# What the page says of each factor, in the reader's language (the analytics module, which
# has no Django, says it in English).
SIDES = {"affluent": N_("affluent"), "less affluent": N_("less affluent"), "rural": N_("rural"),
         "urban": N_("urban"), "changing": N_("changing"), "stable": N_("stable"),
         "with decline": N_("with decline"), "without decline": N_("without decline")}
FACTORS = {
    "affluence": (N_("Affluence (Level 4+ qualifications)"),
                  N_("Level 4+ qualifications: %(threshold)s%% or more is affluent")),
    "rurality": (N_("Rurality (people in rural areas)"),
                 N_("Population in rural settlements: %(threshold)s%% or more is rural")),
}
# The nine groups' names (analytics.family_groups.GROUP_NAMES), translated where shown.
GROUP_NAMES = (
    N_("Changing less affluent rural areas"),
    N_("Stable less affluent urban areas with manufacturing decline"),
    N_("Stable less affluent urban areas without manufacturing decline"),
    N_("Changing less affluent urban areas"),
    N_("Stable less affluent rural areas"),
    N_("Stable affluent urban areas"),
    N_("Changing but affluent urban areas"),
    N_("Stable affluent rural areas"),
    N_("Changing but affluent rural areas"),
)


@functools.cache
def table_one() -> dict[str, Any]:
    """Table 1 of the Cohesion Delivery Framework, from data/knowledge/family_groups.yaml."""
    path = settings.BASE_DIR / "data" / "knowledge" / "family_groups.yaml"
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def group_record(number: int | None) -> dict[str, Any] | None:
    return next((g for g in table_one()["groups"] if g["number"] == number), None)


def changing_cut(matrix: Matrix) -> float | None:
    """The re-based migration cut (per 10,000) over the loaded councils."""
    values = matrix.column("migration")
    values = values[~np.isnan(values)]
    if values.size == 0:
        return None
    groups = table_one()["groups"]
    changing = sum(g["number_of_areas"] for g in groups if g["number"] in CHANGING_GROUPS)
    share = changing / sum(g["number_of_areas"] for g in groups)
    return float(np.quantile(values, 1.0 - share))


def _scaled(migration: float, cut: float | None) -> float | None:
    """The proxy on the Framework's scale: the re-based cut maps to 7 per 10,000."""
    if cut is None or np.isnan(migration):
        return None
    return migration * family_groups.CHANGING_THRESHOLD_PER_10K / cut


@dataclass(frozen=True)
class FactorView:
    label: str
    value: str
    threshold: str
    side: str
    rule: str


@dataclass(frozen=True)
class FamilyView:
    computed: int | None
    number: int | None
    name: str | None
    average_cohesion: float | None
    number_of_areas: int | None
    factors: list[FactorView]
    candidates: tuple[int, ...]
    judgement: FamilyGroupJudgement | None
    source: str
    table_total: dict[str, Any]

    @property
    def overridden(self) -> bool:
        return self.judgement is not None and self.judgement.override_group is not None


def _value(matrix: Matrix, row: int, key: str) -> float | None:
    v = float(matrix.column(key)[row])
    return None if np.isnan(v) else v


def explain(matrix: Matrix, code: str, judgement: FamilyGroupJudgement | None) -> FamilyView:
    row = matrix.index[code]
    cut = changing_cut(matrix)
    migration = _value(matrix, row, "migration")
    decline = judgement.industrial_decline if judgement else None
    result = family_groups.classify(
        _value(matrix, row, "level4_plus"), _value(matrix, row, "rural"),
        None if migration is None else _scaled(migration, cut), decline)
    views = []
    for factor in result.factors:
        side = _(SIDES[factor.side]) if factor.side else None
        if factor.name == "migration":
            views.append(FactorView(
                _("New migration"),
                _("Not known") if migration is None else _("%(rate)s per 10,000") % {
                    "rate": f"{migration:.1f}"},
                _("Not known") if cut is None else _("above %(rate)s per 10,000") % {
                    "rate": f"{cut:.1f}"},
                side or _("not known"),
                _("Residents who lived outside the UK a year before the 2021 Census, per "
                  "10,000. The Framework's cut (7 A8 workers per 10,000) is re-based to give "
                  "the same share of changing areas as Table 1 (142 of 340).")))
        elif factor.name == "industrial_decline":
            views.append(FactorView(
                _("Past industrial decline"),
                _("Not entered by the council") if decline is None else (
                    _("Yes") if decline else _("No")),
                _("1,000 or more jobs in coal, textiles and steel in 1984"),
                side or (_("not needed") if not factor.decisive else _("not known")),
                _("Local knowledge entered by the council; it only separates groups 2 and 3.")))
        else:
            label, rule = FACTORS[factor.name]
            views.append(FactorView(
                _(label), _("Not known") if factor.value is None else f"{factor.value:.1f}%",
                f"{factor.threshold:g}%", side or _("not known"),
                _(rule) % {"threshold": f"{factor.threshold:g}"}))
    number = result.number
    if judgement is not None and judgement.override_group:
        number = judgement.override_group
    record = group_record(number)
    return FamilyView(
        computed=result.number, number=number, name=family_groups.GROUP_NAMES.get(number or 0),
        average_cohesion=record["average_cohesion"] if record else None,
        number_of_areas=record["number_of_areas"] if record else None, factors=views,
        candidates=result.candidates, judgement=judgement, source=family_groups.SOURCE,
        table_total=table_one()["total"])


def all_groups(matrix: Matrix, judgements: dict[str, FamilyGroupJudgement]) -> np.ndarray:
    """Family group of every council (0 where not known), overrides applied."""
    cut = changing_cut(matrix)
    migration = matrix.column("migration")
    scaled = (migration * family_groups.CHANGING_THRESHOLD_PER_10K / cut if cut
              else np.full(migration.shape, np.nan))
    decline = np.array([np.nan if (j := judgements.get(c)) is None or j.industrial_decline
                        is None else float(j.industrial_decline) for c in matrix.codes])
    groups = family_groups.classify_many(matrix.column("level4_plus"), matrix.column("rural"),
                                         scaled, decline)
    for code, judgement in judgements.items():
        if judgement.override_group and code in matrix.index:
            groups[matrix.index[code]] = judgement.override_group
    return groups
