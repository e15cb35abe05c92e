"""The survey statistics import nothing of Django and nothing of ours outside analytics."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_survey_package_loads_no_django_and_no_app() -> None:
    script = (
        "import sys, commonground.analytics.survey as s, commonground.analytics.survey."
        "estimate_file\n"
        "bad = sorted(m for m in sys.modules if m.startswith('django') or "
        "(m.startswith('commonground.') and not m.startswith('commonground.analytics')))\n"
        "print(','.join(bad))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.strip() == ""
