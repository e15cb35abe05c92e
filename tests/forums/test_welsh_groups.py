"""Groups in Welsh: the regional forums come with their Welsh name, summary and
information page; a group's managers give or change its Welsh on the information form;
a Welsh page shows English that has no Welsh marked lang="en"."""

from __future__ import annotations

import pytest
from django.test import Client

from commonground.forums.models import Group
from tests.forums.conftest import Forum

pytestmark = pytest.mark.django_db


def test_the_regional_forums_are_in_welsh(client: Client, forum: Forum) -> None:
    client.force_login(forum["resident"])
    wales = Group.objects.get(region_code="W92000004")
    assert wales.name_cy == "Fforwm Cymru"
    page = client.get(f"/cy/forums/groups/{wales.slug}/").content.decode()
    assert '<h1 class="govuk-heading-xl">Fforwm Cymru</h1>' in page
    assert "Ymarferwyr sy’n gweithio ar gydlyniant cymunedol yng Nghymru." in page
    assert "Mae Fforwm Cymru ar agor i bob ymarferydd ar Common Ground" in page
    assert "is open to every practitioner" not in page
    english = client.get(f"/forums/groups/{wales.slug}/").content.decode()
    assert '<h1 class="govuk-heading-xl">Wales forum</h1>' in english
    assert "yng Nghymru" not in english
    listed = client.get("/cy/forums/").content.decode()
    assert "Fforwm Gogledd Orllewin Lloegr" in listed


def test_managers_give_a_groups_welsh_and_english_without_it_is_marked(
        client: Client, forum: Forum) -> None:
    client.force_login(forum["officer_a"])
    url = f"/cy/forums/groups/{forum.closed.slug}/"
    page = client.get(url).content.decode()
    assert '<h1 class="govuk-heading-xl"><span lang="en">Hate crime leads</span></h1>' in page
    response = client.post(f"{url}information/", {
        "summary": forum.closed.summary, "about": "Training and contacts.",
        "summary_cy": "Arweinwyr troseddau casineb y rhanbarth.",
        "about_cy": "Hyfforddiant a chysylltiadau."})
    assert response.status_code == 302
    forum.closed.refresh_from_db()
    assert forum.closed.summary_cy == "Arweinwyr troseddau casineb y rhanbarth."
    page = client.get(url).content.decode()
    assert "Arweinwyr troseddau casineb y rhanbarth." in page
    assert "Hyfforddiant a chysylltiadau." in page and "Training and contacts." not in page
    assert "Training and contacts." in client.get(
        f"/forums/groups/{forum.closed.slug}/").content.decode()
