"""A weighted wave's results as the pages, the CSV file and the plans read them.

The numbers were computed when the wave was weighted (:mod:`.estimating`); this module
decides what may be shown and how:

* a figure whose effective number of responses is below ``SURVEY_MIN_EFFECTIVE_N``
  (default 30) says "not enough responses" instead of a number; a ward below it shows
  its Fay-Herriot modelled estimate instead, always labelled "modelled", with an
  interval from its mean squared error;
* the counts of responses behind a breakdown (wards, or the groups of one question) pass
  disclosure control as one table (``core.disclosure.protect_table``); a figure on fewer
  responses than its threshold is never shown;
* the trend joins the council's earlier weighted waves the reader may see, each change
  tested (``analytics.survey.wave_difference``);
* national figures and the 2008 Place Survey come from :mod:`.benchmarks`.

Shares are given in per cent here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from commonground.analytics.survey import wave_difference
from commonground.core.disclosure import is_small, protect_table
from commonground.surveys import benchmarks
from commonground.surveys.estimating import GROUPS, estimate_from
from commonground.surveys.models import Wave, WaveWeighting, WeightingStatus
from commonground.surveys.questionnaire import questions_of
from commonground.surveys.questions import Question, question


def floor() -> float:
    return float(getattr(settings, "SURVEY_MIN_EFFECTIVE_N", 30))


def _pct(value: Any) -> float | None:
    return None if value is None else 100.0 * float(value)


@dataclass(frozen=True)
class Figure:
    """One estimate as shown: ``shown`` False means "not enough responses" (or a count
    hidden by disclosure control); ``modelled`` marks a Fay-Herriot estimate."""

    key: str
    label: str
    estimate: float | None = None
    low: float | None = None
    high: float | None = None
    responses: int | None = None
    effective: float | None = None
    modelled: bool = False
    shown: bool = False
    count_hidden: bool = False
    error: float | None = None  # standard error, or root MSE when modelled (points)


@dataclass(frozen=True)
class Gap:
    """A difference in percentage points with its 95 % interval."""

    estimate: float
    low: float | None
    high: float | None
    significant: bool


@dataclass(frozen=True)
class GroupRow:
    figure: Figure
    gap: Gap | None


@dataclass(frozen=True)
class Breakdown:
    key: str
    label: str
    rows: list[GroupRow]


@dataclass(frozen=True)
class TrendPoint:
    wave: Wave
    figure: Figure
    change: Gap | None


@dataclass
class IndicatorResult:
    question: Question
    council: Figure
    wards: list[Figure] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)
    national: list[benchmarks.National] = field(default_factory=list)
    place_survey: list[benchmarks.PlaceSurvey] = field(default_factory=list)
    covariate: str = ""
    modelled_error: str = ""

    @property
    def key(self) -> str:
        return self.question.key

    @property
    def modelled_wards(self) -> int:
        return sum(1 for w in self.wards if w.modelled)

    @property
    def suppressed_wards(self) -> int:
        return sum(1 for w in self.wards if not w.shown)

    def against_national(self) -> str:
        """"above", "below" or "within": the national figure against our interval."""
        if not self.national or not self.council.shown or self.council.low is None:
            return ""
        value = self.national[0].value
        assert self.council.high is not None
        if value < self.council.low:
            return "above"
        if value > self.council.high:
            return "below"
        return "within"


def _direct(key: str, label: str, data: Mapping[str, Any], count: int | None,
            count_hidden: bool) -> Figure:
    """A direct estimate: shown from ``floor()`` effective responses (and never on fewer
    responses than disclosure control allows); a count hidden by disclosure control
    hides the effective responses with it (they would give it away)."""
    effective = data.get("ess")
    enough = (effective is not None and effective >= floor() and not is_small(int(data["n"]))
              and data.get("ci_low") is not None)
    return Figure(key, label, _pct(data.get("estimate")) if enough else None,
                  _pct(data.get("ci_low")) if enough else None,
                  _pct(data.get("ci_high")) if enough else None,
                  count, None if count_hidden else effective, False, enough,
                  count_hidden, _pct(data.get("se")) if enough else None)


def _protected_counts(counts: list[int]) -> list[int | None]:
    """The counts of one breakdown, small ones (and what would give them away) hidden."""
    if not counts:
        return []
    return [row[0] for row in protect_table([[c] for c in counts]).cells]


def current_weighting(wave: Wave) -> WaveWeighting | None:
    return (WaveWeighting.objects.filter(wave=wave, status=WeightingStatus.DONE)
            .defer("report").order_by("-finished_at", "-pk").first())


def _ward_figures(key: str, data: Mapping[str, Any], names: Mapping[str, str]
                  ) -> tuple[list[Figure], str, str]:
    wards = data.get("wards", {})
    modelled = data.get("modelled", {})
    codes = sorted(names, key=lambda c: names[c])
    counts = [int(wards.get(c, {}).get("n", 0)) for c in codes]
    protected = _protected_counts(counts)
    out = []
    for code, shown_count in zip(codes, protected, strict=True):
        direct = wards.get(code)
        figure = (_direct(code, names[code], direct, shown_count, shown_count is None)
                  if direct else Figure(code, names[code], responses=0))
        model = modelled.get("wards", {}).get(code)
        if not figure.shown and model is not None and model.get("estimate") is not None:
            mse = model.get("mse")
            figure = Figure(code, names[code], _pct(model["estimate"]), _pct(model["ci_low"]),
                            _pct(model["ci_high"]), shown_count, figure.effective, True, True,
                            shown_count is None,
                            _pct(math.sqrt(mse)) if mse is not None else None)
        out.append(figure)
    return out, str(modelled.get("covariate", "")), str(modelled.get("error", ""))


def _group_label(key: str, group: str) -> str:
    if key == "disability":
        return pgettext("people", "Disabled") if group == "yes" else _("Not disabled")
    found = question(key)
    return found.label_of(group) if found else group


def _breakdowns(data: Mapping[str, Any]) -> list[Breakdown]:
    labels = {"age_band": _("Age band"), "sex": _("Sex"), "ethnic_group": _("Ethnic group"),
              "disability": _("Disability")}
    out = []
    for key in GROUPS:
        rows = data.get("groups", {}).get(key)
        if not rows:
            continue
        protected = _protected_counts([int(r["n"]) for r in rows])
        built = []
        for row, shown_count in zip(rows, protected, strict=True):
            figure = _direct(row["domain"], _group_label(key, row["domain"]), row, shown_count,
                             shown_count is None)
            gap = row.get("gap")
            built.append(GroupRow(figure, Gap(
                100 * gap["estimate"], _pct(gap["ci_low"]), _pct(gap["ci_high"]),
                bool(gap["significant"])) if gap and figure.shown
                and gap["estimate"] is not None else None))
        out.append(Breakdown(key, labels[key], built))
    return out


def _council(key: str, data: Mapping[str, Any]) -> Figure:
    council = data["council"]
    return _direct(key, "", council, int(council["n"]), False)


def earlier_weightings(wave: Wave, *, all_waves: bool) -> QuerySet[WaveWeighting]:
    """The council's weighted waves up to this one (published ones only, unless the
    reader is the council's), oldest first; each wave's newest weighting first."""
    found = WaveWeighting.objects.filter(
        wave__council_id=wave.council_id, status=WeightingStatus.DONE,
        wave__ends_on__lte=wave.ends_on).select_related("wave").defer("report")
    if not all_waves:
        found = found.filter(wave__published=True)
    return found.order_by("wave__ends_on", "wave_id", "-finished_at", "-pk")


def _trend(key: str, wave: Wave, current: WaveWeighting,
           earlier: Iterable[WaveWeighting]) -> list[TrendPoint]:
    points: list[TrendPoint] = []
    seen: set[int] = set()
    previous: Mapping[str, Any] | None = None
    chain = [w for w in earlier if w.wave_id != wave.pk]
    for weighting in [*chain, current]:
        if weighting.wave_id in seen:
            continue
        seen.add(weighting.wave_id)
        data = weighting.results.get(key)
        if not data:
            continue
        figure = _council(key, data)
        change = None
        if previous is not None and figure.shown:
            diff = wave_difference(estimate_from(previous), estimate_from(data["council"]))
            change = Gap(100 * diff.estimate, _pct(None if math.isnan(diff.ci_low)
                                                   else diff.ci_low),
                         _pct(None if math.isnan(diff.ci_high) else diff.ci_high),
                         diff.significant)
        if figure.shown:
            previous = data["council"]
        points.append(TrendPoint(weighting.wave, figure, change))
    return sorted(points, key=lambda p: (p.wave.ends_on, p.wave.pk))


@dataclass
class WaveResults:
    wave: Wave
    weighting: WaveWeighting | None
    indicators: list[IndicatorResult]
    floor: float

    def indicator(self, key: str) -> IndicatorResult | None:
        return next((i for i in self.indicators if i.key == key), None)


def wave_results(wave: Wave, *, reader_is_council: bool, detail: str | None = None,
                 weighting: WaveWeighting | None = None) -> WaveResults:
    """Every indicator's council figure (and, for ``detail``, or every indicator when
    ``detail`` is "*", its wards, groups, trend and comparisons)."""
    weighting = weighting or current_weighting(wave)
    if weighting is None:
        return WaveResults(wave, None, [], floor())
    weighting.wave = wave
    names: dict[str, str] = weighting.results.get("_wards", {})
    council_code = wave.council.area_code
    earlier = (list(earlier_weightings(wave, all_waves=reader_is_council))
               if detail else [])
    out = []
    for key, q in questions_of(wave).items():
        data = weighting.results.get(key)
        if not q.is_indicator or not data:
            continue
        result = IndicatorResult(q, _council(key, data))
        if detail in (key, "*"):
            result.wards, result.covariate, result.modelled_error = _ward_figures(
                key, data, names)
            result.breakdowns = _breakdowns(data)
            result.trend = _trend(key, wave, weighting, earlier)
            result.place_survey = (benchmarks.place_survey(council_code)
                                   if q.place_survey else [])
        result.national = benchmarks.national(q.benchmark, council_code)
        out.append(result)
    return WaveResults(wave, weighting, out, floor())


def current_figures(weighting: WaveWeighting, key: str, ward_code: str | None
                    ) -> tuple[Figure | None, benchmarks.National | None]:
    """One indicator's figure in a weighting, for the council (``ward_code`` None) or a
    ward (modelled below the floor), as the pages show it; with the national figure."""
    data = weighting.results.get(key)
    found = question(key)
    if not data or found is None:
        return None, None
    national = benchmarks.national(found.benchmark, weighting.wave.council.area_code)
    if ward_code is None:
        figure: Figure | None = _council(key, data)
    else:
        wards, _covariate, _error = _ward_figures(key, data,
                                                  weighting.results.get("_wards", {}))
        figure = next((w for w in wards if w.key == ward_code), None)
    return figure, national[0] if national else None


def rounded(value: float | None) -> float | None:
    """A figure as the CSV file and the API give it: two decimal places."""
    return None if value is None else round(value, 2)


@dataclass(frozen=True)
class TableRow:
    """One row of a wave's results table (the CSV file and the API): an indicator for
    the council, a ward or a group."""

    indicator: str
    kind: str  # "council", "ward", or a group's key ("age_band"...)
    code: str
    name: str
    figure: Figure


def table_rows(found: WaveResults) -> list[TableRow]:
    """Every figure of results read with ``detail="*"``: each indicator's council, then
    its wards, then its groups."""
    wave = found.wave
    rows: list[TableRow] = []
    for result in found.indicators:
        rows.append(TableRow(result.key, "council", wave.council.area_code, wave.council.name,
                             result.council))
        rows.extend(TableRow(result.key, "ward", w.key, w.label, w) for w in result.wards)
        for breakdown in result.breakdowns:
            rows.extend(TableRow(result.key, breakdown.key, r.figure.key, r.figure.label,
                                 r.figure) for r in breakdown.rows)
    return rows
