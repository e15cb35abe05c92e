"""The Welsh of the framework knowledge: data/knowledge/cy/*.yaml, beside the English.

Each Welsh file has the name of its English file and lists records by the English record's
``id`` with the Welsh of some of its fields (``bilingual.WELSH_FIELDS``)::

    actions:
      - id: promote-esol-classes
        title: Hyrwyddo dosbarthiadau ESOL
        summary: ...

The loader (``load_knowledge``) sets every record's Welsh from these files, so a record
left out of them, or a field left out of a record, has none (and its pages show the English
marked as English). A mistake (an unknown id, a field that has no Welsh, a value of the wrong
sort) stops the whole load with the file, the line and the field named; nothing is changed.
Practitioners' contributions keep the Welsh their authors wrote.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import models

from commonground.library import bilingual
from commonground.library.models import (
    Action,
    CaseStudy,
    FamilyGroup,
    FrameworkItem,
    FrameworkKind,
    Guidance,
    Influence,
    Issue,
    Pitfall,
    Resource,
    Theme,
)

DIRECTORY = "cy"


class WelshError(ValueError):
    pass


class _LineLoader(yaml.SafeLoader):
    """Safe YAML that remembers the line of each mapping and of each of its keys."""


def _mapping_with_lines(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = {str(k): v for k, v in
                               loader.construct_mapping(node, deep=True).items()}
    mapping["__line__"] = node.start_mark.line + 1
    mapping["__lines__"] = {getattr(key, "value", None): key.start_mark.line + 1
                            for key, _value in node.value}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                            _mapping_with_lines)


# file -> (list key, model, the field the id is matched on, how records are limited)
FILES: dict[str, list[tuple[str, type[models.Model], str, dict[str, Any]]]] = {
    "themes.yaml": [("themes", Theme, "slug", {})],
    "framework.yaml": [("items", FrameworkItem, "slug",
                        {"kind__in": [k for k in FrameworkKind.values
                                      if k != FrameworkKind.FAMILY_GROUP_FACTOR]})],
    "family_groups.yaml": [("groups", FamilyGroup, "slug", {}),
                           ("factors", FrameworkItem, "slug",
                            {"kind": "family_group_factor"})],
    "influences.yaml": [("influences", Influence, "slug", {})],  # and "categories"
    "guidance.yaml": [("guidance", Guidance, "slug", {})],
    "actions.yaml": [("actions", Action, "slug", {})],
    "issues.yaml": [("issues", Issue, "slug", {})],
    "pitfalls.yaml": [("pitfalls", Pitfall, "slug", {})],
    "case_studies.yaml": [("case_studies", CaseStudy, "slug", {"from_fixture": True})],
    "resources.yaml": [("resources", Resource, "slug", {"from_fixture": True})],
}
LIST_FIELDS = {"what_works_well", "works_less_well"}
# Lists of records inside a framework item's details (the planning lessons' questions,
# contents and project management points), each given in Welsh by id: {id, summary}.
DETAIL_LISTS = ("key_questions", "plan_contents", "project_management")


def _details(path: Path, record: dict[str, Any], details: dict[str, Any]) -> dict[str, Any]:
    """``details`` with each listed point's Welsh summary (``summary_cy``) from ``record``;
    a point left out of it has none."""
    out = dict(details)
    for key in DETAIL_LISTS:
        if key not in details and key not in record:
            continue
        line = record.get("__lines__", {}).get(key, record.get("__line__", 1))
        where = f"{path}, line {line}: record '{record.get('id')}', field '{key}'"
        given = record.get(key, [])
        if key not in details or not isinstance(given, list) or not all(
                isinstance(g, dict) and isinstance(g.get("summary"), str) for g in given):
            raise WelshError(f"{where}: expected a list of points, each with id and summary")
        welsh = {g.get("id"): g["summary"].strip() for g in given}
        ids = {point.get("id") for point in details[key]}
        unknown = [str(i) for i in welsh if i not in ids]
        if unknown:
            raise WelshError(f"{where}: no such point ({', '.join(unknown)})")
        out[key] = [{**point, "summary_cy": welsh.get(point.get("id"), "")}
                    for point in details[key]]
    return out


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise WelshError(f"{path}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") \
            from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise WelshError(f"{path}, line 1: expected a mapping at the top")
    return data


def _value(path: Path, record: dict[str, Any], field: str) -> Any:
    value = record[field]
    line = record["__lines__"].get(field, record["__line__"])
    where = f"{path}, line {line}: record '{record.get('id')}', field '{field}'"
    if field in LIST_FIELDS:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise WelshError(f"{where}: expected a list of lines of text")
        return [v.strip() for v in value]
    if not isinstance(value, str):
        raise WelshError(f"{where}: expected text")
    return value.strip()


def _records(path: Path, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    records = data.get(key) or []
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        line = data.get("__lines__", {}).get(key, 1)
        raise WelshError(f"{path}, line {line}, field '{key}': expected a list of records")
    return records


def load_welsh(directory: Path) -> dict[str, int]:
    """Set the Welsh of every record from ``directory/cy``; returns how many records of
    each file have some Welsh. Records missing from the files get none."""
    folder = directory / DIRECTORY
    counts: dict[str, int] = {}
    for name, parts in FILES.items():
        path = folder / name
        data = _read(path) if path.exists() else {}
        known_keys = {key for key, *_ in parts} | {"meta", "__line__", "__lines__"}
        if name == "influences.yaml":
            known_keys.add("categories")
        for key in data:
            if key not in known_keys:
                line = data["__lines__"].get(key, 1)
                raise WelshError(f"{path}, line {line}, field '{key}': not a list this file "
                                 f"holds ({', '.join(k for k, *_ in parts)})")
        counts[name] = 0
        for key, model, match, limit in parts:
            fields = bilingual.WELSH_FIELDS[model.__name__]
            queryset = model._default_manager.filter(**limit)
            welsh_of: dict[str, dict[str, Any]] = {}
            for record in _records(path, data, key):
                rid = record.get("id")
                if not isinstance(rid, str) or not rid:
                    raise WelshError(f"{path}, line {record['__line__']}, field 'id': "
                                     "each record needs the id of its English record")
                for field in record:
                    if field in ("id", "__line__", "__lines__") or (
                            model is FrameworkItem and field in DETAIL_LISTS):
                        continue
                    if field not in fields:
                        line = record["__lines__"].get(field, record["__line__"])
                        raise WelshError(
                            f"{path}, line {line}: record '{rid}', field '{field}': not a "
                            f"field with Welsh here ({', '.join(fields)})")
                if rid in welsh_of:
                    raise WelshError(f"{path}, line {record['__line__']}, field 'id': "
                                     f"'{rid}' is given twice")
                welsh_of[rid] = {f: _value(path, record, f) for f in fields if f in record}
            found = set(queryset.filter(**{f"{match}__in": list(welsh_of)})
                        .values_list(match, flat=True))
            for record in _records(path, data, key):
                if record["id"] not in found:
                    raise WelshError(f"{path}, line {record['__line__']}: record "
                                     f"'{record['id']}', field 'id': no such record in "
                                     f"the English {name}")
            blank = {f"{f}_cy": [] if f in LIST_FIELDS else "" for f in fields}
            for obj in queryset:
                given = welsh_of.get(getattr(obj, match), {})
                values = {**blank, **{f"{f}_cy": v for f, v in given.items()}}
                if isinstance(obj, FrameworkItem) and any(k in obj.details
                                                          for k in DETAIL_LISTS):
                    record = next((r for r in _records(path, data, key)
                                   if r["id"] == obj.slug), {})
                    values["details"] = _details(path, record, obj.details)
                changed = [f for f, v in values.items() if getattr(obj, f) != v]
                if changed:
                    for f in changed:
                        setattr(obj, f, values[f])
                    obj.save(update_fields=changed)
                counts[name] += bool(given)
    _load_categories(folder / "influences.yaml")
    return counts


def _load_categories(path: Path) -> None:
    """The Welsh names of the influences' categories, given once per category."""
    data = _read(path) if path.exists() else {}
    names: dict[str, str] = {}
    known = set(Influence.objects.values_list("category", flat=True))
    for record in _records(path, data, "categories"):
        rid = record.get("id")
        if rid not in known:
            raise WelshError(f"{path}, line {record['__line__']}: record '{rid}', field 'id': "
                             "no such category in the English influences.yaml")
        for field in record:
            if field not in ("id", "name", "__line__", "__lines__"):
                line = record["__lines__"].get(field, record["__line__"])
                raise WelshError(f"{path}, line {line}: record '{rid}', field '{field}': "
                                 "a category has only a name in Welsh")
        names[rid] = _value(path, record, "name") if "name" in record else ""
    for category in known:
        Influence.objects.filter(category=category).update(
            category_name_cy=names.get(category, ""))
