"""Reading a plan's CSV file (see plans.transfer for the format) into a new plan or back
into the plan it came from.

The whole file is checked first and every fault is listed (line and field); nothing is
saved unless all of it is good. Records are then saved through the same services as the
pages, in one transaction, so the same rules hold and every change is in the plan's
history. Read back into its own plan, a record with an ``id`` changes in place and keeps
its progress updates; a record of the plan that the file leaves out is deleted, which
is refused for an action with progress updates or in a plan already agreed (cancel it
instead). A plan's status and sign-off change only on its page, never through a file.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from commonground.accounts.models import Organisation, User
from commonground.analytics.problems import FileProblem
from commonground.core import audit
from commonground.core.errors import DomainError, InvalidInput
from commonground.library.models import Action, CaseStudy
from commonground.library.models import Status as LibraryStatus
from commonground.places.models import Area, AreaLevel
from commonground.plans import access, measures
from commonground.plans.models import (
    ActionPlan,
    ActionStatus,
    Horizon,
    IssueStatus,
    LocalIssue,
    Milestone,
    MilestoneStatus,
    Origin,
    PlanAction,
    PlanStatus,
    ProgressUpdate,
    Rag,
    Recurrence,
    Target,
    TargetReading,
)
from commonground.plans.services import plans as plan_services
from commonground.plans.services.history import log
from commonground.plans.services.plans import ActionFields, TargetFields
from commonground.plans.transfer import Parsed, Row, read


@dataclass
class Imported:
    plan: ActionPlan
    created: int = 0
    kept: int = 0  # records read back into themselves (changed or not)
    deleted: int = 0
    notices: list[str] = field(default_factory=list)


class _Checker:
    """Reads typed values out of rows, noting each fault with its line and field."""

    def __init__(self, file_name: str, parsed: Parsed) -> None:
        self.file_name = file_name
        self.problems = list(parsed.problems)

    def fault(self, row: Row | None, name: str | None, message: str) -> None:
        self.problems.append(FileProblem(self.file_name, row.line if row else None, name,
                                         message))

    def date(self, row: Row, name: str, *, required: bool = False) -> datetime.date | None:
        text = row.get(name).strip()
        if not text:
            if required:
                self.fault(row, name, _("Give a date (YYYY-MM-DD)."))
            return None
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            self.fault(row, name, _("‘%(text)s’ is not a date (YYYY-MM-DD).") % {"text": text})
            return None

    def number(self, row: Row, name: str, *, required: bool = False) -> float | None:
        text = row.get(name).strip()
        if not text:
            if required:
                self.fault(row, name, _("Give a number."))
            return None
        try:
            return float(text)
        except ValueError:
            self.fault(row, name, _("‘%(text)s’ is not a number.") % {"text": text})
            return None

    def whole(self, row: Row, name: str, default: int) -> int:
        text = row.get(name).strip()
        if not text:
            return default
        try:
            return int(text)
        except ValueError:
            self.fault(row, name, _("‘%(text)s’ is not a whole number.") % {"text": text})
            return default

    def choice(self, row: Row, name: str, choices: list[str], default: str) -> str:
        text = row.get(name).strip()
        if not text:
            return default
        if text not in choices:
            self.fault(row, name, _("‘%(text)s’ is not one of: %(names)s.") % {
                "text": text, "names": ", ".join(c for c in choices if c)})
            return default
        return text

    def many(self, row: Row, name: str, known: dict[str, Any], missing_message: str
             ) -> list[Any]:
        """Values of a ``;`` list found in ``known``; the others are named in the message
        (which holds ``%(names)s``)."""
        wanted = [v.strip() for v in row.get(name).split(";") if v.strip()]
        missing = [v for v in wanted if v not in known]
        if missing:
            self.fault(row, name, missing_message % {"names": ", ".join(missing)})
        return [known[v] for v in wanted if v in known]

    def one(self, row: Row, name: str, known: dict[str, Any], missing_message: str) -> Any:
        found = self.many(row, name, known, missing_message)
        return found[0] if found else None


def _lookups(plan: ActionPlan | None, council: Organisation) -> dict[str, dict[str, Any]]:
    return {
        "library": {a.slug: a for a in Action.objects.all()},
        "issues": {str(i.pk): i for i in LocalIssue.objects.filter(
            council=council, status=IssueStatus.CONFIRMED)},
        "organisations": {o.slug: o for o in Organisation.objects.all()},
        "wards": {w.code: w for w in Area.objects.filter(
            level=AreaLevel.WARD, parent__code=council.area_code).defer("boundary")},
        "cases": {c.slug: c for c in CaseStudy.objects.filter(status=LibraryStatus.PUBLISHED)},
    }


@dataclass
class _Plan:
    """What the file holds, checked and typed, ready to save."""

    title: str = ""
    title_cy: str | None = None  # None: the file has no Welsh columns (keep what there is)
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    vision: str = ""
    vision_url: str = ""
    vision_cy: str | None = None
    status: str = ""
    actions: list[tuple[Row, ActionFields, str]] = field(default_factory=list)
    milestones: list[tuple[Row, dict[str, Any]]] = field(default_factory=list)
    targets: list[tuple[Row, TargetFields, str]] = field(default_factory=list)
    readings: list[tuple[Row, dict[str, Any]]] = field(default_factory=list)


def _own_id(check: _Checker, row: Row, existing: dict[int, Any] | None) -> int | None:
    """The record's id when the file is read back into its plan, and it is one of its."""
    text = row.get("id").strip()
    if existing is None or not text:
        return None
    if not text.isdigit() or int(text) not in existing:
        check.fault(row, "id", _("No %(record)s %(id)s in this plan; leave the id empty for a "
                                 "new one.") % {"record": row.record, "id": text})
        return None
    return int(text)


