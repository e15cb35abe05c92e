"""The vision and strategy (kept in versions) and the cohesion partnership (members,
meetings, decisions that create plan actions). Every change writes an audit row."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.accounts.models import Organisation, OrganisationKind, User
from commonground.assessments import access
from commonground.assessments.models import (
    Meeting,
    MeetingDecision,
    PartnershipMember,
    Strategy,
    StrategyConsultation,
    StrategyVersion,
)
from commonground.core import audit
from commonground.core.errors import Conflict, InvalidInput
from commonground.plans.models import ActionPlan, IssueStatus, LocalIssue
from commonground.plans.services import plans as plan_services


def _record(actor: User, council_id: int, obj: object, action: audit.Action,
            new: dict[str, object] | None = None, old: dict[str, object] | None = None
            ) -> None:
    audit.record(actor=actor, action=action, obj=obj,  # type: ignore[arg-type]
                 organisation_id=council_id, old=old, new=new)


@dataclass
class StrategyFields:
    vision: str
    principles: str = ""
    priorities: str = ""
    issues: Sequence[LocalIssue] = field(default_factory=list)
    plans: Sequence[ActionPlan] = field(default_factory=list)
    adopted_on: datetime.date | None = None
    adopted_by: str = ""
    review_on: datetime.date | None = None


def _check(council: Organisation, fields: StrategyFields) -> None:
    errors: dict[str, list[str]] = {}
    if not fields.vision.strip():
        errors["vision"] = [_("Write the vision statement.")]
    if any(i.council_id != council.pk or i.status != IssueStatus.CONFIRMED
           for i in fields.issues):
        errors["issues"] = [_("Choose confirmed issues of the council.")]
    if any(p.council_id != council.pk for p in fields.plans):
        errors["plans"] = [_("Choose the council's plans.")]
    if fields.adopted_on is not None:
        if fields.adopted_on > timezone.localdate():
            errors["adopted_on"] = [_("The date cannot be in the future.")]
        if not fields.adopted_by.strip():
            errors["adopted_by"] = [_("Say who adopted it.")]
    if fields.review_on and fields.adopted_on and fields.review_on <= fields.adopted_on:
        errors["review_on"] = [_("The review must come after the adoption.")]
    if errors:
        raise InvalidInput(_("Check the strategy."), fields=errors)


def _version(actor: User, strategy: Strategy, fields: StrategyFields) -> StrategyVersion:
    last = strategy.versions.aggregate(n=Max("number"))["n"] or 0
    version = StrategyVersion.objects.create(
        strategy=strategy, number=last + 1, vision=fields.vision.strip(),
        principles=fields.principles.strip(), priorities=fields.priorities.strip(),
        adopted_on=fields.adopted_on, adopted_by=fields.adopted_by.strip()[:200],
        review_on=fields.review_on, created_by=actor)
    version.issues.set(fields.issues)
    version.plans.set(fields.plans)
    _record(actor, strategy.council_id, strategy, audit.Action.ASSESSMENTS_STRATEGY_VERSION,
            new={"number": version.number, "adopted_on": version.adopted_on,
                 "review_on": version.review_on,
                 "issues": sorted(i.pk for i in fields.issues),
                 "plans": sorted(p.pk for p in fields.plans)})
    return version


@transaction.atomic
def create_strategy(*, actor: User, council: Organisation, title: str,
                    fields: StrategyFields) -> Strategy:
    access.get_council_for_user(actor, council.slug, write=True)
    if not title.strip():
        raise InvalidInput(_("Check the strategy."),
                           fields={"title": [_("Give the strategy a name.")]})
    _check(council, fields)
    strategy = Strategy.objects.create(council=council, title=title.strip()[:200])
    _record(actor, council.pk, strategy, audit.Action.ASSESSMENTS_STRATEGY_CREATE,
            new={"title": strategy.title})
    _version(actor, strategy, fields)
    return strategy


@transaction.atomic
def save_version(*, actor: User, strategy: Strategy, fields: StrategyFields
                 ) -> StrategyVersion:
    """A change is a new version; earlier versions are kept as they were."""
    access.get_strategy_for_user(actor, strategy.pk, write=True)
    _check(strategy.council, fields)
    return _version(actor, strategy, fields)


@transaction.atomic
def add_strategy_consultation(*, actor: User, strategy: Strategy, who: str,
                              held_on: datetime.date, how: str, notes: str = ""
                              ) -> StrategyConsultation:
    access.get_strategy_for_user(actor, strategy.pk, write=True)
    errors: dict[str, list[str]] = {}
    if not who.strip():
        errors["who"] = [_("Say who was consulted.")]
    if not how.strip():
        errors["how"] = [_("Say how they were consulted.")]
    if held_on > timezone.localdate():
        errors["held_on"] = [_("The date cannot be in the future.")]
    if errors:
        raise InvalidInput(_("Check the consultation."), fields=errors)
    found = StrategyConsultation.objects.create(strategy=strategy, who=who.strip()[:300],
                                                held_on=held_on, how=how.strip()[:300],
                                                notes=notes.strip())
    _record(actor, strategy.council_id, strategy,
            audit.Action.ASSESSMENTS_STRATEGY_CONSULTATION,
            new={"id": found.pk, "who": found.who, "held_on": held_on, "how": found.how})
    return found


@transaction.atomic
def add_member(*, actor: User, council: Organisation, organisation: Organisation | None,
               role: str, joined_on: datetime.date | None = None) -> PartnershipMember:
    access.get_partnership_for_user(actor, council.slug, write=True)
    errors: dict[str, list[str]] = {}
    if organisation is None or organisation.pk == council.pk:
        errors["organisation"] = [_("Choose a partner organisation.")]
    elif PartnershipMember.objects.filter(council=council, organisation=organisation).exists():
        errors["organisation"] = [_("This organisation is already a member.")]
    if not role.strip():
        errors["role"] = [_("Say what the organisation does in the partnership.")]
    if errors:
        raise InvalidInput(_("Check the member."), fields=errors)
    assert organisation is not None
    member = PartnershipMember.objects.create(council=council, organisation=organisation,
                                              role=role.strip()[:300], joined_on=joined_on)
    _record(actor, council.pk, member, audit.Action.ASSESSMENTS_PARTNER_ADD,
            new={"organisation": organisation.pk, "role": member.role})
    return member


@transaction.atomic
def remove_member(*, actor: User, member: PartnershipMember) -> None:
    council = access.get_partnership_for_user(actor, member.council.slug, write=True)
    _record(actor, council.pk, member, audit.Action.ASSESSMENTS_PARTNER_REMOVE,
            old={"organisation": member.organisation_id, "role": member.role})
    member.delete()


@transaction.atomic
def record_meeting(*, actor: User, council: Organisation, held_on: datetime.date, title: str,
                   attendees: str = "", notes: str = "") -> Meeting:
    access.get_partnership_for_user(actor, council.slug, write=True)
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the meeting a name.")]
    if held_on > timezone.localdate() + datetime.timedelta(days=366):
        errors["held_on"] = [_("Give a date within the next year.")]
    if errors:
        raise InvalidInput(_("Check the meeting."), fields=errors)
    meeting = Meeting.objects.create(council=council, held_on=held_on,
                                     title=title.strip()[:200], attendees=attendees.strip(),
                                     notes=notes.strip(), created_by=actor)
    _record(actor, council.pk, meeting, audit.Action.ASSESSMENTS_MEETING_CREATE,
            new={"title": meeting.title, "held_on": held_on})
    return meeting


@transaction.atomic
def add_decision(*, actor: User, meeting: Meeting, text: str, plan: ActionPlan | None = None,
                 action_title: str = "", lead_organisation: Organisation | None = None
                 ) -> MeetingDecision:
    """A decision of the meeting; with a plan, it also creates the action that carries it
    out (through the plans' own service)."""
    found = access.get_meeting_for_user(actor, meeting.pk, write=True)
    errors: dict[str, list[str]] = {}
    if not text.strip():
        errors["text"] = [_("Say what was decided.")]
    if plan is not None and plan.council_id != found.council.pk:
        errors["plan"] = [_("Choose one of the council's plans.")]
    if lead_organisation is not None and lead_organisation.kind == OrganisationKind.COUNCIL \
            and lead_organisation.pk != found.council.pk:
        errors["lead_organisation"] = [_("Choose the council or a partner organisation.")]
    if errors:
        raise InvalidInput(_("Check the decision."), fields=errors)
    action = None
    if plan is not None:
        if meeting.decisions.filter(action__isnull=False, text=text.strip()).exists():
            raise Conflict(_("This decision already has its action."))
        action = plan_services.add_action(actor=actor, plan=plan, fields=plan_services.ActionFields(
            title=(action_title.strip() or text.strip())[:300],
            description=_("Decided by the cohesion partnership at “%(meeting)s” on %(date)s.")
            % {"meeting": meeting.title, "date": meeting.held_on.isoformat()},
            lead_organisation=lead_organisation or found.council))
    decision = MeetingDecision.objects.create(meeting=meeting, text=text.strip(), action=action)
    _record(actor, found.council.pk, meeting, audit.Action.ASSESSMENTS_MEETING_DECISION,
            new={"decision": decision.pk, "action": action.pk if action else None})
    return decision
