"""Loading the publishers' open data, which every council's pages read: import a file and,
when it is one the council indicators are computed from, recompute them.

The importers (``importing``) only check and store a table; this service is where an
import of open data says that the council indicators follow, in the same transaction, so
that they are never computed from half of a change. Organisations' own uploads go through
``places.jobs`` and never touch the council indicators; the demo loader imports every
source first and computes the indicators once at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from commonground.places import derived, indicators
from commonground.places.importing import DatasetSpec, ImportResult


def import_and_refresh(importer: Callable[..., ImportResult], /, *, spec: DatasetSpec,
                       **options: Any) -> ImportResult:
    """``importer(spec=spec, **options)`` (one of ``importing.import_*``), then, if it
    committed one of the indicators' sources, the council indicators; all or nothing."""
    with transaction.atomic():
        result = importer(spec=spec, **options)
        if result.committed and spec.slug in indicators.SOURCES:
            derived.refresh_council_indicators(actor=options.get("actor"))
    return result
