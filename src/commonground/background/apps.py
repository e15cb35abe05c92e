from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class BackgroundConfig(AppConfig):
    name = "commonground.background"
    label = "background"
    verbose_name = "Background work"

    def ready(self) -> None:
        # Every app's tasks.py, so that the scheduler knows every scheduled job and the
        # worker every clean-up, whichever process starts first.
        autodiscover_modules("tasks")