def _welsh(row: Row, name: str, own: Any) -> str:
    """The Welsh the file gives, or (a file without the column) what the record has."""
    given = row.given(name)
    if given is None:
        return str(getattr(own, name, "") or "")
    return given


def _check(check: _Checker, parsed: Parsed, council: Organisation, into: ActionPlan | None
           ) -> tuple[_Plan, dict[str, dict[int, Any]]]:
    found = _Plan()
    known = _lookups(into, council)
    people = {u.email: u for u in User.objects.filter(
        email__in=[r.get("lead_officer").strip().lower() for r in parsed.of("action")])}
    existing: dict[str, dict[int, Any]] = {}
    if into is not None:
        existing = {
            "action": {a.pk: a for a in PlanAction.objects.filter(plan=into)},
            "milestone": {m.pk: m for m in Milestone.objects.filter(action__plan=into)},
            "target": {t.pk: t for t in Target.objects.filter(plan=into)},
            "reading": {r.pk: r for r in TargetReading.objects.filter(target__plan=into)},
        }
    for row in parsed.of("plan"):
        found.title = row.get("title").strip()
        if not found.title:
            check.fault(row, "title", _("Give the plan a title."))
        found.period_start = check.date(row, "period_start", required=True)
        found.period_end = check.date(row, "period_end", required=True)
        found.vision, found.vision_url = row.get("vision"), row.get("vision_url").strip()
        found.title_cy, found.vision_cy = row.given("title_cy"), row.given("vision_cy")
        found.status = check.choice(row, "status", PlanStatus.values, PlanStatus.DRAFT)
    refs: set[str] = set()
    for row in parsed.of("action"):
        ref, parent = row.get("ref").strip(), row.get("parent").strip()
        if not ref or ref in refs:
            check.fault(row, "ref", _("Give each action its own reference."))
        if parent and parent not in refs:
            check.fault(row, "parent", _("No action %(ref)s comes before this row.")
                        % {"ref": parent})
        refs.add(ref)
        own = existing.get("action", {}).get(
            _own_id(check, row, existing.get("action") if into else None) or 0)
        email = row.get("lead_officer").strip().lower()
        if email and email not in people:
            check.fault(row, "lead_officer", _("No one on the platform has the address "
                                              "%(email)s.") % {"email": email})
        fields = ActionFields(
            title=row.get("title"), title_cy=_welsh(row, "title_cy", own),
            description=row.get("description"),
            library_action=check.one(row, "library_action", known["library"],
                                     _("No action of the Framework is called %(names)s.")),
            origin=check.choice(row, "origin", Origin.values, Origin.OWN),
            issues=check.many(row, "issues", known["issues"],
                              _("No confirmed issue of the council is numbered %(names)s.")),
            lead_organisation=check.one(row, "lead_organisation", known["organisations"],
                                        _("No organisation is called %(names)s.")),
            lead_officer=people.get(email),
            partners=check.many(row, "partners", known["organisations"],
                                _("No organisation is called %(names)s.")),
            ward_codes=[w.code for w in check.many(
                row, "wards", known["wards"], _("No ward of the council has the code %(names)s."))],
            resources=row.get("resources"), starts_on=check.date(row, "starts_on"),
            ends_on=check.date(row, "ends_on"),
            horizon=check.choice(row, "horizon", Horizon.values, Horizon.LONG_TERM),
            recurrence=check.choice(row, "recurrence", Recurrence.values, Recurrence.ONE_OFF),
            status=check.choice(row, "status", ActionStatus.values, ActionStatus.PLANNED),
            weight=check.whole(row, "weight", 1),
            rag=check.choice(row, "rag", ["", *Rag.values], ""),
            rag_reason=row.get("rag_reason"), vision_link=row.get("vision_link"),
            case_studies=check.many(row, "case_studies", known["cases"],
                                    _("No published case study is called %(names)s.")),
            update_every_days=check.whole(row, "update_every_days", 30))
        found.actions.append((row, fields, parent))
    for row in parsed.of("milestone"):
        if row.get("parent").strip() not in refs:
            check.fault(row, "parent", _("Name the action (its reference) this milestone is of."))
        own = existing.get("milestone", {}).get(
            _own_id(check, row, existing.get("milestone") if into else None) or 0)
        found.milestones.append((row, {
            "title": row.get("title"), "title_cy": _welsh(row, "title_cy", own),
            "due_on": check.date(row, "due_on", required=True),
            "status": check.choice(row, "status", MilestoneStatus.values,
                                   MilestoneStatus.NOT_STARTED),
            "completed_on": check.date(row, "completed_on"),
            "weight": check.whole(row, "weight", 1)}))
    target_refs: set[str] = set()
    for row in parsed.of("target"):
        parent = row.get("parent").strip()
        if parent and parent not in refs:
            check.fault(row, "parent", _("No action %(ref)s in the file.") % {"ref": parent})
        target_refs.add(row.get("ref").strip())
        own = existing.get("target", {}).get(
            _own_id(check, row, existing.get("target") if into else None) or 0)
        try:
            measures.split(row.get("measure").strip())
        except DomainError:
            check.fault(row, "measure", _("‘%(code)s’ is not a measure the platform knows.")
                        % {"code": row.get("measure")})
        area = check.one(row, "area", known["wards"],
                         _("No ward of the council has the code %(names)s."))
        found.targets.append((row, TargetFields(
            title=row.get("title"), title_cy=_welsh(row, "title_cy", own),
            measure=row.get("measure").strip(),
            baseline_on=check.date(row, "baseline_on", required=True)
            or datetime.date.min,
            target_value=check.number(row, "target_value", required=True) or 0.0,
            target_on=check.date(row, "target_on", required=True) or datetime.date.min,
            baseline_value=check.number(row, "baseline_value"),
            baseline_low=check.number(row, "baseline_low"),
            baseline_high=check.number(row, "baseline_high"), area=area,
            notes=row.get("notes")), parent))
    for row in parsed.of("reading"):
        if row.get("parent").strip() not in target_refs:
            check.fault(row, "parent", _("Name the target (its reference) this figure is of."))
        _own_id(check, row, existing.get("reading") if into else None)
        found.readings.append((row, {
            "value": check.number(row, "value", required=True),
            "low": check.number(row, "low"), "high": check.number(row, "high"),
            "on": check.date(row, "on", required=True), "note": row.get("notes")}))
    return found, existing


