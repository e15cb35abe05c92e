"""What a scrutiny report says, read from the platform on the day it is generated:

- the plan's progress (``plans.progress``, the same working as the plan's page) and each
  action's progress, status, rating and overdue milestones;
- each target with its baseline, its latest value, the trend between them (whether it
  moved the better way, from the measure's own direction) and its verdict
  (``plans.targets``);
- the council's tension reports by category in the period and the period of the same
  length before it, through ``core.disclosure.protect_table``, as the report leaves the
  platform;
- the impact assessments signed off in the period.

The result is JSON-ready and stored with the report; the page and the Word document are
both laid out from it, so they never disagree.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count

from commonground.assessments.models import Decision, ImpactAssessment
from commonground.assessments.picture import CATEGORY_LABELS
from commonground.core import disclosure
from commonground.plans import selectors as plan_selectors
from commonground.plans import targets as plan_targets
from commonground.plans.models import ActionPlan, ActionStatus, PlanStatus, Rag
from commonground.tensions.models import Report


def _trend(row: plan_selectors.TargetRow) -> str:
    reading = row.reading
    if reading is None or reading.value is None:
        return ""
    change = reading.value - row.target.baseline_value
    if change == 0:
        return "same"
    better = reading.higher_is_better
    if better is None:
        better = row.target.target_value > row.target.baseline_value
    return "better" if (change > 0) == better else "worse"


def _tensions(plan: ActionPlan, start: datetime.date, end: datetime.date) -> dict[str, Any]:
    length = end - start
    before_start = start - length - datetime.timedelta(days=1)
    reports = Report.objects.filter(council_id=plan.council_id, merged_into__isnull=True)
    now = dict(reports.filter(occurred_on__gte=start, occurred_on__lte=end)
               .values_list("category").annotate(n=Count("pk")))
    before = dict(reports.filter(occurred_on__gte=before_start, occurred_on__lt=start)
                  .values_list("category").annotate(n=Count("pk")))
    categories = sorted(set(now) | set(before))
    result: dict[str, Any] = {"before_start": before_start.isoformat(),
                              "threshold": disclosure.min_count(), "rows": [],
                              "held": reports.exists()}
    if not categories:
        return result
    table = disclosure.protect_table([[now.get(c, 0), before.get(c, 0)] for c in categories])
    result["rows"] = [{"category": c, "now": cells[0], "before": cells[1]}
                      for c, cells in zip(categories, table.cells, strict=True)]
    result["totals"] = table.column_totals
    return result


def content(plan: ActionPlan, start: datetime.date, end: datetime.date,
            on: datetime.date) -> dict[str, Any]:
    actions = plan_selectors.plan_actions(plan, on)
    targets = plan_selectors.plan_targets(plan, on)
    assessments = ImpactAssessment.objects.filter(
        council_id=plan.council_id, signed_off_on__gte=start, signed_off_on__lte=end
    ).order_by("signed_off_on")
    return {
        "plan": {"id": plan.pk, "title": plan.title, "status": plan.status,
                 "published": plan.status == PlanStatus.PUBLISHED,
                 "period_start": plan.period_start.isoformat(),
                 "period_end": plan.period_end.isoformat(),
                 "progress": round(actions.rollup.progress, 1)},
        "actions": [{"ref": r.ref, "title": r.action.title, "depth": r.depth,
                     "lead": r.action.lead_organisation.name if r.action.lead_organisation
                     else "", "status": r.action.status, "rag": r.action.rag,
                     "progress": round(r.rollup.progress, 1),
                     "milestones": len(r.milestones), "done": r.milestones_done,
                     "overdue": r.overdue(on)} for r in actions.rows],
        "targets": [{"title": t.target.title, "measure": t.measure,
                     "baseline": t.baseline_display,
                     "baseline_on": t.target.baseline_on.isoformat(),
                     "target": t.target_display, "target_on": t.target.target_on.isoformat(),
                     "latest": t.reading.display if t.reading else "",
                     "latest_on": t.reading.as_of.isoformat()
                     if t.reading and t.reading.as_of else "",
                     "trend": _trend(t), "verdict": str(t.judgement.verdict)} for t in targets],
        "tensions": _tensions(plan, start, end),
        "assessments": [{"id": a.pk, "title": a.title, "decision": a.decision,
                         "signed_off_on": a.signed_off_on.isoformat()
                         if a.signed_off_on else "", "published": a.is_published}
                        for a in assessments],
    }


def labelled(stored: dict[str, Any]) -> dict[str, Any]:
    """The stored content with its codes named in the reader's language."""
    def name(choices: Any, value: str) -> str:
        return str(choices(value).label) if value in choices.values else ""

    out = dict(stored)
    out["actions"] = [{**a, "status_label": name(ActionStatus, a["status"]),
                       "rag_label": name(Rag, a["rag"])} for a in stored.get("actions", [])]
    out["targets"] = [{**t, "verdict_label": plan_targets.label(
        plan_targets.Verdict(t["verdict"]))} for t in stored.get("targets", [])]
    tensions = dict(stored.get("tensions", {}))
    tensions["rows"] = [{**r, "label": str(CATEGORY_LABELS.get(r["category"], r["category"]))}
                        for r in tensions.get("rows", [])]
    out["tensions"] = tensions
    out["assessments"] = [{**a, "decision_label": name(Decision, a["decision"])}
                          for a in stored.get("assessments", [])]
    return out
