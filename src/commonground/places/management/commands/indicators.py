"""``commonground indicators FILE.csv``: every index for every region of an analyst's file.

The command is :mod:`commonground.offline.indicators`; ``python -m commonground`` runs
it without Django, and this is the same command for ``manage.py`` and ``call_command``.
"""

from __future__ import annotations

from commonground.offline import indicators
from commonground.offline.command import FileCommand


class Command(FileCommand):
    offline = indicators
