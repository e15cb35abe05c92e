"""Assessments keep their history: a second assessment of an area's week is a revision,
the earlier kept and shown; the trend reads the latest; a colleague's is never lost."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest

from commonground.accounts import services as account_services
from commonground.core.errors import EditConflict
from commonground.core.models import AuditEvent
from commonground.tensions import selectors
from commonground.tensions.models import Assessment, AssessmentRevision
from commonground.tensions.services.assessments import save_assessment
from tests.personas import World
from tests.tensions.conftest import Places
from tests.tensions.test_pages import as_

pytestmark = pytest.mark.django_db

WEEK = datetime.date(2026, 11, 18)  # a Wednesday: the week of Monday 16 November


def assess(world: World, places: Places, level: int, reasons: str, *,
           persona: str = "officer_a", week: datetime.date = WEEK,
           revision: int | None = None) -> Assessment:
    return save_assessment(actor=world[persona], council=world.council_a, area=places.a_west,
                           week_of=week, level=level, reasons=reasons, revision=revision)


def test_a_second_assessment_of_the_week_is_a_revision_and_the_first_is_kept(
    world: World, places: Places
) -> None:
    first = assess(world, places, 2, "Some graffiti.")
    second = assess(world, places, 4, "A march is planned for Saturday.",
                    persona="org_admin_a")
    assert second.pk == first.pk and Assessment.objects.count() == 1
    assert (second.level, second.revision, second.reasons) == (
        4, 2, "A march is planned for Saturday.")
    kept = list(AssessmentRevision.objects.order_by("number")
                .values_list("number", "level", "reasons", "saved_by__email"))
    assert kept == [(1, 2, "Some graffiti.", "officer_a@example.org"),
                    (2, 4, "A march is planned for Saturday.", "org_admin_a@example.org")]
    assert list(AuditEvent.objects.filter(object_type="tensions.assessment")
                .order_by("id").values_list("action", "new_values__revision")) == [
        ("assessment.create", 1), ("assessment.update", 2)]
    # Saving what is already there is not a new revision.
    assess(world, places, 4, "A march is planned for Saturday.")
    assert AssessmentRevision.objects.count() == 2


def test_the_trend_reads_the_latest_revision(world: World, places: Places) -> None:
    assess(world, places, 3, "Last week.", week=WEEK - datetime.timedelta(weeks=1))
    this_week = assess(world, places, 2, "Calmer.")
    assert selectors.trend_of(this_week) == "falling"
    this_week = assess(world, places, 4, "It flared up again on Friday.")
    assert selectors.trend_of(this_week) == "rising"
    [row] = selectors.latest_levels(world["officer_a"], world.council_a)
    assert (row["assessment"].level, row["trend"]) == (4, "rising")
    csv_text = as_("officer_a", world).get(
        "/tensions/assessments/return.csv?week=2026-11-16").content.decode()
    assert "2026-11-16,Trafford Council,E05000001,Altrincham,4,High,rising" in csv_text


def test_the_weekly_return_shows_each_areas_trend_from_its_latest_earlier_week(
    world: World, places: Places
) -> None:
    def save(area: Any, week: datetime.date, level: int) -> None:
        save_assessment(actor=world["officer_a"], council=world.council_a, area=area,
                        week_of=week, level=level, reasons="Why.")
    # The west ward: level 4 three weeks ago, 1 two weeks ago, 2 now (rising from the
    # latest earlier week, though it fell from the first); the east ward: 3 a week
    # ago, 3 now (steady); the council: first assessed now.
    save(places.a_west, WEEK - datetime.timedelta(weeks=3), 4)
    save(places.a_west, WEEK - datetime.timedelta(weeks=2), 1)
    save(places.a_west, WEEK, 2)
    save(places.a_east, WEEK - datetime.timedelta(weeks=1), 3)
    save(places.a_east, WEEK, 3)
    save(places.a, WEEK, 5)
    officer = as_("officer_a", world)
    csv_text = officer.get("/tensions/assessments/return.csv?week=2026-11-16"
                           ).content.decode()
    trends = {line.split(",")[2]: line.split(",")[6] for line in csv_text.splitlines()[1:]}
    assert trends == {places.a_west.code: "rising", places.a_east.code: "steady",
                      places.a.code: "first assessment"}
    assert trends == {a.area.code: selectors.trend_of(a)
                      for a in Assessment.objects.filter(week_start=datetime.date(2026, 11, 16))}
    page = officer.get("/tensions/assessments/return/?week=2026-11-16").content.decode()
    assert [trend for trend in re.findall(r">(rising|steady|first assessment|falling)<", page)
            ] == ["rising", "steady", "first assessment"]


def test_a_form_read_before_a_colleagues_assessment_is_refused(
    world: World, places: Places
) -> None:
    assess(world, places, 2, "Quiet.", revision=0)
    with pytest.raises(EditConflict, match="Officer A saved an assessment of Altrincham"):
        assess(world, places, 5, "Disorder.", persona="org_admin_a", revision=0)
    assert Assessment.objects.get().level == 2 and AssessmentRevision.objects.count() == 1


FORM = {"council": "council-a", "area": "E05000001", "week_of": "2026-11-18",
        "evidenced": "", "experienced": "", "potential": "", "reports": ""}


def test_two_officers_assess_the_same_ward_and_both_versions_show(
    world: World, places: Places
) -> None:
    url = "/tensions/assessments/edit/?council=council-a&area=E05000001&week=2026-11-18"
    first, second = as_("officer_a", world), as_("org_admin_a", world)
    for client in (first, second):
        assert 'name="revision" value="0"' in client.get(url).content.decode()
    saved = first.post(url, {**FORM, "revision": "0", "level": "2", "reasons": "Quiet."})
    assert saved.status_code == 302
    refused = second.post(url, {**FORM, "revision": "0", "level": "4",
                                "reasons": "Leaflets against the new mosque."})
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "Officer A saved an assessment of Altrincham for this week" in page
    assert "Yours was not saved" in page and 'name="revision" value="1"' in page
    assert "Leaflets against the new mosque." in page  # their words are still on the form
    again = second.post(url, {**FORM, "revision": "1", "level": "4",
                              "reasons": "Leaflets against the new mosque."})
    assert again.status_code == 302
    detail = first.get(again["Location"]).content.decode()
    assert "Level 4: High" in detail and "Earlier versions of this assessment" in detail
    earlier = detail.split('data-testid="revision-1"', 1)[1]
    assert "Revision 1: level 2 (Raised)" in earlier and "Quiet." in earlier
    assert "Saved by Officer A on" in earlier
    # The edit page says that saving adds a revision, and which one is there.
    assert "revision 2, level 4" in first.get(url).content.decode()


def test_a_partner_sees_earlier_versions_without_who_saved_them(
    world: World, places: Places
) -> None:
    assess(world, places, 2, "Quiet.")
    assessment = assess(world, places, 3, "Tension after the football.")
    account_services.create_sharing_agreement(
        actor=None, owner=world.council_a, partner=world.police,
        categories=["hate_incident"], starts_on=datetime.date(2026, 1, 1),
        include_assessments=True)
    page = as_("partner", world).get(f"/tensions/assessments/{assessment.pk}/").content.decode()
    assert "Revision 1: level 2 (Raised)" in page and "Quiet." in page
    assert "Saved by" not in page and re.search(r"Saved on \d", page)
    assert as_("officer_b", world).get(f"/tensions/assessments/{assessment.pk}/"
                                       ).status_code == 404


def test_the_assessment_page_reads_a_fixed_number_of_queries(
    world: World, places: Places, django_assert_num_queries: Any
) -> None:
    for level in (1, 2, 3, 4):
        assessment = assess(world, places, level, f"Level {level}.")
    officer = as_("officer_a", world)
    # Session, the user with their memberships, assessment, its visibility, audit row, linked
    # reports, the trend's previous week, the earlier revisions with who saved them.
    with django_assert_num_queries(8):
        officer.get(f"/tensions/assessments/{assessment.pk}/")
