from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "commonground.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.apps import apps

        from commonground.core import (
            checks,  # noqa: F401 - registers the system checks
            choices,
        )

        choices.install(model for model in apps.get_models()
                        if model.__module__.startswith("commonground."))
