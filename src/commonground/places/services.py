"""Every write to places other than the file imports: typed, keyword-only, transactional,
audited. Callers fetch the objects through :mod:`commonground.places.access` first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from commonground.accounts.models import Organisation, User
from commonground.analytics.family_groups import GROUP_NAMES
from commonground.background.queue import enqueue_on_commit
from commonground.core import audit
from commonground.core.errors import InvalidInput
from commonground.places import jobs
from commonground.places.models import (
    Area,
    AreaLevel,
    CustomArea,
    Dataset,
    FamilyGroupJudgement,
    ImportJob,
)
from commonground.places.tasks import import_upload

CUSTOM_LEVELS = (AreaLevel.WARD, AreaLevel.LSOA, AreaLevel.OA)
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
UPLOAD_KINDS = ("wide", "tidy")


@transaction.atomic
def set_family_judgement(*, actor: User, council: Area, industrial_decline: bool | None,
                         override_group: int | None, reason: str) -> FamilyGroupJudgement:
    """Record the council's own knowledge: past industrial decline, and an override."""
    reason = reason.strip()
    if override_group is not None and override_group not in GROUP_NAMES:
        message = _("Choose a family group from 1 to 9.")
        raise InvalidInput(message, fields={"override_group": [message]})
    if override_group is not None and not reason:
        message = _("Say why the council places itself in another group.")
        raise InvalidInput(message, fields={"reason": [message]})
    judgement, _created = FamilyGroupJudgement.objects.get_or_create(area=council)
    fields = ["industrial_decline", "override_group", "reason"]
    old = audit.snapshot(judgement, fields)
    judgement.industrial_decline = industrial_decline
    judgement.override_group = override_group
    judgement.reason = reason
    judgement.updated_by = actor
    judgement.save()
    before, after = audit.changed(old, audit.snapshot(judgement, fields))
    organisation_id = (Organisation.objects.filter(kind="council", area_code=council.code)
                       .values_list("pk", flat=True).first())
    audit.record(actor=actor, action=audit.Action.FAMILY_GROUP_JUDGE, obj=judgement,
                 organisation_id=organisation_id, old=before, new=after)
    return judgement


def _overlaps(members: list[Area]) -> list[str]:
    """Sentences naming each member inside another member (an LSOA of a chosen ward)."""
    chosen = {m.pk: m for m in members}
    found = []
    for member in members:
        if member.parent_id in chosen and member.parent_id != member.council_id:
            found.append(_("%(name)s (%(code)s) is inside %(parent)s, which is already in the "
                           "area.") % {"name": member.display_name, "code": member.code,
                                       "parent": chosen[member.parent_id].display_name})
    return found


@transaction.atomic
def create_custom_area(*, actor: User, organisation: Organisation, council: Area, name: str,
                       member_codes: Sequence[str]) -> CustomArea:
    """A neighbourhood made of the council's own wards, LSOAs or output areas.

    Wards and LSOAs may be mixed (a ward and a few LSOAs of the next one), never
    overlapping. Output areas stay on their own: with no output-area-to-LSOA lookup
    loaded, an overlap with a ward or an LSOA could not be ruled out.
    """
    name = name.strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Enter a name for the area.")]
    codes = sorted({c.strip().upper() for c in member_codes if c.strip()})
    members = list(Area.objects.filter(code__in=codes, council=council, level__in=CUSTOM_LEVELS)
                   .only("pk", "code", "name", "level", "parent_id", "council_id"))
    unknown = sorted(set(codes) - {m.code for m in members})
    levels = {m.level for m in members}
    if not codes:
        errors["members"] = [_("Choose at least one area.")]
    elif unknown:
        errors["members"] = [_("These are not wards, LSOAs or output areas of %(council)s: "
                               "%(codes)s.") % {"council": council.display_name,
                                                "codes": ", ".join(unknown)}]
    elif AreaLevel.OA in levels and len(levels) > 1:
        errors["members"] = [_("Output areas cannot be mixed with wards or LSOAs: choose "
                               "output areas only, or wards and LSOAs.")]
    elif overlaps := _overlaps(members):
        errors["members"] = overlaps
    if errors:
        raise InvalidInput(_("Check the custom area."), fields=errors)
    custom = CustomArea.objects.create(organisation=organisation, council=council, name=name,
                                       level=levels.pop() if len(levels) == 1 else "",
                                       created_by=actor)
    custom.members.set(members)
    audit.record(actor=actor, action=audit.Action.CUSTOM_AREA_CREATE, obj=custom,
                 organisation_id=organisation.pk, new={"name": name, "members": codes})
    return custom


@transaction.atomic
def delete_custom_area(*, actor: User, custom: CustomArea) -> None:
    audit.record(actor=actor, action=audit.Action.CUSTOM_AREA_DELETE, obj=custom,
                 organisation_id=custom.organisation_id,
                 old={"name": custom.name,
                      "members": list(custom.members.values_list("code", flat=True))})
    custom.delete()


@transaction.atomic
def submit_import(*, actor: User, organisation: Organisation, file_name: str, content: bytes,
                  options: dict[str, Any]) -> ImportJob:
    """Store an uploaded file and queue its import; a worker runs it once this commits."""
    if not content:
        message = _("The selected file is empty.")
        raise InvalidInput(message, fields={"file": [message]})
    if len(content) > MAX_UPLOAD_BYTES:
        message = _("The selected file must be smaller than 20 MB.")
        raise InvalidInput(message, fields={"file": [message]})
    if options.get("kind") not in UPLOAD_KINDS:
        message = _("Choose the layout of the file.")
        raise InvalidInput(message, fields={"kind": [message]})
    job = ImportJob(organisation=organisation, created_by=actor, file_name=file_name[:200],
                    options=options)
    # Stored before the row is saved, so the task never finds a job without its file.
    job.upload.save(file_name, ContentFile(content), save=False)
    job.save()
    audit.record(actor=actor, action=audit.Action.IMPORT_SUBMIT, obj=job,
                 organisation_id=organisation.pk,
                 new={"file": job.file_name, "bytes": len(content), "options": options})
    enqueue_on_commit(import_upload, job.pk)
    return job


@transaction.atomic
def fail_stopped_jobs(*, actor: User, pks: Sequence[int]) -> int:
    """A platform admin fails jobs that a stopped server left running (workers do this
    themselves when they start: see commonground.places.tasks); finished jobs are left as
    they are."""
    failed = jobs.mark_stopped(ImportJob.objects.filter(pk__in=pks))
    for job in ImportJob.objects.filter(pk__in=failed):
        audit.record(actor=actor, action=audit.Action.IMPORT_FAIL_STOPPED, obj=job,
                     organisation_id=job.organisation_id, new={"status": job.status})
    return len(failed)


@transaction.atomic
def withdraw_dataset(*, actor: User, dataset: Dataset) -> None:
    """Delete an uploaded dataset and all its values (its import jobs stay, as history)."""
    if dataset.organisation_id is None:
        raise InvalidInput(_("Open data is not withdrawn here; re-import it with the commands."))
    audit.record(actor=actor, action=audit.Action.DATASET_WITHDRAW, obj=dataset,
                 organisation_id=dataset.organisation_id,
                 old={"title": dataset.title, "level": dataset.level,
                      "rows": dataset.row_count, "columns": dataset.keys})
    dataset.delete()
