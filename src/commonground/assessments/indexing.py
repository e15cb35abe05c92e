"""Impact assessments and equality self-assessments in the site's search
(commonground.search): what is indexed, and who may find it.

- A published impact assessment is one public document (kind "impact_assessment"): what
  its summary page shows (the proposal, who decides, the areas, the decision, the
  summary), linking to that page.
- A draft or signed-off assessment is the same document with the access key
  "assessments-council:<council id>", linking to its working page; only the council's
  members hold the key (``access.search_access_keys``), as only they may open it.
- A self-assessment (kind "self_assessment": its name, its levels' reasoning and its
  improvement points) always carries the council's key.

The services call ``index_assessment`` / ``index_self_assessment`` inside their
transaction whenever what is indexed or the stage changes, so the index follows the
assessment exactly; ``reindex_assessments --commit`` indexes what was written before.
Text is built in English (the index's language; labels on the page follow the reader).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone, translation

from commonground.assessments.models import ImpactAssessment, SelfAssessment, Stage
from commonground.search import PUBLIC, index_document

ASSESSMENT_KIND = "impact_assessment"
SELF_ASSESSMENT_KIND = "self_assessment"
ACCESS_PREFIX = "assessments-council:"


def council_key(council_id: int) -> str:
    return f"{ACCESS_PREFIX}{council_id}"


def _lines(*parts: object) -> str:
    return "\n".join(str(p) for p in parts if p)


def index_assessment(assessment: ImpactAssessment) -> None:
    published = assessment.stage == Stage.PUBLISHED
    with translation.override("en"):
        body = _lines(
            "Impact assessment", assessment.council.name, assessment.get_kind_display(),
            assessment.description, assessment.decided_by,
            assessment.reach_label or assessment.get_reach_display(),
            assessment.get_decision_display() if assessment.decision else "",
            assessment.summary, "" if published else assessment.decision_reasons)
    when = assessment.published_at if published else assessment.created_at
    index_document(
        kind=ASSESSMENT_KIND, key=str(assessment.pk), title=assessment.title, body=body,
        url=reverse("assessments:summary" if published else "assessments:assessment",
                    args=[assessment.pk]),
        access=PUBLIC if published else council_key(assessment.council_id),
        published=timezone.localdate(when) if when else None)


def index_self_assessment(found: SelfAssessment) -> None:
    ratings = found.ratings.values_list("notes", flat=True)
    improvements = found.improvements.values_list("title", flat=True)
    index_document(
        kind=SELF_ASSESSMENT_KIND, key=str(found.pk), title=found.title,
        body=_lines("Equality Framework self-assessment", found.council.name, *ratings,
                    *improvements),
        url=reverse("assessments:self-assessment", args=[found.pk]),
        access=council_key(found.council_id),
        published=timezone.localdate(found.created_at))


def reindex_all() -> tuple[int, int]:
    """Every assessment and self-assessment again; (assessments, self-assessments)."""
    assessments = ImpactAssessment.objects.select_related("council")
    for assessment in assessments:
        index_assessment(assessment)
    self_assessments = SelfAssessment.objects.select_related("council")
    for found in self_assessments:
        index_self_assessment(found)
    return len(assessments), len(self_assessments)
