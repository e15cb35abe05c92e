"""The weighting pages: the form that starts it, and the report, tried by every persona."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from commonground.surveys import weighting_jobs
from commonground.surveys.models import Wave, WaveWeighting
from tests.personas import World
from tests.surveys import survey_data
from tests.surveys.pages import assert_statuses, client_for

pytestmark = pytest.mark.django_db

RUN_ONLY = {"anonymous": 302, "resident": 404, "officer_a": 200, "org_admin_a": 200,
            "officer_b": 404, "partner": 404, "moderator": 404, "admin": 404}


@pytest.fixture(autouse=True)
def _census(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(weighting_jobs, "population_margins", survey_data.margins_of)


def test_an_analyst_weights_a_wave_and_reads_the_report(
        world: World, wave: Wave, django_capture_on_commit_callbacks: Any) -> None:
    survey_data.add_responses(wave, 300)
    client = client_for(world, "officer_a")
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("surveys:weigh", args=[wave.pk]), {
            "scheme": "council", "joint_age_sex": "on", "ethnic_group": "on",
            "trim_low": "0.3", "trim_high": "3"})
    job = WaveWeighting.objects.get()
    assert page.status_code == 302
    assert page["Location"] == reverse("surveys:weighting", args=[job.pk])
    shown = client.get(page["Location"]).content.decode()
    assert "300 responses weighted" in shown
    assert f"{job.report['kish_deff']:,.3f}" in shown
    assert f"{job.report['effective_n']:,.1f}" in shown
    assert "Female 16 to 24" in shown and "Census target" in shown
    assert "their shares were applied to the residents aged 16 and over" in shown
    welsh = client.get("/cy" + page["Location"]).content.decode()
    assert "Adroddiad pwysoli" in welsh and "Benyw 16 i 24" in welsh


def test_a_trimming_bound_alone_is_refused_on_the_form(world: World, wave: Wave) -> None:
    survey_data.add_responses(wave, 20)
    page = client_for(world, "officer_a").post(reverse("surveys:weigh", args=[wave.pk]), {
        "scheme": "council", "trim_low": "0.3"})
    assert page.status_code == 200
    assert "Give both bounds, or neither." in page.content.decode()
    assert not WaveWeighting.objects.exists()


def test_every_persona_against_the_weighting_pages(
        world: World, wave: Wave, django_capture_on_commit_callbacks: Any) -> None:
    survey_data.add_responses(wave, 100)
    assert_statuses(world, reverse("surveys:weigh", args=[wave.pk]), RUN_ONLY)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world, "officer_a").post(reverse("surveys:weigh", args=[wave.pk]),
                                            {"scheme": "council"})
    job = WaveWeighting.objects.get()
    assert_statuses(world, reverse("surveys:weighting", args=[job.pk]), RUN_ONLY)
    wave.published = True
    wave.save()
    assert_statuses(world, reverse("surveys:weighting", args=[job.pk]), RUN_ONLY | {
        "resident": 403, "officer_b": 403, "partner": 403, "moderator": 403, "admin": 403})
    # Posting to start a weighting: only the council's officers and administrators (the
    # administrator finds officer_a's weighting still queued, and the form says so).
    with django_capture_on_commit_callbacks(execute=True):
        assert_statuses(world, reverse("surveys:weigh", args=[wave.pk]), {
            "anonymous": 302, "resident": 403, "officer_a": 302, "org_admin_a": 200,
            "officer_b": 403, "partner": 403, "moderator": 403, "admin": 403},
            data={"scheme": "council"})
    assert WaveWeighting.objects.count() == 2
