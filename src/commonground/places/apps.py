from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "commonground.places"
    label = "places"
    verbose_name = "Places and data"

    def ready(self) -> None:
        # Other apps ask core which councils are alike; places knows.
        from commonground.core.similar_councils import register_provider
        from commonground.places.similar_councils import answer, family_groups_by_code

        register_provider(answer, groups=family_groups_by_code)
