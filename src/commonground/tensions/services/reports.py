"""Taking in reports (public, partner, officer) and what the reporter adds later.

The public form, the partner form and ``POST /api/v1/reports`` all call
``submit_report``, so the checks, the reference number, the private link, the
response timers and the audit row are the same whichever way a report arrives.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.accounts.models import Organisation, OrganisationKind, User
from commonground.accounts.tokens import hash_secret, new_secret
from commonground.core import audit
from commonground.core.errors import InvalidInput, PermissionDenied
from commonground.core.models import AuditEvent
from commonground.core.sqlite import sqlite_write_turn
from commonground.places.models import Area
from commonground.places.points import point_problems
from commonground.tensions import gazetteer
from commonground.tensions.access import reach_of
from commonground.tensions.models import (
    Category,
    Characteristic,
    Report,
    ReportedToPolice,
    ReporterContact,
    ReportUpdate,
    Source,
)

FIRST_CONTACT_WITHIN = datetime.timedelta(hours=24)
FOLLOW_UP_WITHIN = datetime.timedelta(days=7)
MAX_TEXT = 5000


def too_long() -> str:
    return _("Use %(most)s characters or fewer.") % {"most": f"{MAX_TEXT:,}"}


@dataclass(frozen=True)
class ContactDetails:
    name: str = ""
    email: str = ""
    phone: str = ""

    @property
    def given(self) -> bool:
        return bool(self.email.strip() or self.phone.strip())


def council_area(council: Organisation) -> Area | None:
    places = gazetteer.places_of(council.area_code)
    return places.area if places is not None else None


def resolve_ward(council: Organisation, *, ward_code: str = "", longitude: float | None = None,
                 latitude: float | None = None) -> Area | None:
    """The ward chosen from the list, or else the ward containing the point clicked.

    Councils and wards come from the per-process gazetteer, not the database, since
    this runs for every report sent."""
    problems = point_problems(longitude=longitude, latitude=latitude)
    if problems:
        raise InvalidInput(_("Check the place on the map."), fields=problems)
    places = gazetteer.places_of(council.area_code)
    if ward_code:
        ward = places.wards.get(ward_code) if places is not None else None
        if ward is None:
            raise InvalidInput(_("Choose a ward in this council's area."),
                               fields={"ward": [_("Choose a ward from the list.")]})
        return ward
    if longitude is not None and latitude is not None and places is not None \
            and places.area is not None:
        ward = places.ward_at(longitude, latitude)
        if ward is None:
            raise InvalidInput(_("The place you chose on the map is not in this council's area."),
                               fields={"ward": [_("Choose a place inside the council's area, "
                                                  "or choose the ward from the list.")]})
        return ward
    return None


def check_category(*, category: str, characteristics: list[str]) -> dict[str, list[str]]:
    """The kind of incident, and what a hate incident's hostility was about."""
    errors: dict[str, list[str]] = {}
    if category not in Category.values:
        errors["category"] = [_("Choose what kind of incident it was.")]
    unknown = [c for c in characteristics if c not in Characteristic.values]
    if unknown:
        errors["characteristics"] = [_("Choose from the list.")]
    if category == Category.HATE_INCIDENT and not characteristics:
        errors["characteristics"] = [_("Choose what the hate was about, or 'Something else'.")]
    return errors


def _check(*, category: str, characteristics: list[str], what_happened: str,
           occurred_on: datetime.date, reported_to_police: str) -> dict[str, list[str]]:
    errors = check_category(category=category, characteristics=characteristics)
    if not what_happened.strip():
        errors["what_happened"] = [_("Tell us what happened.")]
    elif len(what_happened) > MAX_TEXT:
        errors["what_happened"] = [too_long()]
    if occurred_on > timezone.localdate():
        errors["occurred_on"] = [_("The date must be today or in the past.")]
    if reported_to_police not in ReportedToPolice.values:
        errors["reported_to_police"] = [_("Say whether it was reported to the police.")]
    return errors


