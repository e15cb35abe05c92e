"""Welsh before publishing: one rule for every app that publishes an organisation's words.

An organisation whose ``welsh_required`` is on (from the start for a Welsh council)
publishes only with the Welsh of what the public will read: every English text that
goes out needs its Welsh twin (``<field>_cy``). The library (a contribution), plans (a
plan's public page), assessments (a published summary) and surveys (a wave's own
questions, and its results) each list what they publish as ``Needed`` rows and call
``require_welsh`` before publishing.

A refusal is a ``WelshRequired`` error (code ``welsh_required``) whose message names the
organisation and every field missing its Welsh, on each of those fields for the form or
API client; it changes nothing and writes one audit row (``publish.refused_welsh``)
naming the fields. Call it before the publishing service's transaction starts, so the
row is kept though the refusal undoes the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from commonground.accounts.models import Organisation, User
from commonground.core import audit
from commonground.core.errors import ErrorCode, InvalidInput, StrOrPromise


class WelshRequired(InvalidInput):
    code = ErrorCode.WELSH_REQUIRED

    def __init__(self, message: StrOrPromise, *, missing: Sequence[str],
                 fields: dict[str, list[str]]) -> None:
        super().__init__(message, fields=fields)
        self.missing = list(missing)


@dataclass(frozen=True)
class Needed:
    """One text the public will read: its Welsh field's name (as the form or API names
    it, ``title_cy`` or ``actions.3.title_cy``), how editors call it ("Welsh title"),
    and the English and Welsh it holds now."""

    field: str
    label: StrOrPromise
    english: str
    welsh: str

    @property
    def missing(self) -> bool:
        """English with no Welsh beside it (an empty English text needs none)."""
        return bool((self.english or "").strip()) and not (self.welsh or "").strip()


def fields_of(obj: Any, labels: Mapping[str, StrOrPromise], prefix: str = "") -> list[Needed]:
    """``Needed`` rows for ``obj``'s fields named in ``labels`` (each with its ``_cy``)."""
    return [Needed(f"{prefix}{name}_cy", label, getattr(obj, name) or "",
                   getattr(obj, f"{name}_cy") or "") for name, label in labels.items()]


def asking(organisations: Iterable[Organisation]) -> list[Organisation]:
    """Those of ``organisations`` that publish only with Welsh."""
    return [o for o in organisations if o.welsh_required]


def require_welsh(*, actor: User | None, organisations: Iterable[Organisation],
                  obj: models.Model, needed: Iterable[Needed]) -> None:
    """Refuse to publish ``obj`` while any of ``needed`` lacks its Welsh, when one of
    ``organisations`` publishes only with Welsh; audited, nothing else changed."""
    strict = asking(organisations)
    if not strict:
        return
    missing = [n for n in needed if n.missing]
    if not missing:
        return
    names = ", ".join(dict.fromkeys(str(n.label) for n in missing))
    message = _("%(organisation)s publishes only with Welsh: add the %(fields)s before "
                "publishing.") % {"organisation": strict[0].name, "fields": names}
    audit.record(actor=actor, action=audit.Action.PUBLISH_REFUSED_WELSH, obj=obj,
                 organisation_id=strict[0].pk,
                 new={"missing": [n.field for n in missing]})
    raise WelshRequired(message, missing=[n.field for n in missing],
                        fields={n.field: [message] for n in missing})
