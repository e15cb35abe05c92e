"""Import services: read and check a file, then write it all in one transaction, or nothing.

Every import is a dry run unless ``commit=True``: the file is read and checked exactly
as for a real import and the result says what would change. The upload job and the demo
call these functions; the import commands call them through ``open_data``, which also
recomputes the council indicators when a file they are computed from changes (an import
on its own never does: it stores the table it was given, and nothing else).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection, models, transaction

from commonground.accounts.models import Organisation, User
from commonground.analytics.problems import FileProblem, InputFileError
from commonground.core import audit
from commonground.core.errors import Conflict
from commonground.places import geo, indicators, readers
from commonground.places.models import (
    Area,
    AreaLevel,
    AreaValues,
    Dataset,
    DatasetKind,
)

BATCH = 2000
Progress = Callable[[int], None]


@dataclass(frozen=True)
class DatasetSpec:
    """What a dataset is, as the import is told it (``labels``: column key -> label)."""

    slug: str
    title: str
    level: str
    period: str = ""
    source: str = ""
    publisher_url: str = ""
    licence: str = "Open Government Licence v3.0"
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class ImportResult:
    file: str
    rows: int
    committed: bool
    created: int = 0
    updated: int = 0
    skipped: int = 0
    dataset: Dataset | None = None

    def summary(self) -> str:
        verb = "Imported" if self.committed else "Dry run: would import"
        text = f"{verb} {self.rows:,} row(s) from {self.file}"
        if self.created or self.updated:
            text += f" ({self.created:,} new, {self.updated:,} updated)"
        if self.skipped:
            text += f"; {self.skipped:,} feature(s) for areas not loaded were left out"
        if not self.committed:
            text += ". Nothing was written; run again with --commit to import."
        return text


def known_codes(level: str | None = None) -> dict[str, int]:
    areas = Area.objects.all() if level is None else Area.objects.filter(level=level)
    return dict(areas.values_list("code", "id"))


def _display(path: Path, name: str | None) -> str:
    return name or path.name


def save_table(*, spec: DatasetSpec, kind: str, table: readers.Table, known: dict[str, int],
                actor: User | None, organisation: Organisation | None) -> Dataset:
    existing = Dataset.objects.filter(slug=spec.slug).first()
    owner_id = getattr(organisation, "pk", None)
    if existing is not None and existing.organisation_id != owner_id:
        raise Conflict(f"The dataset name {spec.slug!r} is already used by another dataset.")
    defaults = {
        "title": spec.title, "kind": kind, "level": spec.level, "period": spec.period,
        "source": spec.source, "publisher_url": spec.publisher_url, "licence": spec.licence,
        "columns": [{"key": c["key"], "label": spec.labels.get(c["key"], c["label"])}
                    for c in table.columns],
        "has_total": kind == DatasetKind.COUNTS, "organisation": organisation,
        "row_count": len(table.codes),
    }
    dataset, created = Dataset.objects.update_or_create(slug=spec.slug, defaults=defaults)
    if not created:
        AreaValues.objects.filter(dataset=dataset).delete()
    _insert(AreaValues, ("dataset", "area", "values", "total"),
            ((dataset.pk, known[code], values, total)
             for code, values, total in zip(table.codes, table.rows(), table.totals, strict=True)))
    audit.record(actor=actor, action=audit.Action.DATASET_IMPORT, obj=dataset,
                 organisation_id=owner_id,
                 new={"rows": len(table.codes), "columns": dataset.keys, "replaced": not created})
    return dataset


def _insert(model: type[models.Model], names: Sequence[str],
            rows: Iterable[Sequence[Any]]) -> None:
    """Rows of ``model`` (values in the order of the fields ``names``) as one parametrised
    INSERT sent with ``executemany``, ``BATCH`` rows at a time.

    For rows with no signals or defaults to run, as ``bulk_create`` would not run them
    either. ``bulk_create`` builds a model instance and a compiled statement per batch and
    spent most of the demo's 220,000 rows in the ORM (docs/BENCHMARKS.md, first start);
    each value is still prepared by its field, so JSON and the engine's types are as the
    ORM writes them.
    """
    q = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in names]
    assert all(isinstance(f, models.Field) and f.column for f in fields)
    columns = ", ".join(q(f.column) for f in fields if isinstance(f, models.Field) and f.column)
    sql = (f"INSERT INTO {q(model._meta.db_table)} ({columns}) "  # noqa: S608 - names only
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    prepare = [f.get_db_prep_save for f in fields if isinstance(f, models.Field)]
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while batch := [[p(v, connection) for p, v in zip(prepare, row, strict=True)]
                        for row in itertools.islice(iterator, BATCH)]:
            cursor.executemany(sql, batch)


def _finish_table(*, spec: DatasetSpec, kind: str, table: readers.Table, name: str,
                  known: dict[str, int], commit: bool, actor: User | None,
                  organisation: Organisation | None,
                  progress: Progress | None) -> ImportResult:
    result = ImportResult(file=name, rows=len(table.codes), committed=False)
    if commit:
        if progress is not None:
            progress(100)
        with transaction.atomic():
            result.dataset = save_table(spec=spec, kind=kind, table=table, known=known,
                                        actor=actor, organisation=organisation)
        result.committed = True
    return result


def import_counts(*, path: Path, spec: DatasetSpec, code_col: str, groups: Sequence[str],
                  total_col: str | None = None, exact_total: bool = False,
                  commit: bool = False, name: str | None = None,
                  actor: User | None = None, organisation: Organisation | None = None,
                  progress: Progress | None = None) -> ImportResult:
    """A wide CSV of counts: one row per area, one column per group (and a total).

    ``exact_total`` asks for the groups to add up to the total exactly (see
    :func:`readers.read_wide_counts`).
    """
    name = _display(path, name)
    known = known_codes(spec.level)
    table = readers.read_wide_counts(path, name=name, known=known, level=spec.level,
                                     code_col=code_col, groups=groups, total_col=total_col,
                                     exact_total=exact_total, progress=progress)
    return _finish_table(spec=spec, kind=DatasetKind.COUNTS, table=table, name=name,
                         known=known, commit=commit, actor=actor, organisation=organisation,
                         progress=progress)


def import_tidy(*, path: Path, spec: DatasetSpec, code_col: str = "area_code",
                category_col: str | None = None, value_col: str = "value",
                commit: bool = False, name: str | None = None, actor: User | None = None,
                organisation: Any = None, progress: Progress | None = None) -> ImportResult:
    """A long CSV of counts: one row per (area, category)."""
    name = _display(path, name)
    known = known_codes(spec.level)
    table = readers.read_tidy_counts(path, name=name, known=known, level=spec.level,
                                     code_col=code_col, category_col=category_col,
                                     value_col=value_col, progress=progress)
    return _finish_table(spec=spec, kind=DatasetKind.COUNTS, table=table, name=name,
                         known=known, commit=commit, actor=actor, organisation=organisation,
                         progress=progress)


def import_values(*, path: Path, spec: DatasetSpec, code_col: str, columns: Sequence[str],
                  commit: bool = False, name: str | None = None, actor: User | None = None,
                  organisation: Any = None) -> ImportResult:
    """A wide CSV of rates or scores (blank cells are missing values)."""
    name = _display(path, name)
    known = known_codes(spec.level)
    table = readers.read_wide_values(path, name=name, known=known, level=spec.level,
                                     code_col=code_col, columns=columns)
    return _finish_table(spec=spec, kind=DatasetKind.VALUES, table=table, name=name,
                         known=known, commit=commit, actor=actor, organisation=organisation,
                         progress=None)


def import_categories(*, path: Path, spec: DatasetSpec, code_col: str, column: str,
                      commit: bool = False, name: str | None = None,
                      actor: User | None = None) -> ImportResult:
    """One category per area, such as the rural-urban class."""
    name = _display(path, name)
    known = known_codes(spec.level)
    table = readers.read_categories(path, name=name, known=known, level=spec.level,
                                    code_col=code_col, column=column)
    return _finish_table(spec=spec, kind=DatasetKind.CATEGORIES, table=table, name=name,
                         known=known, commit=commit, actor=actor, organisation=None,
                         progress=None)


# What the imports of areas need of the areas already loaded (boundaries are large).
AREA_FIELDS = ("pk", "code", "name", "name_cy", "level", "parent_id", "council_id")


def council_id_under(parent: Area | None) -> int | None:
    """The council of an area hanging from ``parent``: the parent itself if a council,
    else the parent's council (None above council level)."""
    if parent is None:
        return None
    return parent.pk if parent.level == AreaLevel.COUNCIL else parent.council_id


