"""Demo data for plans: Trafford's mapping exercise on its real open data, the issues the
rules find there (two confirmed, one dismissed), and a published action plan with actions
led by the council, the police and the faith forum, milestones, targets on a census
indicator, on tension reports and on a figure of the council's own, and progress updates.
Runs after the places, library and tensions demos; skips with a note when Trafford or the
library is not loaded. Development only, idempotent."""

from __future__ import annotations

import datetime
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import Organisation, User
from commonground.library.models import Action, CaseStudy
from commonground.places.models import Area, AreaLevel
from commonground.plans.models import ActionPlan, IssueStatus, LocalIssue, MappingExercise
from commonground.plans.services import issues as issue_services
from commonground.plans.services import mapping as mapping_services
from commonground.plans.services import plans as plan_services
from commonground.plans.services import progress as progress_services
from commonground.plans.services.plans import ActionFields, TargetFields

NOTE = "Plans: Trafford's published action plan is at /plans/; officers map and plan there."


def load(stdout: IO[str] | Any) -> list[str]:
    council = Organisation.objects.filter(area_code="E08000009", kind="council").first()
    officer = User.objects.filter(email="officer@trafford.example").first()
    loaded = Area.objects.filter(level=AreaLevel.COUNCIL, code="E08000009").exists()
    if council is None or officer is None or not loaded or not Action.objects.exists():
        stdout.write("plans demo skipped: Trafford, its officer or the library is not "
                     "loaded.\n")
        return []
    if ActionPlan.objects.filter(council=council).exists():
        return [NOTE]
    with transaction.atomic():
        exercise = _mapping(council, officer)
        issues = _issues(exercise, officer)
        plan = _plan(council, officer, exercise, issues)
    stdout.write(f"plans demo: a mapping exercise, {len(issues)} confirmed issues and the "
                 f"plan '{plan.title}'.\n")
    return [NOTE]


def _mapping(council: Organisation, officer: User) -> MappingExercise:
    exercise = mapping_services.start_exercise(
        actor=officer, council=council, name="Trafford cohesion profile", scope="council")
    mapping_services.add_local_evidence(
        actor=officer, exercise=exercise, item="community-structures", kind="intelligence",
        summary="Two youth clubs in the north of the borough closed last year; young people "
                "say there is nowhere to meet.", source="Youth service team meeting",
        weight="medium", observed_on=timezone.localdate() - datetime.timedelta(days=60))
    police = Organisation.objects.filter(slug="greater-manchester-police").first()
    if police is not None:
        mapping_services.add_local_evidence(
            actor=officer, exercise=exercise, item="crime", kind="partner_data",
            summary="Hate crimes recorded by the police rose by a fifth in the last year, "
                    "most of them racially aggravated.", source="GMP Trafford district",
            weight="high", organisation=police)
    mapping_services.set_item_relevance(
        actor=officer, exercise=exercise, item="urban-rural", relevant=False,
        reason="Almost all of Trafford is urban; the rural share is under 1%.")
    mapping_services.save_profile_version(actor=officer, exercise=exercise)
    return exercise


def _issues(exercise: MappingExercise, officer: User) -> list[LocalIssue]:
    issue_services.propose_issues(actor=officer, exercise=exercise)
    found = {i.framework_issue.slug: i for i in
             LocalIssue.objects.filter(exercise=exercise).select_related("framework_issue")
             if i.framework_issue is not None}
    confirmed = []
    for slug, priority, groups in (
            ("segregation-in-housing-or-schools", "high",
             "Residents of the most and least diverse neighbourhoods"),
            ("violence-or-high-tension", "high", "Muslim and Jewish residents"),
            ("large-number-of-new-migrants", "medium", "New arrivals and their neighbours")):
        if slug in found:
            confirmed.append(issue_services.confirm_issue(actor=officer, issue=found[slug],
                                                          priority=priority, groups=groups))
    if "not-speaking-english" in found:
        issue_services.dismiss_issue(
            actor=officer, issue=found["not-speaking-english"],
            reason="Close to similar councils, and ESOL classes have places to spare.")
    if not confirmed:
        confirmed.append(issue_services.add_own_issue(
            actor=officer, council=exercise.council, title="Tension around the town centre",
            priority="high", exercise=exercise))
    return [i for i in confirmed if i.status == IssueStatus.CONFIRMED]


def _library(slug: str) -> Action | None:
    return Action.objects.filter(slug=slug).first()


