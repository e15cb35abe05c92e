"""Saving a response from the online questionnaire: the answers the resident checked,
in one transaction, as one :class:`~commonground.surveys.models.Response` (the model the
contractor's import writes too).

An invitation code lets one response in: it is marked used by a conditional UPDATE in the
same transaction, so of two submissions racing with one code exactly one is saved. The
response keeps no link to the code, and no audit row records it (a row's time and
object would tie the response to the moment the code was used).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.core.errors import Conflict, InvalidInput
from commonground.surveys.answering import WARD, steps
from commonground.surveys.models import Invitation, Response, Source, Wave
from commonground.surveys.questionnaire import wards_of


class CodeAlreadyUsed(Conflict):
    """The invitation code was used (by another submission) after this one began."""


def _check_answers(wave: Wave, answers: dict[str, str], *, ward_known: bool) -> None:
    wards = set(wards_of(wave.council).values_list("code", flat=True))
    asked = steps(wave, ward_known=ward_known)
    allowed = {q.key: wards if q.is_area else q.codes for q in asked}
    missing = [key for key in allowed if key not in answers]
    wrong = [key for key, code in answers.items() if code not in allowed.get(key, ())]
    if missing or wrong:
        raise InvalidInput(_("Answer every question before sending your answers."),
                           fields={key: [_("Answer this question.")] for key in missing + wrong})


@transaction.atomic
def submit_online_response(*, wave: Wave, answers: dict[str, str],
                           invitation_id: int | None = None) -> Response:
    """Save one resident's answers to ``wave``: through their invitation (used once) or,
    when the wave is open to anyone, without one."""
    wave = Wave.objects.select_related("council").get(pk=wave.pk)
    if not wave.collecting or wave.responses_purged_on is not None:
        raise InvalidInput(_("This survey has closed: it takes no more answers."))
    ward_id: int | None = None
    if invitation_id is not None:
        invitation = Invitation.objects.filter(pk=invitation_id, wave=wave).first()
        if invitation is None:  # deleted with the wave's codes at the end of retention
            raise InvalidInput(_("This survey has closed: it takes no more answers."))
        ward_id = invitation.ward_id
        _check_answers(wave, answers, ward_known=ward_id is not None)
        claimed = Invitation.objects.filter(pk=invitation_id, used=False).update(used=True)
        if not claimed:
            raise CodeAlreadyUsed(_("This invitation code has already been used to answer "
                                    "the survey, so these answers were not saved. Each code "
                                    "can be used once."))
    elif wave.open_access:
        _check_answers(wave, answers, ward_known=False)
    else:
        raise InvalidInput(_("This survey needs the invitation code from your letter."))
    kept = dict(answers)
    if ward_id is None:
        ward_id = wards_of(wave.council).filter(code=kept.pop(WARD, "")).values_list(
            "pk", flat=True).first()
    return Response.objects.create(wave=wave, ward_id=ward_id, answers=kept,
                                   source=Source.ONLINE, received_on=timezone.localdate())