def _left_out(check: _Checker, found: _Plan, into: ActionPlan,
              existing: dict[str, dict[int, Any]]) -> dict[str, set[int]]:
    """Records of the plan the file leaves out (to delete), refusing what must stay."""
    kept = {
        "action": {int(r.get("id")) for r, _f, _p in found.actions if r.get("id").isdigit()},
        "milestone": {int(r.get("id")) for r, _v in found.milestones if r.get("id").isdigit()},
        "target": {int(r.get("id")) for r, _f, _p in found.targets if r.get("id").isdigit()},
        "reading": {int(r.get("id")) for r, _v in found.readings if r.get("id").isdigit()},
    }
    gone = {kind: set(existing[kind]) - kept[kind] for kind in existing}
    updated = set(ProgressUpdate.objects.filter(action_id__in=gone["action"])
                  .values_list("action_id", flat=True))
    for pk in sorted(gone["action"]):
        title = existing["action"][pk].title
        if pk in updated:
            check.fault(None, None, _("The file leaves out the action ‘%(title)s’, which has "
                                      "progress updates: keep it in the file, or cancel it.")
                        % {"title": title})
        elif into.status != PlanStatus.DRAFT:
            check.fault(None, None, _("The file leaves out the action ‘%(title)s’, but the plan "
                                      "is agreed: keep it in the file and cancel it instead.")
                        % {"title": title})
    return gone


