"""Weighting a wave: what the ``weight_wave`` task does (surveys/tasks.py).

The job is claimed with a conditional UPDATE (queued -> running) so it runs once. It
reads the wave's responses and the census margins (:mod:`commonground.surveys.margins`),
rakes the responses to them (``analytics.survey.rake``), keeps each response's weight and
the weighting report, and computes every indicator's results
(:mod:`commonground.surveys.estimating`), all in one transaction. Problems are written in
the language of the person who asked for the weighting; nothing is kept from a run that
failed but the problems.
"""

from __future__ import annotations

import logging
import warnings
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from commonground.analytics.survey import MarginsWarning, Weighting, rake
from commonground.places import selectors as place_selectors
from commonground.places import subareas
from commonground.places.models import Area, AreaLevel
from commonground.surveys import margins as census
from commonground.surveys.estimating import compute
from commonground.surveys.models import (
    Design,
    Response,
    ResponseWeight,
    Scheme,
    WaveWeighting,
    WeightingStatus,
)
from commonground.surveys.questionnaire import questions_of, wards_of

logger = logging.getLogger(__name__)


def claim(job_id: int) -> WaveWeighting | None:
    claimed = WaveWeighting.objects.filter(pk=job_id, status=WeightingStatus.QUEUED).update(
        status=WeightingStatus.RUNNING)
    if not claimed:
        return None
    return WaveWeighting.objects.select_related("wave", "wave__council").get(pk=job_id)


def population_margins(area: Area) -> Any:
    """The census margins places holds for ``area`` (None when it holds none)."""
    return place_selectors.population_margins(area)


def _ward_covariates(council_area: Area) -> dict[str, float] | None:
    """Each ward's ethnic diversity from the census counts places holds, if it holds them."""
    try:
        table = subareas.for_council(council_area, AreaLevel.WARD)
    except Exception:  # noqa: BLE001 - places answers NotFound when no ward data is held
        return None
    found = {row.area.code: row.diversity for row in table.rows if row.diversity is not None}
    return {code: float(value) for code, value in found.items()} or None


def report_of(weighting: Weighting, census_margins: census.CensusMargins, not_stated: int,
              strata: bool) -> dict[str, Any]:
    report = weighting.report
    return {
        "method": "raking", "n": report.n, "converged": report.converged,
        "iterations": report.iterations, "tolerance": report.tolerance,
        "largest_gap": report.largest_gap,
        "margins": [{"variable": m.variable, "category": m.category,
                     "respondents": m.respondents, "target": m.target,
                     "achieved": m.achieved} for m in report.margins],
        "trim": list(report.trim) if report.trim else None, "trimmed": report.trimmed,
        "weight_min": report.weight_min, "weight_max": report.weight_max,
        "kish_deff": report.kish_deff, "efficiency": report.efficiency,
        "effective_n": report.effective_n, "notes": census_margins.notes,
        "not_stated": not_stated, "source": census_margins.source,
        "period": census_margins.period, "strata": strata,
    }


def run_weighting(job: WaveWeighting) -> WaveWeighting:
    wave = job.wave
    with translation.override(job.language):
        try:
            council_area = Area.objects.filter(code=wave.council.area_code,
                                               level=AreaLevel.COUNCIL).first()
            if council_area is None:
                raise census.MarginsProblem([_("This council has no area on the platform, so "
                                               "it has no census figures to weight to.")])
            rows = list(Response.objects.filter(wave=wave).order_by("pk")
                        .values_list("pk", "answers", "ward__code"))
            if len(rows) < 2:
                raise census.MarginsProblem([_("The wave has fewer than two responses; "
                                               "import them first.")])
            ward_margins = None
            if job.scheme == Scheme.WARD:
                ward_margins = {w.code: population_margins(w) for w in wards_of(wave.council)}
            census_margins = census.census_margins(
                population_margins(council_area), ward_margins,
                joint_age_sex=job.joint_age_sex, ethnic_group=job.ethnic_group)
            sample = census.sample_and_margins(
                [census.categories(answers, ward) for _pk, answers, ward in rows],
                census_margins)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", MarginsWarning)  # our own notes say it
                weighting = rake(sample.columns, sample.margins, trim=job.trim)
            ward_codes = [ward or "" for _pk, _answers, ward in rows]
            stratify = (wave.design == Design.STRATIFIED_WARD and all(ward_codes)
                        and min(ward_codes.count(c) for c in set(ward_codes)) >= 2)
            design = weighting.design(strata=ward_codes if stratify else None)
            questions = questions_of(wave)
            indicators = [q for q in questions.values() if q.is_indicator]
            answers = {key: [str(a.get(key, "")) for _pk, a, _w in rows] for key in questions}
            results = compute(design, indicators, answers, ward_codes,
                              _ward_covariates(council_area))
            results["_wards"] = dict(wards_of(wave.council).values_list("code", "name"))
            outcome: dict[str, Any] = {
                "status": WeightingStatus.DONE, "responses": len(rows), "problems": [],
                "report": report_of(weighting, census_margins, sample.not_stated, stratify),
                "results": results}
            _save(job, [pk for pk, _a, _w in rows], weighting.weights.tolist(), outcome)
            return job
        except census.MarginsProblem as problem:
            messages = problem.messages
        except ValueError as error:  # the statistics refused: say what they said
            messages = [_("The responses could not be weighted: %(reason)s") % {
                "reason": str(error)}]
        except Exception:
            logger.exception("Survey weighting %s failed", job.pk)
            messages = [_("Something went wrong on our side while weighting; nothing was "
                          "changed.")]
    job.status = WeightingStatus.FAILED
    job.problems = messages
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "problems", "finished_at"])
    return job


@transaction.atomic
def _save(job: WaveWeighting, response_ids: list[int], weights: list[float],
          outcome: dict[str, Any]) -> None:
    ResponseWeight.objects.bulk_create(
        [ResponseWeight(weighting=job, response_id=pk, weight=w)
         for pk, w in zip(response_ids, weights, strict=True)], batch_size=1000)
    for name, value in outcome.items():
        setattr(job, name, value)
    job.finished_at = timezone.now()
    job.save(update_fields=[*outcome, "finished_at"])


def mark_stopped(job_id: int) -> None:
    """A worker stopped mid-run: nothing was kept (one transaction); say so."""
    job = WaveWeighting.objects.filter(pk=job_id).first()
    if job is None:
        return
    with translation.override(job.language):
        message = _("The weighting stopped before it finished; nothing was kept. Start it "
                    "again.")
    WaveWeighting.objects.filter(pk=job_id, status__in=[
        WeightingStatus.QUEUED, WeightingStatus.RUNNING]).update(
        status=WeightingStatus.FAILED, finished_at=timezone.now(), problems=[message])
