"""Interval charts drawn on the server as SVG: each estimate a dot, its 95 % interval a
line, on a 0-100 % scale. No script is needed; every chart has a table of the same
numbers beside it on the page (the chart is an image of the table)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from commonground.surveys.results import Figure

LABEL_WIDTH = 250
PLOT_WIDTH = 400
ROW = 28
TOP = 24


@dataclass(frozen=True)
class Bar:
    label: str
    y: float
    x: float | None
    x_low: float | None
    x_high: float | None
    modelled: bool
    text: str


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    height: int
    width: int
    ticks: list[tuple[float, int]]
    reference: float | None  # x of a reference line (the national figure), if any
    left: int = LABEL_WIDTH
    right: int = LABEL_WIDTH + PLOT_WIDTH


def _x(value: float) -> float:
    return LABEL_WIDTH + PLOT_WIDTH * max(0.0, min(100.0, value)) / 100.0


def interval_chart(figures: Sequence[Figure], *, reference: float | None = None,
                   missing: str = "") -> Chart:
    bars = []
    for i, figure in enumerate(figures):
        y = TOP + ROW * i + ROW / 2
        if figure.shown and figure.estimate is not None:
            bars.append(Bar(figure.label, y, _x(figure.estimate),
                            _x(figure.low) if figure.low is not None else None,
                            _x(figure.high) if figure.high is not None else None,
                            figure.modelled, f"{figure.estimate:.0f}%"))
        else:
            bars.append(Bar(figure.label, y, None, None, None, False, missing))
    return Chart(bars, TOP + ROW * len(figures) + 20, LABEL_WIDTH + PLOT_WIDTH + 60,
                 [(_x(v), v) for v in (0, 25, 50, 75, 100)],
                 _x(reference) if reference is not None else None)
