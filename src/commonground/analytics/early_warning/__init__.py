"""Early warning of unusual rises in tension and hate-incident reports: everything of the
detector in one place, pure NumPy/SciPy like the rest of ``analytics``.

- ``detector``: :func:`detect` over many weekly or monthly count series at once.
- ``tails``: how unusual a count is under the negative-binomial prediction.
- ``watch``: trigger events' raised watch levels, and the CUSUM thresholds they set.
- ``explain``: each alert in plain English.

The service that runs it on the reports, stores alerts and emails officers is
``commonground.tensions.services.early_warning``; the method is in docs/early-warning.md.
"""

from commonground.analytics.early_warning.detector import (
    Alert,
    DetectionResult,
    DetectorParams,
    Period,
    TriggerEvent,
    detect,
    explain_alerts,
    watch_levels,
)

__all__ = [
    "Alert",
    "DetectionResult",
    "DetectorParams",
    "Period",
    "TriggerEvent",
    "detect",
    "explain_alerts",
    "watch_levels",
]