def submit_report(
    *,
    actor: User | None,
    council: Organisation,
    ward: Area | None,
    category: str,
    what_happened: str,
    occurred_on: datetime.date,
    characteristics: list[str] | None = None,
    who_affected: str = "",
    root_cause: str = "",
    reported_to_police: str = ReportedToPolice.UNKNOWN,
    location_description: str = "",
    longitude: float | None = None,
    latitude: float | None = None,
    contact: ContactDetails | None = None,
    source: str = Source.PUBLIC,
    on_behalf_of: str = "",
) -> tuple[Report, str]:
    """Save a report; returns it and the secret of the reporter's private link.

    ``actor`` is None for the public; a partner (``source="partner"``) or an officer
    (``source="officer"``) must be signed in and belong to a partner organisation or
    to the council respectively. Everything that needs no database is done before the
    transaction opens, so the write lock (SQLite) is held only for the four inserts
    and the reference.
    """
    characteristics = sorted(set(characteristics or []))
    if council.kind != OrganisationKind.COUNCIL:
        raise InvalidInput(_("Choose a council."), fields={"council": [_("Choose a council.")]})
    errors = _check(category=category, characteristics=characteristics,
                    what_happened=what_happened, occurred_on=occurred_on,
                    reported_to_police=reported_to_police)
    errors.update(point_problems(longitude=longitude, latitude=latitude))
    if errors:
        raise InvalidInput(_("Check the report."), fields=errors)
    submitted_for = _submitter_org(actor, council, source)
    token = new_secret("rpt")
    now = timezone.now()
    today = timezone.localdate()
    given = contact is not None and contact.given
    timers = category == Category.HATE_INCIDENT and given
    report = Report(
        council=council, ward=ward, category=category, characteristics=characteristics,
        what_happened=what_happened.strip(), occurred_on=occurred_on,
        who_affected=who_affected.strip(), root_cause=root_cause.strip(),
        reported_to_police=reported_to_police,
        location_description=location_description.strip()[:300],
        longitude=round(longitude, 4) if longitude is not None else None,
        latitude=round(latitude, 4) if latitude is not None else None,
        source=source, submitted_by=actor if source != Source.PUBLIC else None,
        submitted_for=submitted_for, on_behalf_of=on_behalf_of.strip()[:200],
        private_token_hash=hash_secret(token),
        first_contact_due=now + FIRST_CONTACT_WITHIN if timers else None,
        follow_up_due=now + FOLLOW_UP_WITHIN if timers else None,
    )
    with sqlite_write_turn(), transaction.atomic():
        report.save(force_insert=True)
        report.reference = f"CG-{report.created_at.year}-{report.pk:06d}"
        Report.objects.filter(pk=report.pk).update(reference=report.reference)
        if contact is not None and given:
            retain = settings.RETENTION_DAYS["contact_details"]
            ReporterContact.objects.create(
                report=report, name=contact.name.strip()[:150], email=contact.email.strip(),
                phone=contact.phone.strip()[:30],
                retain_until=today + datetime.timedelta(days=retain))
        audit.record(actor=actor, action=audit.Action.REPORT_CREATE, obj=report,
                     organisation_id=council.pk,
                     new={"reference": report.reference, "category": category,
                          "source": source, "ward": ward.code if ward else "",
                          "contact_details": given})
    return report, token


def _submitter_org(actor: User | None, council: Organisation, source: str) -> Organisation | None:
    if source == Source.PUBLIC:
        return None
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied(_("Sign in to report as a partner or officer."))
    reach = reach_of(actor)
    if source == Source.OFFICER:
        if council.pk not in reach.write_councils:
            raise PermissionDenied(_("Officers record intelligence for their own council."))
        return council
    if source == Source.PARTNER:
        if not reach.partner_orgs:
            raise PermissionDenied(_("Only members of partner organisations report for others."))
        return Organisation.objects.filter(pk=min(reach.partner_orgs)).first()
    raise InvalidInput(_("Unknown source of report."))


@transaction.atomic
def add_information(*, report: Report, text: str) -> ReportUpdate:
    """The reporter adds to their report through the private link."""
    text = text.strip()
    if not text:
        raise InvalidInput(_("Enter the information to add."),
                           fields={"text": [_("Enter the information to add.")]})
    if len(text) > MAX_TEXT:
        raise InvalidInput(_("That is too long."), fields={"text": [too_long()]})
    update = ReportUpdate.objects.create(report=report, text=text)
    audit.record(actor=None, action=audit.Action.REPORT_ADD_INFORMATION, obj=report,
                 organisation_id=report.council_id, new={"update": update.pk})
    return update


def record_view(*, actor: User | None, report: Report,
                action: audit.Action = audit.Action.REPORT_VIEW) -> None:
    """Every look at a report (or its contact details) goes into the audit log."""
    audit.record(actor=actor, action=action, obj=report, organisation_id=report.council_id)


def record_bulk_view(*, actor: User | None, reports: list[Report], action: audit.Action) -> None:
    """A list, an API page or an export: one row per report seen, written in one go."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    AuditEvent.objects.bulk_create([
        AuditEvent(actor=actor if is_user else None,
                   actor_label=getattr(actor, "email", "") if is_user else "",
                   action=action, object_type=Report._meta.label_lower,
                   object_id=str(r.pk), object_label=str(r)[:255],
                   organisation_id=r.council_id)
        for r in reports
    ])
