"""Action plans (Annex F): the plan, its actions, milestones and targets.

Every change is recorded against the plan (``history.log``), so the plan's history page
reads it back whole. Rules that span several objects (an action's issues belong to the
council and are confirmed; a sub-action stays in its plan; a lead officer belongs to the
lead organisation) are checked here, whoever calls.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.accounts import welsh
from commonground.accounts.models import Membership, Organisation, User
from commonground.core import audit
from commonground.core.errors import Conflict, InvalidInput
from commonground.library.models import Action, CaseStudy
from commonground.library.models import Status as LibraryStatus
from commonground.places.models import Area, AreaLevel
from commonground.plans import access, measures
from commonground.plans.models import (
    ActionPlan,
    ActionStatus,
    Horizon,
    IssueStatus,
    LocalIssue,
    MappingExercise,
    Milestone,
    MilestoneStatus,
    Origin,
    PlanAction,
    PlanStatus,
    Rag,
    Recurrence,
    Target,
    TargetReading,
)
from commonground.plans.selectors import council_wards, scope_for
from commonground.plans.services.history import log

PLAN_FIELDS = ["title", "title_cy", "period_start", "period_end", "vision", "vision_cy",
               "vision_url", "status", "signed_off_by", "signed_off_on"]
ACTION_FIELDS = ["title", "title_cy", "description", "parent", "library_action", "origin",
                 "lead_organisation", "lead_officer", "resources", "starts_on", "ends_on",
                 "horizon", "recurrence", "status", "weight", "rag", "rag_reason",
                 "vision_link", "update_every_days"]
MILESTONE_FIELDS = ["title", "title_cy", "due_on", "status", "completed_on", "weight"]
TARGET_FIELDS = ["title", "title_cy", "measure", "area", "action", "baseline_value", "baseline_low",
                 "baseline_high", "baseline_on", "target_value", "target_on", "notes"]
MAX_WEIGHT = 100


def _check_period(start: datetime.date | None, end: datetime.date | None, errors:
                  dict[str, list[str]], end_field: str) -> None:
    if start and end and end < start:
        errors.setdefault(end_field, []).append(_("The end must not be before the start."))


@transaction.atomic
def create_plan(*, actor: User, council: Organisation, title: str,
                period_start: datetime.date, period_end: datetime.date, vision: str = "",
                vision_url: str = "", exercise: MappingExercise | None = None,
                title_cy: str = "", vision_cy: str = "") -> ActionPlan:
    access.get_council_for_user(actor, council.slug, write=True)
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the plan a title.")]
    _check_period(period_start, period_end, errors, "period_end")
    if exercise is not None and exercise.council_id != council.pk:
        errors["exercise"] = [_("Choose one of the council's mapping exercises.")]
    if errors:
        raise InvalidInput(_("Check the plan."), fields=errors)
    plan = ActionPlan.objects.create(
        council=council, title=title.strip(), title_cy=title_cy.strip(),
        period_start=period_start, period_end=period_end, vision=vision.strip(),
        vision_cy=vision_cy.strip(), vision_url=vision_url.strip(), exercise=exercise,
        created_by=actor)
    log(actor=actor, plan=plan, action=audit.Action.PLANS_PLAN_CREATE, label=plan.title,
        new=audit.snapshot(plan, PLAN_FIELDS))
    return plan


@transaction.atomic
def update_plan(*, actor: User, plan: ActionPlan, title: str, period_start: datetime.date,
                period_end: datetime.date, vision: str = "", vision_url: str = "",
                exercise: MappingExercise | None = None, title_cy: str = "",
                vision_cy: str = "") -> ActionPlan:
    access.get_plan_for_user(actor, plan.pk, write=True)
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the plan a title.")]
    _check_period(period_start, period_end, errors, "period_end")
    if exercise is not None and exercise.council_id != plan.council_id:
        errors["exercise"] = [_("Choose one of the council's mapping exercises.")]
    if errors:
        raise InvalidInput(_("Check the plan."), fields=errors)
    old = audit.snapshot(plan, PLAN_FIELDS)
    plan.title, plan.period_start, plan.period_end = title.strip(), period_start, period_end
    plan.vision, plan.vision_url, plan.exercise = vision.strip(), vision_url.strip(), exercise
    plan.title_cy, plan.vision_cy = title_cy.strip(), vision_cy.strip()
    plan.save()
    before, after = audit.changed(old, audit.snapshot(plan, PLAN_FIELDS))
    if after:
        log(actor=actor, plan=plan, action=audit.Action.PLANS_PLAN_UPDATE, label=plan.title,
            old=before, new=after)
    return plan


# Which status may follow which: a plan is agreed (signed off) before it is published,
# and can be withdrawn from publication or reopened as a draft.
TRANSITIONS = {
    PlanStatus.DRAFT: {PlanStatus.AGREED},
    PlanStatus.AGREED: {PlanStatus.DRAFT, PlanStatus.PUBLISHED},
    PlanStatus.PUBLISHED: {PlanStatus.AGREED},
}
STATUS_ACTIONS = {PlanStatus.DRAFT: audit.Action.PLANS_PLAN_DRAFT,
                  PlanStatus.AGREED: audit.Action.PLANS_PLAN_AGREED,
                  PlanStatus.PUBLISHED: audit.Action.PLANS_PLAN_PUBLISHED}


def welsh_needed(plan: ActionPlan) -> list[welsh.Needed]:
    """The words of the plan's public page that need Welsh when its council publishes only
    with Welsh: its title and vision, and its actions', milestones' and targets' titles."""
    needed = welsh.fields_of(plan, {"title": _("Welsh title"), "vision": _("Welsh vision")})
    for kind, label, rows in (
            ("actions", _("Welsh of the action ‘%(title)s’"),
             PlanAction.objects.filter(plan=plan).values_list("pk", "title", "title_cy")),
            ("milestones", _("Welsh of the milestone ‘%(title)s’"),
             Milestone.objects.filter(action__plan=plan).values_list("pk", "title",
                                                                     "title_cy")),
            ("targets", _("Welsh of the target ‘%(title)s’"),
             Target.objects.filter(plan=plan).values_list("pk", "title", "title_cy"))):
        needed += [welsh.Needed(f"{kind}.{pk}.title_cy", label % {"title": title}, title,
                                title_cy) for pk, title, title_cy in rows]
    return needed


