"""``get_<field>_display``: the same label as Django's own, translating only the one shown."""

from __future__ import annotations

from functools import partialmethod
from unittest import mock

import pytest
from django.db import models
from django.utils import translation
from django.utils.translation import trans_real

from commonground.accounts.models import Membership, Role
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


def test_every_model_of_ours_has_it_and_only_the_shown_label_is_translated() -> None:
    assert not isinstance(Report.__dict__["get_status_display"], partialmethod)
    report = Report(status=Report._meta.get_field("status").choices[-1][0])
    report.get_status_display()  # the values' dict is built on first use
    translation.gettext("warm")  # so the translation module has its gettext in place
    with mock.patch.object(translation._trans, "gettext",  # type: ignore[attr-defined]
                           wraps=trans_real.gettext) as gettext:
        report.get_status_display()
    assert gettext.call_count == 1
