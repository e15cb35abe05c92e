"""The analysts' commands that work on files alone: no database, no Django, no secret key.

``commonground indicators``, ``detect`` and ``survey-estimate`` read an analyst's CSV
files and write CSV; what they compute is pure NumPy/SciPy (:mod:`commonground.analytics`).
Starting Django (settings, every app's models and ``ready()``) cost more than the work
itself, so ``python -m commonground`` runs them through :func:`main` without it, importing
only the one command's module.  The Django management commands of the same names are
thin shells over the same modules (:class:`.command.FileCommand`), so ``call_command``
and ``manage.py`` give the same output from the same code.

Each command module has ``HELP``, ``RETURNCODE`` (the exit status of a refused file),
``add_arguments(parser)`` and ``run(options, out, err)``, which raises
:class:`.base.CommandFailed` with the closing message.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from .base import CommandFailed, Output

#: The commands, by Django's name for them, and their modules.
COMMANDS = {
    "indicators": "commonground.offline.indicators",
    "detect": "commonground.offline.detect",
    "survey_estimate": "commonground.offline.survey_estimate",
}

#: Django's own options of every management command: given one of these, the command
#: goes through Django, which knows what they mean.
DJANGO_OPTIONS = ("--settings", "--pythonpath", "--traceback", "--no-color", "--force-color",
                  "--skip-checks", "--verbosity", "--version")


def module(name: str) -> ModuleType:
    return importlib.import_module(COMMANDS[name])


def wants_django(args: Sequence[str]) -> bool:
    """Whether the arguments use an option only Django's command line knows."""
    return any(a.split("=", 1)[0] in DJANGO_OPTIONS or (a.startswith("-v") and a[1:2] != "-")
               for a in args)


def main(name: str, args: Sequence[str], *, prog: str = "commonground") -> int:
    """Run command ``name`` with ``args``; its exit status (as Django's command line gives:
    the closing message on stderr as ``CommandError: ...``)."""
    command = module(name)
    parser = argparse.ArgumentParser(prog=f"{prog} {name.replace('_', '-')}",
                                     description=command.HELP)
    command.add_arguments(parser)
    options = vars(parser.parse_args(list(args)))
    out, err = Output(sys.stdout), Output(sys.stderr)
    try:
        command.run(options, out, err)
    except CommandFailed as exc:
        err.write(f"CommandError: {exc}")
        return exc.returncode
    finally:
        out.flush()
    return 0


__all__ = ["COMMANDS", "CommandFailed", "Output", "main", "module", "wants_django"]
