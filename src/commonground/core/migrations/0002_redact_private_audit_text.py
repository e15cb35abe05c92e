"""Rows written before the audit log kept protected objects' text out (core.audit.privacy):
the same rules applied to them, so no copy of a rumour, an assessment's reasons, a
contact's name or a private forum post stays in the log.

The apps' protected types are registered in their ``ready()``, which has run before any
migration. Running it again changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def redact(apps: Any, schema_editor: Any) -> None:
    from commonground.core.audit import privacy

    event_model = apps.get_model("core", "AuditEvent")
    rows = event_model.objects.filter(object_type__in=privacy.protected_types()).order_by("pk")
    last = 0
    # In slices by id, so the table is never read and written through one open cursor.
    while chunk := list(rows.filter(pk__gt=last)[:2000]):
        last = chunk[-1].pk
        changed = []
        for event in chunk:
            label = privacy.safe_label(event.object_type, event.object_id, event.object_label)
            old = privacy.redact_values(event.object_type, event.old_values or {})
            new = privacy.redact_values(event.object_type, event.new_values or {})
            if (label, old, new) != (event.object_label, event.old_values, event.new_values):
                event.object_label, event.old_values, event.new_values = label, old, new
                changed.append(event)
        event_model.objects.bulk_update(changed, ["object_label", "old_values", "new_values"])


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(redact, migrations.RunPython.noop, elidable=True)]
