"""The surveys app's tables: waves with their questions and invitations (``waves``),
responses and their imports (``responses``)."""

from commonground.surveys.models.responses import ImportStatus, Response, ResponseImport, Source
from commonground.surveys.models.waves import Design, Invitation, Mode, OwnQuestion, Wave

__all__ = ["Design", "ImportStatus", "Invitation", "Mode", "OwnQuestion", "Response",
           "ResponseImport", "Source", "Wave"]
