"""Importing a contractor's file: checked first, all or nothing, every fault by line and
column; then the raw responses deleted when their retention period ends."""

from __future__ import annotations

import csv
import datetime
from typing import Any

import pytest
from django.test import override_settings

from commonground.core.errors import InvalidInput
from commonground.core.models import AuditEvent
from commonground.surveys.models import ImportStatus, Invitation, Response, ResponseImport, Wave
from commonground.surveys.services import imports, retention
from commonground.surveys.services import waves as wave_services
from tests.personas import World
from tests.surveys.conftest import BROKEN_FILE, good_file

pytestmark = pytest.mark.django_db


def _submit(world: World, wave: Wave, content: str, capture: Any, *, name: str = "f.csv",
            dry_run: bool = True) -> ResponseImport:
    with capture(execute=True):
        job = imports.submit_import(actor=world["officer_a"], wave=wave, file_name=name,
                                    content=content.encode(), dry_run=dry_run)
    job.refresh_from_db()
    return job


def test_a_broken_file_names_every_fault_by_line_and_column_and_saves_nothing(
        world: World, wave: Wave, django_capture_on_commit_callbacks: Any) -> None:
    job = _submit(world, wave, BROKEN_FILE, django_capture_on_commit_callbacks,
                  name="contractor.csv", dry_run=False)
    assert job.status == ImportStatus.FAILED
    where = [(p["file"], p["line"], p["field"]) for p in job.problems]
    assert where == [("contractor.csv", 3, "get_on_well"), ("contractor.csv", 4, "ward"),
                     ("contractor.csv", 5, None)]
    assert "“7” is not one of this question’s codes (1, 2, 3, 4, 8, 9)" in job.problems[0][
        "message"]
    assert "Hale Barns" in job.problems[1]["message"]
    assert Response.objects.count() == 0
    assert job.content == ""


def test_unknown_columns_are_named_with_the_nearest_key(
        world: World, wave: Wave, django_capture_on_commit_callbacks: Any) -> None:
    job = _submit(world, wave, "get_on_wel,ward\n1,Bowdon\n",
                  django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.FAILED
    assert job.problems[0]["line"] == 1 and job.problems[0]["field"] == "get_on_wel"
    assert "Did you mean “get_on_well”?" in job.problems[0]["message"]


def test_a_file_not_in_utf8_is_refused_at_once_naming_it(world: World, wave: Wave) -> None:
    with pytest.raises(InvalidInput, match="latin.csv is not in UTF-8"):
        imports.submit_import(actor=world["officer_a"], wave=wave, file_name="latin.csv",
                              content="get_on_well,ward\n1,Bowdon \xe9\n".encode("latin-1"))
    assert not ResponseImport.objects.exists()


def test_a_dry_run_saves_nothing_then_the_import_saves_every_row(
        world: World, wave: Wave, django_capture_on_commit_callbacks: Any) -> None:
    checked = _submit(world, wave, good_file(6), django_capture_on_commit_callbacks)
    assert checked.status == ImportStatus.CHECKED and checked.rows == 6
    assert checked.summary["get_on_well"] == 6 and checked.summary["ward"] == 6
    assert Response.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        done = imports.import_checked(actor=world["officer_a"], job=checked)
    done.refresh_from_db()
    assert done.status == ImportStatus.DONE
    responses = list(Response.objects.filter(wave=wave).select_related("ward"))
    assert len(responses) == 6
    assert {r.ward.name for r in responses} == {"Altrincham", "Ashton upon Mersey", "Bowdon"}
    assert responses[0].answers == {"get_on_well": "1", "belonging": "1", "age_band": "1",
                                    "sex": "1", "ethnic_group": "1"}
    assert AuditEvent.objects.filter(action="survey.import",
                                     new_values__responses=6).count() == 1
    checked.refresh_from_db()
    assert checked.content == ""  # the import holds the file now
    with pytest.raises(InvalidInput):
        imports.import_checked(actor=world["officer_a"], job=done)


def test_a_spreadsheets_decimal_codes_and_blank_cells_are_read(
        world: World, wave: Wave, django_capture_on_commit_callbacks: Any) -> None:
    job = _submit(world, wave, "get_on_well,belonging,ward\n2.0,,bowdon\n",
                  django_capture_on_commit_callbacks, dry_run=False)
    assert job.status == ImportStatus.DONE
    assert Response.objects.get().answers == {"get_on_well": "2"}


def test_own_questions_are_columns_of_the_file(
        world: World, wave: Wave, django_capture_on_commit_callbacks: Any) -> None:
    own = wave_services.add_own_question(
        actor=world["officer_a"], wave=wave, text="Do you use the library?", text_cy="",
        answers=wave_services.parse_answers("Yes | Ydw\nNo | Nac ydw"))
    assert own.key == "own_do_you_use_the_library"
    job = _submit(world, wave, f"get_on_well,{own.key}\n1,2\n1,3\n",
                  django_capture_on_commit_callbacks)
    assert [(p["line"], p["field"]) for p in job.problems] == [(3, own.key)]


@override_settings(RETENTION_DAYS={"survey_responses": 30, "contact_details": 1,
                                   "audit_log": 1, "outgoing_email": 1, "task_results": 1})
def test_raw_responses_go_when_the_retention_period_ends(
        world: World, wave: Wave, django_capture_on_commit_callbacks: Any) -> None:
    _submit(world, wave, good_file(4), django_capture_on_commit_callbacks, dry_run=False)
    Invitation.objects.create(wave=wave, code="ABCD2345")
    assert retention.purge_responses(today=wave.ends_on + datetime.timedelta(days=30)) == 0
    assert retention.purge_responses(today=wave.ends_on + datetime.timedelta(days=31)) == 4
    wave.refresh_from_db()
    assert wave.responses_purged_on == wave.ends_on + datetime.timedelta(days=31)
    assert not Response.objects.exists() and not Invitation.objects.exists()
    assert AuditEvent.objects.filter(action="survey.responses.purged").count() == 1
    with pytest.raises(InvalidInput):
        imports.submit_import(actor=world["officer_a"], wave=wave, file_name="late.csv",
                              content=good_file(1).encode())


def test_a_value_over_the_csv_size_limit_is_named_by_line_and_column(
        world: World, wave: Wave, django_capture_on_commit_callbacks: Any) -> None:
    limit = csv.field_size_limit()
    content = f'get_on_well,ward,comment\n1,Bowdon,fine\n2,Bowdon,"{"x" * (limit + 1)}\n'
    job = _submit(world, wave, content, django_capture_on_commit_callbacks, name="big.csv")
    assert job.status == ImportStatus.FAILED
    [problem] = job.problems
    assert (problem["file"], problem["line"], problem["field"]) == ("big.csv", 3, "comment")
    assert problem["message"].startswith(f"A value is longer than {limit:,} characters")
    assert Response.objects.count() == 0
