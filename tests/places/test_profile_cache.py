"""The council profile served fast and still right: queries per page, the whole-page cache
for anonymous visitors, and the links signed-in people see outside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from commonground.accounts import services as accounts_services
from commonground.accounts.models import Membership, Role
from commonground.places import access, pagecache, selectors, services
from commonground.places.access import get_council_area
from commonground.places.models import Area, Dataset
from tests.personas import PERSONAS, World

pytestmark = pytest.mark.django_db
TRAFFORD = "E08000009"
MANCHESTER = "E08000003"
URL = f"/areas/{TRAFFORD}/"
JUDGE_LINK = f'href="/areas/{TRAFFORD}/family-group/"'
CUSTOM_LINK = f'href="/areas/{TRAFFORD}/custom/"'


def queries_for(client: Client, url: str) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in captured.captured_queries]


def test_an_anonymous_visit_is_one_query_once_the_page_is_cached(demo_data: Path) -> None:
    first, _ = queries_for(Client(), URL)
    again, sql = queries_for(Client(), URL)
    assert again == first
    assert len(sql) == 1 and "places_familygroupjudgement" in sql[0]  # the data version
    assert "Group 7: Changing but affluent urban areas" in again
    assert JUDGE_LINK not in again and CUSTOM_LINK not in again and "Sign in" in again


def test_a_change_of_data_is_seen_by_the_next_anonymous_visit(demo_data: Path,
                                                               world: World) -> None:
    assert "Group 7: Changing but affluent urban areas" in queries_for(Client(), URL)[0]
    services.set_family_judgement(actor=world["officer_a"], council=get_council_area(TRAFFORD),
                                  industrial_decline=False, override_group=6,
                                  reason="Migration has fallen since the census.")
    page = queries_for(Client(), URL)[0]
    assert "Group 6: Stable affluent urban areas" in page and "the data say group 7" in page


def test_signed_in_staff_see_their_links_and_few_queries(demo_data: Path, world: World) -> None:
    Client().get(URL)  # the anonymous page is cached; staff must not be given it
    officer = Client()
    officer.force_login(world["officer_a"])
    page, sql = queries_for(officer, URL)
    assert JUDGE_LINK in page and CUSTOM_LINK in page and "Sign out" in page
    assert "Group 7: Changing but affluent urban areas" in page
    page, sql = queries_for(officer, URL)
    # session, data version, and the user with all of their memberships: the council
    # and its sub-area levels are kept per process for the data version.
    assert len(sql) == 3, sql
    assert sum("accounts_membership" in q for q in sql) == 1
    assert not any('"places_area"' in q for q in sql)  # the table, not places_areasstamp
    other = Client()
    other.force_login(world["officer_b"])
    page = queries_for(other, URL)[0]
    assert JUDGE_LINK not in page and CUSTOM_LINK not in page and "Sign out" in page


def test_a_visitor_with_a_message_waiting_is_not_given_the_cached_page(demo_data: Path) -> None:
    cached = queries_for(Client(), URL)[0]
    visitor = Client()
    visitor.cookies[CookieStorage.cookie_name] = "anything"
    response = visitor.get(URL)
    assert "places/council.html" in [t.name for t in response.templates]  # not the cache
    assert response.content.decode() == cached  # an unreadable messages cookie shows none
    assert not pagecache.is_public_request(RequestFactory().post(URL))


def test_a_page_that_used_a_csrf_token_is_never_shared() -> None:
    request = RequestFactory().get("/areas/X/")
    request.COOKIES = {}

    def render() -> HttpResponse:
        return HttpResponse(f"token {get_token(request)}")

    pagecache.public_page(request, ("t",), render)
    assert cache.get(pagecache.page_key("t")) is None
    pagecache.public_page(RequestFactory().get("/"), ("u",), lambda: HttpResponse("same"))
    assert cache.get(pagecache.page_key("u")) == b"same"


def test_the_data_version_moves_with_datasets_and_judgements(demo_data: Path,
                                                            world: World) -> None:
    start = selectors.data_version()
    dataset = Dataset.objects.filter(organisation=None).first()
    assert dataset is not None
    dataset.save()
    saved = selectors.data_version()
    assert saved != start
    services.set_family_judgement(actor=world["officer_a"], council=get_council_area(TRAFFORD),
                                  industrial_decline=True, override_group=None, reason="")
    assert selectors.data_version() not in (start, saved)
    # An organisation's own upload does not change the public pages, nor their version.
    judged = selectors.data_version()
    Dataset.objects.create(slug="council-a-x", title="X", kind="counts", level="ward",
                           organisation=world.council_a)
    assert selectors.data_version() == judged


def test_sub_area_levels_are_one_query(demo_data: Path, django_assert_num_queries: Any) -> None:
    trafford, manchester = get_council_area(TRAFFORD), get_council_area(MANCHESTER)
    with django_assert_num_queries(1):
        levels = selectors.sub_area_levels(trafford)
    assert [level for level, _ in levels] == ["ward", "lsoa", "oa"]
    assert all(d.organisation_id is None and d.kind == "counts" for _, d in levels)
    assert [level for level, _ in selectors.sub_area_levels(manchester)] == ["ward", "lsoa"]


def _offered(check: Any, user: Any) -> bool:
    try:
        check(user, TRAFFORD, write=True)
    except Exception:  # any refusal: the link must not be offered
        return False
    return True


def test_profile_links_follow_the_access_functions_for_every_persona(demo_data: Path,
                                                                     world: World) -> None:
    expected = {"officer_a": (True, True), "org_admin_a": (True, True)}
    for persona in PERSONAS:
        user = world[persona]
        links = access.council_links_for_user(user, TRAFFORD)
        assert (links.can_judge, links.workspace) == expected.get(persona, (False, False))
        assert links.can_judge == _offered(access.get_family_judgement_for_user, user)
        assert links.workspace == _offered(access.get_council_workspace_for_user, user)


def test_a_change_of_role_is_seen_by_the_members_next_request(demo_data: Path,
                                                             world: World) -> None:
    officer = Client()
    officer.force_login(world["officer_a"])
    membership = Membership.objects.get(user=world["officer_a"])
    accounts_services.change_role(actor=world["org_admin_a"], membership=membership,
                                  role=Role.MEMBER)
    page = queries_for(officer, URL)[0]
    assert JUDGE_LINK not in page and CUSTOM_LINK in page  # members read the workspace
    accounts_services.change_role(actor=world["org_admin_a"], membership=membership,
                                  role=Role.OFFICER)
    page = queries_for(officer, URL)[0]
    assert JUDGE_LINK in page and CUSTOM_LINK in page
    accounts_services.remove_member(actor=world["org_admin_a"], membership=membership)
    page = queries_for(officer, URL)[0]
    assert JUDGE_LINK not in page and CUSTOM_LINK not in page


def test_councils_are_kept_per_data_version_and_other_areas_are_not(
        demo_data: Path, django_assert_num_queries: Any) -> None:
    version = selectors.data_version()
    first = selectors.area_by_code_at(TRAFFORD, version)
    with django_assert_num_queries(0):
        assert selectors.area_by_code_at(TRAFFORD, version) is first
    assert [a.code for a in selectors.ancestors(first)] == [
        a.code for a in selectors.ancestors(selectors.area_by_code(TRAFFORD))]
    with django_assert_num_queries(1):  # a new version reads the area again
        assert selectors.area_by_code_at(TRAFFORD, version + "-next") is not first
    ward = Area.objects.filter(parent=first, level="ward").first()
    assert ward is not None
    selectors.area_by_code_at(ward.code, version)
    with django_assert_num_queries(1):
        assert selectors.area_by_code_at(ward.code, version).code == ward.code
