"""Measures a target or a mapping item can read, by "kind:parameter" code (see ``base``)."""

from commonground.plans.measures.base import (
    Comparison,
    MeasureKind,
    Reading,
    Request,
    Scope,
    describe,
    is_installed,
    kinds,
    options,
    read,
    read_many,
    register,
    split,
    stamp_of,
    unregister,
)


def register_builtin() -> None:
    """The kinds the platform has: council indicators, tension reports and alerts, manual
    figures, and the residents' survey's indicators."""
    from commonground.plans.measures.manual import ManualFigures
    from commonground.plans.measures.place import PlaceIndicators
    from commonground.plans.measures.survey import SurveyIndicators
    from commonground.plans.measures.tensions import AlertCounts, ReportCounts

    for kind in (PlaceIndicators(), ReportCounts(), AlertCounts(), ManualFigures(),
                 SurveyIndicators()):
        register(kind)


__all__ = [
    "Comparison", "MeasureKind", "Reading", "Request", "Scope", "describe", "is_installed",
    "kinds", "options", "read", "read_many", "register", "register_builtin", "split", "stamp_of",
    "unregister",
]
