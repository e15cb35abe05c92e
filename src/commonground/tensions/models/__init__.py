"""Tension and hate-incident reports and what councils do with them.

Split by subject: reports and their triage (``reports``), weekly assessments
(``assessments``), early warning (``warning``), trigger-event response and rumours
(``response``).
"""

from commonground.tensions.models.assessments import (
    Assessment,
    AssessmentRevision,
    TensionLevel,
)
from commonground.tensions.models.early_warning import (
    Alert,
    AlertSubscription,
    EarlyWarningRun,
    TriggerEvent,
    TriggerKind,
)
from commonground.tensions.models.reports import (
    Category,
    Characteristic,
    Priority,
    Report,
    ReportedToPolice,
    ReporterContact,
    ReportNote,
    ReportUpdate,
    Source,
    Status,
    Tag,
)
from commonground.tensions.models.response import (
    CommunityContact,
    PlaybookTask,
    ResponseLogEntry,
    Rumour,
    RumourStatus,
    TriggerResponse,
)

__all__ = [
    "Alert", "AlertSubscription", "Assessment", "AssessmentRevision", "Category",
    "Characteristic", "CommunityContact", "EarlyWarningRun", "PlaybookTask", "Priority",
    "Report", "ReportNote", "ReportUpdate", "ReportedToPolice", "ReporterContact",
    "ResponseLogEntry", "Rumour", "RumourStatus", "Source", "Status", "Tag", "TensionLevel",
    "TriggerEvent", "TriggerKind", "TriggerResponse",
]
