"""An email backend whose server cannot be reached, as when the mail relay is down."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    def open(self) -> bool:
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    def send_messages(self, email_messages: Sequence[Any]) -> int:
        self.open()
        return 0
