"""Reads of the assessments app that shape queries or combine tables for a page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from commonground.accounts.models import Organisation
from commonground.accounts.types import Visitor
from commonground.assessments import access, questions
from commonground.assessments.models import (
    Answer,
    AssessmentSettings,
    EvidenceKind,
    EvidenceLink,
    ImpactAssessment,
    ImprovementPoint,
    Level,
    Part,
    Rating,
    ScreeningAnswer,
    SelfAssessment,
    Stage,
)
from commonground.library.models import FrameworkItem, Influence, Resource
from commonground.library.models import Status as LibraryStatus
from commonground.plans.models import ActionPlan, MappingExercise
from commonground.surveys.models import Wave, WeightingStatus


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


@dataclass(frozen=True)
class EvidenceChoice:
    value: str  # "kind:id"
    kind: str
    object_id: int
    label: str
    url: str


def evidence_choices(council: Organisation) -> list[EvidenceChoice]:
    """What a self-assessment can link as evidence: the council's profiles (mapping
    exercises), plans and impact assessments, its survey waves' weighted results, and the
    library's published documents."""
    out = [EvidenceChoice(f"profile:{e.pk}", EvidenceKind.PROFILE, e.pk, e.name,
                          reverse("plans:exercise", args=[e.pk]))
           for e in MappingExercise.objects.filter(council=council).order_by("-created_at")]
    out += [EvidenceChoice(f"plan:{p.pk}", EvidenceKind.PLAN, p.pk, p.title,
                           reverse("plans:plan", args=[p.pk]))
            for p in ActionPlan.objects.filter(council=council)]
    out += [EvidenceChoice(f"assessment:{a.pk}", EvidenceKind.ASSESSMENT, a.pk, a.title,
                           reverse("assessments:assessment", args=[a.pk]))
            for a in ImpactAssessment.objects.filter(council=council)]
    # Only waves with results to read: a wave not yet weighted has no figures to cite.
    out += [EvidenceChoice(f"survey:{w.pk}", EvidenceKind.SURVEY, w.pk, w.title,
                           reverse("surveys:results", args=[w.pk]))
            for w in Wave.objects.filter(council=council, weightings__status=WeightingStatus.DONE)
            .distinct().order_by("-starts_on")]
    out += [EvidenceChoice(f"document:{r.pk}", EvidenceKind.DOCUMENT, r.pk, r.title,
                           reverse("library:resource", args=[r.slug]))
            for r in Resource.objects.filter(status=LibraryStatus.PUBLISHED).order_by("title")]
    return out


@dataclass(frozen=True)
class CriterionRow:
    criterion: questions.Criterion
    rating: Rating | None
    previous: Rating | None
    evidence: list[EvidenceLink]
    improvements: list[ImprovementPoint]

    @property
    def moved(self) -> str:
        """"up", "down", "same" or "" (nothing to compare)."""
        if self.rating is None or self.previous is None:
            return ""
        order = [Level.DEVELOPING, Level.ACHIEVING, Level.EXCELLENT]
        now, before = order.index(Level(self.rating.level)), order.index(
            Level(self.previous.level))
        return "up" if now > before else "down" if now < before else "same"


@dataclass(frozen=True)
class AreaRows:
    area: questions.FrameworkArea
    rows: list[CriterionRow]

    @property
    def rated(self) -> int:
        return sum(1 for r in self.rows if r.rating is not None)


def self_assessment_page(found: SelfAssessment) -> list[AreaRows]:
    """Every area with its criteria, each with its rating, the previous self-assessment's
    rating, evidence and improvement points (four queries whatever the size)."""
    ratings = {r.criterion: r for r in Rating.objects.filter(self_assessment=found)}
    before = ({r.criterion: r for r in Rating.objects.filter(self_assessment=found.previous_id)}
              if found.previous_id else {})
    evidence: dict[str, list[EvidenceLink]] = {}
    for link in EvidenceLink.objects.filter(self_assessment=found):
        evidence.setdefault(link.criterion, []).append(link)
    improvements: dict[str, list[ImprovementPoint]] = {}
    for point in ImprovementPoint.objects.filter(self_assessment=found).select_related(
            "action", "action__plan"):
        improvements.setdefault(point.criterion, []).append(point)
    return [AreaRows(area, [CriterionRow(c, ratings.get(c.id), before.get(c.id),
                                         evidence.get(c.id, []), improvements.get(c.id, []))
                            for c in area.criteria])
            for area in questions.equality_framework().areas]
