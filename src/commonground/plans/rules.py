"""The rules that propose candidate issues from the evidence (data/plans/issue_rules.yaml).

Each test kind is a function here; which measure it reads, where it cuts and which
Table D1 issue it points to are in the file. :func:`evaluate` tries every rule on a scope
and says, for each, whether it fired (with its strength and the fact behind it), stayed
quiet, or could not be tried (and why), so the page can show the whole reasoning.
"""

from __future__ import annotations

import datetime
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.utils.translation import gettext as _

from commonground.analytics.intervals import rise_p_value
from commonground.places.models import AreaLevel
from commonground.plans import measures
from commonground.plans.measures import Reading, Request, Scope
from commonground.tensions.models import Alert, Assessment

STRENGTHS = ("weak", "moderate", "strong")
KINDS = ("worse_than_neighbours", "high_nationally", "sustained_alerts", "reports_rising",
         "survey_below_benchmark")


class RulesError(ValueError):
    """The rules file is unreadable or a rule is malformed."""


@dataclass(frozen=True)
class Rule:
    id: str
    issue: str
    kind: str
    params: dict[str, Any]

    @property
    def measure(self) -> str:
        if self.kind == "reports_rising":
            return f"reports:{self.params['category']}:{7 * int(self.params['weeks'])}"
        return str(self.params.get("measure", ""))


@dataclass(frozen=True)
class Outcome:
    """What one rule found: ``status`` is "fired", "quiet" or "untested"."""

    rule: Rule
    status: str
    strength: str = ""
    fact: dict[str, Any] = field(default_factory=dict)
    reason: str = ""


def path() -> Path:
    return Path(settings.BASE_DIR) / "data" / "plans" / "issue_rules.yaml"


@functools.cache
def load() -> tuple[Rule, ...]:
    file = path()
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RulesError(f"{file}: cannot be read ({exc})") from None
    rules = []
    for raw in data.get("rules", []):
        rule_id = str(raw.get("id", ""))
        if not rule_id or not raw.get("issue"):
            raise RulesError(f"{file}: rule '{rule_id}': give an id and an issue")
        if raw.get("kind") not in KINDS:
            raise RulesError(f"{file}: rule '{rule_id}', field 'kind': unknown test "
                             f"{raw.get('kind')}")
        params = {k: v for k, v in raw.items() if k not in ("id", "issue", "kind")}
        rules.append(Rule(rule_id, str(raw["issue"]), raw["kind"], params))
    return tuple(rules)


def weaker(strength: str) -> str:
    return STRENGTHS[max(0, STRENGTHS.index(strength) - 1)]


def strongest(strengths: list[str]) -> str:
    return max(strengths, key=STRENGTHS.index) if strengths else ""


def _fact(rule: Rule, reading: Reading | None, text: str) -> dict[str, Any]:
    fact: dict[str, Any] = {"rule": rule.id, "text": text}
    if reading is not None:
        fact.update({
            "measure": reading.code, "label": reading.label, "value": reading.display,
            "period": reading.period, "source": str(reading.source),
            "geography": reading.geography, "fresh": reading.fresh,
            "comparisons": [{"label": c.label, "value": c.display}
                            for c in reading.comparisons]})
    return fact


def _stale(strength: str, reading: Reading | None) -> str:
    return weaker(strength) if reading is not None and reading.fresh is False else strength


def _worse_than_neighbours(rule: Rule, reading: Reading | None, scope: Scope,
                           on: datetime.date) -> Outcome:
    if reading is None or reading.value is None or reading.peer_rank is None:
        return Outcome(rule, "untested", reason=_("No figure for the council and its "
                                                  "neighbours is held."))
    bad_high = rule.params.get("bad", "high") == "high"
    average = reading.comparisons[0].value if reading.comparisons else None
    if average is None or math.isnan(average):
        return Outcome(rule, "untested", reason=_("Its neighbours' figures are not held."))
    worse = reading.value > average if bad_high else reading.value < average
    n = reading.peer_count or 1
    # 1 = worst among the council and its neighbours.
    worst_rank = reading.peer_rank if bad_high else n - reading.peer_rank + 1
    percentile = reading.national_percentile or 0.0
    national_worst = percentile if bad_high else 100.0 - percentile
    facts = {"value": reading.display, "average": reading.comparisons[0].display,
             "rank": worst_rank, "n": n, "percent": f"{national_worst:.0f}"}
    text = (_("%(value)s against %(average)s on average for its nearest neighbours: "
              "%(rank)d of %(n)d counting from the worst, and worse than %(percent)s%% of "
              "councils in England and Wales.") % facts)
    if not worse:
        return Outcome(rule, "quiet", fact=_fact(rule, reading, text))
    in_worst_quarter = worst_rank <= math.ceil(n / 4)
    nationally = national_worst >= 75
    strength = ("strong" if in_worst_quarter and nationally
                else "moderate" if in_worst_quarter or nationally else "weak")
    return Outcome(rule, "fired", _stale(strength, reading), _fact(rule, reading, text))


def _high_nationally(rule: Rule, reading: Reading | None, scope: Scope,
                     on: datetime.date) -> Outcome:
    if reading is None or reading.national_percentile is None:
        return Outcome(rule, "untested", reason=_("No figure for all councils is held."))
    percentile = reading.national_percentile
    text = (_("%(value)s: higher than or equal to %(percent)s%% of councils in England and "
              "Wales.") % {"value": reading.display, "percent": f"{percentile:.0f}"})
    cuts = [("strong", rule.params["strong_from"]), ("moderate", rule.params["moderate_from"]),
            ("weak", rule.params["weak_from"])]
    for strength, cut in cuts:
        if percentile >= float(cut):
            return Outcome(rule, "fired", _stale(strength, reading), _fact(rule, reading, text))
    return Outcome(rule, "quiet", fact=_fact(rule, reading, text))


