"""The weighting report as a page shows it: each margin's categories in words, with
their census target, what the weights achieve, and the respondents behind them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from commonground.surveys import margins
from commonground.surveys.models import WaveWeighting
from commonground.surveys.questionnaire import wards_of


@dataclass(frozen=True)
class MarginRow:
    category: str
    respondents: int
    target: float
    achieved: float
    target_share: float
    sample_share: float


@dataclass(frozen=True)
class MarginTable:
    variable: str
    label: str
    rows: list[MarginRow]


@dataclass(frozen=True)
class Report:
    data: dict[str, Any]
    tables: list[MarginTable]


def _variable_label(variable: str) -> str:
    return {margins.AGE_SEX: _("Age band by sex"), "age_band": _("Age band"),
            "sex": _("Sex"), "ethnic_group": _("Ethnic group"),
            "ward": _("Ward")}.get(variable, variable)


def weighting_report(job: WaveWeighting, ward_names: dict[str, str] | None = None
                     ) -> Report | None:
    data = job.report
    if not data:
        return None
    names = ward_names or {}
    if not names and any(m["variable"] == "ward" for m in data["margins"]):
        names = dict(wards_of(job.wave.council).values_list("code", "name"))
    by_variable: dict[str, list[dict[str, Any]]] = {}
    for row in data["margins"]:
        by_variable.setdefault(row["variable"], []).append(row)
    tables = []
    for variable, rows in by_variable.items():
        target_total = sum(r["target"] for r in rows) or 1.0
        sample_total = sum(r["respondents"] for r in rows) or 1
        tables.append(MarginTable(variable, _variable_label(variable), [
            MarginRow(names.get(r["category"], margins.describe(variable, r["category"])),
                      r["respondents"], r["target"], r["achieved"],
                      100 * r["target"] / target_total, 100 * r["respondents"] / sample_total)
            for r in rows]))
    return Report(data, tables)
