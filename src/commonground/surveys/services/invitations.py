"""Making invitation codes for an address-based sample (push-to-web): one code per
address, each letting one response in. The officer downloads them for the mail merge
(``views.invitations``); the resident types theirs on the take-part page."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from commonground.accounts.models import User
from commonground.core import audit
from commonground.core.errors import InvalidInput
from commonground.places.models import Area
from commonground.surveys import codes
from commonground.surveys.models import Invitation, InvitationBatch, Wave
from commonground.surveys.questionnaire import wards_of

MAX_BATCH = 20_000
_ATTEMPTS = 5


def _fresh_codes(count: int) -> list[str]:
    """``count`` new codes, none already given to any wave (a clash is vanishingly rare:
    one in tens of billions per code at 100,000 codes out)."""
    found: set[str] = set()
    while len(found) < count:
        wanted = {codes.new_code() for _ in range(count - len(found))}
        taken = set(Invitation.objects.filter(code__in=wanted).values_list("code", flat=True))
        found |= wanted - taken
    return sorted(found)


@transaction.atomic
def make_invitations(*, actor: User, wave: Wave, count: int,
                     ward: Area | None = None) -> InvitationBatch:
    """A batch of ``count`` codes for ``wave``, for addresses in ``ward`` if given (the
    response then takes that ward, and the questionnaire does not ask it)."""
    if not 1 <= count <= MAX_BATCH:
        raise InvalidInput(_("The codes could not be made."), fields={"count": [
            _("Enter a number of codes from 1 to %(max)s.") % {"max": f"{MAX_BATCH:,}"}]})
    if wave.responses_purged_on is not None:
        raise InvalidInput(_("This wave’s responses have been deleted at the end of their "
                             "retention period; it takes no more."))
    if ward is not None and not wards_of(wave.council).filter(pk=ward.pk).exists():
        raise InvalidInput(_("The codes could not be made."), fields={"ward": [
            _("Choose one of the council’s wards.")]})
    for attempt in range(_ATTEMPTS):
        try:
            with transaction.atomic():  # a savepoint: a clash with a concurrent batch retries
                batch = InvitationBatch.objects.create(wave=wave, ward=ward, size=count,
                                                       created_by=actor)
                Invitation.objects.bulk_create(
                    [Invitation(wave=wave, batch=batch, code=code, ward=ward)
                     for code in _fresh_codes(count)], batch_size=2000)
            break
        except IntegrityError:
            if attempt == _ATTEMPTS - 1:
                raise
    audit.record(actor=actor, action=audit.Action.SURVEY_INVITATIONS, obj=wave,
                 organisation_id=wave.council_id,
                 new={"batch": batch.pk, "codes": count, "ward": ward.code if ward else None})
    return batch
