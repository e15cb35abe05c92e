"""The reports export and the partner return defuse every free-text cell a spreadsheet
would run as a formula (issue 14, finding 5)."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.test import Client

from commonground.tensions.services.assessments import save_assessment
from tests.personas import World
from tests.tensions.conftest import Places, public_report

pytestmark = pytest.mark.django_db


def rows(user: object, url: str) -> list[dict[str, str]]:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    response = client.get(url)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_reports_export_defuses_a_leading_tab(world: World, places: Places) -> None:
    report, _ = public_report(world, places)
    report.what_happened = "\t=HYPERLINK(\"http://evil.example\")"
    report.save(update_fields=["what_happened"])
    [row] = rows(world["officer_a"], "/tensions/reports/export.csv")
    assert row["what_happened"] == "'\t=HYPERLINK(\"http://evil.example\")"


def test_the_partner_return_defuses_its_four_free_text_fields(world: World,
                                                              places: Places) -> None:
    save_assessment(actor=world["officer_a"], council=world.council_a, area=places.a_west,
                    week_of=datetime.date(2026, 11, 18), level=3, reasons="=1+1",
                    evidenced="+cmd|' /C calc'!A0", experienced="@SUM(A1)",
                    potential="-2+3")
    [row] = rows(world["officer_a"], "/tensions/assessments/return.csv?week=2026-11-18")
    assert (row["reasons"], row["evidenced"], row["experienced"], row["potential"]) == (
        "'=1+1", "'+cmd|' /C calc'!A0", "'@SUM(A1)", "'-2+3")
    assert row["level"] == "3" and row["week_start"] == "2026-11-16"
