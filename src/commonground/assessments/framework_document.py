"""The equality self-assessment as a Word document for a peer challenge: each area's
criteria with the council's level (and the level before), its reasoning, the evidence
with its addresses, and the improvement points with the plan actions that deliver them.
Laid out by core.documents, like every document the service writes."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from commonground.assessments.models import SelfAssessment
from commonground.assessments.selectors import self_assessment_page
from commonground.core.documents import Document


def build(found: SelfAssessment) -> Document:
    site = settings.SITE_URL
    document = Document(
        title=_("Equality Framework self-assessment: %(title)s") % {"title": found.title},
        subtitle=_("%(council)s. %(status)s%(date)s.") % {
            "council": found.council.name, "status": found.get_status_display(),
            "date": f", {found.completed_on:%d/%m/%Y}" if found.completed_on else ""})
    document.paragraph(_(
        "The Equality Framework for Local Government rates a council at Developing, "
        "Achieving or Excellent in five areas. This document gives the council's own "
        "rating of each criterion and the evidence behind it, for a peer challenge."))
    if found.previous is not None:
        document.paragraph(_("Compared with the self-assessment “%(title)s”.")
                           % {"title": found.previous.title})
    for area in self_assessment_page(found):
        document.heading(str(area.area.title))
        for row in area.rows:
            document.heading(str(row.criterion.text), level=2)
            level = row.rating.get_level_display() if row.rating else _("Not rated")
            before = (_(" (before: %(level)s)") % {"level": row.previous.get_level_display()}
                      if row.previous else "")
            document.paragraph(_("Level: %(level)s%(before)s") % {"level": level,
                                                                  "before": before})
            if row.rating and row.rating.notes:
                document.paragraph(row.rating.notes)
            if row.evidence:
                document.paragraph(_("Evidence:"))
                document.bullets([f"{e.label} ({e.get_kind_display()}): "
                                  f"{e.url if e.url.startswith('http') else site + e.url}"
                                  for e in row.evidence])
            if row.improvements:
                document.paragraph(_("Improvement points:"))
                document.bullets([
                    f"{p.title}" + (_(", an action of “%(plan)s”") % {
                        "plan": p.action.plan.title} if p.action else "")
                    for p in row.improvements])
    return document
