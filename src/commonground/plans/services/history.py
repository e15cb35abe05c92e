"""A plan's history is its audit rows: every change to the plan or anything in it is
recorded against the plan, so one indexed query reads the whole history back; and
recording it marks the plan changed, which renews the cached parts of its pages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from commonground.accounts.models import User
from commonground.core import audit
from commonground.core.models import AuditEvent
from commonground.plans.models import ActionPlan

PLAN_OBJECT = "plans.actionplan"


def log(*, actor: User | None, plan: ActionPlan, action: audit.Action, label: str,
        old: dict[str, Any] | None = None, new: dict[str, Any] | None = None) -> None:
    audit.record(actor=actor, action=action, object_type=PLAN_OBJECT,
                 object_id=str(plan.pk), object_label=label[:255],
                 organisation_id=plan.council_id, old=old, new=new)
    # The plan's pages keep their slow parts in the cache until the plan changes; any
    # change to anything in it says so here (selectors.fragment_key).
    ActionPlan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())


def of(plan: ActionPlan) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(object_type=PLAN_OBJECT, object_id=str(plan.pk))
