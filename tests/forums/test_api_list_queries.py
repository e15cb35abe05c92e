"""The forums' API lists read a fixed number of queries, however many groups, threads and
posts there are (issue 14, finding 10); the pages are pinned in test_list_queries.py."""

from __future__ import annotations

import pytest

from commonground.forums.models import Group, GroupMembership, MemberStatus
from commonground.forums.services import groups as group_services
from tests.api.conftest import ApiClient
from tests.forums.conftest import Forum
from tests.forums.test_list_queries import grow
from tests.query_counts import api_counts, pinned

pytestmark = pytest.mark.django_db


def paths(forum: Forum) -> dict[str, tuple[str, int]]:
    """Path -> (whose token, its queries)."""
    return {
        "/forums/groups": ("officer_a", 2),
        "/forums/groups?as=partner": ("partner", 2),
        f"/forums/groups/{forum.closed.slug}/threads": ("officer_a", 4),
        f"/forums/groups/{forum.open.slug}/threads": ("partner", 4),
        f"/forums/threads/{forum.open_thread.pk}": ("officer_a", 3),
    }


def test_every_forum_api_list_reads_a_fixed_number_of_queries(forum: Forum) -> None:
    api = ApiClient(forum.world)
    few = api_counts(api, paths(forum))
    grow(forum, 4)
    for i in range(4):  # and groups, of each kind, the officer's and others'
        group_services.create_group(actor=forum["officer_a" if i % 2 else "officer_b"],
                                    name=f"Youth workers {i}",
                                    visibility=("open", "closed", "private")[i % 3],
                                    summary="Youth workers of the borough.")
    youth = Group.objects.get(slug="youth-workers-1")  # closed, officer A manages it
    GroupMembership.objects.create(group=youth, user=forum["resident"],
                                   status=MemberStatus.PENDING)
    many = api_counts(api, paths(forum))
    assert few == many, (few, many)
    assert many == pinned(paths(forum)), many
    # Each group still says what the caller is in it, read with the list.
    for persona, closed, asked in (("officer_a", "manager", "manager"),
                                   ("partner", "member", None), ("officer_b", "member", None),
                                   ("resident", None, "pending")):
        listed = {g["slug"]: g["membership"] for g in api.get(persona, "/forums/groups").json()}
        assert (listed[forum.closed.slug], listed[youth.slug]) == (closed, asked), persona
