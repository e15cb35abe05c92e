"""The weekly tension assessment: one per ward (or whole council area) per week, with
every earlier version kept as a revision."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonground.accounts.models import Organisation, User
from commonground.core import audit
from commonground.core.errors import EditConflict, InvalidInput
from commonground.places.models import Area, AreaLevel
from commonground.tensions.access import require_council
from commonground.tensions.models import Assessment, AssessmentRevision, Report, TensionLevel

FIELDS = ["level", "evidenced", "experienced", "potential", "reasons"]


def week_start(day: datetime.date) -> datetime.date:
    """The Monday of the week holding ``day``."""
    return day - datetime.timedelta(days=day.weekday())


def assessed_meanwhile(assessment: Assessment) -> EditConflict:
    """The refusal for a form read before a colleague saved this area's week."""
    latest = assessment.revisions.select_related("saved_by").order_by("-number").first()
    who = str(latest.saved_by) if latest and latest.saved_by else _("Someone")
    message = _("%(who)s saved an assessment of %(area)s for this week at %(when)s, after "
                "you opened the form: level %(level)s. Yours was not saved. Check the form "
                "and save again to add yours as a revision; theirs will be kept.") % {
        "who": who, "area": assessment.area.name,
        "when": formats.date_format(timezone.localtime(assessment.updated_at), "j M Y, H:i"),
        "level": assessment.level}
    return EditConflict(message)


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
    revision: int | None = None,
) -> Assessment:
    """Assess ``area`` for the week holding ``week_of``.

    A second assessment of the same area and week is a revision: the assessment becomes
    the new one and the earlier stays in its history (``AssessmentRevision``), never
    overwritten. ``revision`` is the revision the officer's form was read at (0: none
    yet); if someone has saved this area's week since, nothing is saved and
    ``EditConflict`` says who and what. Saving exactly what is there adds nothing.
    """
    require_council(actor, council.pk, write=True)
    is_council = area.level == AreaLevel.COUNCIL and area.code == council.area_code
    is_ward = area.level == AreaLevel.WARD and area.parent is not None \
        and area.parent.code == council.area_code
    errors: dict[str, list[str]] = {}
    if not (is_council or is_ward):
        errors["area"] = [_("Choose a ward of the council, or the whole council area.")]
    if level not in TensionLevel.values:
        errors["level"] = [_("Choose a level from 1 to 5.")]
    if not reasons.strip():
        errors["reasons"] = [_("Say why you chose this level.")]
    references = sorted({r.strip().upper() for r in report_references or [] if r.strip()})
    reports = list(Report.objects.filter(council=council, reference__in=references))
    missing = set(references) - {r.reference for r in reports}
    if missing:
        errors["reports"] = [ngettext("No report of this council has the reference %(references)s.",
                                      "No report of this council has the references "
                                      "%(references)s.", len(missing))
                             % {"references": ", ".join(sorted(missing))}]
    if errors:
        raise InvalidInput(_("Check the assessment."), fields=errors)
    monday = week_start(week_of)
    assessment = (Assessment.objects.select_for_update(of=("self",)).select_related("area")
                  .filter(area=area, week_start=monday).first())
    if revision is not None and assessment is not None and assessment.revision != revision:
        raise assessed_meanwhile(assessment)
    values = {"level": level, "evidenced": evidenced.strip(),
              "experienced": experienced.strip(), "potential": potential.strip(),
              "reasons": reasons.strip()}
    if assessment is not None:
        old = {**audit.snapshot(assessment, FIELDS),
               "reports": sorted(r.reference or "" for r in assessment.reports.all())}
        if old == {**values, "reports": references}:
            return assessment
        assessment.revision += 1
    else:
        old = {}
        assessment = Assessment(council=council, area=area, week_start=monday,
                                created_by=actor)
    for name, value in values.items():
        setattr(assessment, name, value)
    try:
        with transaction.atomic():
            assessment.save()
    except IntegrityError:  # a colleague's first assessment of this week came first
        raise assessed_meanwhile(Assessment.objects.get(area=area, week_start=monday)) from None
    assessment.reports.set(reports)
    AssessmentRevision.objects.create(
        assessment=assessment, number=assessment.revision, report_references=references,
        saved_by=actor, saved_at=assessment.updated_at, **values)
    before, after = audit.changed(old, {**values, "reports": references})
    audit.record(actor=actor,
                 action=audit.Action.ASSESSMENT_UPDATE if old else audit.Action.ASSESSMENT_CREATE,
                 obj=assessment, organisation_id=council.pk, old=before,
                 new={**after, "revision": assessment.revision})
    return assessment