def areas_changed() -> None:
    """Move the areas' stamp, and so the data version, inside an import's transaction:
    the councils' index, the profiles and the councils kept per process are keyed on it,
    and a new council, a new name or a new parent must show on the next request.

    One statement on both engines, which makes the row if it is missing: no migration
    seeds it, as a seeded row would be gone after each browser test's flush, and an
    UPDATE alone would then move nothing. The ORM has no upsert that adds to a column."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO places_areasstamp (id, version) VALUES (1, 1) "
                       "ON CONFLICT (id) DO UPDATE SET version = places_areasstamp.version + 1")


def import_areas(*, path: Path, level: str, code_col: str, name_col: str,
                 parent_col: str | None = None, parent_code: str | None = None,
                 name_cy_col: str | None = None, commit: bool = False,
                 name: str | None = None, actor: User | None = None) -> ImportResult:
    """Areas of one level with names and parents; repeated identical rows are one area.

    ``name_cy_col`` names a column of Welsh names (blank where there is none).
    """
    name = _display(path, name)
    extra = [c for c in (parent_col, name_cy_col) if c]
    rows = readers.read_pairs(path, name=name, key_col=code_col, value_cols=[name_col, *extra])
    everything = {a.code: a for a in Area.objects.only(*AREA_FIELDS)}
    faults = readers.Faults(name)
    fixed_parent = None
    if parent_code is not None:
        fixed_parent = everything.get(parent_code)
        if fixed_parent is None:
            faults.add(None, None, f"the parent {parent_code!r} has not been loaded")
    plan: list[tuple[str, str, Area | None, str]] = []
    for line, cells in rows:
        code, area_name = cells[0], cells[1]
        parent = fixed_parent
        if parent_col:
            parent = everything.get(cells[2])
            if parent is None:
                faults.add(line, parent_col, f"unknown parent area code {cells[2]!r}")
                continue
        existing = everything.get(code)
        if existing is not None and existing.level != level:
            faults.add(line, code_col, f"area {code!r} is already loaded as a {existing.level}")
            continue
        if not area_name:
            faults.add(line, name_col, "is empty; every area needs a name")
            continue
        plan.append((code, area_name, parent, cells[-1] if name_cy_col else ""))
    faults.raise_if_any()
    new = [Area(code=c, name=n, name_cy=cy, level=level, parent=p, council_id=council_id_under(p))
           for c, n, p, cy in plan if c not in everything]
    changed = []
    for code, area_name, parent, name_cy in plan:
        area = everything.get(code)
        if area is None:
            continue
        wanted = (area_name, getattr(parent, "pk", None), council_id_under(parent),
                  name_cy if name_cy_col else area.name_cy)
        if (area.name, area.parent_id, area.council_id, area.name_cy) != wanted:
            area.name, area.parent_id, area.council_id, area.name_cy = wanted
            changed.append(area)
    result = ImportResult(file=name, rows=len(plan), committed=False, created=len(new),
                          updated=len(changed))
    if commit:
        with transaction.atomic():
            _insert(Area, ("code", "name", "name_cy", "level", "parent", "council"),
                    ((a.code, a.name, a.name_cy, a.level, a.parent_id, a.council_id)
                     for a in new))
            Area.objects.bulk_update(changed, ["name", "parent", "council", "name_cy"],
                                     batch_size=BATCH)
            if new or changed:
                areas_changed()
            audit.record(actor=actor, action=audit.Action.AREAS_IMPORT, object_type="places.area",
                         object_label=name, new={"level": level, "created": len(new),
                                                 "updated": len(changed)})
        result.committed = True
    return result


def import_lookup(*, path: Path, child_col: str, parent_col: str, commit: bool = False,
                  name: str | None = None, actor: User | None = None) -> ImportResult:
    """Set the parent of loaded areas from a lookup (e.g. LSOA -> council)."""
    name = _display(path, name)
    rows = readers.read_pairs(path, name=name, key_col=child_col, value_cols=[parent_col])
    codes = {r[1][0] for r in rows} | {r[1][1] for r in rows}
    areas = {a.code: a for a in Area.objects.filter(code__in=codes).only(*AREA_FIELDS)}
    faults = readers.Faults(name)
    changed = []
    for line, (child_code, parent_code) in rows:
        child, parent = areas.get(child_code), areas.get(parent_code)
        if child is None:
            faults.add(line, child_col, f"unknown area code {child_code!r}")
        if parent is None:
            faults.add(line, parent_col, f"unknown area code {parent_code!r}")
        if child is not None and parent is not None and (
                child.parent_id, child.council_id) != (parent.pk, council_id_under(parent)):
            child.parent, child.council_id = parent, council_id_under(parent)
            changed.append(child)
    faults.raise_if_any()
    result = ImportResult(file=name, rows=len(rows), committed=False, updated=len(changed))
    if commit:
        with transaction.atomic():
            Area.objects.bulk_update(changed, ["parent", "council"], batch_size=BATCH)
            if changed:
                areas_changed()
            audit.record(actor=actor, action=audit.Action.AREAS_LOOKUP, object_type="places.area",
                         object_label=name, new={"updated": len(changed)})
        result.committed = True
    return result


def import_boundaries(*, path: Path, code_prop: str, level: str, name_prop: str | None = None,
                      create: bool = False, parent_code: str | None = None,
                      skip_unknown: bool = False, commit: bool = False,
                      name: str | None = None, actor: User | None = None) -> ImportResult:
    """Boundaries from GeoJSON (gzip allowed) for loaded areas, or new areas with ``create``."""
    name = _display(path, name)
    known = known_codes(level)
    parent = None
    if create:
        parent = Area.objects.filter(code=parent_code).first() if parent_code else None
        if parent_code and parent is None or not name_prop:
            why = (f"the parent {parent_code!r} has not been loaded" if name_prop
                   else "creating areas needs --name-prop")
            raise InputFileError([FileProblem(name, None, None, why)])
    features, skipped = readers.read_boundaries(
        path, name=name, code_prop=code_prop, name_prop=name_prop,
        known=None if create else known, level=level, skip_unknown=skip_unknown)
    existing = {code: (pk, found) for code, pk, found in Area.objects.filter(
        code__in=[f.code for f in features]).values_list("code", "pk", "level")}
    wrong = [f.code for f in features if f.code in existing and existing[f.code][1] != level]
    if wrong:
        raise InputFileError([FileProblem(name, None, code_prop,
                                          f"area {c!r} is already loaded as a "
                                          f"{existing[c][1]}") for c in wrong])
    updated: list[tuple[int, dict[str, Any]]] = []
    new: list[Area] = []
    for feature in features:
        if feature.code in existing:
            updated.append((existing[feature.code][0], feature.geometry))
            continue
        area = Area(code=feature.code, name=feature.name, level=level, parent=parent,
                    council_id=council_id_under(parent))
        geo.set_boundary(area, feature.geometry)
        new.append(area)
    result = ImportResult(file=name, rows=len(features), committed=False, created=len(new),
                          updated=len(updated), skipped=skipped)
    if commit:
        with transaction.atomic():
            Area.objects.bulk_create(new, batch_size=500)
            _save_boundaries(updated)
            if new or updated:
                areas_changed()
            audit.record(actor=actor, action=audit.Action.AREAS_BOUNDARIES,
                         object_type="places.area",
                         object_label=name, new={"level": level, "created": len(new),
                                                 "updated": len(updated)})
        result.committed = True
    return result


BOUNDARY_FIELDS = ("boundary", "min_lon", "min_lat", "max_lon", "max_lat")


def _save_boundaries(updates: list[tuple[int, dict[str, Any]]]) -> None:
    """Each (area id, geometry) as one parametrised UPDATE, sent with ``executemany``.

    ``bulk_update`` builds a CASE expression per field and batch, and for 35,672 LSOAs
    spent over a minute in the ORM building them; this takes seconds on either engine.
    """
    q = connection.ops.quote_name
    sets = ", ".join(f"{q(name)} = %s" for name in BOUNDARY_FIELDS)  # column names = field names
    sql = f"UPDATE {q(Area._meta.db_table)} SET {sets} WHERE {q('id')} = %s"  # noqa: S608 - names only
    boundary = Area._meta.get_field("boundary")
    assert isinstance(boundary, models.JSONField)
    with connection.cursor() as cursor:
        cursor.executemany(sql, [
            [boundary.get_db_prep_save(geometry, connection), *geo.bounding_box(geometry), pk]
            for pk, geometry in updates])


def import_geographic_neighbours(*, path: Path, commit: bool = False, name: str | None = None,
                                 actor: User | None = None) -> ImportResult:
    """ONS's council neighbour lists (JSON ``{code: [[adjacent, ...], nearby, ...]}``).

    Keeps, for each loaded council, the loaded councils that share a boundary with it,
    longest shared boundary first; other nations' councils are left out.
    """
    name = _display(path, name)
    faults = readers.Faults(name)
    text = readers.read_text(path, faults)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        faults.add(exc.lineno, None, f"is not valid JSON: {exc.msg}")
        faults.raise_if_any()
    if not isinstance(data, dict):
        faults.add(None, None, "must be a JSON object of council code -> neighbour lists")
        faults.raise_if_any()
    known = known_codes(AreaLevel.COUNCIL)
    table = readers.Table(columns=[{"key": "adjacent", "label": "Councils sharing a boundary"}])
    for code, lists in data.items():
        if code not in known:
            continue
        if not isinstance(lists, list):
            faults.add(None, code, "must be a list of neighbour codes")
            continue
        # Islands (Isle of Wight, Anglesey...) share no boundary: no leading list.
        adjacent = lists[0] if lists and isinstance(lists[0], list) else []
        table.codes.append(code)
        table.values.append([[c for c in adjacent if c in known]])
        table.totals.append(None)
    faults.raise_if_any()
    spec = DatasetSpec(slug=indicators.GEOGRAPHIC_NEIGHBOURS, level=AreaLevel.COUNCIL,
                       title="Councils sharing a boundary (ONS, 2021 councils)",
                       source="ONS Digital, Local Authority Districts 2021 neighbours")
    return _finish_table(spec=spec, kind=DatasetKind.CATEGORIES, table=table, name=name,
                         known=known, commit=commit, actor=actor, organisation=None,
                         progress=None)
