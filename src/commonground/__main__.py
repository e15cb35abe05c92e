"""The ``commonground`` command: Django's management commands under one name.

``commonground demo`` is what ``make run`` serves: the demo data on SQLite, in
development mode. The analysts' commands on files (``indicators``, ``detect``,
``survey-estimate``) run without Django (:mod:`commonground.offline`): starting every app
took longer than their work. Any other subcommand is passed to Django as it is
(``commonground migrate``).
"""

from __future__ import annotations

import os
import secrets
import sys

from commonground import offline

# Commands that work on files without the database or any signing: analysts' own files,
# and the Welsh catalogues (`commonground catalogues update`).
OFFLINE_COMMANDS = {"indicators", "detect", "survey_estimate", "catalogues"}
# Spellings of command names that Django's module names cannot carry.
ALIASES = {"survey-estimate": "survey_estimate"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if argv[1:2] and argv[1] in ALIASES:
        argv[1] = ALIASES[argv[1]]
    if argv[1:2] and argv[1] in offline.COMMANDS and not offline.wants_django(argv[2:]):
        # Pure analytics on files: without Django, unless an option only Django's command
        # line knows is given (--settings, --traceback...).
        raise SystemExit(offline.main(argv[1], argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonground.settings")
    if argv[1:2] == ["demo"]:
        # The demo is a development server; production never loads demo users.
        os.environ.setdefault("DEBUG", "true")
    if argv[1:2] and argv[1] in OFFLINE_COMMANDS and not os.environ.get("SECRET_KEY"):
        # Analysts run these on their own files, with no server and no secret key to set;
        # they sign nothing, so a throwaway key in this process's own environment will do.
        # (An environment switch instead would let a server skip its key too.)
        os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(argv)
    except ImproperlyConfigured as exc:
        # A configuration mistake deserves one clear sentence, not a traceback.
        sys.stderr.write(f"Common Ground cannot start: {exc}\n")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
