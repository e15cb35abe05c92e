"""The glossary: one Welsh word for each of the service's terms, used by every catalogue."""

from __future__ import annotations

from babel.messages.catalog import Message

from commonground.core import catalogues, glossary
from commonground.core.welsh import mutations


def test_mutations_of_a_word() -> None:
    assert mutations("cyngor") == {"cyngor", "gyngor", "nghyngor", "chyngor"}
    assert mutations("tensiwn") == {"tensiwn", "densiwn", "nhensiwn", "thensiwn"}
    assert mutations("grŵp") == {"grŵp", "rŵp", "ngrŵp"}
    assert mutations("llyfrgell") == {"llyfrgell", "lyfrgell"}
    assert mutations("rhybudd") == {"rhybudd", "rybudd"}
    assert mutations("ardal") == {"ardal", "hardal"}
    assert mutations("fframwaith") == {"fframwaith"}
    assert mutations("chwilio") == {"chwilio"}


def test_the_glossary_has_the_services_terms_in_both_languages() -> None:
    terms = {t.en: t for t in glossary.terms()}
    assert terms["community cohesion"].cy == "cydlyniant cymunedol"
    assert terms["tension"].cy == "tensiwn" and terms["tension"].cy_plural == "tensiynau"
    assert terms["ward"].cy == "ward"
    assert terms["family group"].cy == "grŵp teulu"
    assert terms["council"].cy == "cyngor"
    assert terms["officer"].cy == "swyddog"
    assert terms["partner"].cy == "partner"
    assert all(t.cy and t.en for t in terms.values())


def _problems(english: str | tuple[str, str], welsh: str | tuple[str, ...],
              comment: str = "") -> list[str]:
    message = Message(english, welsh, user_comments=[comment] if comment else [])
    return glossary.message_problems(message, glossary.terms())


def test_a_message_using_a_term_must_use_its_welsh_in_any_form() -> None:
    assert _problems("Choose a ward", "Dewiswch ward") == []
    assert _problems("Your council’s family group", "Grŵp teulu eich cyngor") == []
    assert _problems("In my council", "Yn fy nghyngor i") == []  # nasal mutation
    assert _problems("Three councils", "Tri chyngor") == []  # aspirate mutation
    wrong = _problems("Choose a ward", "Dewiswch adran")
    assert len(wrong) == 1 and "“ward”" in wrong[0] and "glossary" in wrong[0]
    # A word inside another word is not the term.
    assert _problems("Forward this", "Anfonwch hwn ymlaen") == []
    assert _problems("An award", "Gwobr") == []
    # Every plural form must name it; the zero form may not.
    plural = _problems(("%(n)s council", "%(n)s councils"),
                       ("Dim un", "%(n)s cyngor", "%(n)s gyngor", "%(n)s chyngor",
                        "%(n)s chyngor", "%(n)s awdurdod"))
    assert len(plural) == 1


def test_a_translators_comment_can_say_the_word_is_used_in_another_sense() -> None:
    assert _problems("Ward off spam", "Cadw sbam draw", 'glossary: not "ward"') == []


def test_every_welsh_catalogue_uses_the_glossarys_terms() -> None:
    found = []
    for catalogue in catalogues.catalogues():
        if catalogue.po_path.exists():
            catalog = catalogues.read_catalogue(catalogue.po_path)
            found += [f"[{catalogue.name}] {p}" for p in glossary.catalog_problems(catalog)]
    assert not found, "\n".join(found)
