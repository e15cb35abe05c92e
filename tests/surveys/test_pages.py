"""The analysts' pages: waves, a wave, import with its check's report."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from commonground.surveys.models import ImportStatus, Response, ResponseImport, Wave
from tests.personas import World
from tests.surveys.conftest import BROKEN_FILE, good_file

pytestmark = pytest.mark.django_db


def _client(world: World, persona: str) -> Client:
    client = Client()
    client.force_login(world[persona])
    return client


def test_an_officer_creates_a_wave(world: World, trafford: Any) -> None:
    client = _client(world, "officer_a")
    page = client.post(reverse("surveys:index"), {
        "council": "council-a", "title": "Autumn 2026", "starts_on": "2026-09-01",
        "ends_on": "2026-10-31", "mode": "online", "design": "opt_in",
        "questions": ["get_on_well", "belonging"]})
    wave = Wave.objects.get()
    assert page.status_code == 302 and page["Location"] == reverse("surveys:wave",
                                                                    args=[wave.pk])
    assert wave.questions == ["get_on_well", "belonging", "age_band", "sex", "ward",
                              "ethnic_group"]
    shown = client.get(page["Location"]).content.decode()
    assert "not a probability sample" in shown


def test_a_wave_with_its_last_day_first_is_refused_on_the_form(world: World,
                                                               trafford: Any) -> None:
    page = _client(world, "officer_a").post(reverse("surveys:index"), {
        "council": "council-a", "title": "Backwards", "starts_on": "2026-09-01",
        "ends_on": "2026-08-01", "mode": "online", "design": "opt_in",
        "questions": ["get_on_well"]})
    assert page.status_code == 200
    assert "The last day must be on or after the first day." in page.content.decode()
    assert not Wave.objects.exists()


def test_the_welsh_page_asks_in_welsh(world: World, wave: Wave) -> None:
    page = _client(world, "officer_a").get("/cy" + reverse("surveys:wave", args=[wave.pk]))
    assert "Pa mor gryf ydych chi’n teimlo" in page.content.decode()


def test_upload_check_then_import(world: World, wave: Wave,
                                  django_capture_on_commit_callbacks: Any) -> None:
    client = _client(world, "officer_a")
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("surveys:upload", args=[wave.pk]), {
            "file": SimpleUploadedFile("broken.csv", BROKEN_FILE.encode())})
    report = client.get(page["Location"]).content.decode()
    assert "The file has 3 problems: nothing was saved" in report
    assert "broken.csv" in report and "Hale Barns" in report
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("surveys:upload", args=[wave.pk]), {
            "file": SimpleUploadedFile("good.csv", good_file(5).encode())})
    report = client.get(page["Location"]).content.decode()
    assert "5 responses ready to import" in report
    assert Response.objects.count() == 0
    job = ResponseImport.objects.get(file_name="good.csv")
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("surveys:confirm", args=[job.pk]))
    assert "5 responses imported" in client.get(page["Location"]).content.decode()
    assert Response.objects.count() == 5
    assert ResponseImport.objects.filter(status=ImportStatus.DONE).count() == 1


def test_other_people_cannot_reach_the_import_pages(world: World, wave: Wave) -> None:
    for persona, status in [("officer_b", 404), ("partner", 404), ("admin", 404)]:
        page = _client(world, persona).get(reverse("surveys:upload", args=[wave.pk]))
        assert page.status_code == status, persona
    page = Client().get(reverse("surveys:wave", args=[wave.pk]))
    assert page.status_code == 302  # to sign in


def test_the_wave_list_takes_a_fixed_number_of_queries(
        world: World, wave: Wave, django_assert_max_num_queries: Any) -> None:
    client = _client(world, "officer_a")
    client.get(reverse("surveys:index"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("surveys:index")).status_code == 200