def set_plan_status(*, actor: User, plan: ActionPlan, status: str, signed_off_by: str = "",
                    signed_off_on: datetime.date | None = None) -> ActionPlan:
    """Agree, publish, withdraw or reopen the plan. Publishing is refused while Welsh
    that the council asks for is missing (``accounts.welsh``): checked before the change's
    transaction, so the refusal's audit row stays."""
    access.get_plan_for_user(actor, plan.pk, write=True)
    if status == PlanStatus.PUBLISHED and status in TRANSITIONS[PlanStatus(plan.status)]:
        welsh.require_welsh(actor=actor, organisations=[plan.council], obj=plan,
                            needed=welsh_needed(plan))
    return _set_plan_status(actor=actor, plan=plan, status=status,
                            signed_off_by=signed_off_by, signed_off_on=signed_off_on)


@transaction.atomic
def _set_plan_status(*, actor: User, plan: ActionPlan, status: str, signed_off_by: str,
                     signed_off_on: datetime.date | None) -> ActionPlan:
    current = PlanStatus(plan.status)
    if status not in PlanStatus.values or PlanStatus(status) not in TRANSITIONS[current]:
        raise InvalidInput(_("A %(old)s plan cannot become %(new)s.")
                           % {"old": current.label.lower(), "new": status},
                           fields={"status": [_("Choose one of the steps offered.")]})
    errors: dict[str, list[str]] = {}
    if status == PlanStatus.AGREED and current == PlanStatus.DRAFT:
        if not signed_off_by.strip():
            errors["signed_off_by"] = [_("Say who signed the plan off.")]
        if signed_off_on is None:
            errors["signed_off_on"] = [_("Give the date it was signed off.")]
        elif signed_off_on > timezone.localdate():
            errors["signed_off_on"] = [_("The date cannot be in the future.")]
        if not plan.actions.exists():
            errors["status"] = [_("Add at least one action before the plan is agreed.")]
    if errors:
        raise InvalidInput(_("Check the sign-off."), fields=errors)
    old = audit.snapshot(plan, PLAN_FIELDS)
    plan.status = status
    if status == PlanStatus.AGREED and current == PlanStatus.DRAFT:
        plan.signed_off_by, plan.signed_off_on = signed_off_by.strip(), signed_off_on
    if status == PlanStatus.DRAFT:
        plan.signed_off_by, plan.signed_off_on = "", None
    if status == PlanStatus.PUBLISHED:
        plan.published_at = timezone.now()
    plan.save()
    before, after = audit.changed(old, audit.snapshot(plan, PLAN_FIELDS))
    log(actor=actor, plan=plan, action=STATUS_ACTIONS[PlanStatus(status)], label=plan.title,
        old=before, new=after)
    return plan


