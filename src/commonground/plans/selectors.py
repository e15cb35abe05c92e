"""Reads of the plans app shaped for pages, exports and the API.

A plan's page is read in a fixed number of queries whatever its size: its actions (with
their update counts), partners, issues, milestones and targets in one query each, the
targets' readings in one batch per measure kind, and progress rolled up in Python.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Max, Prefetch, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from commonground.accounts.models import Organisation
from commonground.accounts.types import Visitor
from commonground.core.disclosure import min_count, safe_count
from commonground.core.errors import DomainError
from commonground.core.similar_councils import SimilarCouncils, similar_councils
from commonground.core.stamped import StampedValues
from commonground.library.models import Action, CaseStudy, FamilyGroup, Guidance, Pitfall
from commonground.library.models import Status as LibraryStatus
from commonground.places.models import Area, AreaLevel
from commonground.plans import measures, progress, targets
from commonground.plans.access import insider_plan_ids, reach_of
from commonground.plans.measures import Reading, Request, Scope
from commonground.plans.models import (
    ActionPlan,
    ActionStatus,
    IssueStatus,
    LocalIssue,
    MappingExercise,
    Milestone,
    MilestoneStatus,
    PlanAction,
    PlanStatus,
    ProgressUpdate,
    Rag,
    Target,
)

# Measures that count events: shown beyond the council only through disclosure control.
COUNT_KINDS = ("reports", "alerts")


def council_area(plan: ActionPlan) -> Area:
    return Area.objects.defer("boundary").get(level=AreaLevel.COUNCIL,
                                              code=plan.council.area_code)


def scope_for(plan: ActionPlan, area: Area | None, whole: Area | None = None) -> Scope:
    whole = whole or council_area(plan)
    return Scope(council=plan.council, council_area=whole,
                 parts=(area,) if area is not None else (),
                 label=area.name if area is not None else "")


def council_wards(council: Organisation, codes: Sequence[str]) -> tuple[list[Area], list[str]]:
    """The council's wards with these codes, and the codes that are none of its wards."""
    wanted = sorted({c.strip().upper() for c in codes if c.strip()})
    wards = list(wards_of(council).filter(code__in=wanted))
    return wards, sorted(set(wanted) - {w.code for w in wards})


def wards_of(council: Organisation) -> QuerySet[Area]:
    return (Area.objects.filter(level=AreaLevel.WARD, parent__code=council.area_code)
            .defer("boundary").order_by("name"))


# ---------------------------------------------------------------- mapping and issues


def exercises_of(council_ids: Sequence[int]) -> QuerySet[MappingExercise]:
    return (MappingExercise.objects.filter(council_id__in=council_ids)
            .select_related("council", "council_area").defer("council_area__boundary")
            .annotate(version_count=Count("versions", distinct=True)))


def issues_of(council_ids: Sequence[int]) -> dict[str, list[LocalIssue]]:
    grouped: dict[str, list[LocalIssue]] = {s: [] for s in IssueStatus.values}
    for issue in (LocalIssue.objects.filter(council_id__in=council_ids)
                  .select_related("council", "framework_issue", "exercise")
                  .prefetch_related(Prefetch("wards", queryset=Area.objects.defer("boundary")))
                  .annotate(action_count=Count("actions"))
                  .order_by("title")):
        grouped[issue.status].append(issue)
    order = {"strong": 0, "moderate": 1, "weak": 2, "": 3}
    grouped[IssueStatus.CANDIDATE].sort(key=lambda i: (order.get(i.strength, 3), i.title))
    return grouped


@dataclass
class Suggestion:
    action: Action
    why: str  # "table_d1" or "universal"
    similar_cases: list[CaseStudy]
    other_cases: list[CaseStudy]
    guidance: list[Guidance]
    pitfalls: list[Pitfall]
    in_plans: list[PlanAction] = field(default_factory=list)


@dataclass
class Suggestions:
    issue: LocalIssue
    actions: list[Suggestion]
    family_group: FamilyGroup | None
    similar: SimilarCouncils | None


