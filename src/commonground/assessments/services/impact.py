"""Cohesion impact assessments: start one, screen it, record the full assessment
(effects, consultations, mitigations that become plan actions, the commissioning
checklist), sign it off with its decision and review date, and publish its summary.

Every change writes an audit row against the assessment, with the acting user. Changes to
the working are refused once the assessment is signed off: reopen it first, so the record
of what was signed off stays true.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonground.accounts import welsh
from commonground.accounts.models import Organisation, User
from commonground.assessments import access, indexing, picture, questions, selectors
from commonground.assessments.models import (
    Answer,
    AssessmentSettings,
    Characteristic,
    ChecklistAnswer,
    Consultation,
    Decision,
    Direction,
    Effect,
    ImpactAssessment,
    Likelihood,
    Mitigation,
    Part,
    ProposalKind,
    Reach,
    ScreeningAnswer,
    Severity,
    Stage,
)
from commonground.core import audit
from commonground.core.errors import Conflict, InvalidInput
from commonground.places.models import Area, CustomArea
from commonground.plans.models import ActionPlan, PlanAction
from commonground.plans.services import plans as plan_services
from commonground.plans.services.issues import wards_checked

ASSESSMENT_FIELDS = ["title", "title_cy", "kind", "description", "description_cy",
                     "decided_by", "reach", "reach_label", "plan", "stage", "decision",
                     "decision_reasons", "signed_off_by", "signed_off_on", "review_on",
                     "summary", "summary_cy"]


def _record(actor: User, assessment: ImpactAssessment, action: audit.Action,
            old: dict[str, Any] | None = None, new: dict[str, Any] | None = None) -> None:
    audit.record(actor=actor, action=action, obj=assessment,
                 organisation_id=assessment.council_id, old=old, new=new)


def _draft(assessment: ImpactAssessment) -> None:
    if not assessment.is_draft:
        raise Conflict(_("The assessment has been signed off: reopen it before changing "
                         "it, so the record of what was signed off stays true."))


@transaction.atomic
def save_settings(*, actor: User, council: Organisation, equality: bool, socio_economic: bool,
                  welsh: bool) -> AssessmentSettings:
    """Which parts the council's new assessments include (its officers and admins)."""
    access.get_council_for_user(actor, council.slug, write=True)
    found, _created = AssessmentSettings.objects.get_or_create(organisation=council)
    old = audit.snapshot(found, ["equality", "socio_economic", "welsh"])
    found.equality, found.socio_economic, found.welsh = equality, socio_economic, welsh
    found.save()
    before, after = audit.changed(old, audit.snapshot(found, ["equality", "socio_economic",
                                                              "welsh"]))
    if after:
        audit.record(actor=actor, action=audit.Action.ASSESSMENTS_SETTINGS_UPDATE, obj=found,
                     organisation_id=council.pk, old=before, new=after)
    return found


@dataclass
class ProposalFields:
    """What the proposal is, who decides, and where it reaches."""

    title: str
    kind: str
    description: str
    decided_by: str
    reach: str = Reach.COUNCIL
    custom_area: CustomArea | None = None
    ward_codes: Sequence[str] = ()
    plan: ActionPlan | None = None
    title_cy: str = ""
    description_cy: str = ""


def _check_proposal(council: Organisation, fields: ProposalFields) -> tuple[list[Area], str]:
    errors: dict[str, list[str]] = {}
    if not fields.title.strip():
        errors["title"] = [_("Give the proposal a name.")]
    if fields.kind not in ProposalKind.values:
        errors["kind"] = [_("Choose what kind of proposal it is.")]
    if not fields.description.strip():
        errors["description"] = [_("Say what the proposal is.")]
    if not fields.decided_by.strip():
        errors["decided_by"] = [_("Say who takes the decision.")]
    if fields.reach not in Reach.values:
        errors["reach"] = [_("Choose which areas it touches.")]
    wards: list[Area] = []
    label = ""
    if fields.reach == Reach.CUSTOM_AREA:
        custom = fields.custom_area
        if custom is None or custom.organisation_id != council.pk:
            errors["custom_area"] = [_("Choose one of the council's custom areas.")]
        else:
            label = custom.name
    if fields.reach == Reach.WARDS:
        if not [c for c in fields.ward_codes if c.strip()]:
            errors["wards"] = [_("Choose at least one ward.")]
        else:
            try:
                wards = wards_checked(council, fields.ward_codes)
            except InvalidInput as error:
                errors.update(error.fields)
            label = ", ".join(w.name for w in wards)
    if fields.plan is not None and fields.plan.council_id != council.pk:
        errors["plan"] = [_("Choose one of the council's plans.")]
    if errors:
        raise InvalidInput(_("Check the proposal."), fields=errors)
    return wards, label[:300]


