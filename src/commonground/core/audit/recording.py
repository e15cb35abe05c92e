"""Writing the audit log. Services call ``record`` inside their transaction."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models

from commonground.core.audit import privacy
from commonground.core.audit.actions import Action
from commonground.core.models import AuditEvent

if TYPE_CHECKING:
    from commonground.core.actors import Actor


def _json_safe(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    return value


def _json_safe_keys(values: dict[str, Any] | None) -> dict[str, Any]:
    return {str(k): v for k, v in (values or {}).items()}


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of ``instance`` as JSON-safe values (foreign keys as ids)."""
    out: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name)
        out[name] = _json_safe(getattr(instance, attname))
    return out


def changed(old: dict[str, Any], new: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys whose values differ, so the log shows what actually changed."""
    keys = [k for k in new if old.get(k) != new.get(k)]
    return {k: old.get(k) for k in keys}, {k: new[k] for k in keys}


def record(
    *,
    actor: Actor,
    action: Action,
    obj: models.Model | None = None,
    organisation_id: int | None = None,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    object_type: str = "",
    object_id: str = "",
    object_label: str = "",
) -> AuditEvent:
    """Write one audit row. ``actor`` is a user, the public (anonymous) or None for the
    system itself; only a user is named in the row.

    Of a protected object (``privacy``) the row keeps ids, field names and the values the
    app calls safe, never its private text, whatever the caller passed.
    """
    action = Action(action)  # a string that is no action fails here, not in a reader's filter
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_label = object_label or str(obj)[:255]
    object_label = privacy.safe_label(object_type, object_id, object_label, obj)
    old = privacy.redact_values(object_type, _json_safe_keys(old))
    new = privacy.redact_values(object_type, _json_safe_keys(new))
    user = actor if isinstance(actor, AbstractBaseUser) else None
    return AuditEvent.objects.create(
        actor_id=user.pk if user is not None else None,
        actor_label=user.get_username()[:255] if user is not None else "",
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_label=object_label,
        organisation_id=organisation_id,
        old_values=_json_safe(old),
        new_values=_json_safe(new),
    )