@dataclass
class ActionFields:
    """Everything an action holds, as a form, the API or a CSV file gives it."""

    title: str
    description: str = ""
    title_cy: str = ""
    parent: PlanAction | None = None
    library_action: Action | None = None
    origin: str = Origin.OWN
    issues: list[LocalIssue] = field(default_factory=list)
    lead_organisation: Organisation | None = None
    lead_officer: User | None = None
    partners: list[Organisation] = field(default_factory=list)
    ward_codes: list[str] = field(default_factory=list)
    resources: str = ""
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    horizon: str = Horizon.LONG_TERM
    recurrence: str = Recurrence.ONE_OFF
    status: str = ActionStatus.PLANNED
    weight: int = 1
    rag: str = ""
    rag_reason: str = ""
    vision_link: str = ""
    case_studies: list[CaseStudy] = field(default_factory=list)
    update_every_days: int = 30


def _choice(value: str, choices: Sequence[str], name: str, message: str,
            errors: dict[str, list[str]]) -> None:
    if value not in choices:
        errors.setdefault(name, []).append(message)


def _check_action(plan: ActionPlan, fields: ActionFields, action: PlanAction | None
                  ) -> list[Area]:
    errors: dict[str, list[str]] = {}
    if not fields.title.strip():
        errors["title"] = [_("Give the action a title.")]
    _choice(fields.origin, Origin.values, "origin", _("Choose where the action comes from."),
            errors)
    if fields.origin != Origin.OWN and fields.library_action is None:
        errors["library_action"] = [_("Choose the Framework's action it adopts or adapts.")]
    _choice(fields.horizon, Horizon.values, "horizon", _("Choose quick win or long term."),
            errors)
    _choice(fields.recurrence, Recurrence.values, "recurrence",
            _("Choose one-off or ongoing."), errors)
    _choice(fields.status, ActionStatus.values, "status", _("Choose a status."), errors)
    _choice(fields.rag, ["", *Rag.values], "rag", _("Choose red, amber or green."), errors)
    if fields.rag in (Rag.RED, Rag.AMBER) and not fields.rag_reason.strip():
        errors["rag_reason"] = [_("Say why the action is red or amber.")]
    if not 1 <= fields.weight <= MAX_WEIGHT:
        errors["weight"] = [_("Give a weight from 1 to %(max)d.") % {"max": MAX_WEIGHT}]
    if not 0 <= fields.update_every_days <= 366:
        errors["update_every_days"] = [_("Give a number of days from 0 to 366.")]
    _check_period(fields.starts_on, fields.ends_on, errors, "ends_on")
    if fields.parent is not None:
        if fields.parent.plan_id != plan.pk:
            errors["parent"] = [_("A sub-action belongs to an action of the same plan.")]
        elif action is not None:
            node: PlanAction | None = fields.parent
            while node is not None:
                if node.pk == action.pk:
                    errors["parent"] = [_("An action cannot be inside itself.")]
                    break
                node = node.parent
    for issue in fields.issues:
        if issue.council_id != plan.council_id or issue.status != IssueStatus.CONFIRMED:
            errors["issues"] = [_("Choose confirmed issues of the council.")]
    if fields.lead_officer is not None:
        org = fields.lead_organisation
        if org is None or not Membership.objects.filter(user=fields.lead_officer,
                                                        organisation=org).exists():
            errors["lead_officer"] = [_("The lead officer must belong to the lead "
                                        "organisation.")]
    for case_study in fields.case_studies:
        if case_study.status != LibraryStatus.PUBLISHED:
            errors["case_studies"] = [_("Choose published case studies.")]
    wards, missing = council_wards(plan.council, fields.ward_codes)
    if missing:
        errors["wards"] = [_("No ward of the council has the code %(codes)s.")
                           % {"codes": ", ".join(missing)}]
    if errors:
        raise InvalidInput(_("Check the action."), fields=errors)
    return wards


