"""Loading data/knowledge/ with the command: counts, links, idempotence, dry runs, errors."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import CommandError, call_command

from commonground.library.knowledge import default_directory
from commonground.library.models import (
    Action,
    CaseStudy,
    FamilyGroup,
    Guidance,
    Influence,
    Issue,
    IssueAction,
    Resource,
)
from commonground.search import search
from commonground.search.models import SearchDocument


def test_loads_every_record_with_its_links(knowledge: str) -> None:
    assert "59 case studies" in knowledge and "66 resources" in knowledge
    assert Action.objects.count() == 25 and Action.objects.filter(universal=True).count() == 5
    assert Issue.objects.count() == 23
    assert IssueAction.objects.count() == 96  # the Table D1 links
    assert Guidance.objects.count() == 26
    assert FamilyGroup.objects.count() == 10
    group_one = FamilyGroup.objects.get(number=1)
    assert (str(group_one.average_cohesion), group_one.number_of_areas) == ("72.2", 27)
    esol = Action.objects.get(slug="promote-esol-classes")
    assert "not-speaking-english" in {i.slug for i in esol.issues.all()}
    assert esol.source_page == 19 and esol.citation.startswith("Cohesion Delivery Framework")
    issue = Issue.objects.get(slug="lack-of-respect-for-ethnic-difference")
    assert [link.action.slug for link in issue.action_links.all()] == [
        "work-with-local-media", "promote-cohesion-duty-in-schools-and-colleges",
        "support-specific-groups"]
    bolton = CaseStudy.objects.get(slug="bolton-libraries-esol")
    assert bolton.status == "published" and bolton.from_fixture
    assert Resource.objects.get(slug="casey-review").kind == "research"
    crime = Influence.objects.get(slug="t2-crime")
    assert crime.factor == "Level of crime (burglary, robbery, violence)"


def test_loading_twice_changes_nothing(knowledge: str) -> None:
    counts = (Action.objects.count(), IssueAction.objects.count(), CaseStudy.objects.count(),
              SearchDocument.objects.count())
    call_command("load_knowledge", commit=True, stdout=StringIO())
    assert (Action.objects.count(), IssueAction.objects.count(), CaseStudy.objects.count(),
            SearchDocument.objects.count()) == counts


def test_dry_run_saves_nothing(db: Any) -> None:
    out = StringIO()
    call_command("load_knowledge", stdout=out)
    assert "Dry run" in out.getvalue()
    assert Action.objects.count() == 0 and SearchDocument.objects.count() == 0


def test_a_broken_link_names_file_record_and_field(db: Any, tmp_path: Path) -> None:
    directory = tmp_path / "knowledge"
    shutil.copytree(default_directory(), directory)
    issues = directory / "issues.yaml"
    issues.write_text(issues.read_text(encoding="utf-8").replace(
        "actions: [work-with-local-media, promote-cohesion-duty-in-schools-and-colleges, "
        "support-specific-groups]",
        "actions: [no-such-action]", 1), encoding="utf-8")
    with pytest.raises(CommandError, match="issues.yaml: record "
                       "'lack-of-respect-for-ethnic-difference', field 'actions': "
                       "unknown id\\(s\\) no-such-action"):
        call_command("load_knowledge", directory=directory, commit=True, stdout=StringIO())
    assert Action.objects.count() == 0  # all or nothing


def test_no_flow_mapping_value_was_split_by_an_unquoted_comma() -> None:
    # An unquoted comma inside {a: b, c} makes YAML read a stray key with no value;
    # it once truncated influence names and source sections.
    def stray(node: Any) -> list[str]:
        if isinstance(node, dict):
            found = [k for k, v in node.items() if v is None and isinstance(k, str)
                     and (" " in k or k.endswith((")", ".")))]
            return found + [s for v in node.values() for s in stray(v)]
        if isinstance(node, list):
            return [s for v in node for s in stray(v)]
        return []

    for path in sorted(default_directory().glob("*.yaml")):
        assert stray(yaml.safe_load(path.read_text(encoding="utf-8"))) == [], path.name


@pytest.mark.parametrize(("q", "expected"), [
    ("English classes for new arrivals",
     {"Promote ESOL classes", "Bolton Libraries ESOL support",
      "How to communicate important information to new migrants"}),
    ("tension monitoring",
     {"Use tension monitoring and contingency planning guidance",
      "Guidance for local authorities on community cohesion contingency planning and "
      "tension monitoring", "Dudley community tension reporting tool"}),
    ("young people",
     {"Norfolk youth services commissioning through Youth Advisory Boards",
      "Gangs and youth violence", "Bright Futures: our vision for youth services"}),
    ("hate crime reporting",
     {"Hate crime reporting in Rotherham", "Government hate crime campaign and True Vision",
      "Essex Strategic Hate Crime Prevention Partnership (SHCPP)"}),
])
def test_practitioners_questions_find_the_right_things_first(
        knowledge: str, q: str, expected: set[str]) -> None:
    first_page = {hit.title for hit in search(None, q).hits}
    assert expected <= first_page


def test_a_search_combining_ideas_ranks_what_holds_them_all_first(knowledge: str) -> None:
    # The family-group pages say "Family group N" above their name, as their page does.
    results = search(None, "rural affluent family group", per_page=9)
    titles = [hit.title for hit in results.hits]
    assert set(titles[:4]) == {"Stable affluent rural areas", "Stable less affluent rural areas",
                               "Changing but affluent rural areas",
                               "Changing less affluent rural areas"}
    assert results.query.all_terms_total == 4
    # Then the pages holding three of the four words (the urban groups say "affluent"
    # or "less affluent"), before anything holding fewer.
    assert {t for t in titles[4:9]} == {
        "Stable affluent urban areas", "Changing but affluent urban areas",
        "Changing less affluent urban areas",
        "Stable less affluent urban areas with manufacturing decline",
        "Stable less affluent urban areas without manufacturing decline"}
    # A search that names the kind of page finds case studies holding the other words.
    first = search(None, "young people sport case study").hits[0]
    assert (first.kind, first.title) == (
        "case_study", "Oxford sport and physical activity for cohesion")


def _every_key(q: str) -> set[tuple[str, str]]:
    keys: set[tuple[str, str]] = set()
    page = 1
    while True:
        results = search(None, q, page=page, per_page=100)
        keys |= {(hit.kind, hit.key) for hit in results.hits}
        if not results.has_next:
            return keys
        page += 1


@pytest.mark.parametrize("q", [
    "rural affluent family group", "young people sport case study",
    "hate crime reporting partnership", "tension monitoring police case study",
    "changing areas new arrivals family group", "changing urban family group what works well"])
def test_what_holds_every_idea_of_a_search_comes_before_what_holds_fewer(
        knowledge: str, q: str) -> None:
    """On the library's own data, each idea of the search looked up alone: the documents
    holding all of them are exactly the first ``all_terms_total`` hits (family groups and
    case studies among them), and every one of them ranks above any holding fewer."""
    results = search(None, q, per_page=100)
    terms = results.query.terms
    assert len(terms) >= 2, terms
    holding_all = set.intersection(*(_every_key(term) for term in terms))
    assert holding_all, q
    assert results.query.all_terms_total == len(holding_all)
    first = {(hit.kind, hit.key) for hit in results.hits[:len(holding_all)]}
    assert first == holding_all
    assert {kind for kind, _key in holding_all} & {"family_group", "case_study"}
