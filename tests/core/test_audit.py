"""The audit log records only what changed, with JSON-safe values."""

from __future__ import annotations

import datetime

import pytest

from commonground.accounts.models import Organisation
from commonground.core import audit
from commonground.core.models import AuditEvent


def test_changed_keeps_only_differences() -> None:
    assert audit.changed({"a": 1, "b": 2}, {"a": 1, "b": 3}) == ({"b": 2}, {"b": 3})


@pytest.mark.django_db
def test_record_names_the_object_and_serialises_values() -> None:
    org = Organisation.objects.create(name="Police", slug="p", kind="police")
    event = audit.record(actor=None, action="test.touch", obj=org,
                         new={"when": datetime.date(2026, 1, 2)})
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.object_type == "accounts.organisation"
    assert event.object_id == str(org.pk) and event.object_label == "Police"
    assert event.new_values == {"when": "2026-01-02"}
    assert event.actor is None and event.actor_label == ""
