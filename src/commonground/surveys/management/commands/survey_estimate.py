"""``commonground survey-estimate RESPONSES.csv``: a weighted share with its intervals.

The command is :mod:`commonground.offline.survey_estimate`; ``python -m commonground``
runs it without Django, and this is the same command for ``manage.py`` and
``call_command``.
"""

from __future__ import annotations

from commonground.offline import survey_estimate
from commonground.offline.command import FileCommand


class Command(FileCommand):
    offline = survey_estimate