def _fail(check: _Checker) -> InvalidInput:
    return InvalidInput(_("Nothing was imported: the file has problems."),
                        fields={"file": [str(p) for p in check.problems]})


def _guard(check: _Checker, row: Row, call: Callable[[], Any]) -> Any:
    """Run a service for one row; a refusal becomes a problem naming the row's line."""
    try:
        return call()
    except InvalidInput as error:
        for name, messages in (error.fields or {"": [error.message]}).items():
            for message in messages:
                check.fault(row, name or None, message)
        raise


@transaction.atomic
def import_plan(*, actor: User, council: Organisation, content: bytes, file_name: str,
                into: ActionPlan | None = None) -> Imported:
    """A new draft plan from the file, or (``into``) the plan the file was exported from."""
    if into is not None:
        access.get_plan_for_user(actor, into.pk, write=True)
        council = into.council
    else:
        access.get_council_for_user(actor, council.slug, write=True)
    parsed = read(content, file_name)
    check = _Checker(file_name, parsed)
    if parsed.unreadable:
        raise _fail(check)
    found, existing = _check(check, parsed, council, into)
    gone = _left_out(check, found, into, existing) if into is not None else {}
    if check.problems or found.period_start is None or found.period_end is None:
        raise _fail(check)
    try:
        result = _save(actor, council, into, found, (found.period_start, found.period_end),
                       gone, existing, check, parsed.of("plan")[0])
    except InvalidInput:
        raise _fail(check) from None
    log(actor=actor, plan=result.plan, action=audit.Action.PLANS_PLAN_IMPORT,
        label=result.plan.title,
        new={"file": file_name, "created": result.created, "kept": result.kept,
             "deleted": result.deleted})
    return result


def _existing(row: Row, existing: dict[str, dict[int, Any]], kind: str) -> Any:
    text = row.get("id").strip()
    return existing.get(kind, {}).get(int(text)) if text.isdigit() else None


