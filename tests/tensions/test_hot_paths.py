"""The two paths with performance goals, checked for what they do (not how fast): report
intake through the API touches the database only to write, with councils and wards from
the per-process gazetteer; the early-warning counts put each report in the right week."""

from __future__ import annotations

import datetime
import fcntl
import os
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from commonground.core.sqlite import sqlite_write_turn
from commonground.places.geo import area_at_point
from commonground.places.models import AreaLevel
from commonground.tensions import gazetteer
from commonground.tensions.models import Category
from commonground.tensions.services import early_warning, triage
from tests.personas import World
from tests.tensions.conftest import Places, make_area, public_report

BODY = {"council_code": "E08000009", "ward_code": "E05000001", "category": "hate_incident",
        "characteristics": ["religion"], "what_happened": "Abuse shouted in the street.",
        "occurred_on": "2026-11-19", "reported_to_police": "no",
        "contact": {"email": "someone@example.org"}}


def post(body: dict[str, object]) -> int:
    return Client().post("/api/v1/reports", data=body, content_type="application/json"
                         ).status_code


def statements(queries: list[dict[str, str]]) -> list[str]:
    """The data statements run, as "VERB table" (transaction control left out)."""
    out = []
    for q in queries:
        words = q["sql"].replace('"', "").split()
        verb = words[0].upper()
        if verb in {"SELECT", "INSERT", "UPDATE", "DELETE"}:
            table = words[words.index("INTO") + 1] if verb == "INSERT" else (
                words[1] if verb == "UPDATE" else words[words.index("FROM") + 1])
            out.append(f"{verb} {table}")
    return out


@pytest.mark.django_db
def test_intake_only_writes_once_the_council_is_known(world: World, places: Places) -> None:
    assert post(BODY) == 201  # the first report looks the council and its wards up
    with CaptureQueriesContext(connection) as ctx:
        assert post(BODY) == 201
        assert post({**BODY, "ward_code": "", "longitude": -2.25, "latitude": 53.45}) == 201
    # Per report: the report, its reference, the contact details and one audit row.
    # (The point lookup parses the council's ward boundaries once: one SELECT.)
    assert statements(ctx.captured_queries) == [
        "INSERT tensions_report", "UPDATE tensions_report", "INSERT tensions_reportercontact",
        "INSERT core_auditevent",
        "SELECT places_area",
        "INSERT tensions_report", "UPDATE tensions_report", "INSERT tensions_reportercontact",
        "INSERT core_auditevent",
    ]


@pytest.mark.django_db
def test_the_gazetteer_agrees_with_the_database_lookup(world: World, places: Places) -> None:
    found = gazetteer.places_of("E08000009")
    assert found is not None and found.council == world.council_a
    assert found.area == places.a and set(found.wards) == {"E05000001", "E05000002"}
    for lon in (-2.45, -2.4, -2.35, -2.3, -2.25, -2.2, -2.1):
        for lat in (53.35, 53.4, 53.45, 53.5, 53.55):
            assert found.ward_at(lon, lat) == area_at_point(
                lon, lat, level=AreaLevel.WARD, within=places.a), (lon, lat)
    assert gazetteer.places_of("E08999999") is None  # unknown codes are not kept
    assert "E08999999" not in gazetteer._cache


@pytest.mark.django_db
def test_a_changed_ward_is_seen_at_once_in_this_process(world: World,
                                                        places: Places) -> None:
    assert post({**BODY, "ward_code": "E05000003"}) == 400  # no such ward yet
    make_area("E05000003", "Urmston", AreaLevel.WARD, places.a, (-2.5, 53.4, -2.4, 53.5))
    assert post({**BODY, "ward_code": "E05000003"}) == 201
    assert post({**BODY, "ward_code": "", "longitude": -2.45, "latitude": 53.45}) == 201
    places.a_east.name = "Sale"
    places.a_east.save()
    found = gazetteer.places_of("E08000009")
    assert found is not None and found.wards["E05000002"].name == "Sale"


@pytest.mark.django_db
def test_weekly_counts_put_each_report_in_its_monday_week(world: World,
                                                          places: Places) -> None:
    today = datetime.date(2026, 11, 20)  # a Friday; its week starts Monday 16 November
    first = early_warning.week_start(today) - datetime.timedelta(weeks=early_warning.WEEKS - 1)
    assert first == datetime.date(2024, 11, 25) and first.weekday() == 0
    sunday, monday = datetime.date(2026, 11, 15), datetime.date(2026, 11, 16)
    for day in (sunday, sunday, monday, first, first - datetime.timedelta(days=1)):
        public_report(world, places, contact=False, occurred_on=day)
    public_report(world, places, category="rumour", contact=False, occurred_on=monday)
    public_report(world, places, council="b", contact=False, occurred_on=monday)
    wardless, _ = public_report(world, places, contact=False, occurred_on=monday)
    wardless.ward = None
    wardless.save()
    copy, _ = public_report(world, places, contact=False, occurred_on=monday)
    original, _ = public_report(world, places, contact=False, occurred_on=today)
    triage.merge_duplicate(actor=world["officer_a"], duplicate=copy,
                           reference=original.reference or "")
    council_area = {world.council_a.pk: places.a.pk}  # council B is not asked for
    ward_council = {places.a_west.pk: world.council_a.pk, places.a_east.pk: world.council_a.pk}

    keys, counts, n = early_warning.weekly_counts(council_area, ward_council, first, today)

    hate, rumour = Category.values.index("hate_incident"), Category.values.index("rumour")
    rows = {key: list(row) for key, row in zip(keys, counts.tolist(), strict=True)}
    assert set(rows) == {(places.a_west.pk, hate), (places.a_west.pk, rumour),
                         (places.a.pk, hate), (places.a.pk, rumour)}
    ward = rows[(places.a_west.pk, hate)]
    # Week 0 holds `first`; the day before it is outside; Sunday is in the week before
    # Monday's; the merged copy is not counted; the original (today) is.
    assert ward[0] == 1 and ward[-2] == 2 and ward[-1] == 2 and sum(ward) == 5
    assert rows[(places.a.pk, hate)][-1] == 3  # the council total has the wardless one
    assert rows[(places.a_west.pk, rumour)][-1] == 1
    assert n == 7 and counts.shape == (4, early_warning.WEEKS)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_sqlite_report_writers_take_turns_through_a_lock_file(tmp_path: Path,
                                                               monkeypatch: Any) -> None:
    database = tmp_path / "commonground.sqlite3"
    monkeypatch.setitem(connection.settings_dict, "NAME", str(database))
    other = None
    with sqlite_write_turn():
        lock = tmp_path / "commonground.sqlite3.write-lock"
        other = os.open(lock, os.O_RDWR)  # as another process would
        with pytest.raises(BlockingIOError):
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free once the writer is done
    os.close(other)
