"""The plans' rows in the audit log (core.audit.privacy).

A council's mapping exercise, issues and plan drafts are its own: their rows are read by
the council's administrators, not by platform administrators. They are kept whole
(``redact=False``) because they are the plan's history, shown to the council on the
plan's page (services/history.py).
"""

from __future__ import annotations

from django.apps import AppConfig

from commonground.core import audit


def register(app: AppConfig) -> None:
    for model in app.get_models():
        audit.protect(model._meta.label_lower, noun=str(model._meta.verbose_name).capitalize(),
                      redact=False)
