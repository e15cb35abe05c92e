"""The framework knowledge in Welsh: data/knowledge/cy/*.yaml loaded beside the English,
shown on Welsh pages (English-only records marked lang="en"), indexed so a Welsh search
finds the Welsh record, counted, and a bad Welsh file refused with its file, line and field
named and nothing changed."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils.html import escape

from commonground.library.knowledge import KnowledgeError, default_directory, load_knowledge
from commonground.library.models import Action, CaseStudy, FamilyGroup, Influence, Issue, Theme
from commonground.search import search

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("knowledge")
def test_every_issue_action_influence_and_family_group_has_its_welsh() -> None:
    for model, field in [(Issue, "title"), (Action, "title"), (Influence, "factor"),
                         (FamilyGroup, "name"), (Theme, "name")]:
        missing = list(model.objects.filter(**{f"{field}_cy": ""}).values_list(field, flat=True))
        assert not missing, (model.__name__, missing)
    assert not Issue.objects.filter(summary_cy="").exists()
    assert not Action.objects.filter(summary_cy="").exists()
    esol = Action.objects.get(slug="promote-esol-classes")
    assert esol.title_cy == "Hyrwyddo dosbarthiadau ESOL"
    assert set(Influence.objects.values_list("category_name_cy", flat=True)) == {
        "Nodweddion y gymuned a’r ardal", "Nodweddion economaidd-gymdeithasol unigolion",
        "Agweddau unigolion", "Gweithredoedd unigolion"}


@pytest.mark.usefixtures("knowledge")
def test_a_welsh_record_reads_in_welsh_and_an_english_only_one_is_marked(
        client: Client) -> None:
    page = client.get("/cy/library/actions/promote-esol-classes/").content.decode()
    assert '<h1 class="govuk-heading-l">Hyrwyddo dosbarthiadau ESOL</h1>' in page
    assert 'data-testid="welsh-note"' not in page
    assert '<h1 class="govuk-heading-l">Promote ESOL classes</h1>' in client.get(
        "/library/actions/promote-esol-classes/").content.decode()
    case_study = CaseStudy.objects.get(slug="bolton-libraries-esol")
    CaseStudy.objects.filter(pk=case_study.pk).update(title_cy="", summary_cy="")
    page = client.get(f"/cy/library/case-studies/{case_study.slug}/").content.decode()
    assert (f'<h1 class="govuk-heading-l"><span lang="en">{escape(case_study.title)}</span>'
            '</h1>') in page
    assert "Nid yw peth o hyn yn Gymraeg eto, felly fe’i dangosir yn Saesneg." in page
    # The English page marks nothing.
    english = client.get(f"/library/case-studies/{case_study.slug}/").content.decode()
    assert '<span lang="en">' not in english


@pytest.mark.usefixtures("knowledge")
def test_a_welsh_search_finds_the_welsh_record_and_shows_its_welsh_title(
        client: Client, world: object) -> None:
    results = search(None, "dosbarthiadau ESOL", filters={"type": ["action"]})
    assert [h.key for h in results.hits][:1] == ["promote-esol-classes"]
    # Accents folded: "cyfryngwyr" and "rhyng-ffydd" without their accents or with them.
    assert "promote-interfaith-work" in [h.key for h in search(None, "rhyng-ffydd").hits]
    assert "bring-in-conflict-resolution-and-mediators" in [
        h.key for h in search(None, "chyfryngwyr hyfforddedig").hits]
    page = client.get("/cy/library/search/?q=dosbarthiadau+ESOL&type=action").content.decode()
    assert 'href="/cy/library/actions/promote-esol-classes/">Hyrwyddo dosbarthiadau ESOL</a>' \
        in page


@pytest.mark.usefixtures("knowledge")
def test_the_coverage_command_counts_records_with_welsh() -> None:
    out = StringIO()
    call_command("welsh_coverage", stdout=out)
    text = out.getvalue()
    for line in ("actions: 25 of 25", "issues: 23 of 23", "family groups: 10 of 10",
                 "influences: 76 of 76", "themes: 39 of 39", "pitfalls: 21 of 21",
                 "case studies: 59 of 59", "guidance: 26 of 26", "resources: 66 of 66",
                 "framework items: 37 of 37"):
        assert line in text, line
    assert "with Welsh title and summary and outcomes and evidence_reason and notes" in text
    # A case study whose reason for its strength of evidence, or whose note, lacks its Welsh
    # is not counted as having its Welsh.
    CaseStudy.objects.filter(slug="rotherham-neighbourhood-strategy").update(
        evidence_reason_cy="")
    CaseStudy.objects.filter(slug="suffolk-libraries-chat-and-chill").update(notes_cy="")
    CaseStudy.objects.filter(slug="fun-palaces").update(outcomes_cy="")
    out = StringIO()
    call_command("welsh_coverage", stdout=out)
    assert "case studies: 56 of 59" in out.getvalue()


@pytest.mark.usefixtures("knowledge")
def test_every_case_studys_outcomes_reason_and_notes_are_in_welsh_with_the_glossarys_terms(
        client: Client) -> None:
    from babel.messages.catalog import Message

    from commonground.core import glossary

    terms = glossary.terms()
    # Where the English uses a term of the glossary in another sense.
    other_sense = {("manchester-arena-attack-response", "outcomes"): 'glossary: not "area"'}
    problems = []
    for case_study in CaseStudy.objects.filter(from_fixture=True):
        for field in ("outcomes", "evidence_reason", "notes"):
            english = getattr(case_study, field)
            welsh = getattr(case_study, f"{field}_cy")
            if english and not welsh:
                problems.append(f"{case_study.slug}: {field} has no Welsh")
            elif english:
                comment = other_sense.get((case_study.slug, field))
                message = Message(english, welsh, user_comments=[comment] if comment else [])
                problems += [f"{case_study.slug}: {field}: {p}" for p in
                             glossary.message_problems(message, terms)]
    assert not problems, "\n".join(problems)
    assert CaseStudy.objects.filter(from_fixture=True).exclude(notes="").count() == 3
    page = client.get("/cy/library/case-studies/suffolk-libraries-chat-and-chill/")
    text = page.content.decode()
    assert "Adroddir ffigurau presenoldeb, ynghyd â manteision ansoddol." in text
    assert "Suffolk Libraries sy’n rhedeg gwasanaeth llyfrgell y sir" in text
    assert "Daw tua 25 o fenywod bob wythnos" in text
    assert "About 25 women attend each week" not in text
    assert 'data-testid="welsh-note"' not in text  # nothing of it is shown in English
    assert "Attendance figures reported" not in text
    assert "Suffolk Libraries runs the county library service" not in text
    english = client.get("/library/case-studies/suffolk-libraries-chat-and-chill/")
    assert "Attendance figures reported with qualitative benefits." in english.content.decode()
    # Without its Welsh, the Welsh page shows the English reason marked as English.
    CaseStudy.objects.filter(slug="suffolk-libraries-chat-and-chill").update(
        evidence_reason_cy="")
    text = client.get("/cy/library/case-studies/suffolk-libraries-chat-and-chill/") \
        .content.decode()
    assert ('<span lang="en">Attendance figures reported with qualitative benefits.</span>'
            in text)


@pytest.mark.usefixtures("knowledge")
def test_the_planning_lessons_points_are_in_welsh(client: Client) -> None:
    page = client.get("/cy/library/framework/").content.decode()
    assert "<li>Rhannwch gynnydd yn eang ac yn aml.</li>" in page
    assert "Share progress widely and often." not in page
    english = client.get("/library/framework/").content.decode()
    assert "<li>Share progress widely and often.</li>" in english


def _copy(tmp_path: Path) -> Path:
    directory = tmp_path / "knowledge"
    shutil.copytree(default_directory(), directory)
    return directory


@pytest.mark.usefixtures("knowledge")
@pytest.mark.parametrize(("text", "expected"), [
    ("actions:\n  - id: promote-esol-classes\n    titel: Hyrwyddo\n",
     "actions.yaml, line 3: record 'promote-esol-classes', field 'titel': not a field"),
    ("actions:\n  - id: no-such-action\n    title: Dim\n",
     "actions.yaml, line 2: record 'no-such-action', field 'id': no such record"),
    ("actions:\n  - id: promote-esol-classes\n    title: [un, dau]\n",
     "actions.yaml, line 3: record 'promote-esol-classes', field 'title': expected text"),
    ("actions:\n  - id: promote-esol-classes\n    title: 'heb ei gau\n",
     "actions.yaml, line 4, column 1: not valid YAML"),
    ("camau:\n  - id: promote-esol-classes\n",
     "actions.yaml, line 1, field 'camau': not a list this file holds"),
    ("items:\n  - id: annex-f-implementation-plan\n    key_questions:\n"
     "      - {id: no-such-point, summary: Dim}\n",
     "framework.yaml, line 3: record 'annex-f-implementation-plan', field 'key_questions': "
     "no such point (no-such-point)"),
])
def test_a_bad_welsh_file_names_file_line_and_field_and_changes_nothing(
        tmp_path: Path, text: str, expected: str) -> None:
    directory = _copy(tmp_path)
    name = expected.split(",")[0]  # the Welsh file the case writes
    (directory / "cy" / name).write_text(text, encoding="utf-8")
    Issue.objects.filter(slug="not-speaking-english").update(title_cy="Cyn y llwyth")
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(directory)
    assert expected in str(error.value)
    assert str(directory / "cy" / name) in str(error.value)
    # All or nothing: what the earlier load left is still there, untouched.
    assert Action.objects.get(slug="promote-esol-classes").title_cy == "Hyrwyddo dosbarthiadau ESOL"
    assert Issue.objects.get(slug="not-speaking-english").title_cy == "Cyn y llwyth"


@pytest.mark.usefixtures("knowledge")
def test_a_record_left_out_of_the_welsh_files_loses_its_welsh_but_contributions_keep_theirs(
        tmp_path: Path, world: object) -> None:
    from tests.library.conftest import submit_case_study
    contribution = submit_case_study(world, title_cy="Caffis croeso", summary_cy="Caffis.")  # type: ignore[arg-type]
    directory = _copy(tmp_path)
    (directory / "cy" / "actions.yaml").write_text("actions: []\n", encoding="utf-8")
    load_knowledge(directory)
    assert not Action.objects.exclude(title_cy="").exists()
    contribution.refresh_from_db()
    assert contribution.title_cy == "Caffis croeso"
