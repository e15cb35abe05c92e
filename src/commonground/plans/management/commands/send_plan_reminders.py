"""``commonground send_plan_reminders``: email leads whose action owes a progress update.

Run it once a day (cron, a systemd timer, or the task scheduler once the deployment has
one). Each lead hears once per reporting interval; running it twice in a day sends nothing
the second time.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from commonground.plans.services.progress import send_reminders


class Command(BaseCommand):
    help = "Email the lead of every action whose progress update is due (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_reminders()
        self.stdout.write(f"Reminders sent: {sent}.")
