"""The mapping exercise: start one, judge its items, add local evidence, save versions."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.accounts.models import Organisation, User
from commonground.core import audit
from commonground.core.errors import InvalidInput
from commonground.places.models import Area, AreaLevel, CustomArea
from commonground.plans import access, basket, cohesion_profile, files
from commonground.plans.models import (
    EvidenceKind,
    ExerciseItem,
    LocalEvidence,
    MappingExercise,
    ProfileVersion,
    Scope,
    Weight,
)
from commonground.plans.services.issues import wards_checked


def council_area_of(council: Organisation) -> Area:
    area = (Area.objects.filter(level=AreaLevel.COUNCIL, code=council.area_code)
            .defer("boundary").first())
    if area is None:
        raise InvalidInput(_("The council's area (%(code)s) is not loaded, so there is no "
                             "data to map yet.") % {"code": council.area_code})
    return area


@transaction.atomic
def start_exercise(*, actor: User, council: Organisation, name: str, scope: str,
                   custom_area: CustomArea | None = None,
                   ward_codes: Sequence[str] = ()) -> MappingExercise:
    """A mapping exercise of the whole council area, a custom area or chosen wards."""
    access.get_council_for_user(actor, council.slug, write=True, mapping=True)
    council_area = council_area_of(council)
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("Give the exercise a name.")]
    if scope not in Scope.values:
        errors["scope"] = [_("Choose what area to map.")]
    wards: list[Area] = []
    label = ""
    if scope == Scope.CUSTOM_AREA:
        if custom_area is None or custom_area.organisation_id != council.pk:
            errors["custom_area"] = [_("Choose one of the council's custom areas.")]
        else:
            label = custom_area.name
    if scope == Scope.WARDS:
        if not [c for c in ward_codes if c.strip()]:
            errors["wards"] = [_("Choose at least one ward.")]
        else:
            try:
                wards = wards_checked(council, ward_codes)
            except InvalidInput as error:
                errors.update(error.fields)
            label = ", ".join(w.name for w in wards)
    if errors:
        raise InvalidInput(_("Check the exercise."), fields=errors)
    exercise = MappingExercise.objects.create(
        council=council, council_area=council_area, name=name.strip(), scope=scope,
        custom_area=custom_area if scope == Scope.CUSTOM_AREA else None,
        scope_label=label[:300], created_by=actor)
    exercise.wards.set(wards)
    audit.record(actor=actor, action=audit.Action.PLANS_EXERCISE_CREATE, obj=exercise,
                 organisation_id=council.pk,
                 new={"name": exercise.name, "scope": scope, "scope_label": label,
                      "wards": [w.code for w in wards]})
    return exercise


def _known_item(item: str) -> None:
    if basket.load().item(item) is None:
        raise InvalidInput(_("There is no basket item called %(item)s.") % {"item": item})


@transaction.atomic
def set_item_relevance(*, actor: User, exercise: MappingExercise, item: str, relevant: bool,
                       reason: str = "") -> ExerciseItem:
    """Mark an item not relevant here (with the reason), or relevant again."""
    access.get_exercise_for_user(actor, exercise.pk, write=True)
    _known_item(item)
    if not relevant and not reason.strip():
        raise InvalidInput(_("Say why the item is not relevant."),
                           fields={"reason": [_("Say why it is not relevant here.")]})
    judgement, _created = ExerciseItem.objects.get_or_create(exercise=exercise, item=item)
    old = audit.snapshot(judgement, ["not_relevant", "reason"])
    judgement.not_relevant = not relevant
    judgement.reason = "" if relevant else reason.strip()
    judgement.updated_by = actor
    judgement.save()
    before, after = audit.changed(old, audit.snapshot(judgement, ["not_relevant", "reason"]))
    audit.record(actor=actor, action=audit.Action.PLANS_EXERCISE_ITEM, obj=exercise,
                 organisation_id=exercise.council_id, old=before,
                 new={**after, "item": item})
    MappingExercise.objects.filter(pk=exercise.pk).update(updated_at=timezone.now())
    return judgement


@transaction.atomic
def add_local_evidence(*, actor: User, exercise: MappingExercise, item: str, kind: str,
                       summary: str, source: str, weight: str,
                       observed_on: datetime.date | None = None,
                       organisation: Organisation | None = None, link: str = "",
                       file: UploadedFile | None = None) -> LocalEvidence:
    """Local intelligence or a partner's data on one basket item."""
    access.get_exercise_for_user(actor, exercise.pk, write=True)
    _known_item(item)
    errors: dict[str, list[str]] = {}
    if kind not in EvidenceKind.values:
        errors["kind"] = [_("Choose intelligence or a partner's data.")]
    if not summary.strip():
        errors["summary"] = [_("Say what the evidence shows.")]
    if not source.strip():
        errors["source"] = [_("Say where it comes from.")]
    if weight not in Weight.values:
        errors["weight"] = [_("Choose how much weight it deserves.")]
    if kind == EvidenceKind.PARTNER_DATA and organisation is None:
        errors["organisation"] = [_("Choose the partner whose data it is.")]
    if observed_on and observed_on > timezone.localdate():
        errors["observed_on"] = [_("The date cannot be in the future.")]
    if errors:
        raise InvalidInput(_("Check the evidence."), fields=errors)
    file_name = files.check(file)
    evidence = LocalEvidence(
        exercise=exercise, item=item, kind=kind, summary=summary.strip(),
        source=source.strip()[:300], observed_on=observed_on, weight=weight,
        organisation=organisation, link=link.strip(), file_name=file_name, created_by=actor)
    if file is not None:
        evidence.file.save(file_name, file, save=False)
    evidence.save()
    audit.record(actor=actor, action=audit.Action.PLANS_EVIDENCE_ADD, obj=exercise,
                 organisation_id=exercise.council_id,
                 new={"item": item, "kind": kind, "summary": evidence.summary,
                      "source": evidence.source, "file": file_name})
    MappingExercise.objects.filter(pk=exercise.pk).update(updated_at=timezone.now())
    return evidence