def _save(actor: User, council: Organisation, into: ActionPlan | None, found: _Plan,
          period: tuple[datetime.date, datetime.date], gone: dict[str, set[int]],
          existing: dict[str, dict[int, Any]], check: _Checker, plan_row: Row) -> Imported:
    start, end = period
    if into is None:
        plan = _guard(check, plan_row, partial(
            plan_services.create_plan, actor=actor, council=council, title=found.title,
            period_start=start, period_end=end, vision=found.vision,
            vision_url=found.vision_url, title_cy=found.title_cy or "",
            vision_cy=found.vision_cy or ""))
        result = Imported(plan, created=1)
        if found.status != PlanStatus.DRAFT:
            result.notices.append(_("The file's plan was %(status)s; the new plan is a draft "
                                    "until it is agreed and published here.")
                                  % {"status": found.status})
    else:
        plan = into
        result = Imported(plan, kept=1)
        title_cy = plan.title_cy if found.title_cy is None else found.title_cy
        vision_cy = plan.vision_cy if found.vision_cy is None else found.vision_cy
        if (found.title, start, end, found.vision, found.vision_url, title_cy, vision_cy) != (
                plan.title, plan.period_start, plan.period_end, plan.vision, plan.vision_url,
                plan.title_cy, plan.vision_cy):
            _guard(check, plan_row, partial(
                plan_services.update_plan, actor=actor, plan=plan, title=found.title,
                period_start=start, period_end=end, vision=found.vision,
                vision_url=found.vision_url, exercise=plan.exercise, title_cy=title_cy,
                vision_cy=vision_cy))
        if found.status != plan.status:
            result.notices.append(_("A plan's status changes on its page, not through a file: "
                                    "it stays %(status)s.") % {"status": plan.status})
    for kind, model in (("reading", TargetReading), ("target", Target),
                        ("milestone", Milestone), ("action", PlanAction)):
        ids = gone.get(kind, set())
        for pk in sorted(ids):
            log(actor=actor, plan=plan, action=audit.Action.PLANS_PLAN_IMPORT,
                label=_("Left out of the imported file: %(kind)s %(title)s")
                % {"kind": kind, "title": str(existing[kind][pk])}, old={"id": pk})
        if ids:
            model._default_manager.filter(pk__in=ids).delete()
            result.deleted += len(ids)
    by_ref: dict[str, PlanAction] = {}
    order: dict[int | None, list[int]] = {}
    for row, fields, parent in found.actions:
        fields.parent = by_ref.get(parent)
        own = _existing(row, existing, "action")
        call = (partial(plan_services.add_action, actor=actor, plan=plan, fields=fields)
                if own is None else
                partial(plan_services.update_action, actor=actor, action=own, fields=fields))
        action = _guard(check, row, call)
        result.created += own is None
        result.kept += own is not None
        by_ref[row.get("ref").strip()] = action
        order.setdefault(action.parent_id, []).append(action.pk)
    _reorder(PlanAction, order)
    steps: dict[int | None, list[int]] = {}
    for row, values in found.milestones:
        action = by_ref[row.get("parent").strip()]
        own = _existing(row, existing, "milestone")
        step_call = (
            partial(plan_services.add_milestone, actor=actor, action=action, **values)
            if own is None else
            partial(plan_services.update_milestone, actor=actor, milestone=own, **values))
        milestone = _guard(check, row, step_call)
        result.created += own is None
        result.kept += own is not None
        steps.setdefault(action.pk, []).append(milestone.pk)
    _reorder(Milestone, steps)
    by_target: dict[str, Target] = {}
    target_order: list[int] = []
    for row, target_fields, parent in found.targets:
        target_fields.action = by_ref.get(parent)
        own = _existing(row, existing, "target")
        target_call = (
            partial(plan_services.add_target, actor=actor, plan=plan, fields=target_fields)
            if own is None else
            partial(plan_services.update_target, actor=actor, target=own, fields=target_fields))
        target = _guard(check, row, target_call)
        result.created += own is None
        result.kept += own is not None
        by_target[row.get("ref").strip()] = target
        target_order.append(target.pk)
    _reorder(Target, {None: target_order})
    for row, values in found.readings:
        own = _existing(row, existing, "reading")
        if own is not None:
            if (own.value, own.low, own.high, own.on, own.note) != (
                    values["value"], values["low"], values["high"], values["on"],
                    values["note"].strip()):
                check.fault(row, "value", _("A figure once entered is kept as it was; add a new "
                                            "row (without an id) for a new figure."))
                raise InvalidInput("a figure was changed")
            result.kept += 1
            continue
        _guard(check, row, partial(plan_services.add_target_reading, actor=actor,
                                   target=by_target[row.get("parent").strip()], **values))
        result.created += 1
    return result


def _reorder(model: Any, order: dict[Any, list[int]]) -> None:
    """Positions as the file lists them, so the plan reads (and exports) in its order."""
    rows = [model(pk=pk, position=position) for ids in order.values()
            for position, pk in enumerate(ids, start=1)]
    model.objects.bulk_update(rows, ["position"], batch_size=500)
