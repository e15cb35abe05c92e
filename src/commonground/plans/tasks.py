"""Plans' scheduled job: reminding leads whose action owes a progress update."""

from __future__ import annotations

import datetime

from django_tasks import task

from commonground.background.schedule import daily, scheduled
from commonground.plans.services import progress


@scheduled(daily(at=datetime.time(7, 30)))
@task()
def send_plan_reminders() -> int:
    """Queue a reminder to the lead of every action whose update is due (once per
    reporting interval, so a daily run never nags)."""
    return progress.send_reminders()
