"""The shared search engine is its own small Django app, so its tables and migrations
live beside its code inside ``core`` without touching the core app's own migrations."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "commonground.core.search"
    label = "core_search"
    verbose_name = "Search"