def _plan(council: Organisation, officer: User, exercise: MappingExercise,
          issues: list[LocalIssue]) -> ActionPlan:
    today = timezone.localdate()
    start = today.replace(month=4, day=1) if today.month >= 4 else \
        today.replace(year=today.year - 1, month=4, day=1)
    plan = plan_services.create_plan(
        actor=officer, council=council, title=f"Trafford cohesion action plan "
                                              f"{start.year}-{start.year + 3}",
        period_start=start, period_end=start.replace(year=start.year + 3) -
        datetime.timedelta(days=1), exercise=exercise,
        vision="A Trafford where people of every background feel they belong, get on well "
               "together and have a say in what happens in their neighbourhood.")
    police = Organisation.objects.filter(slug="greater-manchester-police").first()
    faith = Organisation.objects.filter(slug="trafford-faith-forum").first()
    partner = User.objects.filter(email="partner@gmp.example").first()
    first = issues[:1]
    bolton = list(CaseStudy.objects.filter(slug="bolton-libraries-esol"))
    specs = [
        ("work-with-neighbourhood-policing", police, [faith] if faith else [], issues[1:2] or
         first, "Hate crime reporting centres and patrols around places of worship", 3),
        ("promote-interfaith-work", faith, [council], first,
         "Interfaith walks and shared meals in the wards with the most tension", 2),
        ("promote-esol-classes", council, [], issues[2:3] or first,
         "Conversation classes in libraries for new arrivals", 2),
        ("myth-busting-communication", council, [police] if police else [], first,
         "Rumour response: a named officer answers rumours within a day", 1),
    ]
    actions = []
    for slug, lead, partners, linked, description, weight in specs:
        library = _library(slug)
        if library is None:
            continue
        action = plan_services.add_action(actor=officer, plan=plan, fields=ActionFields(
            title=library.title, description=description, library_action=library,
            origin="adapted", issues=linked, lead_organisation=lead,
            lead_officer=partner if lead == police else officer if lead == council else None,
            partners=[p for p in partners if p is not None], starts_on=start,
            ends_on=start.replace(year=start.year + 1), horizon="long_term",
            recurrence="ongoing", status="in_progress", weight=weight,
            case_studies=bolton if slug == "promote-esol-classes" else []))
        actions.append(action)
        for n, (title, months) in enumerate((("Partners agreed and venues booked", 2),
                                             ("First sessions held", 5),
                                             ("Review with residents", 11))):
            due = start + datetime.timedelta(days=30 * months)
            done = due < today and n < 2
            plan_services.add_milestone(actor=officer, action=action, title=title, due_on=due,
                                        status="done" if done else "not_started",
                                        completed_on=due if done else None)
    if actions:
        plan_services.add_action(actor=officer, plan=plan, fields=ActionFields(
            title="Volunteer interfaith guides", parent=actions[1] if len(actions) > 1
            else actions[0], lead_organisation=faith or council, status="planned"))
    plan_services.add_target(actor=officer, plan=plan, fields=TargetFields(
        title="Fewer residents who cannot speak English well", measure="place:english_proficiency",
        baseline_on=start, target_value=1.0, target_on=start.replace(year=start.year + 5)))
    plan_services.add_target(actor=officer, plan=plan, fields=TargetFields(
        title="More hate incidents reported (more confidence to report)",
        measure="reports:hate_incident:91", baseline_on=start, target_value=30,
        target_on=start.replace(year=start.year + 3), action=actions[0] if actions else None))
    learners = plan_services.add_target(actor=officer, plan=plan, fields=TargetFields(
        title="People in conversation classes", measure="manual:learners", baseline_value=0,
        baseline_on=start, target_value=200, target_on=start.replace(year=start.year + 1),
        action=actions[2] if len(actions) > 2 else None))
    reading_day = min(today, start + datetime.timedelta(days=150))
    if reading_day > start:
        plan_services.add_target_reading(actor=officer, target=learners, value=85,
                                         on=reading_day, note="Library registers")
    plan_services.set_plan_status(actor=officer, plan=plan, status="agreed",
                                  signed_off_by="Trafford Council Executive",
                                  signed_off_on=min(today, start))
    plan_services.set_plan_status(actor=officer, plan=plan, status="published")
    if actions and partner is not None and police is not None:
        progress_services.post_update(
            actor=partner, action=actions[0], public=True,
            text="Three hate crime reporting centres are open: Stretford library, Old "
                 "Trafford community centre and Sale police station.")
        plan_services.set_rating(actor=partner, action=actions[0], rag="green",
                                 reason="Centres open on time; patrols agreed with the mosque "
                                        "and synagogue.")
    if len(actions) > 2:
        plan_services.set_rating(actor=officer, action=actions[2], rag="amber",
                                 reason="Fewer tutors than planned; recruiting volunteers.")
    plan.refresh_from_db()
    return plan
