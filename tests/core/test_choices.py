"""``get_<field>_display``: the same label as Django's own, translating only the one shown,
on every model of ours with choices (``core.choices.ChoiceLabels``)."""

from __future__ import annotations

from functools import partialmethod
from typing import Any
from unittest import mock

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation
from django.utils.translation import trans_real

from commonground.accounts.models import Membership, Role
from commonground.core import choices
from commonground.core.choices import ChoiceLabels
from commonground.tensions.models import Report


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_label_is_django_s_in_each_language(language: str) -> None:
    field = Membership._meta.get_field("role")
    with translation.override(language):
        for value in [*Role.values, "no-such-role"]:
            membership = Membership(role=value)
            assert membership.get_role_display() == models.Model._get_FIELD_display(  # type: ignore[attr-defined]
                membership, field)
        assert Membership(role=Role.ADMIN).get_role_display() == (
            "Administrator" if language == "en-gb" else translation.gettext("Administrator"))


def test_every_model_of_ours_with_choices_has_it() -> None:
    """A new model with a field of choices gets ours by having ``ChoiceLabels`` as its
    base; one that defines its own ``get_<field>_display`` keeps that."""
    slow = []
    for model in apps.get_models():
        if not model.__module__.startswith("commonground."):
            continue
        for field in model._meta.get_fields():
            if not getattr(field, "choices", None):
                continue
            name = f"get_{field.name}_display"
            method = next(c.__dict__[name] for c in model.__mro__ if name in c.__dict__)
            if isinstance(method, partialmethod) and (
                    method.func is not ChoiceLabels._get_FIELD_display):
                slow.append(f"{model.__name__}.{field.name}")
    assert slow == []


def test_only_the_shown_label_is_translated_once_per_language() -> None:
    report = Report(status=Report._meta.get_field("status").choices[-1][0])
    report.get_status_display()  # the values' dict is built on first use
    translation.gettext("warm")  # so the translation module has its gettext in place
    choices._shown.clear()
    with mock.patch.object(translation._trans, "gettext",  # type: ignore[attr-defined]
                           wraps=trans_real.gettext) as gettext:
        first = report.get_status_display()
        assert gettext.call_count == 1  # the one label shown, not the field's others
        assert report.get_status_display() == first
        assert gettext.call_count == 1  # kept for the language
        with translation.override("cy"):
            welsh = report.get_status_display()
        assert gettext.call_count == 2 and welsh != first
    with translation.override("cy"):
        assert report.get_status_display() == welsh


def test_the_language_is_asked_once_per_label_shown() -> None:
    """``get_language`` reads the thread's translation each time; a label not yet kept
    asks for it once, as one already kept does."""
    choices._shown.clear()
    report = Report(status=Report._meta.get_field("status").choices[0][0])
    with mock.patch.object(choices, "get_language", wraps=translation.get_language) as asked:
        first = report.get_status_display()
        assert asked.call_count == 1
        assert report.get_status_display() == first
        assert asked.call_count == 2


def test_a_change_of_the_catalogues_settings_forgets_the_kept_labels(settings: Any) -> None:
    assert Membership(role=Role.ADMIN).get_role_display() == "Administrator"
    assert choices._shown
    settings.LOCALE_PATHS = [*settings.LOCALE_PATHS]
    assert not choices._shown
