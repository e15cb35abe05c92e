"""Answering a wave online, one question a page (the GOV.UK question-page pattern).

A resident's answers live in their session until they send them from the check-answers
page; only then are they saved, as one response (``services.online``). The session holds
which wave is being answered, the invitation that let them in (if any) and the answers so
far, nothing else.

The questions come in this order: the bank's questions about the area and its people,
then the council's own, then the questions about the resident (age, sex, ward, ...),
which people answer more readily last. The ward is not asked when the invitation's
batch was sent to one ward's addresses: the response takes that ward.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import MutableMapping
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from commonground.core.errors import InvalidInput
from commonground.surveys import codes
from commonground.surveys.models import Invitation, Wave
from commonground.surveys.questionnaire import questions_of
from commonground.surveys.questions import Question, Words

SESSION_KEY = "surveys_answering"
DONE_KEY = "surveys_answered"
WARD = "ward"
# Codes of the answers that are not an opinion or a fact (don't know, prefer not to
# say, too few people here): the page sets them apart with "or", as GOV.UK does.
ASIDE_CODES = frozenset({"8", "9"})
SECONDS_PER_QUESTION = 20


@dataclass
class Answering:
    wave_id: int
    invitation_id: int | None = None
    ward_id: int | None = None  # the invitation's ward, when its batch was for one ward
    answers: dict[str, str] = field(default_factory=dict)


def current(session: MutableMapping[str, Any], wave: Wave) -> Answering | None:
    """The session's answers to ``wave``, if it is the wave being answered."""
    raw = session.get(SESSION_KEY)
    if not isinstance(raw, dict) or raw.get("wave_id") != wave.pk:
        return None
    return Answering(wave_id=wave.pk, invitation_id=raw.get("invitation_id"),
                     ward_id=raw.get("ward_id"), answers=dict(raw.get("answers") or {}))


def begin(session: MutableMapping[str, Any], wave: Wave,
          invitation: Invitation | None = None) -> Answering:
    """Start answering ``wave`` afresh (an invitation code, or an open wave)."""
    state = Answering(wave_id=wave.pk,
                      invitation_id=invitation.pk if invitation else None,
                      ward_id=invitation.ward_id if invitation else None)
    remember(session, state)
    session.pop(DONE_KEY, None)
    return state


def remember(session: MutableMapping[str, Any], state: Answering) -> None:
    session[SESSION_KEY] = asdict(state)


def finish(session: MutableMapping[str, Any], wave: Wave) -> None:
    """The answers were sent: forget them, keep only what the confirmation page says."""
    session.pop(SESSION_KEY, None)
    session[DONE_KEY] = {"wave_id": wave.pk, "council": wave.council.name,
                         "ends_on": wave.ends_on.isoformat()}


def answered(session: MutableMapping[str, Any], wave_id: int) -> dict[str, Any] | None:
    """What the confirmation page shows, if this session has just answered ``wave_id``."""
    done = session.get(DONE_KEY)
    if not isinstance(done, dict) or done.get("wave_id") != wave_id:
        return None
    return {"council": done["council"],
            "ends_on": datetime.date.fromisoformat(done["ends_on"])}


def steps(wave: Wave, *, ward_known: bool) -> list[Question]:
    """The questions the resident answers, in order."""
    questions = list(questions_of(wave).values())
    about_area = [q for q in questions if not q.own and q.group != "demographic"]
    own = [q for q in questions if q.own]
    about_you = [q for q in questions if not q.own and q.group == "demographic"
                 and not (ward_known and q.key == WARD)]
    return [*about_area, *own, *about_you]


def minutes(count: int) -> int:
    return max(1, math.ceil(count * SECONDS_PER_QUESTION / 60))


def error_message(question: Question) -> str:
    """What the page says when nothing was chosen: the bank's own words for each question
    ("Select how strongly you agree or disagree that…"), or a plain one for the council's."""
    if question.error is not None:
        return str(question.error)
    return _("Select an answer")


def welsh_missing(words: Words) -> bool:
    """Whether ``words`` is shown in English on a Welsh page (a council's own question
    without its Welsh), so the page marks it ``lang="en"``."""
    return translation.get_language() == "cy" and not words.cy


def invitation_for(typed: str) -> Invitation:
    """The invitation whose code a resident typed, if it may still be used; otherwise
    ``InvalidInput`` on the ``code`` field saying what is wrong with it."""
    def refuse(message: str) -> InvalidInput:
        return InvalidInput(message, fields={"code": [message]})

    if not typed.strip():
        raise refuse(_("Enter your invitation code"))
    code = codes.normalise(typed)
    if code is None:
        raise refuse(_("Enter the code as it is printed on your letter: 10 letters and "
                       "numbers, such as ABCDE-23456"))
    invitation = Invitation.objects.select_related("wave", "wave__council").filter(
        code=code).first()
    if invitation is None:
        raise refuse(_("We do not recognise this code. Check it against your letter and "
                       "enter it again"))
    if invitation.used:
        raise refuse(_("This code has already been used to answer the survey. Each code "
                       "can be used once"))
    wave = invitation.wave
    if not wave.collecting or wave.responses_purged_on is not None:
        raise refuse(_("The survey this code is for has closed"))
    return invitation
