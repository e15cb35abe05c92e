"""The tensions section's own navigation: only the pages this user can open.

Each link names the rule its page applies (``access.Reach``), so a partner sees the
dashboard, the reports shared with them and "Record a report", and never a link to an
officer's page that would answer "not found". ``tests/tensions/test_navigation.py``
opens every link for every persona.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commonground.accounts.types import Visitor
from commonground.core.errors import StrOrPromise
from commonground.tensions.access import Reach, assessment_council_ids, reach_of


@dataclass(frozen=True)
class Link:
    label: StrOrPromise
    url: str
    current: bool


def _reads(reach: Reach) -> bool:
    return bool(reach.read_councils or reach.shared)


def _officer(reach: Reach) -> bool:
    return reach.is_officer


def _records(reach: Reach) -> bool:
    return bool(reach.write_councils or reach.partner_orgs)


def _assessments(reach: Reach) -> bool:
    return bool(assessment_council_ids(reach))


LINKS: list[tuple[StrOrPromise, str, Callable[[Reach], bool]]] = [
    (_("Dashboard"), "tensions:index", _reads),
    (_("Reports"), "tensions:queue", _reads),
    (_("Record a report"), "tensions:new-report", _records),
    (_("Overdue"), "tensions:overdue", _officer),
    (_("Assessments"), "tensions:assessments", _assessments),
    (_("Alerts"), "tensions:alerts", _officer),
    (_("Trigger events"), "tensions:trigger-events", _officer),
    (_("Responses"), "tensions:responses", _officer),
    (_("Community contacts"), "tensions:contacts", _officer),
    (_("Rumours"), "tensions:rumours", _officer),
]


def links_for(user: Visitor, path: str) -> list[Link]:
    reach = reach_of(user)
    links = []
    for label, name, may_open in LINKS:
        if may_open(reach):
            url = reverse(name)
            links.append(Link(label, url, current=path == url))
    return links
