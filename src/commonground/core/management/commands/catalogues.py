"""``commonground catalogues update|compile|check``: keep the Welsh catalogues in step.

``update`` adds every newly marked string to its app's catalogue (without Welsh) and drops
strings no code marks; ``check`` lists marked strings without good Welsh (the test suite runs
the same check); ``compile`` builds the ``.mo`` files Django reads.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from commonground.core import catalogues


class Command(BaseCommand):
    help = "Update, compile or check the Welsh translation catalogues."
    # A build tool: the system checks (one of which is about these catalogues) are noise here.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["update", "compile", "check"])
        parser.add_argument("apps", nargs="*",
                            help="Only these catalogues ('project' or app directory names).")

    def handle(self, *args: Any, **options: Any) -> None:
        selected = catalogues.catalogues()
        if options["apps"]:
            unknown = set(options["apps"]) - {c.name for c in selected}
            if unknown:
                raise CommandError(f"No catalogue called {', '.join(sorted(unknown))}; "
                                   f"known: {', '.join(c.name for c in selected)}")
            selected = [c for c in selected if c.name in options["apps"]]
        action = options["action"]
        if action == "update":
            for catalogue in selected:
                added, dropped = catalogues.update(catalogue)
                if added or dropped:
                    self.stdout.write(f"{catalogue.name}: {added} new, {dropped} dropped")
        if action == "compile":
            for catalogue in selected:
                if catalogues.compile_catalogue(catalogue, force=True):
                    self.stdout.write(f"compiled {catalogue.mo_path}")
            return
        found = catalogues.all_problems(selected)
        for name, problems in found.items():
            self.stdout.write(f"{name}: {len(problems)} to do")
            for problem in problems:
                self.stdout.write(f"  {problem}")
        if found and action == "check":
            raise CommandError("Some marked strings have no good Welsh yet (listed above).")
        if found:
            return
        self.stdout.write("Every marked string has its Welsh.")
