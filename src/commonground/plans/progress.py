"""Progress of actions and plans, rolled up so anyone can redo the sum.

An action's progress is the weighted average of its parts: each milestone counts 100 %
when done and 0 % otherwise; each sub-action counts its own progress. An action with no
parts counts 100 % when completed and 0 % otherwise. Cancelled milestones and
sub-actions are shown but not counted. A plan's progress is the weighted average of its
top-level actions, the same way. Every part is kept with its weight and share, so the
page can show the working beside the figure.

Pure Python over plain values: the page loads a plan's actions and milestones in two
queries and this module does the rest, however large the plan.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

DONE_MILESTONE = "done"
CANCELLED = "cancelled"
COMPLETED_ACTION = "completed"


@dataclass(frozen=True)
class ActionNode:
    id: int
    parent_id: int | None
    title: str
    weight: int
    status: str


@dataclass(frozen=True)
class MilestoneNode:
    action_id: int
    title: str
    weight: int
    status: str


@dataclass(frozen=True)
class Part:
    kind: str  # "milestone" or "action"
    title: str
    weight: int
    progress: float  # per cent
    counted: bool

    @property
    def contribution(self) -> float:
        """Weight times progress: the part's share of the sum before dividing."""
        return self.weight * self.progress if self.counted else 0.0


@dataclass(frozen=True)
class Rollup:
    progress: float  # per cent
    parts: tuple[Part, ...] = field(default=())

    @property
    def total_weight(self) -> int:
        return sum(p.weight for p in self.parts if p.counted)

    @property
    def is_leaf(self) -> bool:
        return not self.parts

    def share(self, part: Part) -> float:
        """The part's share of the whole figure, in percentage points."""
        total = self.total_weight
        return part.contribution / total if total and part.counted else 0.0


def weighted(parts: Iterable[Part]) -> Rollup:
    kept = tuple(parts)
    counted = [p for p in kept if p.counted and p.weight > 0]
    total = sum(p.weight for p in counted)
    value = sum(p.weight * p.progress for p in counted) / total if total else 0.0
    return Rollup(progress=value, parts=kept)


def actions_rollup(actions: Iterable[ActionNode], milestones: Iterable[MilestoneNode]
                   ) -> dict[int, Rollup]:
    """Every action's roll-up, children before parents."""
    nodes = list(actions)
    by_id = {a.id: a for a in nodes}
    children: dict[int | None, list[ActionNode]] = {}
    for node in nodes:
        parent = node.parent_id if node.parent_id in by_id else None
        children.setdefault(parent, []).append(node)
    steps: dict[int, list[MilestoneNode]] = {}
    for milestone in milestones:
        steps.setdefault(milestone.action_id, []).append(milestone)
    done: dict[int, Rollup] = {}

    def visit(node: ActionNode, path: frozenset[int]) -> Rollup:
        if node.id in done:
            return done[node.id]
        parts = [Part("milestone", m.title, m.weight,
                      100.0 if m.status == DONE_MILESTONE else 0.0,
                      m.status != CANCELLED) for m in steps.get(node.id, [])]
        for child in children.get(node.id, []):
            if child.id in path:  # a loop in the data: never count a part twice
                continue
            inner = visit(child, path | {child.id})
            parts.append(Part("action", child.title, child.weight, inner.progress,
                              child.status != CANCELLED))
        if parts:
            result = weighted(parts)
        else:
            result = Rollup(progress=100.0 if node.status == COMPLETED_ACTION else 0.0)
        done[node.id] = result
        return result

    for node in nodes:
        visit(node, frozenset({node.id}))
    return done


def plan_rollup(actions: Iterable[ActionNode], per_action: dict[int, Rollup]) -> Rollup:
    """The plan's figure from its top-level actions."""
    nodes = list(actions)
    ids = {a.id for a in nodes}
    return weighted(Part("action", a.title, a.weight, per_action[a.id].progress,
                         a.status != CANCELLED)
                    for a in nodes if a.parent_id not in ids)
