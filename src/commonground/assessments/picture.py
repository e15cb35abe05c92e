"""Who lives in the areas a proposal touches, and what the platform knows of them.

Read live while an assessment is a draft, and frozen into ``ImpactAssessment.evidence``
when it is signed off, so the published summary shows what the decision was taken on. The
picture is plain JSON-ready data for that reason.

- *Who lives there*: population and ethnic composition summed from the areas' census
  counts (``places``); English proficiency, deprivation, people born abroad and recent
  arrivals from the council indicators, read through plans' measures, which say when a
  figure is held for the whole council only. Age (and sex) from the census through
  ``places.selectors.age_structure_of``: by sex for the whole council, age bands and sex
  apart for wards, LSOAs and custom areas (ONS does not cross them below council level).
- *Tension history*: the council's reports of the 12 months before the day, by ward and
  category, through ``core.disclosure.protect_table`` (cells and totals below the
  threshold hidden, with secondary suppression), since the summary is published.
- *Survey results by group*: the council's newest **published** weighted residents' survey
  wave (unpublished waves never), read through ``surveys.results.wave_results`` so every
  figure is exactly as the wave's results pages show it: the three national indicators
  (get on well, belonging, meaningful interaction) for the council and for the
  assessment's wards the results hold, and by age band, sex, ethnic group and disability,
  each with its 95 % interval, "not enough responses" below the floor of effective
  responses and counts hidden by disclosure control; with the wave's title, dates and
  whether it is demonstration data or not a probability sample. Without such a wave the
  picture says so rather than show nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count
from django.utils.translation import pgettext_lazy

from commonground.assessments.models import ImpactAssessment, Reach
from commonground.core import disclosure
from commonground.places import selectors as place_selectors
from commonground.places import subareas
from commonground.places.models import Area, AreaLevel
from commonground.plans import measures
from commonground.plans.measures import Scope
from commonground.surveys import results as survey_results
from commonground.surveys.models import WaveWeighting, WeightingStatus
from commonground.surveys.summaries import INDICATORS
from commonground.tensions.models import Report

DAYS = 365
WHO_LIVES_THERE = ("place:population", "place:english_proficiency", "place:deprivation",
                   "place:deprivation_wales", "place:born_outside_uk", "place:migration",
                   "place:diversity")
CATEGORY_LABELS = {
    "hate_incident": pgettext_lazy("tension category", "Hate incident"),
    "community_tension": pgettext_lazy("tension category", "Community tension"),
    "extremism": pgettext_lazy("tension category", "Extremist or far-right activity"),
    "protest": pgettext_lazy("tension category", "Protest or march"),
    "rumour": pgettext_lazy("tension category", "Rumour or misinformation"),
    "online": pgettext_lazy("tension category", "Online"),
    "other": pgettext_lazy("tension category", "Other"),
}


def council_area(assessment: ImpactAssessment) -> Area | None:
    return (Area.objects.filter(level=AreaLevel.COUNCIL, code=assessment.council.area_code)
            .defer("boundary").first())


def parts_of(assessment: ImpactAssessment) -> list[Area]:
    if assessment.reach == Reach.WARDS:
        return list(assessment.wards.defer("boundary").order_by("name"))
    if assessment.reach == Reach.CUSTOM_AREA and assessment.custom_area is not None:
        return list(assessment.custom_area.members.defer("boundary").order_by("name"))
    return []


def scope_of(assessment: ImpactAssessment, whole: Area) -> Scope:
    parts = tuple(parts_of(assessment))
    return Scope(council=assessment.council, council_area=whole, parts=parts,
                 label=assessment.reach_label if parts else whole.name)


def _composition(whole: Area, parts: list[Area]) -> dict[str, Any] | None:
    if parts:
        table = _table(whole, parts)
    else:
        try:
            table = subareas.for_council(whole, AreaLevel.WARD)
        except Exception:  # noqa: BLE001 - no ward counts loaded: nothing to show
            return None
    if table is None or table.summary is None:
        return None
    summary = table.summary
    rows = sorted(zip(table.labels, summary.shares, summary.counts, strict=True),
                  key=lambda row: -row[1])
    return {"population": round(summary.population), "source": table.dataset.title,
            "period": table.dataset.period,
            "groups": [{"label": label, "share": round(share, 1), "count": round(count)}
                       for label, share, count in rows]}


def _table(whole: Area, parts: list[Area]) -> subareas.SubAreaTable | None:
    level = parts[0].level
    for found_level, dataset in place_selectors.sub_area_levels(whole):
        if found_level == level:
            return subareas.build(level, dataset,
                                  place_selectors.areas_with_values(parts, dataset))
    return None


def _age(whole: Area, parts: list[Area]) -> dict[str, Any] | None:
    found = place_selectors.age_structure_of(parts or [whole])
    if found is None:
        return None
    return {"source": found.source, "period": found.period, "total": found.total,
            "crossed": found.crossed, "female": found.female, "male": found.male,
            "older": round(found.share_of("65+"), 1), "young": round(found.share_of("0-15"), 1),
            "bands": [{"band": r.band, "label": r.label, "count": r.persons,
                       "share": round(r.share, 1), "female": r.female, "male": r.male}
                      for r in found.bands]}


def _readings(scope: Scope, on: datetime.date) -> list[dict[str, Any]]:
    codes = [c for c in WHO_LIVES_THERE if measures.is_installed(c)]
    found = measures.read_many([measures.Request(c, scope, on) for c in codes])
    return [{"label": r.label, "display": r.display, "geography": r.geography,
             "period": r.period, "source": r.source, "note": r.note,
             "compared": [{"label": c.label, "display": c.display} for c in r.comparisons]}
            for r in found if r is not None and r.value is not None]


def tension_counts(assessment: ImpactAssessment, parts: list[Area], on: datetime.date
                   ) -> dict[str, Any]:
    """Reports of the 12 months to ``on`` by ward and category, disclosure-controlled."""
    since = on - datetime.timedelta(days=DAYS)
    held = Report.objects.filter(council=assessment.council).exists()
    reports = Report.objects.filter(council=assessment.council, merged_into__isnull=True,
                                    occurred_on__gt=since, occurred_on__lte=on)
    wards = [p for p in parts if p.level == AreaLevel.WARD]
    if parts:
        # Smaller areas than wards: their wards' reports (reports are held by ward).
        ward_ids = {p.pk for p in wards} | {p.parent_id for p in parts
                                            if p.level != AreaLevel.WARD and p.parent_id}
        reports = reports.filter(ward_id__in=ward_ids)
    counts: dict[tuple[int | None, str], int] = {
        (row["ward_id"], row["category"]): row["n"]
        for row in reports.values("ward_id", "category").annotate(n=Count("pk"))}
    categories = [c for c in CATEGORY_LABELS if any(k[1] == c for k in counts)]
    row_ids: list[int | None] = sorted({k[0] for k in counts}, key=lambda i: (i is None, i or 0))
    if wards and not any(p.level != AreaLevel.WARD for p in parts):
        row_ids = [w.pk for w in wards]
    names = dict(Area.objects.filter(pk__in=[i for i in row_ids if i]).values_list("pk", "name"))
    result: dict[str, Any] = {"since": since.isoformat(), "on": on.isoformat(), "held": held,
                              "categories": categories, "rows": [], "threshold":
                              disclosure.min_count(), "total": 0, "column_totals": []}
    if not categories:
        return result
    table = disclosure.protect_table(
        [[counts.get((row, c), 0) for c in categories] for row in row_ids])
    result["rows"] = [{"area": names.get(row, "") if row else "", "cells": cells,
                       "total": total}
                      for row, cells, total in zip(row_ids, table.cells, table.row_totals,
                                                   strict=True)]
    result["column_totals"], result["total"] = table.column_totals, table.total
    return result


def _figure(figure: survey_results.Figure) -> dict[str, Any]:
    return {"key": figure.key, "label": figure.label, "shown": figure.shown,
            "estimate": figure.estimate, "low": figure.low, "high": figure.high,
            "modelled": figure.modelled, "responses": figure.responses,
            "count_hidden": figure.count_hidden, "effective": figure.effective}


def survey_picture(assessment: ImpactAssessment, parts: list[Area]) -> dict[str, Any]:
    """The council's newest published weighted wave: the national indicators for the
    council, the assessment's wards and by group, as the wave's results show them."""
    weighting = (WaveWeighting.objects.filter(wave__council=assessment.council,
                                              wave__published=True,
                                              status=WeightingStatus.DONE)
                 .select_related("wave", "wave__council").defer("report")
                 .order_by("-wave__ends_on", "-wave_id", "-finished_at", "-pk").first())
    if weighting is None:
        return {"held": False}
    wave = weighting.wave
    found = survey_results.wave_results(wave, reader_is_council=False, detail="*",
                                        weighting=weighting)
    ward_codes = [p.code for p in parts if p.level == AreaLevel.WARD]
    indicators = []
    for key in INDICATORS:
        result = found.indicator(key)
        if result is None:
            continue
        by_code = {w.key: w for w in result.wards}
        indicators.append({
            "key": key, "label": str(result.question.short),
            "council": _figure(result.council),
            "wards": [_figure(by_code[code]) for code in ward_codes if code in by_code],
            "breakdowns": [{"key": b.key, "label": b.label,
                            "rows": [{**_figure(row.figure),
                                      "gap": None if row.gap is None else {
                                          "estimate": row.gap.estimate, "low": row.gap.low,
                                          "high": row.gap.high,
                                          "significant": row.gap.significant}}
                                     for row in b.rows]}
                           for b in result.breakdowns]})
    return {"held": True, "wave": {"id": wave.pk, "title": wave.title,
                                   "starts_on": wave.starts_on.isoformat(),
                                   "ends_on": wave.ends_on.isoformat(),
                                   "demo": wave.is_demo, "probability": wave.is_probability},
            "floor": found.floor, "threshold": disclosure.min_count(),
            "indicators": indicators}


def read(assessment: ImpactAssessment, on: datetime.date) -> dict[str, Any]:
    """The picture as JSON-ready data (see the module's docstring)."""
    whole = council_area(assessment)
    if whole is None:
        return {"loaded": False, "on": on.isoformat()}
    parts = parts_of(assessment)
    return {"loaded": True, "on": on.isoformat(),
            "name": assessment.reach_label or whole.name,
            "composition": _composition(whole, parts),
            "age": _age(whole, parts),
            "readings": _readings(scope_of(assessment, whole), on),
            "tensions": tension_counts(assessment, parts, on),
            "surveys": survey_picture(assessment, parts)}


def labelled(data: dict[str, Any]) -> dict[str, Any]:
    """The picture with its tension categories named in the reader's language."""
    tensions = data.get("tensions")
    if not tensions:
        return data
    return {**data, "tensions": {**tensions, "category_labels": [
        str(CATEGORY_LABELS.get(key, key)) for key in tensions.get("categories", [])]}}
