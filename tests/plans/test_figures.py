"""The figures plans show, pinned on small worked examples: progress roll-ups, target
verdicts, and the intervals and tests on counts (pure functions, no database)."""

from __future__ import annotations

import datetime

import pytest

from commonground.analytics.intervals import poisson_interval, rise_p_value
from commonground.plans import measures
from commonground.plans.progress import ActionNode, MilestoneNode, actions_rollup, plan_rollup
from commonground.plans.targets import Verdict, judge
from tests.personas import World


def test_progress_is_the_weighted_mean_of_milestones_and_sub_actions() -> None:
    actions = [ActionNode(1, None, "ESOL", 3, "in_progress"),
               ActionNode(2, 1, "Classes in libraries", 1, "in_progress"),
               ActionNode(3, 1, "Conversation clubs", 1, "completed"),
               ActionNode(4, None, "Welcome pack", 1, "planned"),
               ActionNode(5, None, "Dropped idea", 5, "cancelled")]
    milestones = [MilestoneNode(1, "Funding agreed", 2, "done"),
                  MilestoneNode(2, "Venue", 1, "done"),
                  MilestoneNode(2, "Tutors", 1, "not_started"),
                  MilestoneNode(2, "Launch", 2, "cancelled")]
    rollups = actions_rollup(actions, milestones)
    assert rollups[2].progress == 50.0  # 1 of 2 counted milestones, the cancelled one left out
    assert rollups[3].progress == 100.0  # no parts: completed
    # Action 1: milestone (weight 2, 100 %), sub-actions 2 (weight 1, 50 %) and 3 (1, 100 %).
    assert rollups[1].progress == pytest.approx((2 * 100 + 50 + 100) / 4)
    assert [round(rollups[1].share(p), 1) for p in rollups[1].parts] == [50.0, 12.5, 25.0]
    plan = plan_rollup(actions, rollups)
    # Top level: 1 (weight 3, 87.5 %), 4 (weight 1, 0 %); 5 is cancelled and not counted.
    assert plan.progress == pytest.approx(3 * 87.5 / 4)
    assert plan.total_weight == 4
    assert [p.counted for p in plan.parts] == [True, True, False]


def test_a_loop_in_the_tree_never_counts_a_part_twice() -> None:
    actions = [ActionNode(1, 2, "A", 1, "planned"), ActionNode(2, 1, "B", 1, "completed")]
    rollups = actions_rollup(actions, [])
    assert set(rollups) == {1, 2}


BASE = {"baseline": 10.0, "baseline_on": datetime.date(2026, 1, 1), "target": 20.0,
        "target_on": datetime.date(2028, 1, 1)}


def test_target_verdicts() -> None:
    halfway = datetime.date(2027, 1, 1)
    assert judge(**BASE, value=None).verdict == Verdict.NO_READING
    assert judge(**BASE, value=10.0, value_on=datetime.date(2026, 1, 1)).verdict == \
        Verdict.NOT_NEWER
    # Up 6 with half the time gone: on track; up 3: off track; down: off track.
    assert judge(**BASE, value=16.0, value_on=halfway).verdict == Verdict.ON_TRACK
    assert judge(**BASE, value=13.0, value_on=halfway).verdict == Verdict.OFF_TRACK
    assert judge(**BASE, value=8.0, value_on=halfway).verdict == Verdict.OFF_TRACK
    assert judge(**BASE, value=21.0, value_on=halfway).verdict == Verdict.MET
    # An interval that spans the baseline: not yet distinguishable, whatever the value.
    found = judge(**BASE, value=16.0, low=9.0, high=23.0, value_on=halfway)
    assert found.verdict == Verdict.INDISTINGUISHABLE
    assert "9 to 23" in found.explanation
    assert judge(**BASE, value=16.0, low=12.0, high=20.0, value_on=halfway).verdict == \
        Verdict.ON_TRACK
    # Aiming down works the same way.
    down = {**BASE, "baseline": 20.0, "target": 10.0}
    assert judge(**down, value=14.0, value_on=halfway).verdict == Verdict.ON_TRACK


def test_poisson_interval_matches_the_exact_garwood_values() -> None:
    # R: poisson.test(10)$conf.int -> 4.795389 18.390356; poisson.test(0) -> 0 3.688879
    low, high = poisson_interval(10)
    assert (round(low, 6), round(high, 6)) == (4.795389, 18.390356)
    assert tuple(round(v, 6) for v in poisson_interval(0)) == (0.0, 3.688879)
    with pytest.raises(ValueError):
        poisson_interval(-1)


def test_rise_p_value_is_the_binomial_tail() -> None:
    # R: binom.test(12, 15, alternative = "greater")$p.value -> 0.01757812
    assert round(rise_p_value(12, 3), 8) == 0.01757812
    assert rise_p_value(0, 0) == 1.0


@pytest.mark.django_db
def test_a_measure_kind_that_cannot_say_when_it_changes_leaves_targets_read_every_time(
        world: World) -> None:
    class NoStamp:
        key = "nostamp"

    measures.register(NoStamp())  # type: ignore[arg-type]
    try:
        assert measures.stamp_of(["manual", "nostamp"], world.council_a) is None
    finally:
        measures.unregister("nostamp")
    # Figures entered by hand change the plan itself; unknown kinds read nothing.
    assert measures.stamp_of(["manual", "gone"], world.council_a) == (("manual", ()),)
