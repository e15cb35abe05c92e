"""A new user finds good practice: searches, then follows issue -> action -> case study."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from tests.e2e.conftest import Axe

pytestmark = pytest.mark.django_db(transaction=True)

EXPECTED = {
    # Several ideas at once: the family-group pages holding them all come first.
    "rural affluent family group": [
        "Stable affluent rural areas", "Changing but affluent rural areas"],
    "English classes for new arrivals": [
        "Promote ESOL classes", "Bolton Libraries ESOL support",
        "How to communicate important information to new migrants"],
    "tension monitoring": [
        "Use tension monitoring and contingency planning guidance",
        "Guidance for local authorities on community cohesion contingency planning and "
        "tension monitoring",
        "Dudley community tension reporting tool"],
    "young people": [
        "Norfolk youth services commissioning through Youth Advisory Boards",
        "Gangs and youth violence", "Bright Futures: our vision for youth services"],
    "hate crime reporting": [
        "Hate crime reporting in Rotherham", "Government hate crime campaign and True Vision",
        "Essex Strategic Hate Crime Prevention Partnership (SHCPP)"],
}


@pytest.fixture
def knowledge(transactional_db: Any) -> None:
    call_command("load_knowledge", commit=True, stdout=StringIO())


def test_searches_find_actions_guidance_and_case_studies(page: Any, axe: Axe,
                                                         knowledge: None) -> None:
    page.goto("/library/")
    axe.check(page)
    for query, titles in EXPECTED.items():
        page.get_by_label("Search the library", exact=True).first.fill(query)
        page.get_by_role("button", name="Search", exact=True).first.click()
        page.get_by_role("heading", name=f"for ‘{query}’").wait_for()
        results = page.locator(".cg-search-results")
        for title in titles:
            assert results.get_by_role("link", name=title, exact=True).is_visible(), title
        assert results.locator("mark").count() > 0
        axe.check(page)

    # Narrow to case studies with the filter column (a plain form: works without JS).
    page.get_by_label("Case study (", exact=False).check()
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("heading", name="for ‘hate crime reporting’").wait_for()
    assert page.get_by_role("link", name="Hate crime reporting in Rotherham").is_visible()
    assert page.get_by_role("link", name="Government hate crime campaign and True Vision") \
        .count() == 0
    axe.check(page)


def test_from_an_issue_to_its_actions_to_a_case_study(page: Any, axe: Axe,
                                                      knowledge: None) -> None:
    page.goto("/library/")
    page.get_by_role("link", name="Issues", exact=True).click()
    axe.check(page)
    page.get_by_role("link", name="Not speaking English").click()
    page.get_by_role("heading", name="Not speaking English").wait_for()
    axe.check(page)
    page.get_by_role("link", name="Promote ESOL classes").click()
    page.get_by_role("heading", name="Promote ESOL classes").wait_for()
    axe.check(page)
    assert page.get_by_role("link", name="Not speaking English").is_visible()
    page.get_by_role("link", name="Bolton Libraries ESOL support").click()
    page.get_by_role("heading", name="Bolton Libraries ESOL support").wait_for()
    axe.check(page)
    assert page.get_by_role("link", name="Promote ESOL classes").is_visible()
    for path in ["/library/framework/", "/library/framework/influences/",
                 "/library/framework/pitfalls/", "/library/family-groups/",
                 "/library/family-groups/1/", "/library/guidance/",
                 "/library/guidance/cohesion-impact-assessment-tool/", "/library/actions/",
                 "/library/resources/casey-review/"]:
        page.goto(path)
        axe.check(page)
