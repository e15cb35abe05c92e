"""Reads of the assessments app that shape queries or combine tables for a page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from commonground.accounts.models import Organisation
from commonground.accounts.types import Visitor
from commonground.assessments import access, questions
from commonground.assessments.models import (
    Answer,
    AssessmentSettings,
    ImpactAssessment,
    Part,
    ScreeningAnswer,
    Stage,
)
from commonground.library.models import FrameworkItem, Influence


def is_welsh(council: Organisation) -> bool:
    return council.area_code.startswith("W")


def parts_for(council: Organisation) -> list[str]:
    """The parts a new assessment of the council includes: cohesion always; the others
    as the council's settings say (the Welsh language only for Welsh councils)."""
    found = AssessmentSettings.objects.filter(organisation=council).first()
    on = [Part.COHESION.value]
    if found is None or found.equality:
        on.append(Part.EQUALITY.value)
    if found is None or found.socio_economic:
        on.append(Part.SOCIO_ECONOMIC.value)
    if is_welsh(council) and (found is None or found.welsh):
        on.append(Part.WELSH.value)
    return on


def questions_for(assessment: ImpactAssessment) -> list[questions.Question]:
    return [q for q in questions.screening() if q.part in assessment.parts]


@dataclass(frozen=True)
class ScreeningRow:
    question: questions.Question
    answer: ScreeningAnswer | None
    tests: list[str]  # the foundation, way of living together or influences it asks about

    @property
    def raises_concern(self) -> bool:
        return self.answer is not None and self.answer.answer in (Answer.NEGATIVE,
                                                                  Answer.UNSURE)


def screening(assessment: ImpactAssessment) -> list[ScreeningRow]:
    answers = {a.question: a for a in ScreeningAnswer.objects.filter(assessment=assessment)}
    asked = questions_for(assessment)
    framework = dict(FrameworkItem.objects.filter(
        slug__in=[q.framework for q in asked if q.framework]).values_list("slug", "title"))
    influences = dict(Influence.objects.filter(
        slug__in=[i for q in asked for i in q.influences]).values_list("slug", "factor"))
    return [ScreeningRow(q, answers.get(q.id),
                         [framework[q.framework]] if q.framework in framework
                         else [influences[i] for i in q.influences if i in influences])
            for q in asked]


def concerns(assessment: ImpactAssessment) -> list[ScreeningAnswer]:
    """Answers that call for the full assessment: a possible negative effect, or unsure."""
    asked = {q.id for q in questions_for(assessment)}
    return [a for a in ScreeningAnswer.objects.filter(
        assessment=assessment, answer__in=(Answer.NEGATIVE, Answer.UNSURE))
        if a.question in asked]


def is_screened(assessment: ImpactAssessment) -> bool:
    return assessment.screened_at is not None


def index(user: Visitor) -> dict[str, QuerySet[ImpactAssessment]]:
    own = access.visible_assessments(user).exclude(stage=Stage.PUBLISHED).filter(
        council_id__in=[c.pk for c in access.councils_for(user)])
    return {"own": own.select_related("council"),
            "published": ImpactAssessment.objects.filter(stage=Stage.PUBLISHED)
            .select_related("council").order_by("-published_at")}
