"""``commonground detect FILE.csv --date-col COL --count-col COL [--area-col COL]``

The command is :mod:`commonground.offline.detect`; ``python -m commonground`` runs it
without Django, and this is the same command for ``manage.py`` and ``call_command``.
"""

from __future__ import annotations

from commonground.offline import detect
from commonground.offline.command import FileCommand


class Command(FileCommand):
    offline = detect
