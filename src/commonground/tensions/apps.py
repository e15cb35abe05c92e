from django.apps import AppConfig


class TensionsConfig(AppConfig):
    name = "commonground.tensions"
    label = "tensions"
    verbose_name = "Tensions and hate incidents"

    def ready(self) -> None:
        # What the audit log keeps of this app's objects, and who reads their rows.
        from commonground.tensions import audit_privacy

        audit_privacy.register(self)
        # A changed council or area empties the intake's per-process cache of them.
        from django.db.models.signals import post_delete, post_save

        from commonground.accounts.models import Organisation
        from commonground.core.area_summaries import register_provider
        from commonground.places.models import Area
        from commonground.tensions import gazetteer
        from commonground.tensions.summaries import tension_summary

        # The council comparison page shows a council's own staff its tension figures.
        register_provider(tension_summary)

        for model in (Organisation, Area):
            post_save.connect(gazetteer.forget, sender=model,
                              dispatch_uid=f"tensions-gazetteer-{model.__name__}-save")
            post_delete.connect(gazetteer.forget, sender=model,
                                dispatch_uid=f"tensions-gazetteer-{model.__name__}-delete")
