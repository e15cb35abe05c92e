"""The Django management command of an offline command: the same module underneath, so
``call_command`` and ``manage.py`` give what ``python -m commonground`` gives."""

from __future__ import annotations

from types import ModuleType
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from .base import CommandFailed, Output


class FileCommand(BaseCommand):
    """Set ``offline`` to the command's module (``commonground.offline.<name>``)."""

    offline: ModuleType
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.help = cls.offline.HELP

    def add_arguments(self, parser: CommandParser) -> None:
        self.offline.add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            # self.stdout, not sys.stdout, so call_command(stdout=...) captures the table.
            self.offline.run(options, Output(cast(TextIO, self.stdout)),
                             Output(cast(TextIO, self.stderr)))
        except CommandFailed as exc:
            raise CommandError(str(exc), returncode=exc.returncode) from None
