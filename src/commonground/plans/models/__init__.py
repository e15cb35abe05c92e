"""The plans app's tables, split by subject: the mapping exercise (``mapping``), issues
found in the evidence (``issues``), and action plans (``plans``)."""

from commonground.plans.models.issues import IssueStatus, LocalIssue, Priority, Strength
from commonground.plans.models.mapping import (
    EvidenceKind,
    ExerciseItem,
    LocalEvidence,
    MappingExercise,
    ProfileVersion,
    Scope,
    Weight,
)
from commonground.plans.models.plans import (
    ActionPlan,
    ActionStatus,
    Horizon,
    Milestone,
    MilestoneStatus,
    Origin,
    PlanAction,
    PlanStatus,
    ProgressUpdate,
    Rag,
    Recurrence,
    Target,
    TargetReading,
)

__all__ = [
    "ActionPlan", "ActionStatus", "EvidenceKind", "ExerciseItem", "Horizon", "IssueStatus",
    "LocalEvidence", "LocalIssue", "MappingExercise", "Milestone", "MilestoneStatus",
    "Origin", "PlanAction", "PlanStatus", "Priority", "ProfileVersion", "ProgressUpdate",
    "Rag", "Recurrence", "Scope", "Strength", "Target", "TargetReading", "Weight",
]
