"""Plain-English explanations of early-warning alerts.

An alert must say why it fired: how many reports, against how many expected, and how
unusual that is under normal variation, or, for a sustained rise, over which weeks.
This module turns the flagged cells of a :class:`DetectionResult` into
:class:`Alert` records whose :meth:`Alert.explain` is ready to show an officer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

import numpy as np

from commonground.analytics.early_warning.watch import Period

if TYPE_CHECKING:
    from commonground.analytics.early_warning.detector import DetectionResult

Reason = Literal["spike", "sustained rise", "spike and sustained rise"]


@dataclass(frozen=True)
class Alert:
    """One flagged period of one series, with what is needed to explain it.

    Attributes
    ----------
    series : int
        Row of the count array.
    label : str
        What the row is (area and category), for display.
    period_index : int
        Column of the count array.
    period_start : date
        First day of the flagged period.
    period : {"week", "month"}
        Length of each period.
    reason : {"spike", "sustained rise", "spike and sustained rise"}
        Which rule fired.
    observed : int
        Reports in the period.
    expected : float
        Expected reports in the period.
    upper : int
        Largest count within normal variation for the period.
    p_value : float
        Chance of at least ``observed`` reports under normal variation.
    z : float
        Mid-p normal score.
    cusum : float
        CUSUM value at the end of the period.
    run_start : date
        First period of the rise the CUSUM has been adding up.
    run_periods : int
        Number of periods in that rise, this one included.
    run_observed : int
        Reports over those periods.
    run_expected : float
        Expected reports over those periods.
    watch : float
        Watch level in force (1 = normal).
    """

    series: int
    label: str
    period_index: int
    period_start: date
    period: Period
    reason: Reason
    observed: int
    expected: float
    upper: int
    p_value: float
    z: float
    cusum: float
    run_start: date
    run_periods: int
    run_observed: int
    run_expected: float
    watch: float

    def explain(self) -> str:
        """One or two plain-English sentences saying why this alert fired.

        Examples
        --------
        "12 reports in the week of 3 June 2024 against about 3.1 expected (a 1 in 2,000
        chance under normal variation)."
        """
        when = describe_period(self.period_start, self.period)
        noun = "report" if self.observed == 1 else "reports"
        parts: list[str] = []
        if self.reason != "sustained rise":
            parts.append(
                f"{self.observed} {noun} in {when} against about "
                f"{format_expected(self.expected)} expected "
                f"({describe_chance(self.p_value)} under normal variation)."
            )
        if self.reason != "spike":
            unit = self.period + ("s" if self.run_periods != 1 else "")
            if self.run_periods > 1:
                span = (f"over the {self.run_periods} {unit} from "
                        f"{describe_period(self.run_start, self.period, article=False)} "
                        f"to {when}")
            else:
                span = f"in {when}"
            lead = ("Sustained rise" if self.reason == "sustained rise"
                    else "Part of a sustained rise")
            parts.append(
                f"{lead}: {self.run_observed} reports {span} against about "
                f"{format_expected(self.run_expected)} expected."
            )
        if self.watch > 1.0:
            parts.append(
                f"A raised watch level (x{self.watch:g}) for a trigger event was in force."
            )
        return " ".join(parts)


def describe_period(start: date, period: Period, *, article: bool = True) -> str:
    """Name a period: "the week of 3 June 2024", "June 2024"; "3 June 2024" without article."""
    if period == "month":
        return f"{start:%B} {start.year}"
    day = f"{start.day} {start:%B} {start.year}"
    return f"the week of {day}" if article else day


def format_expected(value: float) -> str:
    """An expected count to two significant figures, at most one decimal place below 10."""
    if value >= 100:
        return f"{round(value):,}"
    if value >= 10:
        return f"{value:.0f}"
    return f"{value:.1f}" if value >= 0.1 else "0.1"


def chance_odds(p: float) -> int | None:
    """The N of "a 1 in N chance", to two significant figures; None for an ordinary count
    (p at least 1/2), 0 for less than one in a million."""
    if not math.isfinite(p) or p >= 0.5:
        return None
    if p < 1e-6:
        return 0
    odds = 1.0 / p
    digits = int(math.floor(math.log10(odds)))
    return int(round(odds, -(digits - 1)) if digits >= 1 else round(odds))


def describe_chance(p: float) -> str:
    """'a 1 in 2,000 chance' with two significant figures; extremes in words."""
    odds = chance_odds(p)
    if odds is None:
        return "an ordinary count"
    if odds == 0:
        return "less than a 1 in a million chance"
    return f"a 1 in {odds:,} chance"


def explain_alerts(
    result: DetectionResult,
    period_starts: Sequence[date],
    *,
    labels: Sequence[str] | None = None,
    period: Period = "week",
    only_latest: bool = False,
) -> list[Alert]:
    """Turn the flagged cells of a detection result into explained alerts.

    Parameters
    ----------
    result : DetectionResult
        Output of :func:`commonground.analytics.early_warning.detect`.
    period_starts : sequence of date
        First day of each period (one per column).
    labels : sequence of str, optional
        Label of each series (row); "series <i>" when omitted.
    period : {"week", "month"}
        Length of each period.
    only_latest : bool
        Only alerts in the last period (what a weekly run shows as new).

    Returns
    -------
    list of Alert
        Ordered by series then period.
    """
    n_series, n_periods = result.shape
    if len(period_starts) != n_periods:
        raise ValueError(f"{len(period_starts)} period starts for {n_periods} periods")
    if labels is not None and len(labels) != n_series:
        raise ValueError(f"{len(labels)} labels for {n_series} series")
    flagged = result.flagged
    if only_latest:
        rows = np.flatnonzero(flagged[:, -1])
        cells = [(int(i), n_periods - 1) for i in rows]
    else:
        cells = [(int(i), int(j)) for i, j in zip(*np.nonzero(flagged), strict=True)]
    alerts = []
    for i, j in cells:
        start = j
        # The CUSUM run: back to the period after it last stood at zero.
        while start > 0 and result.cusum[i, start - 1] > 0 and result.evaluated[i, start - 1]:
            start -= 1
        spike = bool(result.spike[i, j])
        sustained = bool(result.sustained[i, j])
        reason: Reason = ("spike and sustained rise" if spike and sustained
                          else "spike" if spike else "sustained rise")
        alerts.append(Alert(
            series=i,
            label=labels[i] if labels is not None else f"series {i}",
            period_index=j,
            period_start=period_starts[j],
            period=period,
            reason=reason,
            observed=int(result.observed[i, j]),
            expected=float(result.expected[i, j]),
            upper=int(result.upper[i, j]),
            p_value=float(result.p_value[i, j]),
            z=float(result.z[i, j]),
            cusum=float(result.cusum[i, j]),
            run_start=period_starts[start],
            run_periods=j - start + 1,
            run_observed=int(result.observed[i, start:j + 1].sum()),
            run_expected=float(result.expected[i, start:j + 1].sum()),
            watch=float(result.watch[i, j]),
        ))
    return alerts
