"""``get_<field>_display`` without translating every choice on every call.

Django's version builds a dict of the field's choices on each call, and building it
hashes each label: a lazily translated label is translated to be hashed, so showing one
report's status translated all of the field's labels (a report list of 50 rows made some
1,000 translations, a quarter of its time). Ours keeps, per field, a dict from each value
to its label, built once by hashing only the values; the one label shown is translated
in the reader's language when it is shown, as before.

``ready()`` of the core app installs it on every model of ours whose display method is
Django's own (a model that defines its own keeps it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partialmethod
from typing import Any

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


def display(field: models.Field[Any, Any]) -> Callable[[models.Model], Any]:
    labels: dict[Any, Any] | None = None

    def get_display(instance: models.Model) -> Any:
        nonlocal labels
        if labels is None:
            labels = {make_hashable(value): label for value, label in field.flatchoices}
        value = getattr(instance, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)

    get_display.__name__ = f"get_{field.name}_display"
    return get_display


def install(model_classes: Iterable[type[models.Model]]) -> None:
    for model in model_classes:
        for field in model._meta.get_fields():
            name = f"get_{getattr(field, 'name', '')}_display"
            method = model.__dict__.get(name)
            if (isinstance(method, partialmethod)
                    and method.func is models.Model._get_FIELD_display):  # type: ignore[attr-defined]
                setattr(model, name, display(method.keywords["field"]))
