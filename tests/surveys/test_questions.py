"""The question bank: every question in both languages, with codes that hold together."""

from __future__ import annotations

from django.utils import translation

from commonground.surveys.questions import WEIGHTING_KEYS, bank, indicators


def test_every_question_and_answer_has_its_welsh_and_a_source() -> None:
    for question in bank().values():
        assert question.text.en and question.text.cy, question.key
        assert question.short.cy, question.key
        assert question.source.en and question.source.cy, question.key
        for answer in question.answers:
            assert answer.label.en and answer.label.cy, (question.key, answer.code)


def test_indicators_count_and_leave_out_codes_of_their_own_scale() -> None:
    keys = [q.key for q in indicators()]
    assert keys[:4] == ["get_on_well", "get_on_well_council", "belonging",
                        "meaningful_interaction"]
    assert {"trust_people", "trust_council", "safe_after_dark", "fear_racist_attack",
            "influence_decisions", "pull_together", "formal_volunteering",
            "friends_other_groups"} <= set(keys)
    for question in indicators():
        assert set(question.agree) <= question.codes
        assert set(question.exclude) <= question.codes
        assert not set(question.agree) & set(question.exclude)
        assert question.higher_is_better is not None
    assert bank()["fear_racist_attack"].higher_is_better is False


def test_weighting_and_breakdown_questions_are_in_the_bank() -> None:
    assert set(WEIGHTING_KEYS) | {"disability", "tenure"} <= set(bank())
    assert bank()["ward"].is_area


def test_the_wording_follows_the_language_of_the_page() -> None:
    question = bank()["belonging"]
    with translation.override("cy"):
        assert str(question.text).startswith("Pa mor gryf")
        assert question.label_of("1") == "Yn gryf iawn"
    with translation.override("en"):
        assert question.label_of("1") == "Very strongly"
