"""A wave's questionnaire: the bank's questions it asks, then the council's own, as one
ordered mapping of key -> :class:`~commonground.surveys.questions.Question`."""

from __future__ import annotations

from django.db.models import QuerySet

from commonground.accounts.models import Organisation
from commonground.places.models import Area, AreaLevel
from commonground.surveys.models import OwnQuestion, Wave
from commonground.surveys.questions import Answer, Question, Words, bank


def own_question(own: OwnQuestion) -> Question:
    answers = tuple(Answer(str(a["code"]), Words(a["en"], a.get("cy", "")))
                    for a in own.answers)
    text = Words(own.text, own.text_cy)
    return Question(key=own.key, group="other", text=text, short=text, answers=answers,
                    scale=own.key, own=True, codes=frozenset(a.code for a in answers))


def questions_of(wave: Wave) -> dict[str, Question]:
    questions = {key: q for key, q in bank().items() if key in set(wave.questions)}
    questions.update((own.key, own_question(own)) for own in wave.own_questions.all())
    return questions


def wards_of(council: Organisation) -> QuerySet[Area]:
    """The council's wards (of May 2024), by name, without their shapes."""
    return (Area.objects.filter(level=AreaLevel.WARD, council__code=council.area_code)
            .defer("boundary").order_by("name"))


def ward_lookup(wards: QuerySet[Area] | list[Area]) -> dict[str, str]:
    """Lower-case code, English name and Welsh name of each ward -> its code."""
    lookup: dict[str, str] = {}
    for ward in wards:
        for key in (ward.code, ward.name, ward.name_cy):
            if key:
                lookup[key.lower()] = ward.code
    return lookup
