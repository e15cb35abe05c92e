"""Demo data for assessments: Trafford's published impact assessment of closing a youth
centre in two wards (screening, the full assessment, a mitigation in Trafford's plan), an
Equality Framework self-assessment with one area rated and evidenced, an adopted cohesion
strategy, the partnership with the police and a meeting whose decision is a plan action,
and a scrutiny report. Runs after the plans demo (it needs Trafford's plan); skips with a
note otherwise. Development only, idempotent."""

from __future__ import annotations

import datetime
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import Organisation, User
from commonground.assessments import questions, selectors
from commonground.assessments.models import ImpactAssessment
from commonground.assessments.services import framework, impact, scrutiny, strategy
from commonground.places.models import Area, AreaLevel
from commonground.plans.models import ActionPlan, IssueStatus, LocalIssue

NOTE = ("Assessments: Trafford's published impact assessment, self-assessment, strategy, "
        "partnership and a scrutiny report are at /assessments/.")


def load(stdout: IO[str] | Any) -> list[str]:
    council = Organisation.objects.filter(area_code="E08000009", kind="council").first()
    officer = User.objects.filter(email="officer@trafford.example").first()
    plan = ActionPlan.objects.filter(council=council).first() if council else None
    if council is None or officer is None or plan is None:
        stdout.write("assessments demo skipped: Trafford, its officer or its plan is not "
                     "loaded.\n")
        return []
    if ImpactAssessment.objects.filter(council=council).exists():
        return [NOTE]
    with transaction.atomic():
        _assessment(council, officer, plan)
        _self_assessment(council, officer, plan)
        _strategy_and_partnership(council, officer, plan)
        today = timezone.localdate()
        scrutiny.generate(actor=officer, council=council, plan=plan,
                          title="Community cohesion: six-monthly progress report",
                          committee="Communities and Housing Scrutiny Committee",
                          period_start=today - datetime.timedelta(days=182), period_end=today)
    stdout.write("assessments demo: a published impact assessment, a self-assessment, a "
                 "strategy, the partnership and a scrutiny report for Trafford.\n")
    return [NOTE]


def _assessment(council: Organisation, officer: User, plan: ActionPlan) -> None:
    wards = list(Area.objects.filter(level=AreaLevel.WARD, council__code="E08000009",
                                     name__in=["Bucklow-St Martins", "Clifford"]))
    if len(wards) < 2:
        wards = list(Area.objects.filter(level=AreaLevel.WARD, parent__code="E08000009")
                     .order_by("code")[:2])
    today = timezone.localdate()
    found = impact.start_assessment(actor=officer, council=council, fields=impact.ProposalFields(
        title="Close the Partington youth centre", kind="service_change",
        description="Close the youth centre to save its running costs, and move open-access "
                    "youth work into two secondary schools.",
        decided_by="The Executive", reach="wards", ward_codes=[w.code for w in wards],
        plan=plan))
    answers = {q.id: ("none", "") for q in selectors.questions_for(found)}
    answers["mixing"] = ("negative", "The centre is the one place where young people from "
                                     "the two estates meet.")
    answers["equality-opportunity"] = ("unsure", "Disabled young people use the centre's "
                                                 "accessible rooms.")
    impact.save_screening(actor=officer, assessment=found, answers=answers)
    effect = impact.add_effect(actor=officer, assessment=found, fields=impact.EffectFields(
        group="Young people aged 11 to 19", direction="negative", likelihood="likely",
        severity="high", area=wards[0],
        evidence="Two thirds of the centre's users live in this ward; the schools are "
                 "outside it."))
    impact.add_effect(actor=officer, assessment=found, fields=impact.EffectFields(
        group="Disabled young people", part="equality", characteristic="disability",
        direction="negative", likelihood="possible", severity="medium",
        evidence="The schools' youth rooms have no level access."))
    impact.add_consultation(actor=officer, assessment=found, who="Young people at the centre",
                            held_on=today - datetime.timedelta(days=20),
                            how="Two drop-in evenings", hard_to_reach=True,
                            heard="They would not travel to the other estate's school.")
    impact.add_consultation(actor=officer, assessment=found,
                            who="Families newly arrived from Hong Kong and Ukraine",
                            held_on=today - datetime.timedelta(days=15),
                            how="Through their community groups", new_arrivals=True)
    impact.add_mitigation(actor=officer, assessment=found,
                          title="Detached youth work in both wards, three evenings a week",
                          effect=effect, ends_on=today + datetime.timedelta(days=120))
    impact.sign_off(actor=officer, assessment=found, decision="adjust",
                    reasons="The saving stands; detached youth work keeps a shared place for "
                            "young people of both estates.",
                    signed_off_by="Executive Member for Communities", signed_off_on=today,
                    review_on=today + datetime.timedelta(days=365),
                    summary="The centre closes. Detached youth work starts in both wards, and "
                            "the schools' youth rooms get level access before the move.")
    impact.publish(actor=officer, assessment=found)


def _self_assessment(council: Organisation, officer: User, plan: ActionPlan) -> None:
    found = framework.start(actor=officer, council=council,
                            title="Equality Framework self-assessment 2026")
    area = questions.equality_framework().areas[0]
    for criterion, level in zip(area.criteria, ("achieving", "developing", "achieving"),
                                strict=True):
        framework.rate(actor=officer, self_assessment=found, criterion=criterion.id,
                       level=level, notes="Rated at the equality board.")
    framework.add_evidence(actor=officer, self_assessment=found, criterion=area.criteria[0].id,
                           choice=f"plan:{plan.pk}")
    assessment = ImpactAssessment.objects.filter(council=council).first()
    if assessment is not None:
        framework.add_evidence(actor=officer, self_assessment=found,
                               criterion=area.criteria[2].id,
                               choice=f"assessment:{assessment.pk}")
    framework.add_improvement(actor=officer, self_assessment=found,
                              criterion=area.criteria[1].id,
                              title="Ward profiles refreshed every year with the police",
                              plan=plan)


def _strategy_and_partnership(council: Organisation, officer: User, plan: ActionPlan) -> None:
    today = timezone.localdate()
    issues = list(LocalIssue.objects.filter(council=council, status=IssueStatus.CONFIRMED))
    found = strategy.create_strategy(
        actor=officer, council=council, title="Trafford cohesion strategy 2026-2030",
        fields=strategy.StrategyFields(
            vision="A Trafford where people of every background belong, meet and get on.",
            principles="Fair chances for everyone\nContact between groups\nActing early on "
                       "tension",
            priorities="Young people's shared places\nWelcoming new arrivals\nHate crime",
            issues=issues, plans=[plan], adopted_on=today - datetime.timedelta(days=30),
            adopted_by="Full Council", review_on=today + datetime.timedelta(days=700)))
    strategy.add_strategy_consultation(actor=officer, strategy=found, who="Residents' panel",
                                       held_on=today - datetime.timedelta(days=90),
                                       how="Two workshops")
    police = Organisation.objects.filter(slug="greater-manchester-police").first()
    if police is not None:
        strategy.add_member(actor=officer, council=council, organisation=police,
                            role="Leads the hate crime sub-group")
    meeting = strategy.record_meeting(actor=officer, council=council,
                                      held_on=today - datetime.timedelta(days=7),
                                      title="Cohesion partnership, autumn meeting",
                                      attendees="Trafford Council, Greater Manchester Police")
    strategy.add_decision(actor=officer, meeting=meeting,
                          text="Joint walkabouts in Partington after the centre closes",
                          plan=plan, lead_organisation=police)
