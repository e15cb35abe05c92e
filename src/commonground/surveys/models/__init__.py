"""The surveys app's tables: waves with their questions and invitations (``waves``),
responses and their imports (``responses``)."""

from commonground.surveys.models.responses import ImportStatus, Response, ResponseImport, Source
from commonground.surveys.models.waves import (
    Design,
    Invitation,
    InvitationBatch,
    Mode,
    OwnQuestion,
    Wave,
)
from commonground.surveys.models.weighting import (
    ResponseWeight,
    Scheme,
    WaveWeighting,
    WeightingStatus,
)

__all__ = ["Design", "ImportStatus", "Invitation", "InvitationBatch", "Mode", "OwnQuestion",
           "Response", "ResponseImport", "ResponseWeight", "Scheme", "Source", "Wave",
           "WaveWeighting", "WeightingStatus"]
