"""Progress updates on actions, and the reminders that ask for them.

An update is written by the council, the action's lead organisation or one of its
partners, on behalf of one of the author's organisations named there. Reminders go to
the action's lead officer (or, without one, the plan's author) when no update has come
for the action's reporting interval; one reminder per interval, never a daily nag.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import partial

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.accounts.models import Organisation, User
from commonground.background.mail import queue_email
from commonground.core import audit
from commonground.core.errors import InvalidInput
from commonground.plans import access, files
from commonground.plans.models import (
    ActionStatus,
    PlanAction,
    PlanStatus,
    ProgressUpdate,
)
from commonground.plans.services.history import log


def _on_behalf_of(actor: User, action: PlanAction) -> Organisation:
    reach = access.reach_of(actor)
    if action.plan.council_id in reach.write_councils:
        return action.plan.council
    if action.lead_organisation_id in reach.organisations and action.lead_organisation:
        return action.lead_organisation
    partner = action.partners.filter(pk__in=reach.organisations).order_by("name").first()
    if partner is None:  # get_action_for_user(report=True) has already refused
        raise InvalidInput(_("You are not named on this action."))
    return partner


@transaction.atomic
def post_update(*, actor: User, action: PlanAction, text: str, link: str = "",
                file: UploadedFile | None = None, public: bool = False) -> ProgressUpdate:
    access.get_action_for_user(actor, action.pk, report=True)
    if not text.strip():
        raise InvalidInput(_("Say what has happened."),
                           fields={"text": [_("Say what has happened since the last "
                                              "update.")]})
    file_name = files.check(file)
    update = ProgressUpdate(action=action, author=actor,
                            organisation=_on_behalf_of(actor, action), text=text.strip(),
                            link=link.strip(), file_name=file_name, public=public)
    if file is not None:
        update.file.save(file_name, file, save=False)
    update.save()
    log(actor=actor, plan=action.plan, action=audit.Action.PLANS_UPDATE_CREATE,
        label=_("Update on: %(title)s") % {"title": action.title},
        new={"id": update.pk, "action": action.pk, "text": update.text, "link": update.link,
             "file": file_name, "public": public,
             "organisation": update.organisation.name if update.organisation else ""})
    return update


@dataclass(frozen=True)
class Due:
    action: PlanAction
    last: datetime.datetime  # the last update or reminder, or when the action was added


def due_reminders(now: datetime.datetime | None = None) -> list[Due]:
    """Actions of agreed or published plans, still open, whose lead owes an update."""
    moment = now or timezone.now()
    actions = (PlanAction.objects
               .filter(plan__status__in=[PlanStatus.AGREED, PlanStatus.PUBLISHED],
                       update_every_days__gt=0)
               .exclude(status__in=[ActionStatus.COMPLETED, ActionStatus.CANCELLED])
               .filter(Q(starts_on__isnull=True) | Q(starts_on__lte=moment.date()))
               .annotate(last_update=Max("updates__created_at"))
               .select_related("plan", "plan__created_by", "lead_officer"))
    found = []
    for action in actions:
        last = action.last_update or action.created_at
        if action.reminded_at is not None and action.reminded_at > last:
            last = action.reminded_at  # already reminded: wait a whole interval again
        if moment - last >= datetime.timedelta(days=action.update_every_days):
            found.append(Due(action, last))
    return found


def _recipient(action: PlanAction) -> User | None:
    person = action.lead_officer or action.plan.created_by
    return person if person is not None and person.is_active and person.email else None


def _subject(title: str) -> str:
    return _("Update due: %(title)s") % {"title": title}


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Queue one email to each due action's lead; returns how many. A scheduled job
    (plans.tasks.send_plan_reminders, daily)."""
    moment = now or timezone.now()
    sent = 0
    for due in due_reminders(moment):
        to = _recipient(due.action)
        if to is None:
            continue
        action = due.action
        with transaction.atomic():
            PlanAction.objects.filter(pk=action.pk).update(reminded_at=moment)
            queue_email(
                kind="plans.reminder", to=to, template="plans/email/reminder.txt",
                subject=partial(_subject, action.title),
                context={"action": action, "plan": action.plan,
                         "days": action.update_every_days})
            log(actor=None, plan=action.plan, action=audit.Action.PLANS_UPDATE_REMINDER,
                label=_("Update on: %(title)s") % {"title": action.title},
                new={"action": action.pk, "to": to.email})
        sent += 1
    return sent
