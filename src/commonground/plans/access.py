"""Who sees what in plans: the one way to fetch each protected object for a user.

- A council owns its mapping exercises, issues and plans. Every member of the council
  organisation reads them; its officers and administrators change them; its analysts
  also work on mapping exercises.
- An organisation named on an action of a plan (its lead or a partner) reads that plan
  and reports progress on that action; the lead organisation also sets the action's
  milestones' status and its red/amber/green rating.
- Everyone else (other councils, residents, the public, and platform moderators and
  administrators, whose roles give no access to a council's own work) sees only
  published plans, read only, through the public page.

Objects a user may not see raise ``NotFound`` (the same answer as for an object that
does not exist); objects they may see but not change raise ``PermissionDenied``. Every
page, API endpoint and export fetches through these functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from commonground.accounts.access import memberships, require_user
from commonground.accounts.models import Organisation, OrganisationKind, Role
from commonground.accounts.types import Visitor
from commonground.core.cached_sql import CachedSQL, columns
from commonground.core.errors import PermissionDenied, not_found
from commonground.plans.models import (
    ActionPlan,
    LocalEvidence,
    LocalIssue,
    MappingExercise,
    Milestone,
    PlanAction,
    PlanStatus,
    ProfileVersion,
    ProgressUpdate,
    Target,
)

WRITE_ROLES = (Role.OFFICER, Role.ADMIN)
MAPPING_ROLES = (Role.OFFICER, Role.ANALYST, Role.ADMIN)


@dataclass
class Reach:
    """What one user may reach in plans, from their memberships (read once per request)."""

    read_councils: set[int] = field(default_factory=set)
    write_councils: set[int] = field(default_factory=set)
    mapping_councils: set[int] = field(default_factory=set)
    organisations: set[int] = field(default_factory=set)


def reach_of(user: Visitor) -> Reach:
    reach = Reach()
    if user is None or not user.is_authenticated:
        return reach
    for membership in memberships(user):
        org_id = membership.organisation_id
        reach.organisations.add(org_id)
        if membership.organisation.kind != OrganisationKind.COUNCIL:
            continue
        reach.read_councils.add(org_id)
        if membership.role in WRITE_ROLES:
            reach.write_councils.add(org_id)
        if membership.role in MAPPING_ROLES:
            reach.mapping_councils.add(org_id)
    return reach


def councils_for(user: Visitor, *, write: bool = False, mapping: bool = False
                 ) -> list[Organisation]:
    """The councils whose plans (or, with ``mapping``, exercises) the user may change, or
    read when ``write`` is False."""
    reach = reach_of(user)
    ids = (reach.mapping_councils if mapping else reach.write_councils) if write \
        else reach.read_councils
    return sorted((m.organisation for m in memberships(user) if m.organisation_id in ids),
                  key=lambda organisation: organisation.name) if user.is_authenticated else []


def get_council_for_user(user: Visitor, slug: str, *, write: bool = False, mapping: bool = False
                         ) -> Organisation:
    """A council's plans workspace: its members read; its officers and admins (and for
    mapping, analysts) change."""
    require_user(user)
    reach = reach_of(user)
    council = next((m.organisation for m in memberships(user)
                    if m.organisation.slug == slug and m.organisation_id in reach.read_councils),
                   None)
    if council is None:
        raise not_found(_("council"))
    allowed = reach.mapping_councils if mapping else reach.write_councils
    if write and council.pk not in allowed:
        raise PermissionDenied(_("Only the council's officers can do this."))
    return council


def _council_owned(user: Visitor, council_id: int, kind: str, *, write: bool,
                   mapping: bool = False) -> None:
    require_user(user)
    reach = reach_of(user)
    if council_id not in reach.read_councils:
        raise not_found(kind)
    allowed = reach.mapping_councils if mapping else reach.write_councils
    if write and council_id not in allowed:
        raise PermissionDenied(_("Only the council's officers can change this."))


def get_exercise_for_user(user: Visitor, exercise_id: int, *, write: bool = False
                          ) -> MappingExercise:
    exercise = (MappingExercise.objects.select_related("council", "council_area",
                                                       "custom_area")
                .defer("council_area__boundary").filter(pk=exercise_id).first())
    require_user(user)
    if exercise is None:
        raise not_found(_("mapping exercise"))
    _council_owned(user, exercise.council_id, _("mapping exercise"), write=write, mapping=True)
    return exercise


def get_evidence_for_user(user: Visitor, evidence_id: int, *, write: bool = False
                          ) -> LocalEvidence:
    require_user(user)
    evidence = (LocalEvidence.objects.select_related("exercise", "organisation")
                .filter(pk=evidence_id).first())
    if evidence is None:
        raise not_found(_("evidence"))
    _council_owned(user, evidence.exercise.council_id, _("evidence"), write=write, mapping=True)
    return evidence


def get_version_for_user(user: Visitor, exercise_id: int, number: int) -> ProfileVersion:
    exercise = get_exercise_for_user(user, exercise_id)
    version = ProfileVersion.objects.filter(exercise=exercise, number=number).first()
    if version is None:
        raise not_found(_("profile version"))
    version.exercise = exercise
    return version


def get_local_issue_for_user(user: Visitor, issue_id: int, *, write: bool = False) -> LocalIssue:
    require_user(user)
    issue = (LocalIssue.objects.select_related("council", "framework_issue", "exercise")
             .filter(pk=issue_id).first())
    if issue is None:
        raise not_found(_("issue"))
    _council_owned(user, issue.council_id, _("issue"), write=write)
    return issue


def insider_plan_ids(user: Visitor) -> QuerySet[ActionPlan]:
    """Plans the user reads as an insider: their council's, or naming their organisation."""
    reach = reach_of(user)
    if not reach.organisations:
        return ActionPlan.objects.none()
    named = PlanAction.objects.filter(
        Q(lead_organisation_id__in=reach.organisations)
        | Q(partners__in=reach.organisations)).values("plan_id")
    return ActionPlan.objects.filter(Q(council_id__in=reach.read_councils) | Q(pk__in=named))