def _snapshot(action: PlanAction) -> dict[str, Any]:
    return {**audit.snapshot(action, ACTION_FIELDS),
            "issues": sorted(action.issues.values_list("pk", flat=True)),
            "partners": sorted(action.partners.values_list("pk", flat=True)),
            "wards": sorted(action.wards.values_list("code", flat=True)),
            "case_studies": sorted(action.case_studies.values_list("slug", flat=True))}


def _apply(action: PlanAction, fields: ActionFields) -> None:
    for name in ("description", "parent", "library_action", "origin", "lead_organisation",
                 "lead_officer", "starts_on", "ends_on", "horizon", "recurrence", "status",
                 "weight", "rag", "update_every_days"):
        setattr(action, name, getattr(fields, name))
    action.title = fields.title.strip()[:300]
    action.title_cy = fields.title_cy.strip()[:300]
    action.resources = fields.resources.strip()
    action.rag_reason = fields.rag_reason.strip() if fields.rag else ""
    action.vision_link = fields.vision_link.strip()


def _set_links(action: PlanAction, fields: ActionFields, wards: list[Area]) -> None:
    action.issues.set(fields.issues)
    action.partners.set([p for p in fields.partners if p.pk != action.lead_organisation_id])
    action.wards.set(wards)
    action.case_studies.set(fields.case_studies)


@transaction.atomic
def add_action(*, actor: User, plan: ActionPlan, fields: ActionFields) -> PlanAction:
    """An action (or, with ``fields.parent``, a sub-action) at the end of its list."""
    access.get_plan_for_user(actor, plan.pk, write=True)
    wards = _check_action(plan, fields, None)
    last = PlanAction.objects.filter(plan=plan, parent=fields.parent).aggregate(
        n=Max("position"))["n"]
    action = PlanAction(plan=plan, position=(last or 0) + 1)
    _apply(action, fields)
    action.save()
    _set_links(action, fields, wards)
    log(actor=actor, plan=plan, action=audit.Action.PLANS_ACTION_CREATE,
        label=_("Action: %(title)s") % {"title": action.title},
        new={"id": action.pk, **_snapshot(action)})
    return action


@transaction.atomic
def update_action(*, actor: User, action: PlanAction, fields: ActionFields) -> PlanAction:
    access.get_action_for_user(actor, action.pk, write=True)
    wards = _check_action(action.plan, fields, action)
    old = _snapshot(action)
    if fields.parent != action.parent:
        last = PlanAction.objects.filter(plan=action.plan, parent=fields.parent).aggregate(
            n=Max("position"))["n"]
        action.position = (last or 0) + 1
    _apply(action, fields)
    action.save()
    _set_links(action, fields, wards)
    before, after = audit.changed(old, _snapshot(action))
    if after:  # a form saved unchanged, or a file read back as it was: nothing to record
        log(actor=actor, plan=action.plan, action=audit.Action.PLANS_ACTION_UPDATE,
            label=_("Action: %(title)s") % {"title": action.title},
            old={"id": action.pk, **before}, new=after)
    return action


