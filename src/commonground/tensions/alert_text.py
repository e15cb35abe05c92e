"""What an early-warning alert says, in the reader's language, and where its reports are.

The detector's own explanation (``analytics.early_warning.explain``) is English and is
kept on the alert for the API and the log; pages and emails say the same from the
alert's numbers here, once: how many reports against how many expected and how unusual,
the sustained rise it belongs to, a raised watch level, and a link to the very reports
counted (the queue filtered to the area, category and weeks, duplicates left out, as
the detector counts them).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonground.analytics.early_warning.explain import chance_odds, format_expected
from commonground.places.models import AreaLevel
from commonground.tensions.models import Alert

WEEK = datetime.timedelta(days=6)


@dataclass(frozen=True)
class CountedLink:
    text: str
    url: str


@dataclass(frozen=True)
class AlertText:
    kind: str
    sentences: list[str]
    links: list[CountedLink]


def _day(day: datetime.date) -> str:
    return formats.date_format(day, "j F Y")


def _chance(p_value: float) -> str:
    odds = chance_odds(p_value)
    if odds is None:
        return _("an ordinary count")
    if odds == 0:
        return _("less than a 1 in a million chance")
    return _("a 1 in %(odds)s chance") % {"odds": formats.number_format(
        odds, force_grouping=True)}


def counted_url(alert: Alert, first: datetime.date, last: datetime.date) -> str:
    """The queue showing exactly the reports the detector counted for these weeks."""
    query = {"status": "", "category": alert.category, "from": first.isoformat(),
             "to": (last + WEEK).isoformat(), "counted": "1"}
    if alert.area.level == AreaLevel.WARD:
        query["ward"] = alert.area.code
    return reverse("tensions:queue") + "?" + urlencode(query)


def _week_link(alert: Alert, count: int) -> CountedLink:
    return CountedLink(ngettext("See the %(count)s report of that week",
                                "See the %(count)s reports of that week", count)
                       % {"count": count},
                       counted_url(alert, alert.week_start, alert.week_start))


def describe(alert: Alert) -> AlertText:
    week = _day(alert.week_start)
    kinds = {"spike": _("Spike"), "sustained rise": _("Sustained rise"),
             "spike and sustained rise": _("Spike and sustained rise")}
    sentences, links = [], []
    if alert.reason != "sustained rise":
        sentences.append(ngettext(
            "%(count)s report in the week of %(week)s against about %(expected)s expected "
            "(%(chance)s under normal variation).",
            "%(count)s reports in the week of %(week)s against about %(expected)s expected "
            "(%(chance)s under normal variation).", alert.observed) % {
            "count": alert.observed, "week": week,
            "expected": format_expected(alert.expected), "chance": _chance(alert.p_value)})
        links.append(_week_link(alert, alert.observed))
    if alert.reason == "sustained rise" and alert.run_weeks <= 1:
        sentences.append(ngettext(
            "A sustained rise: %(count)s report in the week of %(week)s against about "
            "%(expected)s expected.",
            "A sustained rise: %(count)s reports in the week of %(week)s against about "
            "%(expected)s expected.", alert.run_observed) % {
            "count": alert.run_observed, "week": week,
            "expected": format_expected(alert.run_expected)})
        links.append(_week_link(alert, alert.run_observed))
    elif alert.reason != "spike" and alert.run_weeks > 1:
        # (A spike whose rise is this one week says nothing more than the spike did.)
        first = alert.run_start or alert.week_start
        values = {"count": alert.run_observed, "weeks": alert.run_weeks,
                  "first": _day(first), "week": week,
                  "expected": format_expected(alert.run_expected)}
        if alert.reason == "sustained rise":
            sentences.append(ngettext(
                "A sustained rise: %(count)s report over the %(weeks)s weeks from %(first)s "
                "to the week of %(week)s against about %(expected)s expected.",
                "A sustained rise: %(count)s reports over the %(weeks)s weeks from %(first)s "
                "to the week of %(week)s against about %(expected)s expected.",
                alert.run_observed) % values)
        else:
            sentences.append(ngettext(
                "It is part of a sustained rise: %(count)s report over the %(weeks)s weeks "
                "from %(first)s against about %(expected)s expected.",
                "It is part of a sustained rise: %(count)s reports over the %(weeks)s weeks "
                "from %(first)s against about %(expected)s expected.",
                alert.run_observed) % values)
        links.append(CountedLink(ngettext(
            "See the %(count)s report of those weeks", "See the %(count)s reports of those weeks",
            alert.run_observed) % {"count": alert.run_observed},
            counted_url(alert, first, alert.week_start)))
    if alert.watch > 1.0:
        sentences.append(_("A raised watch level (%(level)s times as ready to alert) was in "
                           "force for a trigger event.") % {"level": f"{alert.watch:g}"})
    return AlertText(kinds.get(alert.reason, alert.reason), sentences, links)
