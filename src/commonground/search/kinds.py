"""What each kind of document is called on the search page (the "type" facet and the
label above each hit), given by the app that owns the kind.

Apps register their kinds' names from ``AppConfig.ready()`` with a lazy translation
(``gettext_lazy``), so the name follows the reader's language and its Welsh lives in the
owning app's catalogue. The search engine never imports the apps: they come to it.
"""

from __future__ import annotations

from django.utils.functional import Promise

_labels: dict[str, str | Promise] = {}


def register_kind_label(kind: str, label: str | Promise) -> None:
    _labels[kind] = label


def kind_label(kind: str) -> str | None:
    """The registered name of ``kind`` in the active language, or None."""
    label = _labels.get(kind)
    return None if label is None else str(label)
