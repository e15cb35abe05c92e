from django.apps import AppConfig


class TensionsConfig(AppConfig):
    name = "commonground.tensions"
    label = "tensions"
    verbose_name = "Tensions and hate incidents"