@transaction.atomic
def start_assessment(*, actor: User, council: Organisation, fields: ProposalFields
                     ) -> ImpactAssessment:
    access.get_council_for_user(actor, council.slug, write=True)
    wards, label = _check_proposal(council, fields)
    assessment = ImpactAssessment.objects.create(
        council=council, title=fields.title.strip(), kind=fields.kind,
        description=fields.description.strip(), decided_by=fields.decided_by.strip(),
        title_cy=fields.title_cy.strip(), description_cy=fields.description_cy.strip(),
        reach=fields.reach, reach_label=label,
        custom_area=fields.custom_area if fields.reach == Reach.CUSTOM_AREA else None,
        parts=selectors.parts_for(council), plan=fields.plan, created_by=actor)
    assessment.wards.set(wards)
    _record(actor, assessment, audit.Action.ASSESSMENTS_ASSESSMENT_CREATE,
            new={**audit.snapshot(assessment, ASSESSMENT_FIELDS), "parts": assessment.parts,
                 "wards": [w.code for w in wards]})
    indexing.index_assessment(assessment)
    return assessment


@transaction.atomic
def update_assessment(*, actor: User, assessment: ImpactAssessment, fields: ProposalFields
                      ) -> ImpactAssessment:
    access.get_assessment_for_user(actor, assessment.pk, write=True)
    _draft(assessment)
    wards, label = _check_proposal(assessment.council, fields)
    old = {**audit.snapshot(assessment, ASSESSMENT_FIELDS),
           "wards": sorted(assessment.wards.values_list("code", flat=True))}
    assessment.title, assessment.kind = fields.title.strip(), fields.kind
    assessment.description, assessment.decided_by = (fields.description.strip(),
                                                     fields.decided_by.strip())
    assessment.reach, assessment.reach_label, assessment.plan = fields.reach, label, fields.plan
    assessment.title_cy = fields.title_cy.strip()
    assessment.description_cy = fields.description_cy.strip()
    assessment.custom_area = fields.custom_area if fields.reach == Reach.CUSTOM_AREA else None
    assessment.save()
    assessment.wards.set(wards)
    before, after = audit.changed(old, {**audit.snapshot(assessment, ASSESSMENT_FIELDS),
                                        "wards": sorted(w.code for w in wards)})
    if after:
        _record(actor, assessment, audit.Action.ASSESSMENTS_ASSESSMENT_UPDATE, before, after)
        indexing.index_assessment(assessment)
    return assessment


@transaction.atomic
def save_screening(*, actor: User, assessment: ImpactAssessment,
                   answers: Mapping[str, tuple[str, str]]) -> list[ScreeningAnswer]:
    """Every question of the assessment's parts answered (``{id: (answer, note)}``); a
    possible negative effect or an unsure answer needs a note saying why."""
    access.get_assessment_for_user(actor, assessment.pk, write=True)
    _draft(assessment)
    asked = selectors.questions_for(assessment)
    errors: dict[str, list[str]] = {}
    for extra in set(answers) - {q.id for q in asked}:
        errors[extra] = [_("There is no such question in this assessment.")]
    for q in asked:
        answer, note = answers.get(q.id, ("", ""))
        if answer not in Answer.values:
            errors[q.id] = [_("Answer this question.")]
        elif answer in (Answer.NEGATIVE, Answer.UNSURE) and not note.strip():
            errors[f"{q.id}_note"] = [_("Say what the concern is.")]
    if errors:
        raise InvalidInput(_("Check the screening."), fields=errors)
    old = dict(ScreeningAnswer.objects.filter(assessment=assessment)
               .values_list("question", "answer"))
    saved = []
    for q in asked:
        answer, note = answers[q.id]
        row, _created = ScreeningAnswer.objects.update_or_create(
            assessment=assessment, question=q.id,
            defaults={"answer": answer, "note": note.strip()})
        saved.append(row)
    assessment.screened_at = timezone.now()
    assessment.save(update_fields=["screened_at", "updated_at"])
    new = {q.id: answers[q.id][0] for q in asked}
    before, after = audit.changed(old, new)
    _record(actor, assessment, audit.Action.ASSESSMENTS_SCREENING_SAVE, before, after)
    return saved


