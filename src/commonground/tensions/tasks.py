"""Tensions' scheduled jobs: the early-warning recompute, and removing reporters' contact
details when their retention period ends."""

from __future__ import annotations

import datetime

from django_tasks import task

from commonground.background.schedule import daily, every, scheduled
from commonground.tensions.services import early_warning, retention


@scheduled(every(hours=1))
@task()
def recompute_early_warning() -> dict[str, int]:
    """Count, detect, store new alerts and email subscribed officers."""
    out = early_warning.recompute()
    return {"councils": out.councils, "series": out.series, "reports": out.reports,
            "new_alerts": len(out.new_alerts), "updated_alerts": out.updated_alerts,
            "withdrawn_alerts": out.withdrawn_alerts}


@task()
def recompute_council_early_warning(council_id: int) -> dict[str, int]:
    """One council's recompute, after an officer moved a report to another ward or
    category: its alerts follow the correction without waiting for the hourly run."""
    out = early_warning.recompute(council_ids=[council_id])
    return {"reports": out.reports, "new_alerts": len(out.new_alerts),
            "updated_alerts": out.updated_alerts, "withdrawn_alerts": out.withdrawn_alerts}


@scheduled(daily(at=datetime.time(2, 30)))
@task()
def purge_contact_details() -> int:
    return retention.purge_contact_details()
