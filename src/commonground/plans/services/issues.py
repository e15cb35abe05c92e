"""Issues found in the evidence: the rules propose, the council confirms or dismisses."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.accounts.models import Organisation, User
from commonground.core import audit
from commonground.core.errors import Conflict, InvalidInput
from commonground.library.models import Issue
from commonground.places.models import Area
from commonground.plans import access, rules
from commonground.plans.cohesion_profile import scope_of
from commonground.plans.models import IssueStatus, LocalIssue, MappingExercise, Priority
from commonground.plans.selectors import council_wards

FIELDS = ["status", "priority", "groups", "dismissed_reason", "strength"]


@dataclass(frozen=True)
class Proposal:
    outcomes: list[rules.Outcome]
    created: int
    refreshed: int
    withdrawn: int
    decided: int


@transaction.atomic
def propose_issues(*, actor: User, exercise: MappingExercise,
                   on: datetime.date | None = None) -> Proposal:
    """Try every rule on the exercise's area and keep one candidate per Table D1 issue.

    Candidates not yet decided are refreshed (or withdrawn when no rule fires for them any
    more); issues the council has confirmed or dismissed keep its decision.
    """
    access.get_exercise_for_user(actor, exercise.pk, write=True)
    day = on or timezone.localdate()
    outcomes = rules.evaluate(scope_of(exercise), day)
    fired: dict[str, list[rules.Outcome]] = {}
    for outcome in outcomes:
        if outcome.status == "fired":
            fired.setdefault(outcome.rule.issue, []).append(outcome)
    framework = {i.slug: i for i in Issue.objects.filter(slug__in=list(fired))}
    existing = {i.framework_issue_id: i for i in
                LocalIssue.objects.filter(exercise=exercise, proposed=True)}
    created = refreshed = decided = 0
    for slug, found in fired.items():
        issue = framework.get(slug)
        if issue is None:
            continue
        strength = rules.strongest([o.strength for o in found])
        evidence = [{**o.fact, "strength": o.strength} for o in found]
        current = existing.pop(issue.pk, None)
        if current is None:
            LocalIssue.objects.create(
                council=exercise.council, exercise=exercise, framework_issue=issue,
                title=issue.title, description=issue.summary, proposed=True,
                rules=[o.rule.id for o in found], strength=strength, evidence=evidence)
            created += 1
        elif current.status == IssueStatus.CANDIDATE:
            current.rules = [o.rule.id for o in found]
            current.strength, current.evidence = strength, evidence
            current.save(update_fields=["rules", "strength", "evidence", "updated_at"])
            refreshed += 1
        else:
            decided += 1
    withdrawn = [i.pk for i in existing.values() if i.status == IssueStatus.CANDIDATE]
    LocalIssue.objects.filter(pk__in=withdrawn).delete()
    audit.record(actor=actor, action=audit.Action.PLANS_ISSUES_PROPOSE, obj=exercise,
                 organisation_id=exercise.council_id,
                 new={"created": created, "refreshed": refreshed,
                      "withdrawn": len(withdrawn), "on": day})
    return Proposal(outcomes, created, refreshed, len(withdrawn), decided)


def wards_checked(council: Organisation, codes: Sequence[str]) -> list[Area]:
    """The council's wards with these codes, or InvalidInput naming the ones that are not."""
    wards, missing = council_wards(council, codes)
    if missing:
        raise InvalidInput(_("Check the wards."), fields={"wards": [
            _("No ward of the council has the code %(codes)s.") % {"codes": ", ".join(missing)}]})
    return wards


def _check_priority(priority: str) -> None:
    if priority not in Priority.values:
        raise InvalidInput(_("Choose a priority."), fields={"priority": [_("Choose a priority.")]})


@transaction.atomic
def confirm_issue(*, actor: User, issue: LocalIssue, priority: str, groups: str = "",
                  ward_codes: Sequence[str] = ()) -> LocalIssue:
    """A key local issue: with its priority, the groups and the wards it affects."""
    access.get_local_issue_for_user(actor, issue.pk, write=True)
    _check_priority(priority)
    wards = wards_checked(issue.council, ward_codes)
    old = audit.snapshot(issue, FIELDS)
    issue.status = IssueStatus.CONFIRMED
    issue.priority, issue.groups, issue.dismissed_reason = priority, groups.strip(), ""
    issue.decided_by, issue.decided_at = actor, timezone.now()
    issue.save()
    issue.wards.set(wards)
    before, after = audit.changed(old, audit.snapshot(issue, FIELDS))
    audit.record(actor=actor, action=audit.Action.PLANS_ISSUE_CONFIRM, obj=issue,
                 organisation_id=issue.council_id, old=before,
                 new={**after, "wards": [w.code for w in wards]})
    return issue


@transaction.atomic
def dismiss_issue(*, actor: User, issue: LocalIssue, reason: str) -> LocalIssue:
    access.get_local_issue_for_user(actor, issue.pk, write=True)
    if not reason.strip():
        raise InvalidInput(_("Say why the issue is dismissed."),
                           fields={"reason": [_("Say why you dismiss it.")]})
    if issue.actions.exists():
        raise Conflict(_("Actions in a plan address this issue; take it off them first."))
    old = audit.snapshot(issue, FIELDS)
    issue.status = IssueStatus.DISMISSED
    issue.dismissed_reason, issue.priority = reason.strip(), ""
    issue.decided_by, issue.decided_at = actor, timezone.now()
    issue.save()
    issue.wards.clear()
    before, after = audit.changed(old, audit.snapshot(issue, FIELDS))
    audit.record(actor=actor, action=audit.Action.PLANS_ISSUE_DISMISS, obj=issue,
                 organisation_id=issue.council_id, old=before, new=after)
    return issue


@transaction.atomic
def add_own_issue(*, actor: User, council: Organisation, title: str, priority: str,
                  description: str = "", groups: str = "", ward_codes: Sequence[str] = (),
                  framework_issue: Issue | None = None,
                  exercise: MappingExercise | None = None) -> LocalIssue:
    """An issue the council knows of itself, confirmed as it is added."""
    access.get_council_for_user(actor, council.slug, write=True)
    errors: dict[str, list[str]] = {}
    if not title.strip() and framework_issue is None:
        errors["title"] = [_("Name the issue, or choose one from the Framework's list.")]
    if priority not in Priority.values:
        errors["priority"] = [_("Choose a priority.")]
    if exercise is not None and exercise.council_id != council.pk:
        errors["exercise"] = [_("Choose one of the council's mapping exercises.")]
    if errors:
        raise InvalidInput(_("Check the issue."), fields=errors)
    wards = wards_checked(council, ward_codes)
    issue = LocalIssue.objects.create(
        council=council, exercise=exercise, framework_issue=framework_issue,
        title=(title.strip() or (framework_issue.title if framework_issue else ""))[:300],
        description=description.strip(), status=IssueStatus.CONFIRMED, priority=priority,
        groups=groups.strip(), decided_by=actor, decided_at=timezone.now())
    issue.wards.set(wards)
    audit.record(actor=actor, action=audit.Action.PLANS_ISSUE_ADD, obj=issue,
                 organisation_id=council.pk,
                 new={**audit.snapshot(issue, ["title", "priority", "groups"]),
                      "wards": [w.code for w in wards]})
    return issue
