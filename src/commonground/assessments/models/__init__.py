"""The assessments app's tables, split by subject: cohesion impact assessments
(``impact``)."""

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
    "Answer", "AssessmentSettings", "Characteristic", "ChecklistAnswer", "Consultation",
    "Decision", "Direction", "Effect", "ImpactAssessment", "Likelihood", "Mitigation", "Part",
    "ProposalKind", "Reach", "ScreeningAnswer", "Severity", "Stage",
]