@transaction.atomic
def delete_action(*, actor: User, action: PlanAction) -> None:
    """Only while the plan is a draft: an agreed plan keeps its actions (cancel instead)."""
    access.get_action_for_user(actor, action.pk, write=True)
    if action.plan.status != PlanStatus.DRAFT:
        raise Conflict(_("The plan has been agreed: cancel the action instead of deleting "
                         "it, so the record stays."))
    log(actor=actor, plan=action.plan, action=audit.Action.PLANS_ACTION_DELETE,
        label=_("Action: %(title)s") % {"title": action.title},
        old={"id": action.pk, **_snapshot(action)})
    action.delete()


@transaction.atomic
def set_rating(*, actor: User, action: PlanAction, rag: str, reason: str,
               status: str | None = None) -> PlanAction:
    """The lead's red/amber/green rating (with its reason) and, optionally, status."""
    access.get_action_for_user(actor, action.pk, lead=True)
    errors: dict[str, list[str]] = {}
    _choice(rag, Rag.values, "rag", _("Choose red, amber or green."), errors)
    if not reason.strip():
        errors["rag_reason"] = [_("Say why the action has this rating.")]
    if status is not None:
        _choice(status, ActionStatus.values, "status", _("Choose a status."), errors)
    if errors:
        raise InvalidInput(_("Check the rating."), fields=errors)
    old = audit.snapshot(action, ["rag", "rag_reason", "status"])
    action.rag, action.rag_reason = rag, reason.strip()
    if status is not None:
        action.status = status
    action.save(update_fields=["rag", "rag_reason", "status", "updated_at"])
    before, after = audit.changed(old, audit.snapshot(action, ["rag", "rag_reason", "status"]))
    log(actor=actor, plan=action.plan, action=audit.Action.PLANS_ACTION_RATING,
        label=_("Action: %(title)s") % {"title": action.title},
        old={"id": action.pk, **before}, new=after)
    return action


def _check_milestone(title: str, due_on: datetime.date | None, status: str,
                     completed_on: datetime.date | None, weight: int) -> None:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Say what the milestone is.")]
    if due_on is None:
        errors["due_on"] = [_("Give the date it is due.")]
    _choice(status, MilestoneStatus.values, "status", _("Choose a status."), errors)
    if completed_on is not None and status != MilestoneStatus.DONE:
        errors["completed_on"] = [_("Only a done milestone has a completion date.")]
    if not 1 <= weight <= MAX_WEIGHT:
        errors["weight"] = [_("Give a weight from 1 to %(max)d.") % {"max": MAX_WEIGHT}]
    if errors:
        raise InvalidInput(_("Check the milestone."), fields=errors)


@transaction.atomic
def add_milestone(*, actor: User, action: PlanAction, title: str, due_on: datetime.date,
                  weight: int = 1, status: str = MilestoneStatus.NOT_STARTED,
                  completed_on: datetime.date | None = None, title_cy: str = "") -> Milestone:
    access.get_action_for_user(actor, action.pk, lead=True)
    _check_milestone(title, due_on, status, completed_on, weight)
    last = Milestone.objects.filter(action=action).aggregate(n=Max("position"))["n"]
    milestone = Milestone.objects.create(
        action=action, title=title.strip()[:300], title_cy=title_cy.strip()[:300],
        due_on=due_on, status=status,
        completed_on=completed_on, weight=weight, position=(last or 0) + 1)
    log(actor=actor, plan=action.plan, action=audit.Action.PLANS_MILESTONE_CREATE,
        label=_("Milestone: %(title)s") % {"title": milestone.title},
        new={"id": milestone.pk, "action": action.pk,
             **audit.snapshot(milestone, MILESTONE_FIELDS)})
    return milestone


