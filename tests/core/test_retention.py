import datetime

import pytest
import time_machine
from django.core.management import call_command

from commonground.core import audit
from commonground.core.models import AuditEvent


@pytest.mark.django_db
def test_audit_entries_past_retention_are_deleted(settings: object) -> None:
    with time_machine.travel(datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC)):
        audit.record(actor=None, action=audit.Action.USER_SIGN_IN)
    with time_machine.travel(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)):
        audit.record(actor=None, action=audit.Action.USER_UPDATE)
        call_command("purge_audit_log")
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["user.update"]
