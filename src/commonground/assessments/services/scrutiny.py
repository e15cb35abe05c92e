"""Scrutiny reports: generated from a plan for a period, stored as they were that day."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.accounts.models import Organisation, User
from commonground.assessments import access, scrutiny
from commonground.assessments.models import ScrutinyReport
from commonground.core import audit
from commonground.core.errors import InvalidInput
from commonground.plans.models import ActionPlan


@transaction.atomic
def generate(*, actor: User, council: Organisation, plan: ActionPlan | None, title: str,
             committee: str, period_start: datetime.date | None,
             period_end: datetime.date | None) -> ScrutinyReport:
    access.get_council_for_user(actor, council.slug, write=True)
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    if plan is None or plan.council_id != council.pk:
        errors["plan"] = [_("Choose one of the council's plans.")]
    if not title.strip():
        errors["title"] = [_("Give the report a title.")]
    if not committee.strip():
        errors["committee"] = [_("Say which committee it is for.")]
    if period_start is None:
        errors["period_start"] = [_("Give the start of the period.")]
    if period_end is None:
        errors["period_end"] = [_("Give the end of the period.")]
    elif period_start is not None and period_end < period_start:
        errors["period_end"] = [_("The end must not be before the start.")]
    elif period_end > today:
        errors["period_end"] = [_("The period cannot end in the future.")]
    if errors:
        raise InvalidInput(_("Check the report."), fields=errors)
    assert plan is not None and period_start is not None and period_end is not None
    report = ScrutinyReport.objects.create(
        council=council, plan=plan, title=title.strip()[:200],
        committee=committee.strip()[:200], period_start=period_start, period_end=period_end,
        generated_on=today, content=scrutiny.content(plan, period_start, period_end, today),
        created_by=actor)
    audit.record(actor=actor, action=audit.Action.ASSESSMENTS_SCRUTINY_CREATE, obj=report,
                 organisation_id=council.pk,
                 new={"plan": plan.pk, "period_start": period_start, "period_end": period_end})
    return report
