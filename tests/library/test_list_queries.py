"""Every list page of the library reads a fixed number of queries, however many records,
case studies and resources there are (issue 14, finding 10)."""

from __future__ import annotations

import pytest
from django.db import connection

from commonground.library import services
from commonground.library.models import (
    Action,
    CaseStudy,
    FamilyGroup,
    Guidance,
    Influence,
    Issue,
    IssueAction,
    Pitfall,
    Resource,
    Theme,
)
from tests.api.conftest import ApiClient
from tests.library.conftest import submit_case_study
from tests.personas import World
from tests.query_counts import api_counts, page_counts, pinned

pytestmark = pytest.mark.django_db

ACTION = "promote-interaction"
ISSUE = "large-number-of-new-migrants"


def pages() -> dict[str, tuple[str, int]]:
    """Address -> (who reads it, its queries)."""
    return {
        "/library/": ("officer_a", 2),
        "/library/actions/": ("anonymous", 2),
        f"/library/actions/{ACTION}/": ("anonymous", 8),
        "/library/issues/": ("anonymous", 1),
        f"/library/issues/{ISSUE}/": ("anonymous", 5),
        "/library/guidance/": ("anonymous", 2),
        "/library/framework/": ("anonymous", 1),
        "/library/framework/influences/": ("anonymous", 1),
        "/library/framework/pitfalls/": ("anonymous", 4),
        "/library/family-groups/": ("anonymous", 4),
        "/library/family-groups/7/": ("anonymous", 4),
        # A case study with the others of its family group, as "similar".
        "/library/case-studies/welcome-cafes-0/": ("anonymous", 6),
        "/library/my-submissions/": ("officer_a", 4),
        "/library/moderation/": ("moderator", 8),
        # The matching statement runs after SET LOCAL planner settings in its own
        # transaction on PostgreSQL (docs/search.md), however many records match.
        "/library/search/?q=cafes": ("anonymous", 7 if connection.vendor == "sqlite" else 11),
        "/library/search/?q=cafes&type=case_study&theme=leadership": (
            "officer_a", 10 if connection.vendor == "sqlite" else 14),
    }


API = {
    f"/library/actions/{ACTION}": ("officer_a", 7),
    f"/library/issues/{ISSUE}": ("officer_a", 5),
    "/search?q=cafes": ("officer_a", 7 if connection.vendor == "sqlite" else 11),
}


def grow(world: World, n: int, start: int) -> None:
    """``n`` more of every sort the lists show, each linked as the knowledge files link
    theirs: actions with themes, guidance and issues; pitfalls with actions and groups;
    case studies and resources in every moderation state."""
    theme = Theme.objects.get(slug="leadership")
    group = FamilyGroup.objects.get(number=7)
    action = Action.objects.get(slug=ACTION)
    framework_issue = Issue.objects.get(slug=ISSUE)
    for i in range(start, start + n):
        guidance = Guidance.objects.create(slug=f"more-guidance-{i}", title=f"Guidance {i}",
                                           section="annex-e")
        guidance.themes.add(theme)
        extra = Action.objects.create(slug=f"more-action-{i}", title=f"Action {i}",
                                      position=100 + i)
        extra.themes.add(theme)
        extra.guidance.add(guidance)
        issue = Issue.objects.create(slug=f"more-issue-{i}", number=100 + i, table_part=1,
                                     title=f"Issue {i}")
        issue.themes.add(theme)
        IssueAction.objects.create(issue=issue, action=extra, position=1)
        IssueAction.objects.create(issue=issue, action=action, position=2)
        IssueAction.objects.create(issue=framework_issue, action=extra, position=100 + i)
        pitfall = Pitfall.objects.create(slug=f"more-pitfall-{i}", title=f"Pitfall {i}",
                                         position=100 + i)
        pitfall.related_actions.add(extra, action)
        pitfall.family_groups.add(group)
        pitfall.themes.add(theme)
        Influence.objects.create(slug=f"more-influence-{i}", factor=f"Factor {i}",
                                 category="community-characteristics",
                                 category_name="Community characteristics",
                                 effect="two-sided", table="Table 2", position=100 + i)
        published = submit_case_study(world, title=f"Welcome cafes {i}", family_group=group)
        published.themes.add(theme)
        published.actions.add(action)
        services.publish(actor=world["moderator"], obj=published)
        submit_case_study(world, title=f"Cafes waiting {i}")
        returned = submit_case_study(world, title=f"Cafes returned {i}")
        services.return_to_author(actor=world["moderator"], obj=returned,
                                  comment="Say what it cost.")
        hidden = services.submit(actor=world["officer_a"], model=Resource, values={
            "title": f"Cafes toolkit {i}", "summary": "A checklist for cafes.",
            "kind": "toolkit"})
        services.hide(actor=world["moderator"], obj=hidden, reason="A broken link.")


def test_every_library_list_reads_a_fixed_number_of_queries(world: World,
                                                            knowledge: str) -> None:
    api = ApiClient(world)
    grow(world, 2, 0)
    few = page_counts(world, pages()), api_counts(api, API)
    grow(world, 10, 2)
    assert CaseStudy.objects.filter(title__startswith="Welcome cafes").count() == 12
    many = page_counts(world, pages()), api_counts(api, API)
    assert few == many, (few, many)
    assert many == (pinned(pages()), pinned(API)), many
