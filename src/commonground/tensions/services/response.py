"""Trigger events, the response to them, the community contacts register, rumours,
and officers' alert subscriptions. Council officers only; every write audited."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.accounts.models import Organisation, User
from commonground.core import audit
from commonground.core.errors import InvalidInput
from commonground.places.models import Area
from commonground.tensions.access import require_council
from commonground.tensions.models import (
    Alert,
    AlertSubscription,
    CommunityContact,
    PlaybookTask,
    ResponseLogEntry,
    Rumour,
    RumourStatus,
    TriggerEvent,
    TriggerKind,
    TriggerResponse,
)
from commonground.tensions.models.early_warning import WatchLevel
from commonground.tensions.models.response import PLAYBOOK


def _required(**values: str) -> None:
    missing = {name: [_("Enter this.")] for name, value in values.items() if not value.strip()}
    if missing:
        raise InvalidInput(_("Some answers are missing."), fields=missing)


@transaction.atomic
def create_trigger_event(*, actor: User, council: Organisation, name: str, kind: str,
                         starts_on: datetime.date, ends_on: datetime.date,
                         watch_level: int = WatchLevel.HEIGHTENED, notes: str = ""
                         ) -> TriggerEvent:
    require_council(actor, council.pk, write=True)
    _required(name=name)
    if kind not in TriggerKind.values:
        raise InvalidInput(_("Choose a kind of event."), fields={"kind": [_("Choose one.")]})
    if watch_level not in WatchLevel.values:
        raise InvalidInput(_("Choose a watch level."),
                           fields={"watch_level": [_("Choose one.")]})
    if ends_on < starts_on:
        raise InvalidInput(_("The event ends before it starts."),
                           fields={"ends_on": [_("Enter a date on or after the start.")]})
    event = TriggerEvent.objects.create(council=council, name=name.strip(), kind=kind,
                                        starts_on=starts_on, ends_on=ends_on,
                                        watch_level=watch_level, notes=notes.strip(),
                                        created_by=actor)
    audit.record(actor=actor, action=audit.Action.TRIGGER_EVENT_CREATE, obj=event,
                 organisation_id=council.pk,
                 new=audit.snapshot(event, ["name", "kind", "starts_on", "ends_on",
                                            "watch_level"]))
    return event


@transaction.atomic
def open_response(*, actor: User, council: Organisation, title: str, summary: str = "",
                  trigger_event: TriggerEvent | None = None) -> TriggerResponse:
    require_council(actor, council.pk, write=True)
    _required(title=title)
    if trigger_event is not None and trigger_event.council_id != council.pk:
        raise InvalidInput(_("Choose one of the council's trigger events."))
    response = TriggerResponse.objects.create(council=council, title=title.strip(),
                                              summary=summary.strip(),
                                              trigger_event=trigger_event, opened_by=actor)
    PlaybookTask.objects.bulk_create([PlaybookTask(response=response, key=key, position=i)
                                      for i, (key, _label, _hint) in enumerate(PLAYBOOK)])
    audit.record(actor=actor, action=audit.Action.RESPONSE_OPEN, obj=response,
                 organisation_id=council.pk, new={"title": response.title})
    return response


def _log(actor: User, response: TriggerResponse, text: str) -> ResponseLogEntry:
    return ResponseLogEntry.objects.create(response=response, author=actor, text=text)


@transaction.atomic
def set_task_done(*, actor: User, response: TriggerResponse, key: str, done: bool
                  ) -> PlaybookTask:
    require_council(actor, response.council_id, write=True)
    task = PlaybookTask.objects.filter(response=response, key=key).first()
    if task is None:
        raise InvalidInput(_("There is no such step in the playbook."))
    if done == (task.done_at is not None):
        return task
    task.done_at = timezone.now() if done else None
    task.done_by = actor if done else None
    task.save(update_fields=["done_at", "done_by"])
    text = _("Done: %(task)s.") if done else _("Reopened: %(task)s.")
    _log(actor, response, text % {"task": task.label})
    audit.record(actor=actor, action=audit.Action.RESPONSE_TASK, obj=response,
                 organisation_id=response.council_id, new={"task": key, "done": done})
    return task


@transaction.atomic
def update_communication_plan(*, actor: User, response: TriggerResponse, audiences: str,
                              stakeholders: str, channels: str) -> TriggerResponse:
    require_council(actor, response.council_id, write=True)
    fields = ["audiences", "stakeholders", "channels"]
    old = audit.snapshot(response, fields)
    response.audiences, response.stakeholders, response.channels = (
        audiences.strip(), stakeholders.strip(), channels.strip())
    response.save(update_fields=fields)
    before, after = audit.changed(old, audit.snapshot(response, fields))
    if after:
        _log(actor, response, _("Communication plan updated."))
        audit.record(actor=actor, action=audit.Action.RESPONSE_COMMUNICATION_PLAN, obj=response,
                     organisation_id=response.council_id, old=before, new=after)
    return response


@transaction.atomic
def log_action(*, actor: User, response: TriggerResponse, text: str) -> ResponseLogEntry:
    require_council(actor, response.council_id, write=True)
    _required(text=text)
    entry = _log(actor, response, text.strip())
    audit.record(actor=actor, action=audit.Action.RESPONSE_LOG, obj=response,
                 organisation_id=response.council_id, new={"entry": entry.pk})
    return entry


@transaction.atomic
def save_community_contact(*, actor: User, council: Organisation, name: str, community: str,
                           role: str = "", email: str = "", phone: str = "", notes: str = "",
                           contact: CommunityContact | None = None) -> CommunityContact:
    require_council(actor, council.pk, write=True)
    _required(name=name, community=community)
    if not (email.strip() or phone.strip()):
        raise InvalidInput(_("Give an email address or a phone number."),
                           fields={"email": [_("Enter an email address or a phone number.")]})
    fields = ["name", "community", "role", "email", "phone", "notes"]
    old = audit.snapshot(contact, fields) if contact else {}
    contact = contact or CommunityContact(council=council)
    for name_, value in zip(fields, [name, community, role, email, phone, notes], strict=True):
        setattr(contact, name_, value.strip())
    contact.save()
    # Personal data: the log names the change, not the values.
    before, after = audit.changed(old, audit.snapshot(contact, fields))
    audit.record(actor=actor, action=audit.Action.COMMUNITY_CONTACT_SAVE, obj=contact,
                 organisation_id=council.pk, new={"changed": sorted(after)})
    return contact


@transaction.atomic
def delete_community_contact(*, actor: User, contact: CommunityContact) -> None:
    require_council(actor, contact.council_id, write=True)
    audit.record(actor=actor, action=audit.Action.COMMUNITY_CONTACT_DELETE, obj=contact,
                 organisation_id=contact.council_id)
    contact.delete()


@transaction.atomic
def save_rumour(*, actor: User, council: Organisation, what_is_said: str,
                where_spreading: str = "", groups_affected: str = "",
                status: str = RumourStatus.UNVERIFIED, counter_message: str = "",
                published_where: str = "", ward: Area | None = None,
                rumour: Rumour | None = None) -> Rumour:
    require_council(actor, council.pk, write=True)
    _required(what_is_said=what_is_said)
    if status not in RumourStatus.values:
        raise InvalidInput(_("Choose a status."), fields={"status": [_("Choose one.")]})
    if ward is not None and (ward.parent is None or ward.parent.code != council.area_code):
        raise InvalidInput(_("Choose a ward of the council."),
                           fields={"ward": [_("Choose one.")]})
    fields = ["what_is_said", "where_spreading", "groups_affected", "status",
              "counter_message", "published_where", "ward"]
    old = audit.snapshot(rumour, fields) if rumour else {}
    rumour = rumour or Rumour(council=council, created_by=actor)
    rumour.what_is_said, rumour.where_spreading = what_is_said.strip(), where_spreading.strip()
    rumour.groups_affected, rumour.status = groups_affected.strip(), status
    rumour.counter_message = counter_message.strip()
    rumour.published_where = published_where.strip()
    rumour.ward = ward
    rumour.save()
    before, after = audit.changed(old, audit.snapshot(rumour, fields))
    audit.record(actor=actor, action=audit.Action.RUMOUR_SAVE, obj=rumour,
                 organisation_id=council.pk,
                 old=before, new=after)
    return rumour


@transaction.atomic
def acknowledge_alert(*, actor: User, alert: Alert) -> Alert:
    require_council(actor, alert.council_id, write=True)
    if alert.acknowledged_at is None:
        alert.acknowledged_at, alert.acknowledged_by = timezone.now(), actor
        alert.save(update_fields=["acknowledged_at", "acknowledged_by"])
        audit.record(actor=actor, action=audit.Action.ALERT_ACKNOWLEDGE, obj=alert,
                     organisation_id=alert.council_id)
    return alert


@transaction.atomic
def set_subscription(*, actor: User, council: Organisation, subscribed: bool) -> bool:
    require_council(actor, council.pk)
    if subscribed:
        _sub, created = AlertSubscription.objects.get_or_create(user=actor, council=council)
        changed = created
    else:
        changed = AlertSubscription.objects.filter(user=actor, council=council).delete()[0] > 0
    if changed:
        audit.record(actor=actor, action=audit.Action.ALERT_SUBSCRIPTION_ADD if subscribed
                 else audit.Action.ALERT_SUBSCRIPTION_REMOVE,
                     organisation_id=council.pk, object_type="tensions.alertsubscription",
                     object_id=str(actor.pk), object_label=str(actor))
    return subscribed
