"""A plan as one CSV file, and back: the format, the writer and the reader.

One row per record, the kind in the first column: the ``plan`` itself, each ``action``
(sub-actions name their ``parent`` action's reference), each ``milestone`` and ``target``
(under an action, or the plan for a plan-wide target), and each ``reading`` entered for a
target of the council's own. Every field of those records has a column; a record leaves
the others empty. References (``1``, ``1.2``, ``1/m2``, ``t3``) tie rows together inside the
file; ``id`` is the record's number on the platform, so a file read back into the same plan
changes records in place (and keeps their progress updates) instead of making new ones.
The Welsh of the plan's title and vision and of each action's, milestone's and target's
title (``title_cy``, ``vision_cy``) come last; a file without those columns is still read,
and leaves the Welsh the records have as it is.

Lists (issues, partners, wards, case studies) are joined with ``;``. Organisations are
named by their slug, wards by their ONS code, the Framework's actions and case studies by
their ids, issues by their number on the platform, lead officers by email address (left
empty in files for people outside the plan). Free text that a spreadsheet would run as a
formula is written with a leading apostrophe, which the reader takes off again, so the
round trip changes nothing. Progress updates and their files are evidence kept on the
platform, not part of the plan's file.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from commonground.analytics.problems import FileProblem
from commonground.core import csvfile
from commonground.plans import selectors
from commonground.plans.models import (
    ActionPlan,
    Milestone,
    PlanAction,
    Target,
    TargetReading,
)

COLUMNS = [
    "record", "id", "ref", "parent", "title", "description", "status", "origin",
    "library_action", "issues", "lead_organisation", "lead_officer", "partners", "wards",
    "resources", "starts_on", "ends_on", "horizon", "recurrence", "weight", "rag",
    "rag_reason", "vision_link", "case_studies", "update_every_days", "due_on",
    "completed_on", "measure", "area", "baseline_value", "baseline_low", "baseline_high",
    "baseline_on", "target_value", "target_on", "value", "low", "high", "on", "notes",
    "period_start", "period_end", "vision", "vision_url", "signed_off_by", "signed_off_on",
    "title_cy", "vision_cy",
]
# The Welsh of the titles and the vision: written in every file, optional when read (a file
# from before they were written still reads, and leaves the records' Welsh as it was).
OPTIONAL = {"title_cy", "vision_cy"}
RECORDS = ("plan", "action", "milestone", "target", "reading")
# The columns each kind of row uses; the others stay empty.
_SHARED = {"record", "id", "ref"}
FIELDS = {
    "plan": _SHARED | {"title", "title_cy", "status", "period_start", "period_end", "vision",
                       "vision_cy", "vision_url", "signed_off_by", "signed_off_on"},
    "action": _SHARED | {"parent", "title", "title_cy", "description", "status", "origin",
                         "library_action", "issues", "lead_organisation", "lead_officer",
                         "partners", "wards", "resources", "starts_on", "ends_on", "horizon",
                         "recurrence", "weight", "rag", "rag_reason", "vision_link",
                         "case_studies", "update_every_days"},
    "milestone": _SHARED | {"parent", "title", "title_cy", "status", "due_on", "completed_on",
                            "weight"},
    "target": _SHARED | {"parent", "title", "title_cy", "measure", "area", "baseline_value",
                         "baseline_low", "baseline_high", "baseline_on", "target_value",
                         "target_on", "notes"},
    "reading": _SHARED | {"parent", "value", "low", "high", "on", "notes"},
}
# Free text: a cell starting with one of these runs as a formula in a spreadsheet.
TEXT = {"title", "description", "resources", "rag_reason", "vision_link", "notes", "vision",
        "signed_off_by", "title_cy", "vision_cy"}
MAX_BYTES = 5 * 1024 * 1024


def _escape(name: str, value: str) -> str:
    return csvfile.neutralise(value, reversible=True) if name in TEXT else value


def _unescape(name: str, value: str) -> str:
    return csvfile.restore(value) if name in TEXT else value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back as the same number
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _joined(values: Iterable[Any]) -> str:
    return ";".join(sorted(str(v) for v in values))


def rows(plan: ActionPlan, *, personal: bool) -> list[dict[str, str]]:
    """The plan's records as rows, in the order a reader expects (parents first).

    ``personal`` says whether lead officers' email addresses may be written (the plan's
    own people); otherwise that column stays empty.
    """
    actions = list(PlanAction.objects.filter(plan=plan)
                   .select_related("library_action", "lead_organisation", "lead_officer")
                   .prefetch_related("issues", "partners", "wards", "case_studies"))
    refs = {a.pk: ref for a, ref, _depth in selectors.tree(actions)}
    out: list[dict[str, Any]] = [{
        "record": "plan", "id": plan.pk, "ref": "plan", "title": plan.title,
        "title_cy": plan.title_cy, "vision_cy": plan.vision_cy, "status": plan.status,
        "period_start": plan.period_start, "period_end": plan.period_end,
        "vision": plan.vision, "vision_url": plan.vision_url,
        "signed_off_by": plan.signed_off_by, "signed_off_on": plan.signed_off_on}]
    steps: dict[int, list[Milestone]] = {}
    for milestone in Milestone.objects.filter(action__plan=plan).order_by("position", "pk"):
        steps.setdefault(milestone.action_id, []).append(milestone)
    for action, ref, _depth in selectors.tree(actions):
        out.append({
            "record": "action", "id": action.pk, "ref": ref,
            "parent": refs.get(action.parent_id or 0, ""), "title": action.title,
            "title_cy": action.title_cy, "description": action.description, "status": action.status,
            "origin": action.origin,
            "library_action": action.library_action.slug if action.library_action else "",
            "issues": _joined(i.pk for i in action.issues.all()),
            "lead_organisation": action.lead_organisation.slug
            if action.lead_organisation else "",
            "lead_officer": action.lead_officer.email
            if action.lead_officer and personal else "",
            "partners": _joined(p.slug for p in action.partners.all()),
            "wards": _joined(w.code for w in action.wards.all()),
            "resources": action.resources, "starts_on": action.starts_on,
            "ends_on": action.ends_on, "horizon": action.horizon,
            "recurrence": action.recurrence, "weight": action.weight, "rag": action.rag,
            "rag_reason": action.rag_reason, "vision_link": action.vision_link,
            "case_studies": _joined(c.slug for c in action.case_studies.all()),
            "update_every_days": action.update_every_days})
        for n, milestone in enumerate(steps.get(action.pk, []), start=1):
            out.append({
                "record": "milestone", "id": milestone.pk, "ref": f"{ref}/m{n}",
                "parent": ref, "title": milestone.title, "title_cy": milestone.title_cy,
                "status": milestone.status,
                "due_on": milestone.due_on, "completed_on": milestone.completed_on,
                "weight": milestone.weight})
    readings: dict[int, list[TargetReading]] = {}
    for reading in TargetReading.objects.filter(target__plan=plan).order_by("on", "pk"):
        readings.setdefault(reading.target_id, []).append(reading)
    for n, target in enumerate(Target.objects.filter(plan=plan).select_related("area")
                               .order_by("position", "pk"), start=1):
        out.append({
            "record": "target", "id": target.pk, "ref": f"t{n}",
            "parent": refs.get(target.action_id or 0, ""), "title": target.title,
            "title_cy": target.title_cy, "measure": target.measure,
            "area": target.area.code if target.area else "",
            "baseline_value": target.baseline_value, "baseline_low": target.baseline_low,
            "baseline_high": target.baseline_high, "baseline_on": target.baseline_on,
            "target_value": target.target_value, "target_on": target.target_on,
            "notes": target.notes})
        for m, reading in enumerate(readings.get(target.pk, []), start=1):
            out.append({
                "record": "reading", "id": reading.pk, "ref": f"t{n}/r{m}",
                "parent": f"t{n}", "value": reading.value, "low": reading.low,
                "high": reading.high, "on": reading.on, "notes": reading.note})
    return [{name: _escape(name, _text(row.get(name))) for name in COLUMNS} for row in out]


def to_csv(records: list[dict[str, str]]) -> str:
    return csvfile.to_text(COLUMNS, ([r[name] for name in COLUMNS] for r in records))


@dataclass
class Row:
    line: int
    record: str
    values: dict[str, str]

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def given(self, name: str) -> str | None:
        """The cell of an optional column, or None when the file has no such column."""
        return self.values.get(name)


@dataclass
class Parsed:
    rows: list[Row] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    unreadable: bool = False  # nothing more can be checked (not text, no header, no plan)

    def of(self, record: str) -> list[Row]:
        return [r for r in self.rows if r.record == record]


def read(content: bytes, file_name: str) -> Parsed:
    """Rows of the file with free text unescaped, or the problems that stop it."""
    parsed = Parsed()

    def problem(line: int | None, name: str | None, message: str, *, fatal: bool = False
                ) -> None:
        parsed.problems.append(FileProblem(file_name, line, name, message))
        parsed.unreadable = parsed.unreadable or fatal

    if len(content) > MAX_BYTES:
        problem(None, None, _("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // 2**20},
                fatal=True)
        return parsed
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        problem(None, None, _("The file is not UTF-8 text; save it as CSV (UTF-8)."), fatal=True)
        return parsed
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        problem(None, None, _("The file is empty."), fatal=True)
        return parsed
    except csv.Error as exc:
        problem(1, None, _("Not a CSV file (%(error)s).") % {"error": exc}, fatal=True)
        return parsed
    missing = [c for c in COLUMNS if c not in header and c not in OPTIONAL]
    if missing:
        problem(1, None, _("Columns missing: %(names)s.") % {"names": ", ".join(missing)},
                fatal=True)
        return parsed
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        problem(1, None, _("Columns not in the format: %(names)s.") % {"names": ", ".join(unknown)})
    try:
        while True:
            line = reader.line_num + 1  # where the row starts: a quoted cell may span lines
            try:
                values = next(reader)
            except StopIteration:
                break
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                problem(line, None, _("The row has %(cells)d cells; the header has %(columns)d.")
                        % {"cells": len(values), "columns": len(header)})
                continue
            row = {name: _unescape(name, value) for name, value in zip(header, values,
                                                                        strict=True)}
            if row["record"] not in RECORDS:
                problem(line, "record", _("Use one of: %(names)s.") % {"names": ", ".join(RECORDS)})
                continue
            for name in sorted(n for n, v in row.items()
                               if v.strip() and n not in FIELDS[row["record"]]):
                problem(line, name, _("A %(record)s row leaves this column empty.")
                        % {"record": row["record"]})
            parsed.rows.append(Row(line, row["record"], row))
    except csv.Error as exc:
        problem(reader.line_num, None, _("The file cannot be read as CSV (%(error)s).")
                % {"error": exc}, fatal=True)
    plans = parsed.of("plan")
    if len(plans) != 1:
        problem(None, "record", _("The file must hold exactly one plan row."), fatal=True)
    return parsed