def suggestions_for(issue: LocalIssue) -> Suggestions:
    """Table D1's actions for the issue, then the universal actions; each with its
    guidance, pitfalls and case studies (from councils like this one first)."""
    similar = similar_councils(issue.council.area_code)
    linked = []
    if issue.framework_issue is not None:
        linked = list(issue.framework_issue.action_links.order_by("position")
                      .values_list("action_id", flat=True))
    wanted = Action.objects.filter(pk__in=linked) | Action.objects.filter(universal=True)
    published = CaseStudy.objects.filter(status=LibraryStatus.PUBLISHED).order_by("title")
    found = {a.pk: a for a in wanted.prefetch_related(
        "guidance", "pitfalls",
        Prefetch("case_studies", queryset=published, to_attr="published_cases"))}
    alike = set(similar.neighbours) | set(similar.same_family_group) if similar else set()
    rank = {code: i for i, code in enumerate(similar.neighbours)} if similar else {}
    adopted: dict[int, list[PlanAction]] = {}
    for planned in (PlanAction.objects.filter(plan__council=issue.council,
                                              library_action_id__in=list(found))
                    .select_related("plan")):
        if planned.library_action_id is not None:
            adopted.setdefault(planned.library_action_id, []).append(planned)
    order = [(pk, "table_d1") for pk in linked] + [
        (a.pk, "universal") for a in sorted(found.values(), key=lambda a: a.position)
        if a.universal and a.pk not in linked]
    out = []
    for pk, why in order:
        action = found.get(pk)
        if action is None:
            continue
        cases = list(action.published_cases)
        near = sorted((c for c in cases if c.area_code in alike),
                      key=lambda c: (rank.get(c.area_code, len(rank)), c.title))
        out.append(Suggestion(
            action=action, why=why, similar_cases=near,
            other_cases=[c for c in cases if c not in near], guidance=list(action.guidance.all()),
            pitfalls=list(action.pitfalls.all()), in_plans=adopted.get(pk, [])))
    group = (FamilyGroup.objects.filter(number=similar.family_group).first()
             if similar and similar.family_group else None)
    return Suggestions(issue=issue, actions=out, family_group=group, similar=similar)


# ---------------------------------------------------------------- plans


def plans_index(user: Visitor) -> dict[str, list[ActionPlan]]:
    """The user's own plans (as an insider), and other councils' published plans."""
    own = list(insider_plan_ids(user).select_related("council")
               .order_by("-period_start", "title")) if user.is_authenticated else []
    mine = {p.pk for p in own}
    published = [p for p in ActionPlan.objects.filter(status=PlanStatus.PUBLISHED)
                 .select_related("council").order_by("council__name", "-period_start")
                 if p.pk not in mine]
    return {"own": own, "published": published}


@dataclass
class ActionRow:
    action: PlanAction
    ref: str
    depth: int
    rollup: progress.Rollup
    milestones: list[Milestone]
    partners: list[Organisation]
    update_count: int
    last_update: datetime.datetime | None

    @property
    def milestones_done(self) -> int:
        return sum(1 for m in self.milestones if m.status == MilestoneStatus.DONE)

    def overdue(self, today: datetime.date) -> int:
        return sum(1 for m in self.milestones if m.due_on < today
                   and m.status not in (MilestoneStatus.DONE, MilestoneStatus.CANCELLED))


@dataclass
class TargetRow:
    target: Target
    measure: str
    reading: Reading | None
    judgement: targets.Judgement
    baseline_display: str = ""
    target_display: str = ""


def number(value: float, unit: str = "") -> str:
    """A figure as people read it: up to four significant digits, the unit for shares."""
    text = f"{value:,.4g}"
    return f"{text}%" if unit == "%" else text


def _unit(code: str) -> str:
    try:
        kind, param = measures.split(code)
    except DomainError:
        return ""
    return kind.unit(param)


