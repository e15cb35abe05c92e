"""The audit log page an administrator can use: filters by person, action, object and
date (a GET form that works without JavaScript), readable object names that are not
private text, and a CSV export that writes one audit row saying what was exported."""

from __future__ import annotations

import csv
import datetime
import io
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from commonground.core.models import AuditEvent
from tests.forums.conftest import build_forum
from tests.personas import PERSONAS, World

pytestmark = pytest.mark.django_db

URL = "/account/audit/"
EXPORT = "/account/audit/export.csv"


def client_of(world: World, persona: str) -> Client:
    client = Client()
    if world[persona].is_authenticated:
        client.force_login(world[persona])
    return client


def row(world: World, *, action: str = "report.view", who: str = "officer_a@example.org",
        object_type: str = "tensions.report", object_id: str = "1",
        label: str = "TR-AAAA", day: datetime.date | None = None) -> AuditEvent:
    event = AuditEvent.objects.create(
        action=action, actor_label=who, object_type=object_type, object_id=object_id,
        object_label=label, organisation_id=world.council_a.pk)
    if day is not None:
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
        AuditEvent.objects.filter(pk=event.pk).update(created_at=moment)
    return event


def actions_in(html: str) -> list[str]:
    """The actions of the table's rows, top to bottom."""
    return re.findall(r"<td class=\"govuk-table__cell\"><code>([a-z_.]+)</code>", html)


def test_filters_by_person_action_object_and_date(world: World) -> None:
    row(world, action="report.view", day=datetime.date(2026, 11, 2))
    row(world, action="report.triage", who="org_admin_a@example.org", object_id="2",
        label="TR-BBBB", day=datetime.date(2026, 11, 9))
    row(world, action="rumour.save", object_type="tensions.rumour", object_id="7",
        label="Rumour 7", day=datetime.date(2026, 11, 16))
    client = client_of(world, "org_admin_a")

    def shown(**query: str) -> list[str]:
        page = client.get(URL, query)
        assert page.status_code == 200
        return actions_in(page.content.decode())

    assert shown() == ["report.view", "report.triage", "rumour.save"][::-1]
    assert shown(person="org_admin") == ["report.triage"]
    assert shown(action="rumour.save") == ["rumour.save"]
    assert shown(object_type="tensions.report") == ["report.triage", "report.view"]
    assert shown(object="TR-BB") == ["report.triage"]  # part of its name
    assert shown(object="7") == ["rumour.save"]  # its number
    assert shown(since="2026-11-09") == ["rumour.save", "report.triage"]
    assert shown(since="2026-11-03", until="2026-11-09") == ["report.triage"]
    html = client.get(URL, {"person": "nobody"}).content.decode()
    assert "No entries match these filters." in html and "Clear filters" in html


def test_the_filter_form_is_a_get_form_that_keeps_its_values_and_the_page(
        world: World) -> None:
    for n in range(55):
        row(world, object_id=str(n), label=f"TR-{n:04d}")
    html = client_of(world, "org_admin_a").get(
        URL, {"action": "report.view", "person": "officer"}).content.decode()
    assert '<form method="get" action="/account/audit/"' in html
    assert 'value="officer"' in html and '<option value="report.view" selected>' in html
    assert "?action=report.view&amp;person=officer&amp;page=2" in html
    assert 'href="/account/audit/export.csv?action=report.view&amp;person=officer"' in html


def test_a_date_range_the_wrong_way_round_is_explained(world: World) -> None:
    page = client_of(world, "org_admin_a").get(URL, {"since": "2026-11-09",
                                                     "until": "2026-11-02"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "govuk-error-summary" in html and "<title>Error: Audit log" in html
    assert "Choose a date on or after the first one." in html


def test_objects_are_named_by_kind_and_todays_name_where_the_reader_may_open_them(
        world: World) -> None:
    forum = build_forum(world)
    html = client_of(world, "admin").get(URL, {"action": "forum.thread.create"}).content.decode()
    # The open group's thread by its title, for an administrator who may read it...
    assert "ESOL conversation clubs" in html
    # ...and nothing of the private group's.
    assert "Summer events messaging" not in html
    assert f"Forum thread {forum.private_thread.pk}" not in html
    row(world, action="rumour.save", object_type="tensions.rumour", object_id="7",
        label="Rumour 7")
    council = client_of(world, "org_admin_a").get(URL, {"action": "rumour.save"})
    assert "Rumour 7" in council.content.decode()


def test_the_export_writes_the_filtered_rows_and_one_audit_row(world: World) -> None:
    row(world, action="report.view", who="=HYPERLINK(\"http://evil\")")
    row(world, action="report.triage", object_id="2", label="TR-BBBB")
    row(world, action="report.triage", object_id="3", label="TR-CCCC")
    before = AuditEvent.objects.count()
    response = client_of(world, "org_admin_a").get(EXPORT, {"action": "report.triage"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="audit-log.csv"'
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines[0] == ["when", "who", "action", "kind", "object_id", "object", "before",
                        "after"]
    assert [(r[2], r[4], r[5]) for r in lines[1:]] == [("report.triage", "3", "TR-CCCC"),
                                                       ("report.triage", "2", "TR-BBBB")]
    assert lines[1][3] == "Report"
    assert AuditEvent.objects.count() == before + 1
    export = AuditEvent.objects.get(action="audit.export")
    assert export.actor == world["org_admin_a"]
    assert export.organisation_id == world.council_a.pk
    assert export.new_values == {"rows": 2, "filters": {"action": "report.triage"}}
    # A cell a spreadsheet would run as a formula is written as text.
    everything = client_of(world, "org_admin_a").get(EXPORT).content.decode()
    assert "'=HYPERLINK" in everything


def test_who_reads_and_exports_the_log(world: World) -> None:
    row(world)
    pages = {p: client_of(world, p).get(URL).status_code for p in PERSONAS}
    exports = {p: client_of(world, p).get(EXPORT).status_code for p in PERSONAS}
    expected = {**dict.fromkeys(PERSONAS, 403), "anonymous": 302, "org_admin_a": 200,
                "admin": 200}
    assert pages == exports == expected
    # The council's rows are not the platform administrator's to read.
    platform = client_of(world, "admin").get(EXPORT).content.decode()
    assert "TR-AAAA" not in platform


@pytest.mark.parametrize("rows", [5, 60])
def test_the_page_and_the_export_take_a_fixed_number_of_queries(
        world: World, rows: int, django_assert_num_queries: Any) -> None:
    forum = build_forum(world)
    for n in range(rows):  # rows the platform administrator reads, named by look-ups
        thread = n % 2 == 0
        AuditEvent.objects.create(
            action="forum.post.create", object_label="x",
            object_type="forums.thread" if thread else "forums.group",
            object_id=str(forum.open_thread.pk if thread else forum.open.pk))
    client = client_of(world, "admin")
    client.get(URL)
    # session, the user with their memberships, count, rows, thread and group names
    with django_assert_num_queries(6):
        page = client.get(URL)
    assert page.content.decode().count("ESOL conversation clubs") >= min(rows, 50) // 2
    # session, the user with their memberships, rows, thread and group names, the
    # export's audit row
    with django_assert_num_queries(6):
        assert client.get(EXPORT).status_code == 200
