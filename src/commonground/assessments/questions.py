"""The assessments' questions as data: the screening questions and the commissioning
checklist (``data/assessments/*.yaml``), each text in English and Welsh.

Files are read once per process; a broken file stops with a message naming the file,
the question and the field. :func:`text` picks the reader's language.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.utils.translation import get_language

PARTS = ("cohesion", "equality", "socio_economic", "welsh")


class QuestionsError(ValueError):
    """A questions file is missing, unreadable or incomplete."""


@dataclass(frozen=True)
class Text:
    en: str
    cy: str

    def __str__(self) -> str:
        return self.cy if (get_language() or "en").startswith("cy") else self.en


@dataclass(frozen=True)
class Question:
    id: str
    part: str
    text: Text
    framework: str = ""
    influences: tuple[str, ...] = ()
    aim: str = ""


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: Text


@dataclass(frozen=True)
class Stage:
    id: str
    title: Text
    items: tuple[ChecklistItem, ...]


def _dir() -> Path:
    return Path(settings.BASE_DIR) / "data" / "assessments"


def _read(name: str) -> tuple[Path, dict[str, Any]]:
    file = _dir() / name
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise QuestionsError(f"{file}: cannot be read ({exc})") from None
    if not isinstance(data, dict):
        raise QuestionsError(f"{file}: expected a mapping at the top")
    return file, data


def _text(file: Path, where: str, raw: dict[str, Any]) -> Text:
    for language in ("en", "cy"):
        if not str(raw.get(language) or "").strip():
            raise QuestionsError(f"{file}: {where}, field '{language}': missing")
    return Text(str(raw["en"]).strip(), str(raw["cy"]).strip())


def _unique(file: Path, seen: set[str], item_id: str, where: str) -> None:
    if not item_id or item_id in seen:
        raise QuestionsError(f"{file}: {where} '{item_id}', field 'id': missing or repeated")
    seen.add(item_id)


@functools.cache
def screening() -> tuple[Question, ...]:
    file, data = _read("screening.yaml")
    seen: set[str] = set()
    out = []
    for raw in data.get("questions") or []:
        question_id = str(raw.get("id", ""))
        _unique(file, seen, question_id, "question")
        if raw.get("part") not in PARTS:
            raise QuestionsError(f"{file}: question '{question_id}', field 'part': one of "
                                 f"{', '.join(PARTS)}")
        out.append(Question(
            id=question_id, part=raw["part"], text=_text(file, f"question '{question_id}'", raw),
            framework=str(raw.get("framework") or ""),
            influences=tuple(raw.get("influences") or ()), aim=str(raw.get("aim") or "")))
    return tuple(out)


def question(question_id: str) -> Question | None:
    return next((q for q in screening() if q.id == question_id), None)


@functools.cache
def commissioning() -> tuple[Stage, ...]:
    file, data = _read("commissioning.yaml")
    seen: set[str] = set()
    stages = []
    for raw in data.get("stages") or []:
        stage_id = str(raw.get("id", ""))
        _unique(file, seen, stage_id, "stage")
        items = []
        for item in raw.get("items") or []:
            item_id = str(item.get("id", ""))
            _unique(file, seen, item_id, "item")
            items.append(ChecklistItem(item_id, _text(file, f"item '{item_id}'", item)))
        stages.append(Stage(stage_id, _text(file, f"stage '{stage_id}'", raw), tuple(items)))
    return tuple(stages)


def checklist_ids() -> set[str]:
    return {item.id for stage in commissioning() for item in stage.items}


@dataclass(frozen=True)
class Criterion:
    id: str
    area: str
    text: Text


@dataclass(frozen=True)
class FrameworkArea:
    id: str
    title: Text
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class EqualityFramework:
    levels: tuple[tuple[str, Text], ...]
    areas: tuple[FrameworkArea, ...]

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for a in self.areas for c in a.criteria if c.id == criterion_id), None)

    def area(self, area_id: str) -> FrameworkArea | None:
        return next((a for a in self.areas if a.id == area_id), None)

    def level(self, level_id: str) -> Text | None:
        return dict(self.levels).get(level_id)


@functools.cache
def equality_framework() -> EqualityFramework:
    """The Equality Framework for Local Government: five areas, criteria, three levels."""
    file, data = _read("equality_framework.yaml")
    seen: set[str] = set()
    levels = []
    for raw in data.get("levels") or []:
        level_id = str(raw.get("id", ""))
        _unique(file, seen, level_id, "level")
        levels.append((level_id, _text(file, f"level '{level_id}'", raw)))
    areas = []
    for raw in data.get("areas") or []:
        area_id = str(raw.get("id", ""))
        _unique(file, seen, area_id, "area")
        criteria = []
        for item in raw.get("criteria") or []:
            criterion_id = str(item.get("id", ""))
            _unique(file, seen, criterion_id, "criterion")
            criteria.append(Criterion(criterion_id, area_id,
                                      _text(file, f"criterion '{criterion_id}'", item)))
        if not criteria:
            raise QuestionsError(f"{file}: area '{area_id}', field 'criteria': none given")
        areas.append(FrameworkArea(area_id, _text(file, f"area '{area_id}'", raw),
                                   tuple(criteria)))
    return EqualityFramework(tuple(levels), tuple(areas))
