from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "commonground.forums"
    label = "forums"
    verbose_name = "Forums"

    def ready(self) -> None:
        # What the audit log keeps of this app's objects, and who reads their rows.
        from commonground.forums import audit_privacy

        audit_privacy.register()
        # Search shows a closed or private group's threads only to the group's members.
        from commonground.forums.access import search_access_keys
        from commonground.search import register_access_provider

        register_access_provider(search_access_keys)
