from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "commonground.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        # What the audit log keeps of this app's objects, and who reads their rows.
        from commonground.plans import audit_privacy

        audit_privacy.register(self)
        # The measure kinds a target or a basket item can read register themselves.
        from commonground.core.area_summaries import register_provider
        from commonground.plans import measures
        from commonground.plans.summaries import plan_summary

        measures.register_builtin()
        # The council comparison page shows each council's published plan.
        register_provider(plan_summary)