@dataclass
class PlanPage:
    plan: ActionPlan
    rows: list[ActionRow]
    rollup: progress.Rollup
    targets: list[TargetRow]
    issues: list[LocalIssue]
    today: datetime.date

    def row(self, action_id: int) -> ActionRow | None:
        return next((r for r in self.rows if r.action.pk == action_id), None)


def tree(actions: Sequence[PlanAction]) -> list[tuple[PlanAction, str, int]]:
    """Actions in reading order (each followed by its sub-actions), with their
    reference ("2", "2.1") and depth."""
    ids = {a.pk for a in actions}
    children: dict[int | None, list[PlanAction]] = {}
    for action in actions:
        parent = action.parent_id if action.parent_id in ids else None
        children.setdefault(parent, []).append(action)
    out: list[tuple[PlanAction, str, int]] = []

    def walk(parent: int | None, prefix: str, depth: int, seen: frozenset[int]) -> None:
        siblings = sorted(children.get(parent, []), key=lambda a: (a.position, a.pk))
        for n, action in enumerate(siblings, start=1):
            if action.pk in seen:
                continue
            ref = f"{prefix}{n}"
            out.append((action, ref, depth))
            walk(action.pk, f"{ref}.", depth + 1, seen | {action.pk})

    walk(None, "", 0, frozenset())
    return out


def _nodes(actions: Sequence[PlanAction], milestones: Sequence[Milestone]
           ) -> tuple[list[progress.ActionNode], dict[int, progress.Rollup]]:
    nodes = [progress.ActionNode(a.pk, a.parent_id, a.title, a.weight, a.status)
             for a in actions]
    rollups = progress.actions_rollup(nodes, [
        progress.MilestoneNode(m.action_id, m.title, m.weight, m.status) for m in milestones])
    return nodes, rollups


def target_rows(plan: ActionPlan, rows: list[Target], on: datetime.date,
                whole: Area | None = None) -> list[TargetRow]:
    if not rows:
        return []
    whole = whole or council_area(plan)
    readings = measures.read_many([Request(t.measure, scope_for(plan, t.area, whole), on,
                                           t.pk) for t in rows])
    out = []
    for target, reading in zip(rows, readings, strict=True):
        judgement = targets.judge(
            baseline=target.baseline_value, baseline_on=target.baseline_on,
            target=target.target_value, target_on=target.target_on,
            value=reading.value if reading else None, low=reading.low if reading else None,
            high=reading.high if reading else None,
            value_on=reading.as_of if reading else None)
        unit = _unit(target.measure)
        out.append(TargetRow(target, measures.describe(target.measure), reading, judgement,
                             number(target.baseline_value, unit),
                             number(target.target_value, unit)))
    return out


@dataclass
class PlanActions:
    """The part of a plan's page that changes only when the plan does: its actions with
    their roll-ups, milestones and update counts, its progress, and its issues."""

    plan: ActionPlan
    rows: list[ActionRow]
    rollup: progress.Rollup
    issues: list[LocalIssue]
    today: datetime.date


def plan_actions(plan: ActionPlan, on: datetime.date) -> PlanActions:
    actions = list(PlanAction.objects.filter(plan=plan)
                   .select_related("lead_organisation", "lead_officer")
                   .prefetch_related(Prefetch("partners",
                                              queryset=Organisation.objects.order_by("name")))
                   .annotate(update_count=Count("updates"),
                             last_update=Max("updates__created_at")))
    milestones = list(Milestone.objects.filter(action__plan=plan))
    steps: dict[int, list[Milestone]] = {}
    for milestone in milestones:
        steps.setdefault(milestone.action_id, []).append(milestone)
    nodes, rollups = _nodes(actions, milestones)
    rows = [ActionRow(action=a, ref=ref, depth=depth, rollup=rollups[a.pk],
                      milestones=steps.get(a.pk, []), partners=list(a.partners.all()),
                      update_count=a.update_count,  # type: ignore[attr-defined]
                      last_update=a.last_update)  # type: ignore[attr-defined]
            for a, ref, depth in tree(actions)]
    issues = list(LocalIssue.objects.filter(actions__plan=plan).distinct().order_by("title"))
    return PlanActions(plan=plan, rows=rows, rollup=progress.plan_rollup(nodes, rollups),
                       issues=issues, today=on)


