"""The management commands: detect (analysts' files), early_warning, purge_contact_details."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.personas import World
from tests.tensions.conftest import Places, public_report


def monthly_file(path: Path) -> Path:
    """Four years of a ward's monthly counts shaped like a real series (a summer rise each
    year around 6 a month) with a known spike of 25 in June 2025."""
    shape = [4, 4, 5, 5, 6, 7, 8, 7, 6, 5, 4, 4]
    lines = ["month,reports"]
    for year in range(2022, 2026):
        for m, base in enumerate(shape, start=1):
            count = 25 if (year, m) == (2025, 6) else base + (year - 2022) % 2
            lines.append(f"{year}-{m:02d},{count}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_detect_flags_the_known_spike_and_few_ordinary_months(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    call_command("detect", str(monthly_file(tmp_path / "in.csv")), "--date-col", "month",
                 "--count-col", "reports", "--out", str(out), stderr=io.StringIO())
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("area,period_start,observed,expected,upper,score")
    flagged = [r.split(",")[1] for r in rows[1:] if ",true," in r or ",True," in r]
    assert "2025-06-01" in flagged
    assert len(flagged) <= 2  # the spike (and at most one month after it)


def test_detect_writes_to_the_screen_without_out(tmp_path: Path) -> None:
    screen = io.StringIO()
    call_command("detect", str(monthly_file(tmp_path / "in.csv")), "--date-col", "month",
                 "--count-col", "reports", stdout=screen)
    assert len(screen.getvalue().splitlines()) == 1 + 48


def test_detect_names_the_problems_of_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("month,reports\n2025-01,3\n2025-02,lots\n", encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("detect", str(bad), "--date-col", "month", "--count-col", "reports")
    assert exc.value.returncode == 2
    assert "bad.csv" in str(exc.value) and "line 3" in str(exc.value)
    with pytest.raises(CommandError) as exc:
        call_command("detect", str(bad), "--date-col", "when", "--count-col", "reports")
    assert "when" in str(exc.value)


@pytest.mark.django_db
def test_the_early_warning_command_reports_what_it_did(world: World, places: Places) -> None:
    public_report(world, places, occurred_on=datetime.date.today())
    out = io.StringIO()
    call_command("early_warning", "--no-email", stdout=out)
    assert "2 councils" in out.getvalue() and "1 reports" in out.getvalue()


@pytest.mark.django_db
def test_the_demo_skips_without_wards_and_loads_once_with_them(world: World) -> None:
    from commonground.tensions import demo
    from commonground.tensions.models import Report
    from tests.tensions.conftest import build_places

    note = io.StringIO()
    assert demo.load(note) == []
    assert "skipped" in note.getvalue()
    build_places()
    demo.load(io.StringIO())
    loaded = Report.objects.count()
    assert loaded > 9
    demo.load(io.StringIO())  # idempotent
    assert Report.objects.count() == loaded