def is_insider(user: Visitor, plan: ActionPlan) -> bool:
    """The council's members, and members of organisations named on its actions."""
    reach = reach_of(user)
    if plan.council_id in reach.read_councils:
        return True
    if not reach.organisations:
        return False
    return PlanAction.objects.filter(plan=plan).filter(
        Q(lead_organisation_id__in=reach.organisations)
        | Q(partners__in=reach.organisations)).exists()


def visible_plans(user: Visitor) -> QuerySet[ActionPlan]:
    published = ActionPlan.objects.filter(status=PlanStatus.PUBLISHED)
    if user is None or not user.is_authenticated:
        return published
    return ActionPlan.objects.filter(Q(status=PlanStatus.PUBLISHED)
                                     | Q(pk__in=insider_plan_ids(user).values("pk")))


_PLAN = columns(ActionPlan)
_COUNCIL = columns(Organisation, via="council__")
# Every plan page reads its plan and council first; the SQL is built once per process
# (core/cached_sql.py), which halved the CPU this read took.
_PLAN_WITH_COUNCIL = CachedSQL(ActionPlan, lambda plan_id: (
    ActionPlan.objects.filter(pk=plan_id).values_list(*_PLAN.lookups, *_COUNCIL.lookups)))


def _plan_with_council(plan_id: int) -> ActionPlan:
    """What ``select_related("council")`` gives, or not found."""
    rows = _PLAN_WITH_COUNCIL.rows(plan_id)
    if not rows:
        raise not_found(_("plan"))
    db = ActionPlan.objects.db
    plan = _PLAN.build(rows[0], 0, db)
    plan.council = _COUNCIL.build(rows[0], len(_PLAN.attnames), db)
    return plan


def get_plan_for_user(user: Visitor, plan_id: int, *, write: bool = False) -> ActionPlan:
    return _reachable(user, _plan_with_council(plan_id), write=write)


def _reachable(user: Visitor, plan: ActionPlan, *, write: bool = False) -> ActionPlan:
    """The plan if the user may read it (or, with ``write``, change it), else not found
    or refused: the one check behind every plan, action, milestone and update."""
    if write:
        require_user(user)
    reach = reach_of(user)
    if not (plan.is_published or is_insider(user, plan)):
        raise not_found(_("plan"))
    if write and plan.council_id not in reach.write_councils:
        raise PermissionDenied(_("Only the council's officers can change its plan."))
    return plan


def _action(action_id: int) -> PlanAction:
    action = (PlanAction.objects.select_related("plan", "plan__council", "lead_organisation",
                                                "lead_officer", "parent", "library_action")
              .filter(pk=action_id).first())
    if action is None:
        raise not_found(_("action"))
    return action


def partner_ids(action: PlanAction) -> set[int]:
    return set(action.partners.values_list("pk", flat=True))


def may_report(user: Visitor, action: PlanAction) -> bool:
    """Council officers, and members of the lead or a partner organisation."""
    reach = reach_of(user)
    if action.plan.council_id in reach.write_councils:
        return True
    return bool(reach.organisations & ({action.lead_organisation_id} | partner_ids(action)))


def may_lead(user: Visitor, action: PlanAction) -> bool:
    """Council officers, and members of the lead organisation."""
    reach = reach_of(user)
    return (action.plan.council_id in reach.write_councils
            or action.lead_organisation_id in reach.organisations)


def get_action_for_user(user: Visitor, action_id: int, *, write: bool = False,
                        report: bool = False, lead: bool = False) -> PlanAction:
    """``write``: change the action itself (the council); ``lead``: set its milestones'
    status and its rating (also the lead organisation); ``report``: add a progress
    update (also partners)."""
    if write or report or lead:
        require_user(user)
    action = _action(action_id)
    _reachable(user, action.plan)  # read with the action, council and all
    if write and action.plan.council_id not in reach_of(user).write_councils:
        raise PermissionDenied(_("Only the council's officers can change this action."))
    if lead and not may_lead(user, action):
        raise PermissionDenied(_("Only the lead organisation and the council's officers can "
                                 "do this."))
    if report and not may_report(user, action):
        raise PermissionDenied(_("Only the lead organisation, its partners and the council's "
                                 "officers can report progress on this action."))
    return action


def get_milestone_for_user(user: Visitor, milestone_id: int, *, write: bool = False) -> Milestone:
    milestone = Milestone.objects.filter(pk=milestone_id).first()
    if milestone is None:
        raise not_found(_("milestone"))
    milestone.action = get_action_for_user(user, milestone.action_id, lead=write)
    return milestone


def get_target_for_user(user: Visitor, target_id: int, *, write: bool = False) -> Target:
    target = Target.objects.select_related("area", "action").filter(pk=target_id).first()
    if target is None:
        raise not_found(_("target"))
    target.plan = get_plan_for_user(user, target.plan_id, write=write)
    return target


def get_update_for_user(user: Visitor, update_id: int) -> ProgressUpdate:
    """Insiders read every update; others, only public ones of published plans."""
    update = (ProgressUpdate.objects.select_related("organisation", "author")
              .filter(pk=update_id).first())
    if update is None:
        raise not_found(_("update"))
    action = get_action_for_user(user, update.action_id)
    if not update.public and not is_insider(user, action.plan):
        raise not_found(_("update"))
    update.action = action
    return update
