"""The audit log: who did what to which object. Services call ``record`` inside their
transaction, naming the action from ``Action``."""

from commonground.core.audit.actions import Action
from commonground.core.audit.privacy import PRIVATE, protect
from commonground.core.audit.recording import changed, record, snapshot

__all__ = ["PRIVATE", "Action", "changed", "protect", "record", "snapshot"]
