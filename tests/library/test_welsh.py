"""The library in Welsh: every page's own words from the library catalogue, no English
sentence of the catalogue left on them, and the moderation email in the author's language."""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path

import pytest
from django.test import Client

from commonground.background.models import OutgoingEmail
from commonground.core import catalogues
from commonground.library import services
from commonground.library.models import CaseStudy
from tests.library.conftest import submit_case_study
from tests.personas import World

pytestmark = pytest.mark.django_db

LIBRARY_PO = (Path(catalogues.PACKAGE_DIR) / "library" / "locale" / "cy" / "LC_MESSAGES"
              / "django.po")

PUBLIC = ["/cy/library/", "/cy/library/actions/", "/cy/library/actions/promote-esol-classes/",
          "/cy/library/issues/", "/cy/library/issues/negative-views-about-migrants/",
          "/cy/library/guidance/", "/cy/library/guidance/cohesion-impact-assessment-tool/",
          "/cy/library/framework/", "/cy/library/framework/influences/",
          "/cy/library/framework/pitfalls/", "/cy/library/family-groups/",
          "/cy/library/family-groups/1/", "/cy/library/family-groups/10/",
          "/cy/library/case-studies/bolton-libraries-esol/",
          "/cy/library/resources/casey-review/", "/cy/library/search/?q=ASB",
          "/cy/library/search/?type=case_study"]


def text_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    page = response.content.decode()
    main = page[page.index("<main"):page.index("</main>")]
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def english_sentences() -> list[str]:
    """The catalogue's English of four words or more without placeholders or markup."""
    catalog = catalogues.read_catalogue(LIBRARY_PO)
    return [m.id for m in catalog if isinstance(m.id, str) and m.id.count(" ") >= 3
            and "%" not in m.id and "<" not in m.id]


@pytest.mark.usefixtures("knowledge")
def test_the_public_library_pages_have_no_english_sentence_of_the_catalogue_left(
        client: Client) -> None:
    sentences = english_sentences()
    assert len(sentences) > 60
    for url in PUBLIC:
        text = text_of(client, url)
        left = [s for s in sentences if s in text]
        assert not left, (url, left)


@pytest.mark.usefixtures("knowledge")
def test_a_welsh_library_page_reads_in_welsh_and_its_english_twin_in_english(
        client: Client) -> None:
    welsh = text_of(client, "/cy/library/")
    for words in ("Chwilio’r llyfrgell", "Y fframwaith", "Astudiaethau achos", "Grwpiau teulu",
                  "Mewngofnodwch i gyflwyno astudiaeth achos neu adnodd."):
        assert words in welsh, words
    english = text_of(client, "/library/")
    assert "Search the library" in english and "Chwilio" not in english
    actions = text_of(client, "/cy/library/actions/")
    assert "Pob mater (cyffredinol)" in actions
    assert re.search(r"\b2 fater\b|\b1 mater\b", actions)


@pytest.mark.parametrize(("n", "welsh"), [(0, "Dim materion"), (1, "1 mater"), (2, "2 fater"),
                                          (3, "3 mater"), (6, "6 mater"), (8, "8 mater"),
                                          (11, "11 mater"), (100, "100 mater")])
def test_issue_counts_take_the_six_welsh_plural_forms(n: int, welsh: str) -> None:
    from django.template import engines
    from django.utils import translation

    template = engines["django"].from_string(
        "{% blocktranslate count counter=n trimmed %}{{ counter }} issue{% plural %}"
        "{{ counter }} issues{% endblocktranslate %}")
    with translation.override("cy"):
        assert template.render({"n": n}) == welsh


def test_the_moderation_pages_and_forms_are_in_welsh(client: Client, world: World) -> None:
    submission = submit_case_study(world)
    client.force_login(world["moderator"])
    queue = text_of(client, "/cy/library/moderation/")
    assert "Yn aros am benderfyniad" in queue and "Trafford welcome cafés" in queue
    page = text_of(client, f"/cy/library/case-studies/{submission.slug}/")
    for words in ("Cymedroli", "Cyhoeddi", "Beth ddylai’r awdur ei newid?",
                  "Rheswm dros guddio", "Hanes", "Cyflwynwyd"):
        assert words in page, words
    client.force_login(world["officer_a"])
    form = text_of(client, "/cy/library/contribute/case-study/")
    for words in ("Cyflwyno astudiaeth achos", "Teitl yn Gymraeg", "Cryfder y dystiolaeth",
                  "Cyngor neu sefydliad", "Gogledd-orllewin Lloegr"):
        assert words in form, words
    response = client.post("/cy/library/contribute/case-study/", {"title": "", "summary": ""})
    assert response.status_code == 200
    assert "Mae angen y maes hwn." in response.content.decode()  # errors in Welsh too


def test_the_author_hears_of_a_decision_in_their_own_language(world: World) -> None:
    author = world["officer_a"]
    author.language = "cy"
    author.save(update_fields=["language"])
    submission = submit_case_study(world)
    services.return_to_author(actor=world["moderator"], obj=submission,
                              comment="Ychwanegwch ffigurau.")
    email = OutgoingEmail.objects.get(kind="library.decision", to=author.email)
    assert email.subject == ("Mae eich astudiaeth achos ‘Trafford welcome cafés’ wedi’i "
                             "dychwelyd")
    assert "Mae cymedrolwr wedi dychwelyd eich astudiaeth achos" in email.body
    assert "/cy/library/my-submissions/" in email.body
    assert "Ychwanegwch ffigurau." in email.body
    assert CaseStudy.objects.get(pk=submission.pk).status == "returned"
