"""Fixtures for the places tests: a slice of the shipped demo data, loaded once.

The North West slice (39 councils, their ~4,600 LSOAs and ~800 wards, Trafford's output
areas) keeps the suite fast while exercising every import the demo uses; only Trafford's
and Manchester's wards and LSOAs get their shapes, the rest show a map's "nothing to
draw". The Welsh slice is Cardiff's. A slice is written to a temporary folder by
filtering data/demo/ (never edited), loaded once per module and removed after, so other
apps' tests see an empty geography.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from commonground.places import demo

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "data" / "demo"
NORTH_WEST = "E12000002"
TRAFFORD = "E08000009"
MANCHESTER = "E08000003"
CARDIFF = "W06000015"
WITH_SHAPES = {TRAFFORD, MANCHESTER, CARDIFF}


def shared_data() -> Path:
    return Path(os.environ.get("COMMONGROUND_SHARED_DATA", REPO.parent / "shared" / "data"))


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    raw = path.read_bytes()
    text = gzip.decompress(raw).decode() if raw[:2] == b"\x1f\x8b" else raw.decode()
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    return header, list(reader)


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = out.getvalue().encode()
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)


def _filter(src: Path, dst: Path, column: str, keep: set[str]) -> None:
    header, rows = _rows(src)
    i = header.index(column)
    _write(dst, header, [r for r in rows if r[i] in keep])


def _features(src: Path, dst: Path, prop: str, keep: set[str]) -> None:
    shapes = json.loads(gzip.decompress(src.read_bytes()))
    shapes["features"] = [f for f in shapes["features"] if f["properties"][prop] in keep]
    dst.write_bytes(gzip.compress(json.dumps(shapes).encode()))


def demo_slice(out: Path, councils: set[str]) -> Path:
    """data/demo/ cut down to ``councils``, with shapes below council level only for
    those of them in ``WITH_SHAPES``."""
    for f in DEMO.iterdir():
        shutil.copy(f, out / f.name)
    header, rows = _rows(DEMO / "councils.csv")
    _write(out / "councils.csv", header, [r for r in rows if r[0] in councils])
    _lsoa_header, lsoa_rows = _rows(DEMO / "census2021_ethnicity_lsoa21.csv.gz")
    lsoas = {r[0] for r in lsoa_rows if r[2] in councils}
    drawn = {r[0] for r in lsoa_rows if r[2] in councils & WITH_SHAPES}
    _filter(DEMO / "census2021_ethnicity_lsoa21.csv.gz",
            out / "census2021_ethnicity_lsoa21.csv.gz", "lad22_code", councils)
    _filter(DEMO / "ruc2021_lsoa21.csv.gz", out / "ruc2021_lsoa21.csv.gz", "lsoa21_code", lsoas)
    _ward_header, ward_rows = _rows(DEMO / "wards24.csv.gz")
    wards = {r[0] for r in ward_rows if r[2] in councils}
    _filter(DEMO / "wards24.csv.gz", out / "wards24.csv.gz", "council_code", councils)
    _filter(DEMO / "census2021_ethnicity_ward24.csv.gz",
            out / "census2021_ethnicity_ward24.csv.gz", "ward24_code", wards)
    _filter(DEMO / "census2021_age_sex_lsoa21.csv.gz", out / "census2021_age_sex_lsoa21.csv.gz",
            "lsoa21_code", lsoas)
    _filter(DEMO / "census2021_age_sex_ward24.csv.gz", out / "census2021_age_sex_ward24.csv.gz",
            "ward24_code", wards)
    for name, column in [("census2021_council_indicators_pct.csv", "area_code"),
                         ("census2021_council_migration_counts.csv", "lad22_code"),
                         ("imd2019_england_lad22.csv", "lad22_code"),
                         ("wimd2019_wales_lad22.csv", "lad22_code"),
                         ("place_survey_2008_ni1.csv", "gss_code"),
                         ("census2021_age_sex_council.csv.gz", "lad21_code")]:
        _filter(DEMO / name, out / name, column, councils)
    _features(DEMO / "lad21_ew_buc.geojson.gz", out / "lad21_ew_buc.geojson.gz", "ltla21_code",
              councils)
    _features(DEMO / "lsoa21_ew_simplified.geojson.gz", out / "lsoa21_ew_simplified.geojson.gz",
              "lsoa21_code", drawn)
    drawn_wards = {r[0] for r in ward_rows if r[2] in councils & WITH_SHAPES}
    _features(DEMO / "wards24_ew.geojson.gz", out / "wards24_ew.geojson.gz", "ward24_code",
              drawn_wards)
    return out


@pytest.fixture(scope="session")
def north_west(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _header, rows = _rows(DEMO / "councils.csv")
    councils = {r[0] for r in rows if r[2] == NORTH_WEST}
    return demo_slice(tmp_path_factory.mktemp("demo-north-west"), councils)


@pytest.fixture(scope="session")
def cardiff(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Cardiff and two neighbours, for the Welsh names and a Welsh council's maps."""
    return demo_slice(tmp_path_factory.mktemp("demo-cardiff"),
                      {CARDIFF, "W06000014", "W06000022"})


class _Quiet:
    def write(self, text: str) -> None:
        pass


def clear_places() -> None:
    from commonground.core.models import AuditEvent
    from commonground.places.models import Area, CustomArea, Dataset, ImportJob

    ImportJob.objects.all().delete()
    CustomArea.objects.all().delete()
    Dataset.objects.all().delete()
    while Area.objects.exists():  # children before parents (PROTECT)
        Area.objects.filter(children__isnull=True).delete()
    AuditEvent.objects.all().delete()


def _loaded(django_db_blocker: Any, directory: Path) -> Iterator[Path]:
    with django_db_blocker.unblock():
        demo.load(_Quiet(), directory=directory)
        yield directory
        clear_places()


@pytest.fixture(scope="module")
def demo_data(django_db_setup: Any, django_db_blocker: Any, north_west: Path) -> Iterator[Path]:
    yield from _loaded(django_db_blocker, north_west)


@pytest.fixture(scope="module")
def cardiff_data(django_db_setup: Any, django_db_blocker: Any, cardiff: Path) -> Iterator[Path]:
    yield from _loaded(django_db_blocker, cardiff)
