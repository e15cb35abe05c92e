"""The library tidy of issue 13, item 8, as a reader meets it: guidance whose 2009 address
is gone says so in English and Welsh and links the National Archives' copy where the
government archive keeps one; a family group's page and its case studies' pages name
each other; a search that combines ideas lists the family groups holding them all
first. axe on every page. (The titles and punctuation are checked over the data in
tests/knowledge/test_knowledge_wording.py; nothing is fetched from the internet.)"""

from __future__ import annotations

from typing import Any

import pytest

from commonground.library.models import CaseStudy, FamilyGroup
from tests.e2e.conftest import Axe
from tests.e2e.test_library_search import knowledge  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db(transaction=True)

ARCHIVED = ("https://webarchive.nationalarchives.gov.uk/ukgwa/20090701000000/"
            "http://www.communities.gov.uk/documents/communities/pdf/communitycohesiontool.pdf")


def test_the_library_tidy_as_a_reader_meets_it(page: Any, axe: Axe,
                                               knowledge: None) -> None:  # noqa: F811
    """One test, so the knowledge is loaded once (the browser suite keeps to its time)."""
    gone_guidance_says_where_to_read_it_in_both_languages(page, axe)
    a_family_group_and_its_case_studies_name_each_other(page, axe)
    a_search_combining_ideas_lists_what_holds_them_all_first(page, axe)


def gone_guidance_says_where_to_read_it_in_both_languages(page: Any, axe: Axe) -> None:
    page.goto("/library/guidance/")
    page.get_by_role("link", name="Cohesion Impact Assessment Tool").click()
    address = page.get_by_test_id("guidance-address")
    assert "The address no longer works" in address.inner_text()
    link = address.get_by_role("link", name="archived copy in the UK Government Web Archive")
    assert link.get_attribute("href") == ARCHIVED
    axe.check(page)
    page.goto("/cy/library/guidance/cohesion-impact-assessment-tool/")
    address = page.get_by_test_id("guidance-address")
    assert "Nid yw’r cyfeiriad yn gweithio mwyach" in address.inner_text()
    assert address.get_by_role("link", name="copi wedi’i archifo yn Archif We Llywodraeth y DU"
                               ).get_attribute("href") == ARCHIVED
    axe.check(page)
    # A site the government archive does not keep: no archive link, and it says so.
    page.goto("/library/guidance/citizens-day-framework/")
    address = page.get_by_test_id("guidance-address")
    assert "does not keep this website" in address.inner_text()
    assert address.get_by_role("link").count() == 0
    axe.check(page)


def a_family_group_and_its_case_studies_name_each_other(page: Any, axe: Axe) -> None:
    group = FamilyGroup.objects.get(number=3)
    chosen = list(CaseStudy.objects.filter(slug__in=["bolton-libraries-esol",
                                                     "rotherham-neighbourhood-strategy"]))
    for case_study in chosen:  # as a contributor records their area's group
        case_study.family_group = group
        case_study.save(update_fields=["family_group"])
    page.goto("/library/family-groups/")
    page.get_by_role("link", name=group.name, exact=True).click()
    page.get_by_role("heading", name=group.name).wait_for()
    axe.check(page)
    listed = page.locator("main a[href^='/library/case-studies/']")
    assert sorted(listed.all_inner_texts()) == sorted(cs.title for cs in chosen)
    for case_study in chosen:
        page.get_by_role("link", name=case_study.title, exact=True).click()
        named = page.get_by_test_id("case-study-family-group")
        assert named.inner_text().startswith(f"3. {group.name}")
        axe.check(page)
        named.get_by_role("link").click()
        page.get_by_role("heading", name=group.name).wait_for()


def a_search_combining_ideas_lists_what_holds_them_all_first(page: Any, axe: Axe) -> None:
    page.goto("/library/search/?q=rural+affluent+family+group")
    results = page.locator(".cg-search-result h3")
    results.first.wait_for()
    first_four = set(results.all_inner_texts()[:4])
    assert first_four == {"Stable affluent rural areas", "Stable less affluent rural areas",
                          "Changing but affluent rural areas",
                          "Changing less affluent rural areas"}
    axe.check(page)
