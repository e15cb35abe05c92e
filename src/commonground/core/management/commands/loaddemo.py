"""Load the demo data of every installed app, idempotently. Development only.

Each app that has demo data provides ``commonground.<app>.demo`` with
``load(stdout) -> list[str]`` (lines to print at the end, such as sign-ins). Apps are
visited in INSTALLED_APPS order, so an app's demo can use what earlier apps loaded.
Discovering the modules by name keeps ``core`` free of imports of other apps.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def demo_modules() -> list[Any]:
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("commonground."):
            continue
        try:
            modules.append(importlib.import_module(f"{config.name}.demo"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
    return modules


class Command(BaseCommand):
    help = "Load the demo data (development only; refused when DEBUG is off)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "Demo data is for development only and is never loaded with DEBUG=false. "
                "Run 'commonground demo' (or 'make run') for the demo."
            )
        notes: list[str] = []
        for module in demo_modules():
            notes.extend(module.load(self.stdout))
        for line in notes:
            self.stdout.write(line)