@dataclass
class EffectFields:
    group: str
    direction: str
    likelihood: str
    severity: str
    evidence: str
    part: str = Part.COHESION
    characteristic: str = ""
    area: Area | None = None


@transaction.atomic
def add_effect(*, actor: User, assessment: ImpactAssessment, fields: EffectFields) -> Effect:
    access.get_assessment_for_user(actor, assessment.pk, write=True)
    _draft(assessment)
    errors: dict[str, list[str]] = {}
    if not fields.group.strip():
        errors["group"] = [_("Say which group of people it affects.")]
    if fields.part not in assessment.parts:
        errors["part"] = [_("Choose a part this assessment covers.")]
    if fields.characteristic and fields.characteristic not in Characteristic.values:
        errors["characteristic"] = [_("Choose a protected characteristic.")]
    if fields.part == Part.EQUALITY and not fields.characteristic:
        errors["characteristic"] = [_("Choose the protected characteristic the group "
                                      "shares.")]
    for name, choices, message in (
            ("direction", Direction.values, _("Choose positive, negative or neutral.")),
            ("likelihood", Likelihood.values, _("Choose how likely it is.")),
            ("severity", Severity.values, _("Choose how severe it would be."))):
        if getattr(fields, name) not in choices:
            errors[name] = [message]
    if not fields.evidence.strip():
        errors["evidence"] = [_("Say what the judgement rests on.")]
    if fields.area is not None and fields.area.pk not in {
            a.pk for a in picture.parts_of(assessment)}:
        errors["area"] = [_("Choose one of the areas the proposal touches.")]
    if errors:
        raise InvalidInput(_("Check the effect."), fields=errors)
    last = Effect.objects.filter(assessment=assessment).aggregate(n=Max("position"))["n"]
    effect = Effect.objects.create(
        assessment=assessment, part=fields.part, characteristic=fields.characteristic,
        group=fields.group.strip()[:200], area=fields.area, direction=fields.direction,
        likelihood=fields.likelihood, severity=fields.severity,
        evidence=fields.evidence.strip(), position=(last or 0) + 1)
    _record(actor, assessment, audit.Action.ASSESSMENTS_EFFECT_CREATE, new={
        "id": effect.pk, **audit.snapshot(effect, ["part", "characteristic", "group",
                                                   "direction", "likelihood", "severity"]),
        "area": fields.area.code if fields.area else None})
    return effect


@transaction.atomic
def delete_effect(*, actor: User, effect: Effect) -> None:
    found = access.get_effect_for_user(actor, effect.pk, write=True)
    _draft(found.assessment)
    _record(actor, found.assessment, audit.Action.ASSESSMENTS_EFFECT_DELETE,
            old={"id": effect.pk, "group": effect.group, "direction": effect.direction})
    effect.delete()


@transaction.atomic
def add_consultation(*, actor: User, assessment: ImpactAssessment, who: str,
                     held_on: datetime.date, how: str, hard_to_reach: bool = False,
                     new_arrivals: bool = False, heard: str = "") -> Consultation:
    access.get_assessment_for_user(actor, assessment.pk, write=True)
    _draft(assessment)
    errors: dict[str, list[str]] = {}
    if not who.strip():
        errors["who"] = [_("Say who was consulted.")]
    if not how.strip():
        errors["how"] = [_("Say how they were consulted.")]
    if held_on > timezone.localdate():
        errors["held_on"] = [_("The date cannot be in the future.")]
    if errors:
        raise InvalidInput(_("Check the consultation."), fields=errors)
    consultation = Consultation.objects.create(
        assessment=assessment, who=who.strip()[:300], held_on=held_on, how=how.strip()[:300],
        hard_to_reach=hard_to_reach, new_arrivals=new_arrivals, heard=heard.strip())
    _record(actor, assessment, audit.Action.ASSESSMENTS_CONSULTATION_CREATE, new={
        "id": consultation.pk, **audit.snapshot(consultation, [
            "who", "held_on", "how", "hard_to_reach", "new_arrivals"])})
    return consultation


