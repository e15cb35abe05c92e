from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "commonground.places"
    label = "places"
    verbose_name = "Places and data"

    def ready(self) -> None:
        # Other apps ask core which councils are alike; places knows.
        from commonground.core.similar_areas import register_provider
        from commonground.places.similar import family_groups_by_code, similar_areas

        register_provider(similar_areas, groups=family_groups_by_code)
