"""Triage by the owning council's officers: status, priority, assignment, tags, notes,
related reports, duplicates and the hate-incident response timers; and correcting what
the reporter got wrong (ward, category, place), which the counts and alerts follow.

Callers fetch the report with ``get_report_for_user(..., write=True)`` first; each
function checks again that the actor may change it, so no caller can skip the check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from commonground.accounts.models import Membership, User
from commonground.background.queue import enqueue_on_commit
from commonground.core import audit
from commonground.core.errors import Conflict, EditConflict, ErrorCode, InvalidInput
from commonground.core.models import AuditEvent
from commonground.tensions import gazetteer
from commonground.tensions.access import WRITE_ROLES, get_report_for_user
from commonground.tensions.models import Priority, Report, ReportNote, Status, Tag
from commonground.tensions.services.reports import check_category, resolve_ward
from commonground.tensions.tasks import recompute_council_early_warning

TRIAGE_FIELDS = ["status", "priority", "assignee"]
# What the reporter said that an officer may correct. Changing the ward or category
# moves the report between the series that the counts and early warning read.
CORRECTED_FIELDS = ["ward", "category", "characteristics"]
COUNTED_FIELDS = {"ward", "category"}


@dataclass(frozen=True)
class Correction:
    """The report's facts as the officer has corrected them (ward "" = not known)."""

    ward_code: str
    category: str
    characteristics: list[str]
    location_description: str


def _writable(actor: User, report: Report) -> Report:
    return get_report_for_user(actor, report.reference or "", write=True)


def _locked(report: Report) -> Report:
    """The report as it is now, its row locked until the transaction ends (PostgreSQL;
    SQLite's IMMEDIATE transactions already let one writer in at a time), so two
    officers saving at once are taken one after the other."""
    return (Report.objects.select_for_update(of=("self",))
            .select_related("council", "ward", "assignee").get(pk=report.pk))


def changed_meanwhile(report: Report) -> EditConflict:
    """The refusal for a form read before a colleague's triage: who changed what, when."""
    last = (AuditEvent.objects.filter(action=audit.Action.REPORT_TRIAGE,
                                      object_type=Report._meta.label_lower,
                                      object_id=str(report.pk))
            .select_related("actor").order_by("-created_at", "-id").first())
    who = str(last.actor) if last is not None and last.actor is not None else _("Someone")
    when = formats.date_format(timezone.localtime(report.updated_at), "j M Y, H:i")
    message = _("%(who)s changed this report at %(when)s, after you opened it, so your "
                "changes were not saved. It is now %(status)s, %(priority)s priority, "
                "assigned to %(assignee)s; ward: %(ward)s; category: %(category)s. Check "
                "the form and save again to apply your changes.") % {
        "who": who, "when": when, "status": report.get_status_display(),
        "priority": report.get_priority_display(),
        "assignee": str(report.assignee) if report.assignee else _("nobody"),
        "ward": report.ward.name if report.ward else _("not known"),
        "category": report.get_category_display()}
    return EditConflict(message)


def _correct(report: Report, correction: Correction) -> tuple[dict[str, Any], dict[str, Any]]:
    """Apply ``correction`` to ``report`` (not saved); the audit's old and new values.

    The place the reporter described is their own words: the audit row says that it
    changed, never what it says. A map point outside the corrected ward is removed, so
    the point and the ward never disagree.
    """
    errors = check_category(category=correction.category,
                            characteristics=correction.characteristics)
    try:
        ward = resolve_ward(report.council, ward_code=correction.ward_code)
    except InvalidInput as error:
        errors.update(error.fields)
    if errors:
        raise InvalidInput(_("Check the corrections to the report."), fields=errors)
    old: dict[str, Any] = {"ward": report.ward.code if report.ward else "",
                           "category": report.category,
                           "characteristics": sorted(report.characteristics)}
    report.ward = ward
    report.category = correction.category
    report.characteristics = sorted(set(correction.characteristics))
    new: dict[str, Any] = {"ward": ward.code if ward else "", "category": report.category,
                           "characteristics": report.characteristics}
    place = correction.location_description.strip()[:300]
    if place != report.location_description:
        report.location_description = place
        old["location_description"], new["location_description"] = "", "changed"
    if report.latitude is not None and report.longitude is not None and ward is not None:
        places = gazetteer.places_of(report.council.area_code)
        inside = places.ward_at(report.longitude, report.latitude) if places else None
        if inside is None or inside.pk != ward.pk:
            report.latitude = report.longitude = None
            old["map_point"], new["map_point"] = True, False
    return old, new