@transaction.atomic
def delete_consultation(*, actor: User, consultation: Consultation) -> None:
    found = access.get_consultation_for_user(actor, consultation.pk, write=True)
    _draft(found.assessment)
    _record(actor, found.assessment, audit.Action.ASSESSMENTS_CONSULTATION_DELETE,
            old={"id": consultation.pk, "who": consultation.who})
    consultation.delete()


@transaction.atomic
def add_mitigation(*, actor: User, assessment: ImpactAssessment, title: str,
                   description: str = "", effect: Effect | None = None,
                   plan: ActionPlan | None = None, lead_organisation: Organisation | None = None,
                   ends_on: datetime.date | None = None) -> Mitigation:
    """A mitigation and, in the same step, the action of the plan that carries it out
    (added through the plans' own service, so it lands in the plan's history)."""
    access.get_assessment_for_user(actor, assessment.pk, write=True)
    _draft(assessment)
    plan = plan or assessment.plan
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Say what will be done.")]
    if effect is not None and effect.assessment_id != assessment.pk:
        errors["effect"] = [_("Choose an effect of this assessment.")]
    if plan is None or plan.council_id != assessment.council_id:
        errors["plan"] = [_("Choose the council's plan that will carry it out.")]
    if errors:
        raise InvalidInput(_("Check the mitigation."), fields=errors)
    assert plan is not None  # checked above; for the type checker
    codes = [w.code for w in picture.parts_of(assessment) if w.level == "ward"]
    action: PlanAction = plan_services.add_action(
        actor=actor, plan=plan, fields=plan_services.ActionFields(
            title=title.strip()[:300],
            description="\n\n".join(p for p in (description.strip(), _(
                "A mitigation of the impact assessment “%(title)s”.")
                % {"title": assessment.title}) if p),
            lead_organisation=lead_organisation or assessment.council, ward_codes=codes,
            ends_on=ends_on))
    mitigation = Mitigation.objects.create(assessment=assessment, effect=effect,
                                           title=title.strip()[:300],
                                           description=description.strip(), action=action)
    _record(actor, assessment, audit.Action.ASSESSMENTS_MITIGATION_CREATE, new={
        "id": mitigation.pk, "title": mitigation.title, "plan": plan.pk, "action": action.pk,
        "effect": effect.pk if effect else None})
    return mitigation


@transaction.atomic
def save_checklist(*, actor: User, assessment: ImpactAssessment,
                   answers: Mapping[str, tuple[bool, str]]) -> None:
    """The commissioning checklist: each item ticked or not, with an optional note."""
    access.get_assessment_for_user(actor, assessment.pk, write=True)
    _draft(assessment)
    known = questions.checklist_ids()
    unknown = sorted(set(answers) - known)
    if unknown:
        raise InvalidInput(_("Check the checklist."), fields={
            item: [_("There is no such item in the checklist.")] for item in unknown})
    old = dict(ChecklistAnswer.objects.filter(assessment=assessment)
               .values_list("item", "done"))
    for item, (done, note) in answers.items():
        ChecklistAnswer.objects.update_or_create(
            assessment=assessment, item=item, defaults={"done": done, "note": note.strip()})
    before, after = audit.changed(old, {item: done for item, (done, _n) in answers.items()})
    if after:
        _record(actor, assessment, audit.Action.ASSESSMENTS_CHECKLIST_SAVE, before, after)


