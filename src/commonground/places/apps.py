from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "commonground.places"
    label = "places"
    verbose_name = "Places and data"
