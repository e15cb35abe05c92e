"""Creating and changing survey waves and their own questions."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from commonground.accounts import welsh
from commonground.accounts.models import Organisation, User
from commonground.core import audit
from commonground.core.errors import InvalidInput
from commonground.surveys import access
from commonground.surveys.models import Design, Mode, OwnQuestion, Wave
from commonground.surveys.questions import WEIGHTING_KEYS, bank


def _check_wave(*, title: str, starts_on: datetime.date, ends_on: datetime.date, mode: str,
                design: str, questions: list[str]) -> None:
    fields: dict[str, list[str]] = {}
    if not title.strip():
        fields["title"] = [_("Enter a name for the wave.")]
    if ends_on < starts_on:
        fields["ends_on"] = [_("The last day must be on or after the first day.")]
    if mode not in Mode.values:
        fields["mode"] = [_("Choose how the survey is collected.")]
    if design not in Design.values:
        fields["design"] = [_("Choose how the sample was drawn.")]
    unknown = [key for key in questions if key not in bank()]
    if unknown:
        fields["questions"] = [_("These are not questions of the bank: %(keys)s.")
                               % {"keys": ", ".join(unknown)}]
    if not any(bank()[key].is_indicator for key in questions if key in bank()):
        fields.setdefault("questions", []).append(_("Ask at least one indicator question."))
    if fields:
        raise InvalidInput(_("The wave could not be saved."), fields=fields)


@transaction.atomic
def create_wave(*, actor: User, council: Organisation, title: str, starts_on: datetime.date,
                ends_on: datetime.date, mode: str, design: str,
                questions: list[str] | None = None, open_access: bool = False,
                is_demo: bool = False, title_cy: str = "") -> Wave:
    """A new wave of ``council``'s survey. The demographic questions weighting needs are
    always asked. Only those who run the council's waves may start one
    (``access.get_council_for_user``: ``NotFound`` for those outside the council,
    ``PermissionDenied`` for its members who only read them); a refusal changes nothing."""
    council = access.get_council_for_user(actor, council.slug, write=True)
    chosen = list(questions if questions is not None else bank())
    chosen += [key for key in WEIGHTING_KEYS if key not in chosen]
    ordered = [key for key in bank() if key in chosen]
    _check_wave(title=title, starts_on=starts_on, ends_on=ends_on, mode=mode, design=design,
                questions=ordered)
    wave = Wave.objects.create(
        council=council, title=title.strip(), title_cy=title_cy.strip(),
        starts_on=starts_on, ends_on=ends_on,
        mode=mode, design=design, questions=ordered, open_access=open_access,
        is_demo=is_demo, created_by=actor)
    audit.record(actor=actor, action=audit.Action.SURVEY_WAVE_CREATE, obj=wave,
                 organisation_id=council.pk,
                 new={"title": wave.title, "design": design, "mode": mode,
                      "starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat()})
    return wave


def welsh_needed(wave: Wave, title_cy: str | None = None) -> list[welsh.Needed]:
    """What residents read of the council's own words: the wave's name, its own questions
    and their answers (the bank's questions have their Welsh already)."""
    needed = [welsh.Needed("title_cy", _("Welsh name of the wave"), wave.title,
                           wave.title_cy if title_cy is None else title_cy)]
    for own in wave.own_questions.all():
        needed.append(welsh.Needed(f"own_questions.{own.key}.text_cy",
                                   _("Welsh of your question ‘%(text)s’") % {"text": own.text},
                                   own.text, own.text_cy))
        needed += [welsh.Needed(f"own_questions.{own.key}.answers.{a['code']}.cy",
                                _("Welsh of the answer ‘%(answer)s’ to ‘%(text)s’")
                                % {"answer": a["en"], "text": own.text},
                                a["en"], a.get("cy", "")) for a in own.answers]
    return needed


def set_wave_options(*, actor: User, wave: Wave, collecting: bool | None = None,
                     open_access: bool | None = None, published: bool | None = None,
                     title_cy: str | None = None) -> Wave:
    """Open or close the online questionnaire, let anyone answer, publish the results,
    name the wave in Welsh. Opening the questionnaire or publishing the results is refused
    while Welsh that the council asks for is missing (``accounts.welsh``, checked before
    the transaction so its audit row stays). Only those who run the council's waves may
    (``access.get_wave_for_user``: ``NotFound`` for those who may not see the wave,
    ``PermissionDenied`` for those who may only read it)."""
    access.get_wave_for_user(actor, wave.pk, write=True)
    if (collecting and not wave.collecting) or (published and not wave.published):
        welsh.require_welsh(actor=actor, organisations=[wave.council], obj=wave,
                            needed=welsh_needed(wave, title_cy))
    return _set_wave_options(actor=actor, wave=wave, collecting=collecting,
                             open_access=open_access, published=published, title_cy=title_cy)


@transaction.atomic
def _set_wave_options(*, actor: User, wave: Wave, collecting: bool | None,
                      open_access: bool | None, published: bool | None,
                      title_cy: str | None) -> Wave:
    old = {"collecting": wave.collecting, "open_access": wave.open_access,
           "published": wave.published, "title_cy": wave.title_cy}
    if title_cy is not None:
        wave.title_cy = title_cy.strip()[:200]
    if collecting is not None:
        wave.collecting = collecting
    if open_access is not None:
        wave.open_access = open_access
    if published is not None:
        wave.published = published
    new = {"collecting": wave.collecting, "open_access": wave.open_access,
           "published": wave.published, "title_cy": wave.title_cy}
    if new != old:
        wave.save(update_fields=[*new, "updated_at"])
        audit.record(actor=actor, action=audit.Action.SURVEY_WAVE_UPDATE, obj=wave,
                     organisation_id=wave.council_id, old=old, new=new)
    return wave


def parse_answers(text: str) -> list[dict[str, str]]:
    """Answer lines "English | Welsh" (the Welsh optional) -> answers coded 1, 2, 3..."""
    answers: list[dict[str, str]] = []
    for line in text.splitlines():
        english, _sep, welsh = line.partition("|")
        if english.strip():
            answers.append({"code": str(len(answers) + 1), "en": english.strip(),
                            "cy": welsh.strip()})
    return answers


@transaction.atomic
def add_own_question(*, actor: User, wave: Wave, text: str, text_cy: str,
                     answers: list[dict[str, str]]) -> OwnQuestion:
    """A question of the council's own, with at least two answers, keyed ``own_<slug>``;
    added by those who run the council's waves."""
    access.get_wave_for_user(actor, wave.pk, write=True)
    fields: dict[str, list[str]] = {}
    if not text.strip():
        fields["text"] = [_("Enter the question.")]
    if len(answers) < 2:
        fields["answers"] = [_("Give at least two answers, one a line.")]
    if fields:
        raise InvalidInput(_("The question could not be added."), fields=fields)
    if wave.responses.exists():
        raise InvalidInput(_("The wave already has responses; its questions can no longer "
                             "change."))
    base = "own_" + (slugify(text)[:30].strip("-").replace("-", "_") or "question")
    key, n = base, 1
    while wave.own_questions.filter(key=key).exists():
        n += 1
        key = f"{base}_{n}"
    own = OwnQuestion.objects.create(wave=wave, key=key, text=text.strip(),
                                     text_cy=text_cy.strip(), answers=answers,
                                     position=wave.own_questions.count())
    audit.record(actor=actor, action=audit.Action.SURVEY_QUESTION_ADD, obj=wave,
                 organisation_id=wave.council_id, new={"key": key, "text": own.text})
    return own


@transaction.atomic
def set_own_question_welsh(*, actor: User, question: OwnQuestion, text_cy: str,
                           answers_cy: list[str]) -> OwnQuestion:
    """Give or correct the Welsh of a question of the council's own, even once answers
    have come in: its English and its answers' codes stay, so no answer changes meaning.
    ``answers_cy`` follows the order of the answers; a line left out keeps no Welsh."""
    access.get_wave_for_user(actor, question.wave_id, write=True)
    if len(answers_cy) > len(question.answers):
        raise InvalidInput(_("The question has %(count)d answers; give at most one Welsh "
                             "line for each.") % {"count": len(question.answers)},
                           fields={"answers_cy": [_("One line for each answer, in order.")]})
    old = {"text_cy": question.text_cy, "answers": [a.get("cy", "") for a in question.answers]}
    question.text_cy = text_cy.strip()[:400]
    padded = [line.strip() for line in answers_cy] + [""] * len(question.answers)
    question.answers = [{**a, "cy": padded[i]} for i, a in enumerate(question.answers)]
    question.save(update_fields=["text_cy", "answers"])
    new = {"text_cy": question.text_cy, "answers": [a["cy"] for a in question.answers]}
    if new != old:
        audit.record(actor=actor, action=audit.Action.SURVEY_QUESTION_WELSH, obj=question.wave,
                     organisation_id=question.wave.council_id, old=old,
                     new={"key": question.key, **new})
    return question
