"""Whether a target is on track: the latest reading against the straight line from the
baseline to the target.

- No reading, or none newer than the baseline: nothing can be said yet.
- A reading whose 95 % interval contains the baseline value is "not yet distinguishable
  from the baseline", whatever its central value: the change may be noise.
- Otherwise the target is met when the reading has reached it, on track when the share
  of the way covered is at least the share of the time gone, off track when it is less
  or when the reading moved away from the target.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Verdict(StrEnum):
    NO_READING = "no_reading"
    NOT_NEWER = "not_newer"
    INDISTINGUISHABLE = "indistinguishable"
    MET = "met"
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"


LABELS = {
    Verdict.NO_READING: gettext_lazy("No reading yet"),
    Verdict.NOT_NEWER: gettext_lazy("No new reading since the baseline"),
    Verdict.INDISTINGUISHABLE: gettext_lazy("Not yet distinguishable from the baseline"),
    Verdict.MET: gettext_lazy("Target met"),
    Verdict.ON_TRACK: gettext_lazy("On track"),
    Verdict.OFF_TRACK: gettext_lazy("Off track"),
}


def label(verdict: Verdict) -> str:
    return str(LABELS[verdict])


@dataclass(frozen=True)
class Judgement:
    verdict: Verdict
    explanation: str

    @property
    def label(self) -> str:
        return label(self.verdict)


def _fraction(day: datetime.date, start: datetime.date, end: datetime.date) -> float:
    span = (end - start).days
    if span <= 0:
        return 1.0
    return min(1.0, max(0.0, (day - start).days / span))


def judge(*, baseline: float, baseline_on: datetime.date, target: float,
          target_on: datetime.date, value: float | None, low: float | None = None,
          high: float | None = None, value_on: datetime.date | None = None) -> Judgement:
    if value is None or value_on is None:
        return Judgement(Verdict.NO_READING,
                         _("The platform holds no reading of this measure yet."))
    if value_on <= baseline_on:
        return Judgement(Verdict.NOT_NEWER,
                         _("The latest reading is not newer than the baseline; the target "
                           "can be judged once a newer one exists."))
    if low is not None and high is not None and low <= baseline <= high:
        return Judgement(Verdict.INDISTINGUISHABLE,
                         _("The latest value's 95%% interval (%(low)s to %(high)s) includes "
                           "the baseline, so the change cannot yet be told from chance.")
                         % {"low": f"{low:,.3g}", "high": f"{high:,.3g}"})
    direction = (target > baseline) - (target < baseline)
    if direction == 0:
        if value == target:
            return Judgement(Verdict.MET, _("The value is held at the target."))
        return Judgement(Verdict.OFF_TRACK, _("The aim is to hold the value, and it has "
                                              "moved."))
    if (value - target) * direction >= 0:
        return Judgement(Verdict.MET, _("The latest value has reached the target."))
    covered = (value - baseline) / (target - baseline)
    elapsed = _fraction(value_on, baseline_on, target_on)
    if covered < 0:
        return Judgement(Verdict.OFF_TRACK, _("The latest value has moved away from the "
                                              "target since the baseline."))
    facts = {"covered": f"{100 * covered:.0f}", "elapsed": f"{100 * elapsed:.0f}"}
    if covered >= elapsed:
        return Judgement(Verdict.ON_TRACK, _("%(covered)s%% of the way to the target with "
                                             "%(elapsed)s%% of the time gone.") % facts)
    return Judgement(Verdict.OFF_TRACK, _("Only %(covered)s%% of the way to the target with "
                                          "%(elapsed)s%% of the time gone.") % facts)
