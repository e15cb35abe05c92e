"""Bar charts as SVG bars drawn by the server (see places/includes/bars.html for why)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template

from commonground.places.profile import Part

register = template.Library()


@register.inclusion_tag("places/includes/bars.html")
def bar_chart(parts: Sequence[Any], unit: str = "%") -> dict[str, Any]:
    """``parts`` have ``label`` and ``share``; bars are scaled to the largest share."""
    largest = max((float(p.share) for p in parts), default=0.0) or 1.0
    return {"rows": [{"label": p.label, "value": float(p.share),
                      "width": f"{100.0 * float(p.share) / largest:.2f}"} for p in parts],
            "unit": unit}


@register.filter
def number(value: Any, digits: int = 1) -> str:
    """A number for tables: thousands separated, ``digits`` decimals, dash when missing."""
    if value is None or value != value:
        return "–"
    return f"{float(value):,.{int(digits)}f}"



@register.filter
def parts_of(table: Any, row: Any) -> list[Any]:
    """A sub-area table row as (label, count, share) parts for a chart and its table."""
    return [Part(label, count, share) for label, count, share
            in zip(table.labels, row.counts, row.shares, strict=True)]


@register.filter
def summary_parts(summary: Any, table: Any) -> list[Any]:
    """The whole of a sub-area table as (label, count, share) parts."""
    return [Part(label, count, share) for label, count, share
            in zip(table.labels, summary.counts, summary.shares, strict=True)]


@register.filter
def field_label(form: Any, key: str) -> str:
    """The label of the form's weight field for indicator ``key``."""
    return str(form.fields[f"w_{key}"].label)