@transaction.atomic
def update_milestone(*, actor: User, milestone: Milestone, title: str, due_on: datetime.date,
                     status: str, weight: int = 1,
                     completed_on: datetime.date | None = None, title_cy: str = "") -> Milestone:
    """The lead organisation and the council keep milestones up to date."""
    found = access.get_milestone_for_user(actor, milestone.pk, write=True)
    if status == MilestoneStatus.DONE and completed_on is None:
        completed_on = timezone.localdate()
    _check_milestone(title, due_on, status, completed_on, weight)
    old = audit.snapshot(milestone, MILESTONE_FIELDS)
    milestone.title, milestone.due_on, milestone.status = title.strip()[:300], due_on, status
    milestone.weight, milestone.completed_on = weight, completed_on
    milestone.title_cy = title_cy.strip()[:300]
    milestone.save()
    before, after = audit.changed(old, audit.snapshot(milestone, MILESTONE_FIELDS))
    if after:
        log(actor=actor, plan=found.action.plan, action=audit.Action.PLANS_MILESTONE_UPDATE,
            label=_("Milestone: %(title)s") % {"title": milestone.title},
            old={"id": milestone.pk, **before}, new=after)
    return milestone


@transaction.atomic
def delete_milestone(*, actor: User, milestone: Milestone) -> None:
    found = access.get_milestone_for_user(actor, milestone.pk, write=True)
    access.get_action_for_user(actor, milestone.action_id, write=True)
    log(actor=actor, plan=found.action.plan, action=audit.Action.PLANS_MILESTONE_DELETE,
        label=_("Milestone: %(title)s") % {"title": milestone.title},
        old={"id": milestone.pk, **audit.snapshot(milestone, MILESTONE_FIELDS)})
    milestone.delete()


@dataclass
class TargetFields:
    title: str
    measure: str
    baseline_on: datetime.date
    target_value: float
    target_on: datetime.date
    baseline_value: float | None = None  # None: read it from the platform
    baseline_low: float | None = None
    baseline_high: float | None = None
    area: Area | None = None
    action: PlanAction | None = None
    notes: str = ""
    title_cy: str = ""


@dataclass(frozen=True)
class Baseline:
    value: float
    low: float | None
    high: float | None
    on: datetime.date


def _check_target(plan: ActionPlan, fields: TargetFields) -> Baseline:
    """The target's baseline once everything checks: as given, or read from the platform."""
    errors: dict[str, list[str]] = {}
    if not fields.title.strip():
        errors["title"] = [_("Say what the target is.")]
    try:
        kind, _param = measures.split(fields.measure)
    except InvalidInput as error:
        errors.update(error.fields)
        kind = None
    if fields.area is not None:
        if fields.area.level != AreaLevel.WARD or fields.area.parent_id is None or \
                not Area.objects.filter(pk=fields.area.parent_id,
                                        code=plan.council.area_code).exists():
            errors["area"] = [_("Choose a ward of the council, or the whole council.")]
        elif kind is not None and kind.key == "place":
            errors["area"] = [_("Council indicators are held for whole councils only.")]
    if fields.target_on <= fields.baseline_on:
        errors["target_on"] = [_("The target date must be after the baseline date.")]
    if fields.action is not None and fields.action.plan_id != plan.pk:
        errors["action"] = [_("Choose an action of this plan.")]
    if (fields.baseline_low is None) != (fields.baseline_high is None):
        errors["baseline_high"] = [_("Give both ends of the baseline's interval, or "
                                     "neither.")]
    if errors:
        raise InvalidInput(_("Check the target."), fields=errors)
    if fields.baseline_value is not None:
        return Baseline(fields.baseline_value, fields.baseline_low, fields.baseline_high,
                        fields.baseline_on)
    reading = measures.read(fields.measure, scope_for(plan, fields.area), fields.baseline_on)
    if reading is None or reading.value is None:
        raise InvalidInput(_("Check the target."), fields={"baseline_value": [
            _("The platform holds no value for that date: enter the baseline.")]})
    on = fields.baseline_on
    if reading.as_of is not None and reading.as_of <= on:
        on = reading.as_of
    return Baseline(reading.value, reading.low, reading.high, on)


