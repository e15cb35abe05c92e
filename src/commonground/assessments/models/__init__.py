"""The assessments app's tables, split by subject: cohesion impact assessments
(``impact``), the Equality Framework self-assessment (``framework``), and the vision and
strategy with the cohesion partnership (``strategy``), and scrutiny reports (``scrutiny``)."""

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
from commonground.assessments.models.scrutiny import ScrutinyReport
from commonground.assessments.models.strategy import (
    Meeting,
    MeetingDecision,
    PartnershipMember,
    Strategy,
    StrategyConsultation,
    StrategyVersion,
)

__all__ = [
    "ScrutinyReport",
    "Meeting", "MeetingDecision", "PartnershipMember", "Strategy", "StrategyConsultation",
    "StrategyVersion",
    "EvidenceKind", "EvidenceLink", "ImprovementPoint", "Level", "Rating", "SelfAssessment",
    "SelfAssessmentStatus",
    "Answer", "AssessmentSettings", "Characteristic", "ChecklistAnswer", "Consultation",
    "Decision", "Direction", "Effect", "ImpactAssessment", "Likelihood", "Mitigation", "Part",
    "ProposalKind", "Reach", "ScreeningAnswer", "Severity", "Stage",
]
