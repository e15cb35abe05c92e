"""The assessments app's tables, split by subject: cohesion impact assessments
(``impact``) and the Equality Framework self-assessment (``framework``)."""

from commonground.assessments.models.framework import (
    EvidenceKind,
    EvidenceLink,
    ImprovementPoint,
    Level,
    Rating,
    SelfAssessment,
    SelfAssessmentStatus,
)
from commonground.assessments.models.impact import (
    Answer,
    AssessmentSettings,
    Characteristic,
    ChecklistAnswer,
    Consultation,
    Decision,
    Direction,
    Effect,
    ImpactAssessment,
    Likelihood,
    Mitigation,
    Part,
    ProposalKind,
    Reach,
    ScreeningAnswer,
    Severity,
    Stage,
)

__all__ = [
    "EvidenceKind", "EvidenceLink", "ImprovementPoint", "Level", "Rating", "SelfAssessment",
    "SelfAssessmentStatus",
    "Answer", "AssessmentSettings", "Characteristic", "ChecklistAnswer", "Consultation",
    "Decision", "Direction", "Effect", "ImpactAssessment", "Likelihood", "Mitigation", "Part",
    "ProposalKind", "Reach", "ScreeningAnswer", "Severity", "Stage",
]
