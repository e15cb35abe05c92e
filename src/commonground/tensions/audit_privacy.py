"""What the audit log keeps of a council's tensions (core.audit.privacy).

Every tensions model is protected: its rows are read by the council's administrators
only (platform administrators see nothing of a council's tensions, docs/tensions.md),
and they keep ids, codes and statuses, never what a report, rumour, assessment, contact
or response says.
"""

from __future__ import annotations

from django.apps import AppConfig

from commonground.core import audit

# Keys whose text values are codes, statuses, references or the council's own labels
# (tags) rather than anyone's words.
_SAFE_KEYS: dict[str, tuple[str, ...]] = {
    "report": ("reference", "category", "source", "ward", "area", "contact_details",
               "status", "priority", "assignee", "merged_into", "related", "note", "update",
               "first_contact_at", "follow_up_at", "reports", "tags", "characteristics"),
    "assessment": ("level", "area", "ward", "week", "week_start", "reports", "revision_of"),
    "triggerevent": ("kind", "starts_on", "ends_on", "watch_level"),
    "triggerresponse": ("task", "done", "entry"),
    "communitycontact": ("changed",),
    "rumour": ("status", "ward"),
    "alert": ("category", "observed", "expected", "week_start", "area"),
}
# ``str()`` of these names them by reference, area, week and level: no one's words.
_SAFE_LABELS = {"report", "assessment", "alert"}


def register(app: AppConfig) -> None:
    for model in app.get_models():
        name = model._meta.model_name or ""
        audit.protect(model._meta.label_lower, noun=str(model._meta.verbose_name).capitalize(),
                      safe_keys=_SAFE_KEYS.get(name, ()), label_is_safe=name in _SAFE_LABELS)
