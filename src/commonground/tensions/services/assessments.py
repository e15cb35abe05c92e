"""The weekly tension assessment: one per ward (or whole council area) per week."""

from __future__ import annotations

import datetime

from django.db import transaction

from commonground.accounts.models import Organisation, User
from commonground.core import audit
from commonground.core.errors import InvalidInput
from commonground.places.models import Area, AreaLevel
from commonground.tensions.access import require_council
from commonground.tensions.models import Assessment, Report, TensionLevel

FIELDS = ["level", "evidenced", "experienced", "potential", "reasons"]


def week_start(day: datetime.date) -> datetime.date:
    """The Monday of the week holding ``day``."""
    return day - datetime.timedelta(days=day.weekday())


@transaction.atomic
def save_assessment(
    *,
    actor: User,
    council: Organisation,
    area: Area,
    week_of: datetime.date,
    level: int,
    reasons: str,
    evidenced: str = "",
    experienced: str = "",
    potential: str = "",
    report_references: list[str] | None = None,
) -> Assessment:
    """Create or revise the assessment of ``area`` for the week holding ``week_of``."""
    require_council(actor, council.pk, write=True)
    is_council = area.level == AreaLevel.COUNCIL and area.code == council.area_code
    is_ward = area.level == AreaLevel.WARD and area.parent is not None \
        and area.parent.code == council.area_code
    errors: dict[str, list[str]] = {}
    if not (is_council or is_ward):
        errors["area"] = ["Choose a ward of the council, or the whole council area."]
    if level not in TensionLevel.values:
        errors["level"] = ["Choose a level from 1 to 5."]
    if not reasons.strip():
        errors["reasons"] = ["Say why you chose this level."]
    references = sorted({r.strip().upper() for r in report_references or [] if r.strip()})
    reports = list(Report.objects.filter(council=council, reference__in=references))
    missing = set(references) - {r.reference for r in reports}
    if missing:
        errors["reports"] = [f"No report of this council has the reference "
                             f"{', '.join(sorted(missing))}."]
    if errors:
        raise InvalidInput("Check the assessment.", fields=errors)
    monday = week_start(week_of)
    assessment = Assessment.objects.filter(area=area, week_start=monday).first()
    old = audit.snapshot(assessment, FIELDS) if assessment else {}
    if assessment is None:
        assessment = Assessment(council=council, area=area, week_start=monday, created_by=actor)
    assessment.level = level
    assessment.evidenced = evidenced.strip()
    assessment.experienced = experienced.strip()
    assessment.potential = potential.strip()
    assessment.reasons = reasons.strip()
    assessment.save()
    assessment.reports.set(reports)
    before, after = audit.changed(old, audit.snapshot(assessment, FIELDS))
    audit.record(actor=actor,
                 action=audit.Action.ASSESSMENT_UPDATE if old else audit.Action.ASSESSMENT_CREATE,
                 obj=assessment, organisation_id=council.pk, old=before,
                 new={**after, "reports": references})
    return assessment
