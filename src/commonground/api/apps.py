from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "commonground.api"
    label = "api"
    verbose_name = "API"
