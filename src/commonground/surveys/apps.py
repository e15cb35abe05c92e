from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "commonground.surveys"
    label = "surveys"
    verbose_name = _("Residents' surveys")

    def ready(self) -> None:
        from commonground.core.area_summaries import register_provider
        from commonground.surveys.summaries import survey_summary

        register_provider(survey_summary)
