"""System checks: the Welsh catalogues are compiled (``commonground check`` warns if not)."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Warning, register

from commonground.core import catalogues


@register()
def welsh_catalogues_compiled(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    return [
        Warning(
            f"The Welsh catalogue {catalogue.po_path} is not compiled, or changed since: Welsh "
            "pages would show English for its strings.",
            hint="Run `python -m commonground.core.catalogues compile` (make does it for you).",
            id="commonground.W001",
        )
        for catalogue in catalogues.stale()
    ]
