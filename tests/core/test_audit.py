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
    event = audit.record(actor=None, action=audit.Action.ORGANISATION_CREATE, obj=org,
                         new={"when": datetime.date(2026, 1, 2)})
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.object_type == "accounts.organisation"
    assert event.object_id == str(org.pk) and event.object_label == "Police"
    assert event.new_values == {"when": "2026-01-02"}
    assert event.actor is None and event.actor_label == ""


def test_actions_are_the_strings_rows_already_hold() -> None:
    # Rows written before the enumeration read back as its members.
    assert audit.Action("report.triage") is audit.Action.REPORT_TRIAGE
    assert audit.Action.FORUM_POST_EDIT == "forum.post.edit"
    assert len({a.value for a in audit.Action}) == len(audit.Action)


@pytest.mark.django_db
def test_record_refuses_an_action_outside_the_vocabulary() -> None:
    with pytest.raises(ValueError, match="report.tirage"):
        audit.record(actor=None, action="report.tirage")  # type: ignore[arg-type]
    assert not AuditEvent.objects.exists()
