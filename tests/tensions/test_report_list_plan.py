"""The report list at national scale (issue 14, performance): a page of a council's reports
is read newest first through the ``report_list`` index, one row per report, without the
DISTINCT that hashed every report of the council (with its joined council, ward and
assignee rows) before the first 50 could be shown: 80-100 ms a page on PostgreSQL with
1,000,000 reports, the slowest query of the officers' pages."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from commonground.tensions.models import Report, Tag
from tests.personas import World
from tests.tensions.conftest import Places, public_report

pytestmark = pytest.mark.django_db


def list_query(client: Client, path: str) -> str:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    found = [q["sql"] for q in captured if 'FROM "tensions_report"' in q["sql"]
             and "LIMIT" in q["sql"] and "COUNT(" not in q["sql"]]
    assert len(found) == 1, found
    return found[0]


def test_the_list_reads_one_row_per_report_without_distinct(world: World,
                                                            places: Places) -> None:
    for _ in range(3):
        public_report(world, places)
    officer = Client()
    officer.force_login(world["officer_a"])
    sql = list_query(officer, "/tensions/reports/")
    assert "DISTINCT" not in sql.upper()
    with CaptureQueriesContext(connection) as captured:
        officer.get("/tensions/reports/")
    counted = [q["sql"] for q in captured if "COUNT(" in q["sql"]]
    assert counted and all("DISTINCT" not in q.upper() for q in counted)


def test_a_tag_filter_shows_each_tagged_report_once_and_only_the_councils(
        world: World, places: Places) -> None:
    tagged, _ = public_report(world, places)
    other, _ = public_report(world, places)
    public_report(world, places)
    theirs, _ = public_report(world, places, council="b")
    mine = Tag.objects.create(council=world.council_a, name="school gates")
    same_name = Tag.objects.create(council=world.council_b, name="school gates")
    tagged.tags.add(mine)
    other.tags.add(mine)
    theirs.tags.add(same_name)
    officer = Client()
    officer.force_login(world["officer_a"])
    response = officer.get("/tensions/reports/?tag=school+gates")
    assert response.status_code == 200
    shown = [r.reference for r in response.context["page"].object_list]
    assert sorted(shown) == sorted([tagged.reference, other.reference])
    assert response.context["page"].paginator.count == 2


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan; PostgreSQL "
                    "chooses by its statistics (docs/BENCHMARKS.md has its EXPLAIN)")
def test_the_page_is_read_through_the_report_list_index(world: World, places: Places) -> None:
    for _ in range(3):
        public_report(world, places)
    officer = Client()
    officer.force_login(world["officer_a"])
    sql = list_query(officer, "/tensions/reports/")
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "report_list" in plan, plan
    assert "TEMP B-TREE" not in plan.upper(), plan
    assert Report.objects.count() == 3


def plan_of(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return " ".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan")
def test_the_open_list_is_counted_from_the_queue_index_alone(world: World,
                                                             places: Places) -> None:
    public_report(world, places)
    officer = Client()
    officer.force_login(world["officer_a"])
    with CaptureQueriesContext(connection) as captured:
        response = officer.get("/tensions/reports/?status=open")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1
    counted = [q["sql"] for q in captured if 'COUNT(*)' in q["sql"]
               and 'FROM "tensions_report"' in q["sql"]]
    assert len(counted) == 1, counted
    # The open statuses named (an index range), not "not closed" (a filter over every
    # report of the council, which SQLite read through report_list at national scale).
    assert '"status" IN (' in counted[0] and "NOT" not in counted[0], counted[0]
    assert "COVERING INDEX report_queue" in plan_of(counted[0]), plan_of(counted[0])


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan")
def test_the_dashboard_counts_read_the_recent_weeks_through_report_recent(
        world: World, places: Places) -> None:
    public_report(world, places, occurred_on=datetime.date.today())
    officer = Client()
    officer.force_login(world["officer_a"])
    with CaptureQueriesContext(connection) as captured:
        response = officer.get("/tensions/")
    assert response.status_code == 200
    counts = [q["sql"] for q in captured if 'COUNT("tensions_report"."id")' in q["sql"]]
    assert len(counts) == 2, counts
    for sql in counts:
        assert "report_recent (council_id=? AND occurred_on>? AND occurred_on<?)" in \
            plan_of(sql), plan_of(sql)