@transaction.atomic
def update_triage(
    *,
    actor: User,
    report: Report,
    version: int | None = None,
    status: str | None = None,
    priority: str | None = None,
    assignee_id: int | None = None,
    unassign: bool = False,
    tags: list[str] | None = None,
    correction: Correction | None = None,
) -> Report:
    """Change any of status, priority, assignee and tags, and correct the ward, category
    and place (``correction``); the audit row shows what changed. A new ward or category
    recomputes the council's early warning in the background once this commits (the
    dashboard's counts read the reports themselves, so they follow at once).

    ``version`` is the report's version when the officer's form was read: if a colleague
    has triaged it since, nothing is saved and ``EditConflict`` says who changed what.
    Returns the report as saved.
    """
    _writable(actor, report)
    report = _locked(report)
    if version is not None and report.version != version:
        raise changed_meanwhile(report)
    old = audit.snapshot(report, TRIAGE_FIELDS)
    old_tags = sorted(report.tags.values_list("name", flat=True))
    if status is not None:
        if status not in Status.values:
            raise InvalidInput(_("Choose a status."), fields={"status": [_("Choose a status.")]})
        report.status = status
    if priority is not None:
        if priority not in Priority.values:
            raise InvalidInput(_("Choose a priority."),
                               fields={"priority": [_("Choose a priority.")]})
        report.priority = priority
    if unassign:
        report.assignee = None
    elif assignee_id is not None:
        ok = Membership.objects.filter(user_id=assignee_id, organisation_id=report.council_id,
                                       role__in=WRITE_ROLES).exists()
        if not ok:
            raise InvalidInput(_("Assign the report to one of the council's officers."),
                               fields={"assignee": [_("Choose one of the council's officers.")]})
        report.assignee_id = assignee_id
    new = audit.snapshot(report, TRIAGE_FIELDS)
    if tags is not None:
        names = sorted({t.strip().lower()[:50] for t in tags if t.strip()})
        report.tags.set([Tag.objects.get_or_create(council_id=report.council_id, name=n)[0]
                         for n in names])
        old["tags"], new["tags"] = old_tags, names
    if correction is not None:
        corrected_old, corrected_new = _correct(report, correction)
        old.update(corrected_old)
        new.update(corrected_new)
    before, after = audit.changed(old, new)
    if after:
        report.version += 1
        report.save(update_fields=[*TRIAGE_FIELDS, *CORRECTED_FIELDS, "location_description",
                                   "latitude", "longitude", "version", "updated_at"])
        audit.record(actor=actor, action=audit.Action.REPORT_TRIAGE, obj=report,
                     organisation_id=report.council_id, old=before, new=after)
    if COUNTED_FIELDS & set(after):
        enqueue_on_commit(recompute_council_early_warning, report.council_id)
    return report


@transaction.atomic
def add_note(*, actor: User, report: Report, text: str) -> ReportNote:
    _writable(actor, report)
    if not text.strip():
        raise InvalidInput(_("Enter the note."), fields={"text": [_("Enter the note.")]})
    note = ReportNote.objects.create(report=report, author=actor, text=text.strip())
    audit.record(actor=actor, action=audit.Action.REPORT_NOTE, obj=report,
                 organisation_id=report.council_id, new={"note": note.pk})
    return note


def _other(actor: User, report: Report, reference: str) -> Report:
    other = get_report_for_user(actor, reference.strip().upper(), write=True)
    if other.pk == report.pk:
        raise InvalidInput(_("Choose a different report."),
                           fields={"reference": [_("That is this report's own reference.")]})
    if other.council_id != report.council_id:  # pragma: no cover - access already differs
        raise InvalidInput(_("Both reports must belong to the same council."))
    return other


@transaction.atomic
def link_reports(*, actor: User, report: Report, reference: str) -> Report:
    _writable(actor, report)
    other = _other(actor, report, reference)
    report.related.add(other)
    audit.record(actor=actor, action=audit.Action.REPORT_LINK, obj=report,
                 organisation_id=report.council_id, new={"related": other.reference})
    return other


@transaction.atomic
def merge_duplicate(*, actor: User, duplicate: Report, reference: str) -> Report:
    """Close ``duplicate`` as a copy of the report named by ``reference``; returns that one.

    The duplicate keeps its own text and contact details (the reporter's words are
    theirs); it is closed, linked and points at the report it duplicates.
    """
    _writable(actor, duplicate)
    original = _other(actor, duplicate, reference)
    if original.merged_into_id is not None:
        raise Conflict(
            _("That report is itself a duplicate; merge into the report it points to."),
            code=ErrorCode.REPORT_MERGED,
            fields={"reference": [_("Use %(reference)s.") % {"reference": original.merged_into}]})
    old = audit.snapshot(duplicate, ["status", "merged_into"])
    duplicate.merged_into = original
    duplicate.status = Status.CLOSED
    duplicate.save(update_fields=["merged_into", "status", "updated_at"])
    duplicate.related.add(original)
    Report.objects.filter(merged_into=duplicate).update(merged_into=original)
    audit.record(actor=actor, action=audit.Action.REPORT_MERGE, obj=duplicate,
                 organisation_id=duplicate.council_id, old=old,
                 new=audit.snapshot(duplicate, ["status", "merged_into"]))
    return original


@transaction.atomic
def record_contact(*, actor: User, report: Report, stage: str) -> Report:
    """Stop a response timer: first contact made, or follow-up done."""
    _writable(actor, report)
    if not report.has_timers:
        raise Conflict(_("This report has no response timers."))
    field, action = {
        "first": ("first_contact_at", audit.Action.REPORT_CONTACT_FIRST),
        "follow_up": ("follow_up_at", audit.Action.REPORT_CONTACT_FOLLOW_UP),
    }.get(stage, ("", None))
    if action is None:
        raise InvalidInput(_("Say which contact was made."))
    if getattr(report, field) is None:
        setattr(report, field, timezone.now())
        report.save(update_fields=[field, "updated_at"])
        audit.record(actor=actor, action=action, obj=report,
                     organisation_id=report.council_id,
                     new={field: getattr(report, field)})
    return report
