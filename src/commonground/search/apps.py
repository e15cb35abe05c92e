"""The shared search engine, an app of its own that imports only ``core``; the apps that
index into it register with it, never the reverse.

Its label stays ``core_search``, from when it lived inside ``core``: the label names its
tables (``core_search_document``...) and its rows in ``django_migrations``, so databases
made before the move migrate on as they are, with nothing renamed."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "commonground.search"
    label = "core_search"
    verbose_name = "Search"
