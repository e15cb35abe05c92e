"""What the audit log keeps of protected objects, and who may read their rows.

Councils put hate-incident reports, rumours, community contacts and private discussions
into the service; the audit log must not become a second copy of them that a platform
administrator (or anyone reading a backup) can read. So the apps declare their protected
object types here (in their ``ready()``, since ``core`` imports no app):

- **What is kept**: a row about a protected object names it by its type and id (or by a
  label the app says is not private text, such as a report's reference) and keeps, of
  the old and new values, the field *names* always, but a value only when it is a number,
  a flag or a date, or when its key is one the app lists as safe (a status, a category, a
  ward code). Any other value becomes ``PRIVATE``. It is an allow-list, so a field added
  later is private until someone says otherwise.
- **Who reads the rows**: an organisation's administrators read the rows of their
  organisation; the platform administrators read every row of an unprotected type
  (accounts, places, library...), and of a protected type only the rows whose object the
  app's access rules let them open (``visible``), or none when the app gives no rule
  (tensions: platform administrators see nothing of a council's tensions).
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import CharField, Model, Q, QuerySet
from django.db.models.functions import Cast

if TYPE_CHECKING:
    from commonground.core.actors import Actor

#: What a private value reads as in the log: the key still says which field changed.
PRIVATE = "(private)"

_SAFE_TYPES = (bool, int, float, datetime.date, datetime.time, decimal.Decimal, uuid.UUID)


@dataclass(frozen=True)
class Protection:
    noun: str
    #: keys whose text values are not private (codes, statuses, references)
    safe_keys: frozenset[str]
    #: ``str(obj)`` is not private text (a report's reference), so it may be the label
    label_is_safe: bool
    #: the objects of this type a platform administrator may open (None: none of them);
    #: it gets the reader, a user (typed ``Any``: the apps' access functions take their
    #: own ``Visitor``, which ``core`` cannot name)
    visible: Callable[[Any], QuerySet[Any]] | None
    #: redact values at all (False: the rows are scoped but kept whole, as the plans'
    #: history is the plan's own record shown to its council)
    redact: bool
    #: today's names of the objects (by id) that a reader may open, to show beside the
    #: stored label (a forum thread's title to those who read the thread)
    names: Callable[[Any, list[str]], dict[str, str]] | None = None


_registry: dict[str, Protection] = {}


def protect(model_label: str, *, noun: str, safe_keys: Iterable[str] = (),
            label_is_safe: bool = False,
            visible: Callable[[Any], QuerySet[Any]] | None = None,
            redact: bool = True,
            names: Callable[[Any, list[str]], dict[str, str]] | None = None) -> None:
    """Declare ``model_label`` (``"tensions.rumour"``) a protected object type."""
    _registry[model_label] = Protection(noun, frozenset(safe_keys), label_is_safe, visible,
                                        redact, names)


def protection(object_type: str) -> Protection | None:
    return _registry.get(object_type)


def protected_types() -> list[str]:
    return sorted(_registry)


def _safe_value(key: str, value: Any, rules: Protection) -> Any:
    if value is None or isinstance(value, _SAFE_TYPES) or key in rules.safe_keys:
        return value
    return PRIVATE


def redact_values(object_type: str, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with every private value replaced by ``PRIVATE`` (keys kept)."""
    rules = _registry.get(object_type)
    if rules is None or not rules.redact:
        return values
    return {key: _safe_value(key, value, rules) for key, value in values.items()}


def safe_label(object_type: str, object_id: str, label: str,
               obj: Model | None = None) -> str:
    """The label a row may keep: the object's own when the app says it is safe,
    otherwise its noun and id ("Rumour 12")."""
    rules = _registry.get(object_type)
    if rules is None or not rules.redact:
        return label
    if rules.label_is_safe:
        return str(obj)[:255] if obj is not None else label
    return f"{rules.noun} {object_id}".strip()


def platform_scope(user: Actor) -> Q:
    """The rows a platform administrator may read, as a filter on ``AuditEvent``."""
    scope = ~Q(object_type__in=protected_types())
    for object_type, rules in _registry.items():
        if rules.visible is None:
            continue
        ids = rules.visible(user).annotate(_audit_id=Cast("pk", CharField())).values("_audit_id")
        scope |= Q(object_type=object_type, object_id__in=ids)
    return scope


def current_names(reader: Any, rows: Iterable[Any]) -> dict[tuple[str, str], str]:
    """Names of the rows' protected objects that ``reader`` may open now, keyed by
    ``(object_type, object_id)``: one query per type on the page that has a resolver."""
    wanted: dict[str, list[str]] = {}
    for row in rows:
        rules = _registry.get(row.object_type)
        if rules is not None and rules.names is not None and row.object_id:
            wanted.setdefault(row.object_type, []).append(row.object_id)
    out: dict[tuple[str, str], str] = {}
    for object_type, ids in wanted.items():
        resolver = _registry[object_type].names
        assert resolver is not None
        for object_id, name in resolver(reader, sorted(set(ids))).items():
            out[(object_type, object_id)] = name
    return out