@transaction.atomic
def sign_off(*, actor: User, assessment: ImpactAssessment, decision: str, reasons: str,
             signed_off_by: str, signed_off_on: datetime.date | None,
             review_on: datetime.date | None, summary: str,
             summary_cy: str = "") -> ImpactAssessment:
    """The decision, who signed it off and when, the review date and the summary to
    publish. Screening must be done; where it raised concerns, the full assessment must
    hold effects and a consultation; a decision to go ahead with mitigations needs one.
    What the platform knows of the areas is frozen with it."""
    access.get_assessment_for_user(actor, assessment.pk, write=True)
    _draft(assessment)
    errors: dict[str, list[str]] = {}
    if not selectors.is_screened(assessment):
        errors["decision"] = [_("Screen the proposal before signing it off.")]
    elif selectors.concerns(assessment):
        if not assessment.effects.exists():
            errors["decision"] = [_("Screening raised concerns: record their effects in the "
                                    "full assessment first.")]
        elif not assessment.consultations.exists():
            errors["decision"] = [_("Screening raised concerns: record who was consulted "
                                    "first.")]
    if decision not in Decision.values:
        errors.setdefault("decision", []).append(_("Choose the decision."))
    elif decision == Decision.ADJUST and not assessment.mitigations.exists():
        errors.setdefault("decision", []).append(_("Add the mitigations first."))
    if not reasons.strip():
        errors["reasons"] = [_("Give the reasons for the decision.")]
    if not signed_off_by.strip():
        errors["signed_off_by"] = [_("Say who signed the assessment off.")]
    today = timezone.localdate()
    if signed_off_on is None:
        errors["signed_off_on"] = [_("Give the date it was signed off.")]
    elif signed_off_on > today:
        errors["signed_off_on"] = [_("The date cannot be in the future.")]
    if review_on is None:
        errors["review_on"] = [_("Give the date it will be reviewed.")]
    elif signed_off_on is not None and review_on <= signed_off_on:
        errors["review_on"] = [_("The review must come after the sign-off.")]
    if not summary.strip():
        errors["summary"] = [_("Write the summary that will be published.")]
    if errors:
        raise InvalidInput(_("Check the sign-off."), fields=errors)
    old = audit.snapshot(assessment, ASSESSMENT_FIELDS)
    assessment.decision, assessment.decision_reasons = decision, reasons.strip()
    assessment.signed_off_by, assessment.signed_off_on = signed_off_by.strip(), signed_off_on
    assessment.review_on, assessment.summary = review_on, summary.strip()
    assessment.summary_cy = summary_cy.strip()
    assessment.stage = Stage.SIGNED_OFF
    assessment.evidence = picture.read(assessment, signed_off_on or today)
    assessment.save()
    before, after = audit.changed(old, audit.snapshot(assessment, ASSESSMENT_FIELDS))
    _record(actor, assessment, audit.Action.ASSESSMENTS_SIGN_OFF, before, after)
    indexing.index_assessment(assessment)
    return assessment


WELSH_NEEDED = {"title": gettext_lazy("Welsh name of the proposal"),
                "description": gettext_lazy("Welsh of what is proposed"),
                "summary": gettext_lazy("Welsh summary")}


def publish(*, actor: User, assessment: ImpactAssessment) -> ImpactAssessment:
    """Publish the signed-off summary; refused while Welsh that the council asks for is
    missing (``accounts.welsh``, checked before the transaction so its audit row stays)."""
    access.get_assessment_for_user(actor, assessment.pk, write=True)
    if assessment.stage != Stage.SIGNED_OFF:
        raise Conflict(_("Only a signed-off assessment can be published."))
    welsh.require_welsh(actor=actor, organisations=[assessment.council], obj=assessment,
                        needed=welsh.fields_of(assessment, WELSH_NEEDED))
    return _publish(actor=actor, assessment=assessment)


@transaction.atomic
def _publish(*, actor: User, assessment: ImpactAssessment) -> ImpactAssessment:
    assessment.stage, assessment.published_at = Stage.PUBLISHED, timezone.now()
    assessment.save(update_fields=["stage", "published_at", "updated_at"])
    _record(actor, assessment, audit.Action.ASSESSMENTS_PUBLISH,
            old={"stage": Stage.SIGNED_OFF}, new={"stage": Stage.PUBLISHED})
    indexing.index_assessment(assessment)
    return assessment


@transaction.atomic
def reopen(*, actor: User, assessment: ImpactAssessment) -> ImpactAssessment:
    """Back to a draft (withdrawn from publication): the sign-off is cleared, the audit
    log keeps what it was."""
    access.get_assessment_for_user(actor, assessment.pk, write=True)
    if assessment.is_draft:
        raise Conflict(_("The assessment is already a draft."))
    old = audit.snapshot(assessment, ASSESSMENT_FIELDS)
    assessment.stage, assessment.published_at = Stage.DRAFT, None
    assessment.signed_off_by, assessment.signed_off_on = "", None
    assessment.save()
    before, after = audit.changed(old, audit.snapshot(assessment, ASSESSMENT_FIELDS))
    _record(actor, assessment, audit.Action.ASSESSMENTS_REOPEN, before, after)
    indexing.index_assessment(assessment)
    return assessment
