"""The census margins a wave is weighted to, and the answers mapped onto them: one place.

The census figures come from ``places.selectors.population_margins(area)`` (residents
aged 16 and over by age band; by sex; by age band and sex for a council; five broad
ethnic groups). The question bank's answer codes map onto those categories here and
nowhere else (:data:`AGE_BANDS`, :data:`SEXES`, :data:`ETHNIC_GROUPS`).

"Prefer not to say" (code 9), and a blank answer, on a question the weighting uses:
such respondents are **excluded from weighting with a relative weight of 1**. They keep
the base weight everyone starts with (population / responses), and the margins are
raked over the others, each margin scaled down by their share. In the raking they form
a category of their own ("not stated", the same respondents in every margin) whose
target is exactly their share of the population, so the weights still add up to the
population and the variance formulas see them as one more calibration group. Imputing
a category would invent answers; dropping them would lose their indicator answers.

Where the census gives sex or ethnic group for all ages, their shares are applied to the
residents aged 16 and over, and the report says so. Margins whose totals differ by up
to 5 % (each census table is perturbed on its own) are scaled to the first margin's
total, with a note; an empty cell (people in the census, no respondent) is named with a
suggestion to collapse.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from commonground.analytics.survey import Margin
from commonground.surveys.questions import question

#: Answer code of the bank -> census category.
AGE_BANDS = {"1": "16-24", "2": "25-34", "3": "35-49", "4": "50-64", "5": "65+"}
SEXES = {"1": "female", "2": "male"}
ETHNIC_GROUPS = {"1": "asian", "2": "black", "3": "mixed", "4": "white", "5": "other"}
#: The category of respondents excluded from weighting (see the module's notes).
NOT_STATED = "not stated"
#: Largest relative disagreement between margin totals that is reconciled.
MAX_TOTAL_GAP = 0.05
#: Margin totals closer than this are the same (floating-point noise).
SAME_TOTAL = 1e-9

AGE_SEX = "age_sex"
VARIABLES = (AGE_SEX, "age_band", "sex", "ethnic_group", "ward")


class MarginsProblem(Exception):
    """The margins cannot be used; ``messages`` (translated) say why and what to do."""

    def __init__(self, messages: Sequence[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = list(messages)


@dataclass
class CensusMargins:
    """Population totals by variable, in raking order, with the notes of adjustments."""

    totals: dict[str, dict[str, float]]
    notes: list[str] = field(default_factory=list)
    source: str = ""
    period: str = ""


def _ethnic_key(name: str) -> str | None:
    text = str(name).lower()
    for key in ("asian", "black", "mixed", "white", "other"):
        if key in text:
            return key
    return None


def _number(value: Any) -> float:
    number = float(value)
    if not math.isfinite(number) or number < 0:
        raise MarginsProblem([_("The census figures hold a value that is not a count "
                                "(%(value)s).") % {"value": value}])
    return number


def _age_sex(joint: Any) -> dict[str, float] | None:
    """``{"female 16-24": n, ...}`` from a joint margin keyed by (age, sex) or nested
    either way round."""
    if not joint:
        return None
    out: dict[str, float] = {}
    sexes = set(SEXES.values())
    for key, value in dict(joint).items():
        if isinstance(value, Mapping):
            for inner, count in value.items():
                sex, age = (key, inner) if str(key).lower() in sexes else (inner, key)
                out[f"{str(sex).lower()} {age}"] = _number(count)
        else:
            first, second = key if isinstance(key, tuple) else str(key).split(maxsplit=1)
            sex, age = ((first, second) if str(first).lower() in sexes else (second, first))
            out[f"{str(sex).lower()} {age}"] = _number(value)
    wanted = [f"{sex} {age}" for sex in SEXES.values() for age in AGE_BANDS.values()]
    if set(out) != set(wanted):
        return None
    return {key: out[key] for key in wanted}


def _scaled(shares_of: Mapping[str, float], total: float) -> dict[str, float]:
    whole = math.fsum(shares_of.values())
    return {k: v * total / whole for k, v in shares_of.items()} if whole > 0 else {}


def _label(variable: str) -> str:
    return {AGE_SEX: _("age band by sex"), "age_band": _("age band"), "sex": _("sex"),
            "ethnic_group": _("ethnic group"), "ward": _("ward")}[variable]


def census_margins(council_margins: Any, ward_margins: Mapping[str, Any] | None, *,
                   joint_age_sex: bool, ethnic_group: bool) -> CensusMargins:
    """The totals to rake to, from the council's ``PopulationMargins`` (and, for the
    ward scheme, each ward's by code). Raises :class:`MarginsProblem`."""
    if council_margins is None:
        raise MarginsProblem([_("The platform holds no census age and sex figures for this "
                                "council, so its responses cannot be weighted yet.")])
    notes: list[str] = []
    age = {band: _number(council_margins.age_band[band]) for band in AGE_BANDS.values()
           if band in council_margins.age_band}
    if len(age) != len(AGE_BANDS):
        raise MarginsProblem([_("The census age figures do not have the five age bands "
                                "the questionnaire asks (16-24, 25-34, 35-49, 50-64, 65+).")])
    adults = math.fsum(age.values())
    totals: dict[str, dict[str, float]] = {}
    joint = _age_sex(getattr(council_margins, "age_band_by_sex", None)) if joint_age_sex else None
    if joint_age_sex and joint is None:
        notes.append(_("The census figures of age band by sex are not held for this council; "
                       "age band and sex were weighted apart."))
    if joint is not None:
        totals[AGE_SEX] = joint
    else:
        totals["age_band"] = age
        sex = {v: _number(council_margins.sex[v]) for v in SEXES.values()
               if v in council_margins.sex}
        if len(sex) != len(SEXES):
            raise MarginsProblem([_("The census figures by sex are not held for this "
                                    "council.")])
        if getattr(council_margins, "sex_ages", "16+") != "16+":
            sex = _scaled(sex, adults)
            notes.append(_("The census gives sex for all ages only here: its shares were "
                           "applied to the residents aged 16 and over."))
        totals["sex"] = sex
    if ethnic_group:
        raw = getattr(council_margins, "ethnic_group", None) or {}
        groups: dict[str, float] = {}
        for name, count in dict(raw).items():
            key = _ethnic_key(name)
            if key is not None:
                groups[key] = groups.get(key, 0.0) + _number(count)
        if set(groups) != set(ETHNIC_GROUPS.values()):
            notes.append(_("The census ethnic group figures are not held for this council; "
                           "the responses were not weighted by ethnic group."))
        else:
            ordered = {g: groups[g] for g in ETHNIC_GROUPS.values()}
            totals["ethnic_group"] = _scaled(ordered, adults)
            notes.append(_("The census ethnic groups count people of all ages: their shares "
                           "were applied to the residents aged 16 and over."))
    if ward_margins is not None:
        missing = [code for code, found in ward_margins.items() if found is None]
        if missing:
            raise MarginsProblem([_("The census figures of these wards are not held: "
                                    "%(wards)s. Weight to the council's figures only.")
                                  % {"wards": ", ".join(sorted(missing))}])
        totals["ward"] = {code: math.fsum(_number(v) for v in found.age_band.values())
                          for code, found in sorted(ward_margins.items())}
    notes.extend(_reconcile(totals))
    return CensusMargins(totals, notes, str(getattr(council_margins, "source", "")),
                         str(getattr(council_margins, "period", "")))


