"""The audit log names each kind of object in the reader's language: every model's name
has its Welsh (``accounts/object_kinds.py``), and a download keeps the English."""

from __future__ import annotations

from django.utils import translation

from commonground.accounts.forms import object_kinds


def test_every_kind_of_object_has_its_welsh() -> None:
    english = dict(object_kinds(translated=False))
    with translation.override("cy"):
        welsh = dict(object_kinds())
    untranslated = sorted(name for key, name in english.items()
                          if welsh[key] == name and name not in {"Tag"})
    assert not untranslated, f"add these to accounts/object_kinds.py: {untranslated}"
    assert welsh["tensions.report"] == "Adroddiad"
    assert welsh["plans.actionplan"] == "Cynllun gweithredu"
    with translation.override("cy"):
        assert dict(object_kinds(translated=False))["plans.actionplan"] == "Action plan"
