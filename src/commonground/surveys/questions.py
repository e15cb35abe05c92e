"""The question bank: the questions every council's survey can ask, read from
data/surveys/questions.yaml (wording in English and Welsh, answer codes, sources).

A question's ``key`` is the column of a contractor's file and, for indicators and
influences, the indicator's code (``survey:<key>`` for plans). Answer codes are strings,
as a file holds them. The bank is read once per process; it is data shipped with the
product, changed by a release, never by a user.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.utils import translation

BANK = settings.BASE_DIR / "data" / "surveys" / "questions.yaml"
#: A question whose answer is one of the council's wards.
AREA = "area"
#: Groups of questions, in the order pages list them.
GROUPS = ("indicator", "influence", "demographic", "other")
#: Demographic questions the weighting reads (the census margins they answer).
WEIGHTING_KEYS = ("age_band", "sex", "ward", "ethnic_group")


@dataclass(frozen=True)
class Words:
    en: str
    cy: str = ""

    def __str__(self) -> str:
        if translation.get_language() == "cy" and self.cy:
            return self.cy
        return self.en


@dataclass(frozen=True)
class Answer:
    code: str
    label: Words


@dataclass(frozen=True)
class Question:
    key: str
    group: str
    text: Words
    short: Words
    answers: tuple[Answer, ...]
    scale: str
    source: Words = Words("")
    hint: Words | None = None
    error: Words | None = None  # said when nothing is chosen on the online questionnaire
    agree: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    higher_is_better: bool | None = None
    benchmark: str = ""
    place_survey: str = ""
    weighting: str = ""
    own: bool = False  # a question of the council's own, not of the bank
    codes: frozenset[str] = field(default=frozenset())

    @property
    def is_area(self) -> bool:
        return self.scale == AREA

    @property
    def is_indicator(self) -> bool:
        """Estimated as a share agreeing (the national indicators and the influences)."""
        return bool(self.agree)

    def label_of(self, code: str) -> str:
        for answer in self.answers:
            if answer.code == code:
                return str(answer.label)
        return code


def _words(value: dict[str, str] | None) -> Words | None:
    if not value:
        return None
    return Words(en=value["en"], cy=value.get("cy", ""))


def _question(raw: dict[str, object], scales: dict[str, tuple[Answer, ...]]) -> Question:
    scale = str(raw["scale"])
    answers = () if scale == AREA else scales[scale]
    text = _words(raw["text"])  # type: ignore[arg-type]
    assert text is not None
    return Question(
        key=str(raw["key"]), group=str(raw["group"]), text=text,
        short=_words(raw.get("short")) or text,  # type: ignore[arg-type]
        answers=answers, scale=scale, source=Words(str(raw.get("source", "")),
                                                    str(raw.get("source_cy", ""))),
        hint=_words(raw.get("hint")),  # type: ignore[arg-type]
        error=_words(raw.get("error")),  # type: ignore[arg-type]
        agree=tuple(raw.get("agree", ())),  # type: ignore[arg-type]
        exclude=tuple(raw.get("exclude", ())),  # type: ignore[arg-type]
        higher_is_better=raw.get("higher_is_better"),  # type: ignore[arg-type]
        benchmark=str(raw.get("benchmark", "")), place_survey=str(raw.get("place_survey", "")),
        weighting=str(raw.get("weighting", "")),
        codes=frozenset(a.code for a in answers))


@functools.cache
def _load(path: Path = BANK) -> dict[str, Question]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    scales = {name: tuple(Answer(str(a["code"]), Words(a["en"], a.get("cy", "")))
                          for a in answers)
              for name, answers in raw["scales"].items()}
    return {q["key"]: _question(q, scales) for q in raw["questions"]}


def bank() -> dict[str, Question]:
    """Every question of the bank by key, in the file's order."""
    return _load()


def question(key: str) -> Question | None:
    return bank().get(key)


def indicators() -> list[Question]:
    """The questions estimated as a share: national indicators, then influences."""
    return [q for q in bank().values() if q.is_indicator]


def default_keys() -> list[str]:
    return list(bank())
