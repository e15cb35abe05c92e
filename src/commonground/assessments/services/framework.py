"""The Equality Framework self-assessment: start one (it remembers the council's last
completed one), rate each criterion, link evidence the platform holds, turn improvement
points into plan actions, complete it. A completed self-assessment is a record: it no
longer changes (start the next one instead)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.accounts.models import Organisation, User
from commonground.assessments import access, indexing, questions, selectors
from commonground.assessments.models import (
    EvidenceKind,
    EvidenceLink,
    ImprovementPoint,
    Level,
    Rating,
    SelfAssessment,
    SelfAssessmentStatus,
)
from commonground.core import audit
from commonground.core.errors import Conflict, InvalidInput
from commonground.plans.models import ActionPlan
from commonground.plans.services import plans as plan_services


def _record(actor: User, found: SelfAssessment, action: audit.Action,
            old: dict[str, object] | None = None, new: dict[str, object] | None = None) -> None:
    audit.record(actor=actor, action=action, obj=found, organisation_id=found.council_id,
                 old=old, new=new)


def _open(found: SelfAssessment) -> None:
    if found.status != SelfAssessmentStatus.IN_PROGRESS:
        raise Conflict(_("The self-assessment is completed: start the next one to change "
                         "anything."))


def _criterion(criterion: str) -> questions.Criterion:
    found = questions.equality_framework().criterion(criterion)
    if found is None:
        raise InvalidInput(_("There is no such criterion."),
                           fields={"criterion": [_("There is no such criterion.")]})
    return found


@transaction.atomic
def start(*, actor: User, council: Organisation, title: str) -> SelfAssessment:
    access.get_council_for_user(actor, council.slug, write=True)
    if not title.strip():
        raise InvalidInput(_("Check the self-assessment."),
                           fields={"title": [_("Give the self-assessment a name.")]})
    previous = (SelfAssessment.objects.filter(council=council,
                                              status=SelfAssessmentStatus.COMPLETED)
                .order_by("-completed_on", "-pk").first())
    found = SelfAssessment.objects.create(council=council, title=title.strip()[:200],
                                          previous=previous, created_by=actor)
    _record(actor, found, audit.Action.ASSESSMENTS_SELF_CREATE,
            new={"title": found.title, "previous": previous.pk if previous else None})
    indexing.index_self_assessment(found)
    return found


@transaction.atomic
def rate(*, actor: User, self_assessment: SelfAssessment, criterion: str, level: str,
         notes: str = "") -> Rating:
    access.get_self_assessment_for_user(actor, self_assessment.pk, write=True)
    _open(self_assessment)
    _criterion(criterion)
    if level not in Level.values:
        raise InvalidInput(_("Check the level."),
                           fields={"level": [_("Choose Developing, Achieving or Excellent.")]})
    rating, _created = Rating.objects.get_or_create(
        self_assessment=self_assessment, criterion=criterion, defaults={"level": level})
    old = {"level": None if _created else rating.level}
    rating.level, rating.notes = level, notes.strip()
    rating.save()
    _record(actor, self_assessment, audit.Action.ASSESSMENTS_SELF_RATE,
            old={"criterion": criterion, **old}, new={"criterion": criterion, "level": level})
    indexing.index_self_assessment(self_assessment)
    return rating


@transaction.atomic
def add_evidence(*, actor: User, self_assessment: SelfAssessment, criterion: str,
                 choice: str = "", url: str = "", label: str = "") -> EvidenceLink:
    """``choice`` names a platform object ("plan:12", see selectors.evidence_choices);
    without one, ``url`` and ``label`` give a link elsewhere."""
    access.get_self_assessment_for_user(actor, self_assessment.pk, write=True)
    _open(self_assessment)
    _criterion(criterion)
    kind, object_id = EvidenceKind.LINK.value, None
    if choice:
        offered = {c.value: c for c in selectors.evidence_choices(self_assessment.council)}
        picked = offered.get(choice)
        if picked is None:
            raise InvalidInput(_("Check the evidence."), fields={"choice": [
                _("Choose something the council holds on the platform.")]})
        kind, object_id, label, url = picked.kind, picked.object_id, picked.label, picked.url
    else:
        errors: dict[str, list[str]] = {}
        if not url.strip().startswith(("https://", "http://")):
            errors["url"] = [_("Choose something on the platform, or give a web address "
                               "starting with https://.")]
        if not label.strip():
            errors["label"] = [_("Say what the link is.")]
        if errors:
            raise InvalidInput(_("Check the evidence."), fields=errors)
    link = EvidenceLink.objects.create(
        self_assessment=self_assessment, criterion=criterion, kind=kind, object_id=object_id,
        label=label.strip()[:300], url=url.strip()[:500])
    _record(actor, self_assessment, audit.Action.ASSESSMENTS_SELF_EVIDENCE_ADD,
            new={"id": link.pk, "criterion": criterion, "kind": kind, "object_id": object_id})
    return link


@transaction.atomic
def remove_evidence(*, actor: User, link: EvidenceLink) -> None:
    found = access.get_evidence_for_user(actor, link.pk, write=True)
    _open(found.self_assessment)
    _record(actor, found.self_assessment, audit.Action.ASSESSMENTS_SELF_EVIDENCE_REMOVE,
            old={"id": link.pk, "criterion": link.criterion, "kind": link.kind})
    link.delete()


@transaction.atomic
def add_improvement(*, actor: User, self_assessment: SelfAssessment, criterion: str,
                    title: str, plan: ActionPlan | None,
                    lead_organisation: Organisation | None = None,
                    ends_on: datetime.date | None = None) -> ImprovementPoint:
    """An improvement point and, in the same step, the plan action that delivers it."""
    access.get_self_assessment_for_user(actor, self_assessment.pk, write=True)
    _open(self_assessment)
    found = _criterion(criterion)
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Say what will be improved.")]
    if plan is None or plan.council_id != self_assessment.council_id:
        errors["plan"] = [_("Choose the council's plan that will carry it out.")]
    if errors:
        raise InvalidInput(_("Check the improvement point."), fields=errors)
    assert plan is not None  # checked above; for the type checker
    action = plan_services.add_action(actor=actor, plan=plan, fields=plan_services.ActionFields(
        title=title.strip()[:300],
        description=_("An improvement point of the equality self-assessment “%(title)s”: "
                      "%(criterion)s") % {"title": self_assessment.title,
                                          "criterion": found.text.en},
        lead_organisation=lead_organisation or self_assessment.council, ends_on=ends_on))
    point = ImprovementPoint.objects.create(self_assessment=self_assessment,
                                            criterion=criterion, title=title.strip()[:300],
                                            action=action)
    _record(actor, self_assessment, audit.Action.ASSESSMENTS_SELF_IMPROVEMENT,
            new={"id": point.pk, "criterion": criterion, "plan": plan.pk,
                 "action": action.pk})
    indexing.index_self_assessment(self_assessment)
    return point


@transaction.atomic
def complete(*, actor: User, self_assessment: SelfAssessment) -> SelfAssessment:
    """Every criterion rated; then it is a dated record."""
    access.get_self_assessment_for_user(actor, self_assessment.pk, write=True)
    _open(self_assessment)
    rated = set(Rating.objects.filter(self_assessment=self_assessment)
                .values_list("criterion", flat=True))
    missing = [c.id for a in questions.equality_framework().areas for c in a.criteria
               if c.id not in rated]
    if missing:
        raise Conflict(_("Rate every criterion before completing: %(n)d are not rated yet.")
                       % {"n": len(missing)})
    self_assessment.status = SelfAssessmentStatus.COMPLETED
    self_assessment.completed_on = timezone.localdate()
    self_assessment.save()
    _record(actor, self_assessment, audit.Action.ASSESSMENTS_SELF_COMPLETE,
            new={"status": self_assessment.status,
                 "completed_on": self_assessment.completed_on})
    return self_assessment
