"""Text the service can store: no control characters and no lone surrogates.

PostgreSQL refuses NUL in text (and SQLite keeps it, so the two engines would differ), and
the other C0 controls, DEL and unpaired UTF-16 surrogates (which JSON's "\\ud800" escape can
carry) are never part of what a person types; they only break exports, searches and
e-mails later. Tab, line feed and carriage return are typed text and stay.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")

MESSAGE = _("Remove the control characters (such as NUL) from this text.")


def has_forbidden_characters(text: str) -> bool:
    return _FORBIDDEN.search(text) is not None


def validate_characters(value: object) -> None:
    """Django validator for every text field of every form (core.forms)."""
    if isinstance(value, str) and has_forbidden_characters(value):
        raise ValidationError(MESSAGE, code="invalid_characters")
