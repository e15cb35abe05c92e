"""The plan's CSV file: out and back in without losing anything, into its own plan or a
new one; a bad file changes nothing and names every problem's line and field."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import pytest

from commonground.core.errors import InvalidInput, PermissionDenied
from commonground.plans import transfer
from commonground.plans.models import ActionPlan, LocalIssue, Milestone, PlanAction, Target
from commonground.plans.services import plans as plan_services
from commonground.plans.services import progress as progress_services
from commonground.plans.services.plans import ActionFields, TargetFields
from commonground.plans.services.transfer import import_plan
from tests.personas import World
from tests.plans.conftest import make_plan, trafford_wards

pytestmark = pytest.mark.django_db


def rich_plan(world: World, issue: LocalIssue) -> ActionPlan:
    officer = world["officer_a"]
    plan, action = make_plan(world, status="published")
    plan_services.update_action(actor=officer, action=action, fields=ActionFields(
        title="=SUM(A1) is not a formula", description="Line one\nline two, \"quoted\"; ünïcode",
        lead_organisation=world.police, partners=[world.council_a], issues=[issue],
        ward_codes=[w.code for w in trafford_wards(2)], resources="-£5,000 from reserves",
        starts_on=datetime.date(2026, 4, 1), ends_on=datetime.date(2027, 3, 31),
        horizon="quick_win", recurrence="ongoing", status="in_progress", weight=3, rag="amber",
        rag_reason="'Late start", vision_link="@belonging", update_every_days=14))
    child = plan_services.add_action(actor=officer, plan=plan, fields=ActionFields(
        title="Train volunteers", parent=action, weight=2))
    plan_services.add_action(actor=officer, plan=plan, fields=ActionFields(title="Second"))
    for title, due in (("Venue booked", datetime.date(2026, 5, 1)),
                       ("First session", datetime.date(2026, 6, 1))):
        plan_services.add_milestone(actor=officer, action=child, title=title, due_on=due)
    target = plan_services.add_target(actor=officer, plan=plan, fields=TargetFields(
        title="Visits", measure="manual:visits", baseline_value=0.1,
        baseline_on=datetime.date(2026, 4, 1), target_value=400,
        target_on=datetime.date(2027, 4, 1), action=child, notes="+ counted at the door"))
    plan_services.add_target_reading(actor=officer, target=target, value=1.0 / 3, low=0.25,
                                     high=0.5, on=datetime.date(2026, 5, 2), note="Door count")
    plan_services.add_target(actor=officer, plan=plan, fields=TargetFields(
        title="English", measure="place:english_proficiency", baseline_value=1.2,
        baseline_on=datetime.date(2021, 3, 21), target_value=1.0,
        target_on=datetime.date(2031, 3, 31)))
    plan.refresh_from_db()
    return plan


def export(plan: ActionPlan) -> str:
    return transfer.to_csv(transfer.rows(plan, personal=True))


def without_ids(text: str) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        row["id"] = ""
        if row["record"] == "plan":
            row["status"] = row["signed_off_by"] = row["signed_off_on"] = ""
        if row["record"] == "action" and row["issues"]:
            row["issues"] = "(issue)"
    return rows


def test_a_plan_goes_out_and_back_in_unchanged(world: World, loaded: Path,
                                               confirmed_issue: LocalIssue) -> None:
    plan = rich_plan(world, confirmed_issue)
    before = export(plan)
    assert "'=SUM(A1) is not a formula" in before and "''Late start" in before
    result = import_plan(actor=world["officer_a"], council=world.council_a,
                         content=before.encode(), file_name="plan.csv", into=plan)
    assert (result.created, result.deleted) == (0, 0)
    assert export(plan) == before
    action = PlanAction.objects.get(plan=plan, parent=None, position=1)
    assert action.title == "=SUM(A1) is not a formula" and action.rag_reason == "'Late start"


def test_a_file_becomes_a_new_draft_plan_with_the_same_content(
        world: World, loaded: Path, confirmed_issue: LocalIssue) -> None:
    plan = rich_plan(world, confirmed_issue)
    before = export(plan)
    result = import_plan(actor=world["officer_a"], council=world.council_a,
                         content=before.encode("utf-8-sig"), file_name="plan.csv")
    assert result.plan.pk != plan.pk and result.plan.status == "draft"
    assert result.notices  # the file's plan was published; the copy starts as a draft
    assert without_ids(export(result.plan)) == without_ids(before)


def test_a_bad_file_changes_nothing_and_names_every_problem(
        world: World, loaded: Path, confirmed_issue: LocalIssue) -> None:
    plan = rich_plan(world, confirmed_issue)
    rows = list(csv.DictReader(io.StringIO(export(plan))))
    rows[1]["starts_on"] = "1 April"
    rows[1]["partners"] = "nobody-at-all"
    rows[2]["parent"] = "9"
    rows[-2]["value"] = "many"  # the figure entered for the first target
    rows[-1]["value"] = "3"  # a target row has no value column of its own
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=transfer.COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    counts = (PlanAction.objects.count(), Milestone.objects.count(), Target.objects.count())
    with pytest.raises(InvalidInput) as caught:
        import_plan(actor=world["officer_a"], council=world.council_a,
                    content=out.getvalue().encode(), file_name="plan.csv", into=plan)
    problems = caught.value.fields["file"]
    assert "plan.csv, line 3, field 'starts_on': ‘1 April’ is not a date (YYYY-MM-DD)." \
        in problems
    assert "plan.csv, line 3, field 'partners': No organisation is called nobody-at-all." \
        in problems
    # The description of the first action spans two lines: the next row starts on line 5.
    assert "plan.csv, line 5, field 'parent': No action 9 comes before this row." in problems
    assert "plan.csv, line 10, field 'value': ‘many’ is not a number." in problems
    assert "plan.csv, line 11, field 'value': A target row leaves this column empty." \
        in problems
    assert (PlanAction.objects.count(), Milestone.objects.count(),
            Target.objects.count()) == counts


def test_leaving_out_an_action_with_updates_is_refused(world: World, loaded: Path) -> None:
    plan, action = make_plan(world)
    plan_services.add_action(actor=world["officer_a"], plan=plan,
                             fields=ActionFields(title="Other"))
    progress_services.post_update(actor=world["partner"], action=action, text="Started.")
    rows = [r for r in csv.DictReader(io.StringIO(export(plan)))
            if r["title"] != action.title]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=transfer.COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    with pytest.raises(InvalidInput) as caught:
        import_plan(actor=world["officer_a"], council=world.council_a,
                    content=out.getvalue().encode(), file_name="p.csv", into=plan)
    assert "which has progress updates" in caught.value.fields["file"][0]
    # Only the council imports.
    with pytest.raises(PermissionDenied):
        import_plan(actor=world["partner"], council=world.council_a,
                    content=export(plan).encode(), file_name="p.csv", into=plan)


def test_files_that_are_not_the_format(world: World, loaded: Path) -> None:
    plan, _action = make_plan(world)
    for content, message in ((b"\xff\xfe", "not UTF-8"), (b"", "empty"),
                             (b"a,b\n1,2\n", "Columns missing")):
        with pytest.raises(InvalidInput) as caught:
            import_plan(actor=world["officer_a"], council=world.council_a, content=content,
                        file_name="x.csv", into=plan)
        assert message in caught.value.fields["file"][0]


def test_the_welsh_titles_and_vision_go_out_and_come_back_in(
        world: World, loaded: Path, confirmed_issue: LocalIssue) -> None:
    """The Welsh of the plan's title and vision and of each action's, milestone's and
    target's title are columns of the file: written, read into a new plan and back into
    the plan, and a file without them (from before) keeps the Welsh the records have."""
    plan = rich_plan(world, confirmed_issue)
    rows = list(csv.DictReader(io.StringIO(export(plan))))
    assert list(rows[0])[-2:] == ["title_cy", "vision_cy"]
    welsh = {"plan": "Cynllun cydlyniant", "action": "Canolfannau adrodd",
             "milestone": "Lleoliad wedi’i drefnu", "target": "=Ymweliadau"}
    for row in rows:
        if row["record"] in welsh:
            row["title_cy"] = welsh[row["record"]]
    rows[0]["vision_cy"] = "Pawb yn perthyn."

    def file_of(rows: list[dict[str, str]], columns: list[str]) -> bytes:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().encode()

    content = file_of(rows, transfer.COLUMNS)
    new = import_plan(actor=world["officer_a"], council=world.council_a, content=content,
                      file_name="plan.csv").plan
    import_plan(actor=world["officer_a"], council=world.council_a, content=content,
                file_name="plan.csv", into=plan)
    for read in (new, plan):
        read.refresh_from_db()
        assert (read.title_cy, read.vision_cy) == ("Cynllun cydlyniant", "Pawb yn perthyn.")
        assert set(PlanAction.objects.filter(plan=read).values_list("title_cy", flat=True)) \
            == {"Canolfannau adrodd"}
        assert set(Milestone.objects.filter(action__plan=read).values_list(
            "title_cy", flat=True)) == {"Lleoliad wedi’i drefnu"}
        # A Welsh title that looks like a formula is written with its apostrophe and read
        # back without it.
        assert set(Target.objects.filter(plan=read).values_list("title_cy", flat=True)) \
            == {"=Ymweliadau"}
        assert "'=Ymweliadau" in export(read)
    # A file without the Welsh columns reads, and leaves the Welsh as it was.
    older = [c for c in transfer.COLUMNS if c not in ("title_cy", "vision_cy")]
    result = import_plan(actor=world["officer_a"], council=world.council_a,
                         content=file_of(list(csv.DictReader(io.StringIO(export(plan)))),
                                         older), file_name="old.csv", into=plan)
    assert result.deleted == 0
    plan.refresh_from_db()
    assert (plan.title_cy, plan.vision_cy) == ("Cynllun cydlyniant", "Pawb yn perthyn.")
    assert set(PlanAction.objects.filter(plan=plan).values_list("title_cy", flat=True)) \
        == {"Canolfannau adrodd"}
    # Welsh in a column its row does not use is named by file, line and column, and
    # nothing changes.
    rows = list(csv.DictReader(io.StringIO(export(plan))))
    reading = next(i for i, row in enumerate(rows) if row["record"] == "reading")
    rows[reading]["title_cy"] = "Cyfrif wrth y drws"
    rows[1]["title_cy"] = "Newid na chaiff ei gadw"
    with pytest.raises(InvalidInput) as caught:
        import_plan(actor=world["officer_a"], council=world.council_a,
                    content=file_of(rows, transfer.COLUMNS), file_name="cymraeg.csv",
                    into=plan)
    line = 2 + reading + 1  # the header, and the first action's description spans two lines
    assert (f"cymraeg.csv, line {line}, field 'title_cy': A reading row leaves this column "
            "empty.") in caught.value.fields["file"]
    assert PlanAction.objects.get(plan=plan, parent=None, position=1).title_cy \
        == "Canolfannau adrodd"
