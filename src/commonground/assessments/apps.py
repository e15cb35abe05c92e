from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "commonground.assessments"
    label = "assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        # What the audit log keeps of this app's objects, and who reads their rows.
        from commonground.assessments import audit_privacy

        audit_privacy.register(self)
