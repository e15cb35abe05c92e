"""The local cohesion profile: Annex B's basket read for an exercise's area.

:func:`read` gives each basket item with what the platform holds (each reading with its
dataset, geography, period, freshness and comparisons) or "missing" with where such data
comes from, and what the council added (relevance, local intelligence, partners' data).
:func:`snapshot` freezes that as JSON for a dated version; :func:`changes` says what
differs between two snapshots.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from commonground.library.models import Influence
from commonground.plans import basket, measures
from commonground.plans.measures import Reading, Request, Scope
from commonground.plans.models import ExerciseItem, LocalEvidence, MappingExercise

HELD, MISSING, NOT_RELEVANT = "held", "missing", "not_relevant"


@dataclass
class ItemView:
    id: str
    group: str
    title: str
    influence: Influence | None
    suggested: list[str]
    readings: list[Reading]
    not_relevant: bool = False
    reason: str = ""
    evidence: list[LocalEvidence] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.not_relevant:
            return NOT_RELEVANT
        return HELD if self.readings else MISSING


@dataclass
class GroupView:
    id: str
    title: str
    items: list[ItemView]

    @property
    def held(self) -> int:
        return sum(1 for i in self.items if i.status == HELD)


def scope_of(exercise: MappingExercise) -> Scope:
    parts: tuple[Any, ...] = ()
    if exercise.scope == "wards":
        parts = tuple(exercise.wards.order_by("name"))
    elif exercise.scope == "custom_area" and exercise.custom_area is not None:
        parts = tuple(exercise.custom_area.members.order_by("name"))
    label = exercise.scope_label if parts else exercise.council_area.name
    return Scope(council=exercise.council, council_area=exercise.council_area, parts=parts,
                 label=label)


def read(exercise: MappingExercise, on: datetime.date) -> list[GroupView]:
    every = basket.load()
    scope = scope_of(exercise)
    judgements = {j.item: j for j in ExerciseItem.objects.filter(exercise=exercise)}
    evidence: dict[str, list[LocalEvidence]] = {}
    for row in LocalEvidence.objects.filter(exercise=exercise).select_related("organisation"):
        evidence.setdefault(row.item, []).append(row)
    influences = basket.influences()
    requests = [(item.id, code) for item in every.items for code in item.measures
                if measures.is_installed(code)]
    readings = measures.read_many([Request(code, scope, on) for _item, code in requests])
    held: dict[str, list[Reading]] = {}
    for (item_id, _code), reading in zip(requests, readings, strict=True):
        if reading is not None:
            held.setdefault(item_id, []).append(reading)
    groups = []
    for group in every.groups:
        items = []
        for item in (i for i in every.items if i.group == group):
            influence = influences.get(item.influence)
            judgement = judgements.get(item.id)
            items.append(ItemView(
                id=item.id, group=group,
                title=influence.factor if influence else item.title, influence=influence,
                suggested=list(influence.mapping_data if influence else item.suggested),
                readings=held.get(item.id, []),
                not_relevant=bool(judgement and judgement.not_relevant),
                reason=judgement.reason if judgement else "",
                evidence=evidence.get(item.id, [])))
        groups.append(GroupView(group, str(basket.GROUP_TITLES.get(group, group)), items))
    return groups


def _reading_json(reading: Reading) -> dict[str, Any]:
    return {"code": reading.code, "label": str(reading.label), "value": reading.value,
            "display": reading.display, "low": reading.low, "high": reading.high,
            "period": reading.period, "source": str(reading.source),
            "geography": reading.geography, "fresh": reading.fresh,
            "comparisons": [{"label": c.label, "display": c.display}
                            for c in reading.comparisons],
            "peer_rank": reading.peer_rank, "peer_count": reading.peer_count,
            "note": reading.note, "rolling": reading.is_count}


def _evidence_json(row: LocalEvidence) -> dict[str, Any]:
    return {"id": row.pk, "kind": row.kind, "summary": row.summary, "source": row.source,
            "observed_on": row.observed_on.isoformat() if row.observed_on else None,
            "weight": row.weight,
            "organisation": row.organisation.name if row.organisation else "",
            "link": row.link, "file_name": row.file_name}


def snapshot(exercise: MappingExercise, groups: list[GroupView], on: datetime.date
             ) -> dict[str, Any]:
    return {
        "date": on.isoformat(), "name": exercise.name,
        "council": exercise.council_area.name, "scope": scope_of(exercise).name,
        "groups": [{"id": g.id, "title": g.title} for g in groups],
        "items": [{"id": i.id, "group": i.group, "title": i.title, "status": i.status,
                   "suggested": i.suggested, "reason": i.reason,
                   "readings": [_reading_json(r) for r in i.readings],
                   "evidence": [_evidence_json(e) for e in i.evidence]}
                  for g in groups for i in g.items],
    }


def changes(old: dict[str, Any] | None, new: dict[str, Any]) -> list[dict[str, Any]]:
    """What differs, item by item: status, each reading's value, period or freshness, and
    local evidence added or removed. Each change names the item and gives old and new."""
    if not old:
        return []
    before = {i["id"]: i for i in old.get("items", [])}
    out: list[dict[str, Any]] = []
    for item in new.get("items", []):
        was = before.get(item["id"])
        title = item["title"]
        if was is None:
            out.append({"item": title, "kind": "new_item", "old": "", "new": item["status"]})
            continue
        if was["status"] != item["status"]:
            out.append({"item": title, "kind": "status", "old": was["status"],
                        "new": item["status"]})
        old_readings = {r["code"]: r for r in was.get("readings", [])}
        for reading in item.get("readings", []):
            prior = old_readings.pop(reading["code"], None)
            if prior is None:
                out.append({"item": title, "kind": "reading_added", "label": reading["label"],
                            "old": "", "new": reading["display"]})
                continue
            for key, kind in (("display", "value"), ("period", "period"),
                              ("fresh", "freshness")):
                # A count over the last days moves its period every day: not news.
                if key == "period" and reading.get("rolling"):
                    continue
                if prior.get(key) != reading.get(key):
                    out.append({"item": title, "kind": kind, "label": reading["label"],
                                "old": prior.get(key), "new": reading.get(key)})
        for reading in old_readings.values():
            out.append({"item": title, "kind": "reading_removed", "label": reading["label"],
                        "old": reading["display"], "new": ""})
        old_evidence = {e["id"]: e for e in was.get("evidence", [])}
        for row in item.get("evidence", []):
            if old_evidence.pop(row["id"], None) is None:
                out.append({"item": title, "kind": "evidence_added", "old": "",
                            "new": row["summary"]})
        for row in old_evidence.values():
            out.append({"item": title, "kind": "evidence_removed", "old": row["summary"],
                        "new": ""})
    return out


CHANGE_TEXT = {
    "new_item": gettext_noop("A new item in the basket."),
    "status": gettext_noop("Was {old}, now {new}."),
    "reading_added": gettext_noop("{label}: now held ({new})."),
    "reading_removed": gettext_noop("{label}: no longer held (was {old})."),
    "value": gettext_noop("{label}: {old} then, {new} now."),
    "period": gettext_noop("{label}: data for {old} then, {new} now."),
    "freshness": gettext_noop("{label}: the data have become stale."),
    "freshness_back": gettext_noop("{label}: newer data are held again."),
    "evidence_added": gettext_noop("Local evidence added: {new}"),
    "evidence_removed": gettext_noop("Local evidence removed: {old}"),
}


def describe_change(change: dict[str, Any]) -> str:
    status_words = {HELD: _("held"), MISSING: _("missing"), NOT_RELEVANT: _("not relevant")}
    values = {k: status_words.get(v, v) if change.get("kind") == "status" else v
              for k, v in change.items()}
    kind = change.get("kind", "")
    if kind == "freshness" and change.get("new"):
        kind = "freshness_back"
    template = _(CHANGE_TEXT.get(kind, "{item}"))
    return template.format(**{"label": "", "old": "", "new": "", **values})