def _target_snapshot(target: Target) -> dict[str, Any]:
    return audit.snapshot(target, TARGET_FIELDS)


@transaction.atomic
def add_target(*, actor: User, plan: ActionPlan, fields: TargetFields) -> Target:
    """A target on a measure; with no baseline value, the platform's reading for the
    baseline date is used (and its date, when the data describe an earlier day)."""
    access.get_plan_for_user(actor, plan.pk, write=True)
    baseline = _check_target(plan, fields)
    last = Target.objects.filter(plan=plan).aggregate(n=Max("position"))["n"]
    target = Target.objects.create(
        plan=plan, action=fields.action, title=fields.title.strip()[:300],
        title_cy=fields.title_cy.strip()[:300],
        measure=fields.measure, area=fields.area, baseline_value=baseline.value,
        baseline_low=baseline.low, baseline_high=baseline.high,
        baseline_on=baseline.on, target_value=fields.target_value,
        target_on=fields.target_on, notes=fields.notes.strip(), position=(last or 0) + 1)
    log(actor=actor, plan=plan, action=audit.Action.PLANS_TARGET_CREATE,
        label=_("Target: %(title)s") % {"title": target.title},
        new={"id": target.pk, **_target_snapshot(target)})
    return target


@transaction.atomic
def update_target(*, actor: User, target: Target, fields: TargetFields) -> Target:
    access.get_target_for_user(actor, target.pk, write=True)
    baseline = _check_target(target.plan, fields)
    old = _target_snapshot(target)
    target.title, target.measure, target.area = fields.title.strip()[:300], \
        fields.measure, fields.area
    target.action, target.notes = fields.action, fields.notes.strip()
    target.title_cy = fields.title_cy.strip()[:300]
    target.baseline_value, target.baseline_low = baseline.value, baseline.low
    target.baseline_high, target.baseline_on = baseline.high, baseline.on
    target.target_value, target.target_on = fields.target_value, fields.target_on
    target.save()
    before, after = audit.changed(old, _target_snapshot(target))
    if after:
        log(actor=actor, plan=target.plan, action=audit.Action.PLANS_TARGET_UPDATE,
            label=_("Target: %(title)s") % {"title": target.title},
            old={"id": target.pk, **before}, new=after)
    return target


@transaction.atomic
def delete_target(*, actor: User, target: Target) -> None:
    access.get_target_for_user(actor, target.pk, write=True)
    log(actor=actor, plan=target.plan, action=audit.Action.PLANS_TARGET_DELETE,
        label=_("Target: %(title)s") % {"title": target.title},
        old={"id": target.pk, **_target_snapshot(target)})
    target.delete()


@transaction.atomic
def add_target_reading(*, actor: User, target: Target, value: float, on: datetime.date,
                       low: float | None = None, high: float | None = None,
                       note: str = "") -> TargetReading:
    """A figure for a target on a manual measure."""
    access.get_target_for_user(actor, target.pk, write=True)
    errors: dict[str, list[str]] = {}
    if not target.measure.startswith("manual:"):
        errors["value"] = [_("The platform reads this measure itself.")]
    if (low is None) != (high is None):
        errors["high"] = [_("Give both ends of the interval, or neither.")]
    elif low is not None and high is not None and not low <= value <= high:
        errors["high"] = [_("The interval must contain the value.")]
    if on > timezone.localdate():
        errors["on"] = [_("The date cannot be in the future.")]
    if errors:
        raise InvalidInput(_("Check the figure."), fields=errors)
    reading = TargetReading.objects.create(target=target, value=value, low=low, high=high,
                                           on=on, note=note.strip()[:300], entered_by=actor)
    log(actor=actor, plan=target.plan, action=audit.Action.PLANS_TARGET_READING,
        label=_("Target: %(title)s") % {"title": target.title},
        new={"target": target.pk, "value": value, "low": low, "high": high, "on": on})
    return reading