@transaction.atomic
def remove_local_evidence(*, actor: User, evidence: LocalEvidence) -> None:
    access.get_evidence_for_user(actor, evidence.pk, write=True)
    exercise = evidence.exercise
    old = {"item": evidence.item, "summary": evidence.summary, "source": evidence.source}
    stored = evidence.file.name if evidence.file else ""
    storage = evidence.file.storage if evidence.file else None
    evidence.delete()
    if storage is not None and stored:
        transaction.on_commit(lambda: storage.delete(stored))
    audit.record(actor=actor, action=audit.Action.PLANS_EVIDENCE_REMOVE, obj=exercise,
                 organisation_id=exercise.council_id, old=old)


@transaction.atomic
def save_profile_version(*, actor: User, exercise: MappingExercise,
                         on: datetime.date | None = None) -> ProfileVersion:
    """Freeze the profile as it reads today, numbered after the last, with what changed."""
    access.get_exercise_for_user(actor, exercise.pk, write=True)
    day = on or timezone.localdate()
    # Lock the exercise so two saves at once cannot take the same number.
    MappingExercise.objects.select_for_update().filter(pk=exercise.pk).first()
    previous = ProfileVersion.objects.filter(exercise=exercise).order_by("-number").first()
    snapshot = cohesion_profile.snapshot(exercise, cohesion_profile.read(exercise, day), day)
    version = ProfileVersion.objects.create(
        exercise=exercise, number=(previous.number + 1) if previous else 1,
        snapshot=snapshot,
        changes=cohesion_profile.changes(previous.snapshot if previous else None, snapshot),
        created_by=actor)
    audit.record(actor=actor, action=audit.Action.PLANS_PROFILE_VERSION, obj=exercise,
                 organisation_id=exercise.council_id,
                 new={"version": version.number, "changes": len(version.changes)})
    return version