def _reconcile(totals: dict[str, dict[str, float]]) -> list[str]:
    names = list(totals)
    reference = math.fsum(totals[names[0]].values())
    notes = []
    for name in names[1:]:
        total = math.fsum(totals[name].values())
        gap = (total - reference) / reference
        if abs(gap) <= SAME_TOTAL:
            continue
        if abs(gap) > MAX_TOTAL_GAP:
            raise MarginsProblem([_(
                "The census figures by %(margin)s add up to %(total)s but those by "
                "%(reference_margin)s to %(reference)s (%(gap)s): they do not describe the "
                "same people.") % {"margin": _label(name), "total": f"{total:,.0f}",
                                   "reference_margin": _label(names[0]),
                                   "reference": f"{reference:,.0f}", "gap": f"{gap:+.1%}"}])
        totals[name] = {k: v * reference / total for k, v in totals[name].items()}
        notes.append(_(
            "The census figures by %(margin)s add up to %(total)s, not %(reference)s like "
            "those by %(reference_margin)s (%(gap)s); they were scaled to match, as each "
            "census table is perturbed on its own.") % {
                "margin": _label(name), "total": f"{total:,.0f}",
                "reference": f"{reference:,.0f}", "reference_margin": _label(names[0]),
                "gap": f"{gap:+.2%}"})
    return notes


