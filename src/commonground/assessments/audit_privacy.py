"""The assessments' rows in the audit log (core.audit.privacy).

A council's draft assessments are its own: their rows are read by the council's
administrators, not by platform administrators. Like the plans' rows they are kept whole
(``redact=False``): they are the assessment's record of who changed what, shown to the
council.
"""

from __future__ import annotations

from django.apps import AppConfig

from commonground.core import audit


def register(app: AppConfig) -> None:
    for model in app.get_models():
        audit.protect(model._meta.label_lower, noun=str(model._meta.verbose_name).capitalize(),
                      redact=False)
