"""The background work page in Welsh: the page and the schedule in the reader's language."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.personas import World

pytestmark = pytest.mark.django_db


def test_the_background_work_page_reads_in_welsh(world: World) -> None:
    client = Client()
    client.force_login(world["admin"])
    page = client.get("/cy/background/").content.decode()
    assert "Gwaith yn y cefndir" in page and "Swyddi wedi’u hamserlennu" in page
    # Each job's timetable, as the reader reads it.
    assert "bob awr" in page and "bob 5 munud" in page and "bob dydd am 03:00" in page
    english = client.get("/background/").content.decode()
    assert "every hour" in english and "every 5 minutes" in english
