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


@register.inclusion_tag("places/includes/age_pyramid.html")
def age_pyramid(structure: Any) -> dict[str, Any]:
    """An age structure by sex as a population pyramid: oldest band at the top, female
    bars to the left of the labels and male to the right, each as a share of all
    residents and scaled to the largest."""
    total = float(structure.total) or 1.0
    shares = [(row, 100.0 * (row.female or 0) / total, 100.0 * (row.male or 0) / total)
              for row in structure.bands]
    largest = max((max(f, m) for _row, f, m in shares), default=0.0) or 1.0
    return {"rows": [{"label": row.label, "female": f, "male": m,
                      "female_width": f"{100.0 * f / largest:.2f}",
                      "female_x": f"{100.0 - 100.0 * f / largest:.2f}",
                      "male_width": f"{100.0 * m / largest:.2f}"}
                     for row, f, m in reversed(shares)]}


@register.filter
def number(value: Any, digits: int = 1) -> str:
    """A number for tables: thousands separated, ``digits`` decimals, dash when missing."""
    if value is None or value != value:
        return "–"
    return f"{float(value):,.{int(digits)}f}"



@register.filter
def age_share(structure: Any, band: str) -> float:
    """Per cent of an age structure's residents in ``band`` ("65+", "0-15")."""
    return float(structure.share_of(band))


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