@dataclass(frozen=True)
class PlanFigures:
    """A plan's progress and its actions' ratings, for summaries beyond its own pages."""

    progress: float
    actions: int  # not cancelled
    rag: dict[str, int]  # rating -> actions (not cancelled) so rated


def plans_figures(plans: Sequence[ActionPlan]) -> dict[int, PlanFigures]:
    """Every plan's figures in two queries, however many plans."""
    actions = list(PlanAction.objects.filter(plan__in=plans).only(
        "pk", "plan_id", "parent_id", "title", "weight", "status", "rag"))
    milestones = list(Milestone.objects.filter(action__plan__in=plans).only(
        "action_id", "title", "weight", "status"))
    out = {}
    for plan in plans:
        mine = [a for a in actions if a.plan_id == plan.pk]
        ids = {a.pk for a in mine}
        nodes, rollups = _nodes(mine, [m for m in milestones if m.action_id in ids])
        live = [a for a in mine if a.status != ActionStatus.CANCELLED]
        rag = {value: sum(1 for a in live if a.rag == value) for value in Rag.values}
        out[plan.pk] = PlanFigures(progress=progress.plan_rollup(nodes, rollups).progress,
                                   actions=len(live), rag=rag)
    return out


def plan_targets(plan: ActionPlan, on: datetime.date) -> list[TargetRow]:
    return target_rows(plan, list(Target.objects.filter(plan=plan)
                                  .select_related("area", "action")
                                  .defer("area__boundary")), on)


def plan_page(plan: ActionPlan, on: datetime.date) -> PlanPage:
    found = plan_actions(plan, on)
    return PlanPage(plan=plan, rows=found.rows, rollup=found.rollup,
                    targets=plan_targets(plan, on), issues=found.issues, today=on)


@dataclass(frozen=True)
class Fragment:
    """A part of a plan's page kept rendered (templatetags/plans_kept.py): ``key`` says
    which plan, language and audience, ``stamp`` what it shows depends on."""

    key: tuple[object, ...]
    stamp: tuple[object, ...] | None  # None: rendered every time


# The measure kinds a plan's targets read, while the plan stays the same.
_target_kinds: StampedValues[int, frozenset[str]] = StampedValues(max_keys=2000)


def fragment_key(plan: ActionPlan, on: datetime.date, kind: str) -> Fragment:
    """What a kept part of a plan's page depends on: the plan's last change (every
    change to it or anything in it touches ``updated_at``), the day (overdue milestones),
    the language and who reads it (the plan's own people, or the public)."""
    return Fragment(key=(plan.pk, translation.get_language() or "", kind),
                    stamp=(plan.updated_at, on))


def targets_key(plan: ActionPlan, on: datetime.date, kind: str) -> Fragment:
    """What the targets' latest values depend on, besides the plan: each measure kind
    its targets read says (``measures.stamp_of``: the open data's version, the council's
    tension reports or alerts); a kind that cannot say leaves them read every time."""
    kinds = _target_kinds.get(plan.pk, plan.updated_at, lambda: frozenset(
        code.partition(":")[0] for code in
        Target.objects.filter(plan=plan).values_list("measure", flat=True)))
    fragment = fragment_key(plan, on, kind)
    outside = measures.stamp_of(kinds, plan.council)
    if outside is None or fragment.stamp is None:
        return Fragment(key=fragment.key, stamp=None)
    return Fragment(key=fragment.key, stamp=(*fragment.stamp, *outside))


@dataclass
class ActionPage:
    action: PlanAction
    ref: str
    rollup: progress.Rollup
    milestones: list[Milestone]
    children: list[tuple[PlanAction, str, progress.Rollup]]
    updates: list[ProgressUpdate]
    update_count: int
    targets: list[TargetRow]


