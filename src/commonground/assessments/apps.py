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
        # Search shows drafts and self-assessments only to the council's own people.
        from commonground.assessments import indexing
        from commonground.assessments.access import search_access_keys
        from commonground.search import register_access_provider, register_kind_label

        register_access_provider(search_access_keys)
        register_kind_label(indexing.ASSESSMENT_KIND, _("Impact assessment"))
        register_kind_label(indexing.SELF_ASSESSMENT_KIND, _("Equality self-assessment"))