def categories(answers: Mapping[str, str], ward_code: str | None) -> dict[str, str | None]:
    """One respondent's category of each weighting variable (None: not stated)."""
    age = AGE_BANDS.get(answers.get("age_band", ""))
    sex = SEXES.get(answers.get("sex", ""))
    return {AGE_SEX: f"{sex} {age}" if age and sex else None, "age_band": age, "sex": sex,
            "ethnic_group": ETHNIC_GROUPS.get(answers.get("ethnic_group", "")),
            "ward": ward_code or None}


@dataclass
class Sample:
    """Each margin's category per respondent, "not stated" for the excluded ones."""

    columns: dict[str, list[str]]
    margins: list[Margin]
    not_stated: int


def sample_and_margins(respondents: Sequence[Mapping[str, str | None]],
                       census: CensusMargins) -> Sample:
    """The raking's input; raises :class:`MarginsProblem` naming every empty cell."""
    variables = list(census.totals)
    n = len(respondents)
    stated = [all(r[v] is not None for v in variables) for r in respondents]
    not_stated = n - sum(stated)
    if n - not_stated < 2:
        raise MarginsProblem([_("Fewer than two responses give their age band, sex and the "
                                "other answers the weighting needs; there is nothing to "
                                "weight.")])
    share = not_stated / n
    columns: dict[str, list[str]] = {}
    margins: list[Margin] = []
    empty: list[str] = []
    for variable in variables:
        column = [str(r[variable]) if ok else NOT_STATED
                  for r, ok in zip(respondents, stated, strict=True)]
        columns[variable] = column
        targets = census.totals[variable]
        total = math.fsum(targets.values())
        counts = {c: 0 for c in targets}
        unknown = 0
        for value in column:
            if value in counts:
                counts[value] += 1
            elif value != NOT_STATED:
                unknown += 1
        if unknown:
            raise MarginsProblem([_("%(count)d responses have a %(margin)s the census figures "
                                    "do not have.") % {"count": unknown,
                                                        "margin": _label(variable)}])
        keys = list(targets)
        for j, category in enumerate(keys):
            if counts[category] == 0 and targets[category] > 0:
                near = [keys[k] for k in (j - 1, j + 1)
                        if 0 <= k < len(keys) and counts[keys[k]] > 0
                        and (variable != AGE_SEX or keys[k].split()[0] == category.split()[0])]
                hint = (_(" (for example with %(neighbour)s)")
                        % {"neighbour": describe(variable, max(near, key=lambda c: counts[c]))}
                        if near else "")
                empty.append(_("no response in %(category)s (%(people)s people): collapse it "
                               "with a neighbouring category%(hint)s") % {
                    "category": describe(variable, category),
                    "people": f"{targets[category]:,.0f}", "hint": hint})
        scaled = {c: v * (1 - share) for c, v in targets.items()}
        if not_stated:
            scaled[NOT_STATED] = share * total
        margins.append(Margin(variable, scaled))
    if empty:
        raise MarginsProblem([
            _("No weighting can give weight to a group nobody answered from: %(cells)s. "
              "Weight age band and sex apart, or leave out the ethnic group, and try again.")
            % {"cells": "; ".join(empty)}])
    return Sample(columns, margins, not_stated)


def describe(variable: str, category: str) -> str:
    """A category in words of the reader's language (the bank's answer labels)."""
    if category == NOT_STATED:
        return _("not stated")
    if variable == AGE_SEX:
        sex, _sep, age = category.partition(" ")
        return f"{describe('sex', sex)} {describe('age_band', age)}"
    codes = {"age_band": AGE_BANDS, "sex": SEXES, "ethnic_group": ETHNIC_GROUPS}.get(variable)
    found = question(variable)
    if codes and found:
        for code, name in codes.items():
            if name == category:
                return found.label_of(code)
    return category