def _sustained_alerts(rule: Rule, reading: Reading | None, scope: Scope,
                      on: datetime.date) -> Outcome:
    weeks = int(rule.params.get("weeks", 8))
    since = on - datetime.timedelta(weeks=weeks)
    alerts = Alert.objects.filter(council=scope.council, week_start__gt=since,
                                  week_start__lte=on)
    assessments = Assessment.objects.filter(council=scope.council, week_start__gt=since,
                                            week_start__lte=on,
                                            level__gte=int(rule.params.get("level", 3)))
    if scope.parts_level == AreaLevel.WARD:
        alerts = alerts.filter(area__in=scope.parts)
        assessments = assessments.filter(area__in=scope.parts)
    alert_weeks = list(alerts.values_list("week_start", flat=True))
    high_weeks = set(assessments.values_list("week_start", flat=True))
    weeks_with = len(set(alert_weeks) | high_weeks)
    facts = {"alerts": len(alert_weeks), "high": len(high_weeks), "weeks": weeks,
             "level": int(rule.params.get("level", 3))}
    text = (_("%(alerts)d early-warning alerts, and %(high)d weeks assessed at level "
              "%(level)d or above, in the last %(weeks)d weeks.") % facts)
    fact = {"rule": rule.id, "text": text, "label": _("Tension alerts and assessments"),
            "value": str(len(alert_weeks)), "source": _("Common Ground tensions section"),
            "period": _("%(weeks)d weeks to %(day)s") % {"weeks": weeks,
                                                          "day": on.strftime("%d %b %Y")},
            "geography": scope.name, "fresh": True, "comparisons": []}
    fired = (len(alert_weeks) >= int(rule.params.get("min_alerts", 2))
             or len(high_weeks) >= int(rule.params.get("min_weeks", 2)))
    if not fired:
        return Outcome(rule, "quiet", fact=fact)
    strength = "strong" if weeks_with >= 4 else "moderate" if weeks_with >= 2 else "weak"
    return Outcome(rule, "fired", strength, fact)


def _reports_rising(rule: Rule, reading: Reading | None, scope: Scope,
                    on: datetime.date) -> Outcome:
    if reading is None or reading.value is None:
        return Outcome(rule, "untested", reason=_("No tension reports are held."))
    recent, earlier = int(reading.value), int(reading.extra.get("earlier", 0))
    p_value = rise_p_value(recent, earlier)
    text = (_("%(recent)d reports in the last %(weeks)d weeks against %(earlier)d in the "
              "%(weeks)d weeks before (one-sided p = %(p)s).")
            % {"recent": recent, "earlier": earlier, "weeks": int(rule.params["weeks"]),
               "p": f"{p_value:.3f}"})
    if recent < int(rule.params.get("min_count", 5)) or recent <= earlier:
        return Outcome(rule, "quiet", fact=_fact(rule, reading, text))
    strength = "strong" if p_value < 0.01 else "moderate" if p_value < 0.05 else "weak"
    return Outcome(rule, "fired", strength, _fact(rule, reading, text))


def _survey_below_benchmark(rule: Rule, reading: Reading | None, scope: Scope,
                            on: datetime.date) -> Outcome:
    if reading is None or reading.value is None:
        return Outcome(rule, "untested", reason=_("No residents' survey results are held."))
    benchmark = reading.comparisons[0] if reading.comparisons else None
    if benchmark is None or benchmark.value is None or reading.high is None:
        return Outcome(rule, "untested", reason=_("The survey result has no benchmark or "
                                                  "interval to compare."))
    text = (_("%(value)s (95%% interval %(low)s to %(high)s) against %(benchmark)s for "
              "%(label)s.") % {"value": reading.display, "low": f"{reading.low:.3g}",
                                "high": f"{reading.high:.3g}", "benchmark": benchmark.display,
                                "label": benchmark.label})
    if reading.high >= benchmark.value:
        return Outcome(rule, "quiet", fact=_fact(rule, reading, text))
    gap = benchmark.value - reading.high
    strength = "strong" if gap >= 10 else "moderate" if gap >= 5 else "weak"
    return Outcome(rule, "fired", _stale(strength, reading), _fact(rule, reading, text))


TESTS: dict[str, Callable[[Rule, Reading | None, Scope, datetime.date], Outcome]] = {
    "worse_than_neighbours": _worse_than_neighbours,
    "high_nationally": _high_nationally,
    "sustained_alerts": _sustained_alerts,
    "reports_rising": _reports_rising,
    "survey_below_benchmark": _survey_below_benchmark,
}


def evaluate(scope: Scope, on: datetime.date) -> list[Outcome]:
    """Every rule tried on ``scope`` as of ``on``; measures read in one batch per kind."""
    rules = load()
    wanted = [r for r in rules if r.measure and measures.is_installed(r.measure)]
    readings = dict(zip((r.id for r in wanted), measures.read_many(
        [Request(r.measure, scope, on) for r in wanted]), strict=True))
    outcomes = []
    for rule in rules:
        if rule.measure and not measures.is_installed(rule.measure):
            outcomes.append(Outcome(rule, "untested", reason=_(
                "The platform holds no data of this kind yet (%(kind)s).")
                % {"kind": rule.measure.split(":")[0]}))
            continue
        outcomes.append(TESTS[rule.kind](rule, readings.get(rule.id), scope, on))
    return outcomes
