"""``ChoiceLabels``: the base of our models with choices, whose ``get_<field>_display``
translates each label once per language and process, and only the labels shown.

Django's version builds a dict of the field's choices on each call, and building it
hashes each label: a lazily translated label is translated to be hashed, so showing one
report's status translated all of the field's labels (a report list of 50 rows made some
1,000 translations, a quarter of its time). Ours keeps, per field, a dict from each value
to its label, built once by hashing only the values, and per field and language the
labels already shown, translated; a report list of 50 rows asks for no translation once
its labels have been shown in that language (the catalogues change only with a new
process, or when a setting naming them changes, which empties what is kept).

Django makes each ``get_<field>_display`` a partial of the class's
``_get_FIELD_display`` when the field is added to the class, so a model that has this
abstract base gets ours for every field with choices; nothing is changed at start-up,
and as the base adds no field, migrations do not name it. ``tests/core/test_choices.py``
checks that every model of ours with choices has it and shows Django's labels.
"""

from __future__ import annotations

from typing import Any

from django.core.signals import setting_changed
from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

# Per field: each value (made hashable) to its label, untranslated.
_labels: dict[models.Field[Any, Any], dict[Any, Any]] = {}
# Per field and language: the labels shown so far, translated.
_shown: dict[tuple[models.Field[Any, Any], str | None], dict[Any, Any]] = {}


class ChoiceLabels(models.Model):
    class Meta:
        abstract = True

    def _get_FIELD_display(self, field: models.Field[Any, Any]) -> Any:  # noqa: N802 - Django's name
        value = getattr(self, field.attname)
        key = make_hashable(value)
        language = get_language()
        shown = _shown.get((field, language))
        if shown is None:
            shown = _shown.setdefault((field, language), {})
        elif key in shown:
            return shown[key]
        labels = _labels.get(field)
        if labels is None:
            labels = {make_hashable(v): label for v, label in field.flatchoices}
            _labels[field] = labels
        label = shown[key] = force_str(labels.get(key, value), strings_only=True)
        return label


def _forget(*, setting: str, **kwargs: Any) -> None:
    # The settings on which Django itself reloads its catalogues (tests change them).
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"}:
        _shown.clear()


setting_changed.connect(_forget)
