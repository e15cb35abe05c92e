"""Every form refuses control characters on the field that has them (issue 14, finding 4):
PostgreSQL cannot store a NUL, and no person types the others."""

from __future__ import annotations

import pytest
from django import forms
from django.test import Client

from commonground.core.forms import GovukForm
from commonground.tensions.models import CommunityContact
from tests.personas import World


class Example(GovukForm):
    name = forms.CharField()
    notes = forms.CharField(widget=forms.Textarea, required=False)


@pytest.mark.parametrize("bad", ["a\x00b", "a\x01b", "a\x1bb", "a\x7fb", "a\ud800b"])
def test_a_form_names_the_field_with_control_characters(bad: str) -> None:
    form = Example({"name": "Ann", "notes": bad})
    assert not form.is_valid()
    assert list(form.errors) == ["notes"]
    assert "Remove the control characters (such as NUL) from this text." in form.errors["notes"]


def test_tabs_and_line_ends_are_text() -> None:
    assert Example({"name": "Ann", "notes": "one\ttwo\r\nthree"}).is_valid()


@pytest.mark.django_db
def test_a_page_form_with_a_nul_answers_with_the_field_not_a_500(world: World) -> None:
    client = Client()
    client.force_login(world["officer_a"])
    response = client.post("/tensions/contacts/", {
        "council": "council-a", "name": "Rev.\x00 Ann", "community": "St Mary's",
        "email": "ann@example.org"})
    assert response.status_code == 200
    assert "Remove the control characters" in response.content.decode()
    assert not CommunityContact.objects.exists()