def action_page(action: PlanAction, on: datetime.date, *, insider: bool,
                updates: int = 30) -> ActionPage:
    """One action with its milestones, sub-actions, targets and latest updates (the
    public see only updates marked public)."""
    plan = action.plan
    actions = list(PlanAction.objects.filter(plan=plan).only(
        "pk", "parent_id", "title", "weight", "status", "position"))
    milestones = list(Milestone.objects.filter(action__plan=plan))
    _nodes_list, rollups = _nodes(actions, milestones)
    refs = {a.pk: ref for a, ref, _depth in tree(actions)}
    shown = ProgressUpdate.objects.filter(action=action).select_related("author",
                                                                       "organisation")
    if not insider:
        shown = shown.filter(public=True)
    return ActionPage(
        action=action, ref=refs.get(action.pk, ""), rollup=rollups[action.pk],
        milestones=[m for m in milestones if m.action_id == action.pk],
        children=[(a, refs.get(a.pk, ""), rollups[a.pk]) for a in
                  sorted((a for a in actions if a.parent_id == action.pk),
                         key=lambda a: (a.position, a.pk))],
        updates=list(shown[:updates]), update_count=shown.count(),
        targets=target_rows(plan, list(Target.objects.filter(action=action)
                                       .select_related("area")), on))


def action_details(action: PlanAction) -> PlanAction:
    """The action with its links, for its page (one query each)."""
    return (PlanAction.objects.filter(pk=action.pk)
            .select_related("plan", "plan__council", "lead_organisation", "lead_officer",
                            "library_action", "parent")
            .prefetch_related("partners", "issues", "case_studies",
                              Prefetch("wards", queryset=Area.objects.defer("boundary")))
            .get())


def organisations_for_actions() -> QuerySet[Organisation]:
    return Organisation.objects.order_by("name")


def is_council_writer(user: Visitor, plan: ActionPlan) -> bool:
    return plan.council_id in reach_of(user).write_councils


def is_council_reader(user: Visitor, plan: ActionPlan) -> bool:
    """One of the council's own people (a partner leading an action is not: the council's
    mapping exercise and issues are not theirs to read)."""
    return plan.council_id in reach_of(user).read_councils


def public_news(page: PlanPage | PlanActions, limit: int = 50
                ) -> list[tuple[ProgressUpdate, ActionRow]]:
    """The latest updates marked public, newest first, each with its action's row (one
    query, however many updates the plan has)."""
    rows = {row.action.pk: row for row in page.rows}
    return [(update, rows[update.action_id]) for update in
            ProgressUpdate.objects.filter(action__plan=page.plan, public=True)
            .select_related("organisation").order_by("-created_at", "-pk")[:limit]
            if update.action_id in rows]


@dataclass(frozen=True)
class PublicTarget:
    """A target as the public page shows it: counts of tension reports pass disclosure
    control (small numbers hidden, and the interval with them)."""

    row: TargetRow
    baseline: str
    target: str
    latest: str
    interval: str


def _count_text(value: float | None) -> str:
    if value is None:
        return ""
    shown = safe_count(int(round(value)))
    return (_("fewer than %(n)d") % {"n": min_count()}) if shown is None else f"{shown:,}"


def public_targets(rows: Sequence[TargetRow]) -> list[PublicTarget]:
    out = []
    for row in rows:
        reading, target = row.reading, row.target
        counted = target.measure.split(":", 1)[0] in COUNT_KINDS
        if counted:
            latest = _count_text(reading.value if reading else None)
            hidden = reading is not None and reading.value is not None and \
                safe_count(int(round(reading.value))) is None
            interval = "" if hidden or reading is None or not reading.has_interval else \
                f"{reading.low:,.1f} – {reading.high:,.1f}"
            out.append(PublicTarget(row, _count_text(target.baseline_value),
                                    _count_text(target.target_value), latest, interval))
            continue
        interval = (f"{number(reading.low or 0)} – {number(reading.high or 0)}"
                    if reading is not None and reading.has_interval else "")
        out.append(PublicTarget(row, row.baseline_display, row.target_display,
                                reading.display if reading else "", interval))
    return out
