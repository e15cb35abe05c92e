"""``commonground build_demo_data``: rebuild data/demo/ from the shared open-data folder.

Developers run this once when the source files change; the result is committed so that
``make run`` needs nothing outside the repository. Most steps only select rows and
columns (and gzip); two derive: wards' counts are sums of their best-fit LSOAs, and a
ward with no published boundary of its code gets the union of its LSOAs' shapes.
data/demo/README.md describes each file.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from shapely import make_valid, set_precision
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.ops import unary_union

from commonground.places import population

TRAFFORD = "E08000009"
GROUPS = ("asian", "black", "mixed", "white", "other")


def shared_data() -> Path:
    default = settings.BASE_DIR.parent / "shared" / "data"
    return Path(os.environ.get("COMMONGROUND_SHARED_DATA", str(default)))


def _open(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path), encoding="utf-8-sig", newline="")
    return open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed by caller


def read_csv(path: Path) -> list[dict[str, str]]:
    with _open(path) as fh:
        return list(csv.DictReader(fh))


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    raw = io.StringIO(newline="")
    writer = csv.writer(raw, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row[c] for c in columns])
    data = raw.getvalue().encode("utf-8")
    if path.suffix == ".gz":
        # mtime=0 so that rebuilding unchanged data gives identical bytes.
        path.write_bytes(gzip.compress(data, mtime=0))
    else:
        path.write_bytes(data)


def write_features(path: Path, features: list[dict[str, Any]]) -> None:
    data = json.dumps({"type": "FeatureCollection", "features": features},
                      separators=(",", ":")).encode("utf-8")
    path.write_bytes(gzip.compress(data, mtime=0))


def read_features(path: Path) -> list[dict[str, Any]]:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    features: list[dict[str, Any]] = json.loads(raw)["features"]
    return features


class Command(BaseCommand):
    help = "Rebuild data/demo/ from $COMMONGROUND_SHARED_DATA (default ../shared/data)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, default=settings.BASE_DIR / "data" / "demo")
        parser.add_argument("--only", choices=["age-sex"],
                            help="Rebuild only these files (age-sex: the Census age and sex "
                                 "tables of councils, wards and LSOAs).")

    def handle(self, *args: Any, **options: Any) -> None:
        src, out = shared_data(), options["out"]
        if not src.is_dir():
            raise CommandError(f"The shared data folder {src} does not exist.")
        out.mkdir(parents=True, exist_ok=True)
        lsoa = read_csv(src / "census2021_ethnicity_lsoa"
                        / "census2021_ts021_ethnic_group_5cat_lsoa21.csv")
        councils = {r["lad22_code"]: r["lad22_name"] for r in lsoa}
        if options["only"] == "age-sex":
            age_sex(src, out, lsoa, set(councils))
            self.stdout.write(f"Wrote the age and sex files of data/demo from {src}")
            return
        welsh = self._welsh_names(src)
        wards = ward_councils(lsoa)
        for row in lsoa:
            # Nested in its best-fit ward when that ward is of the LSOA's own council; two
            # wards of 2024 straddle two 2022 councils, and their minority LSOAs hang from
            # their council instead.
            ward = row["ward24_code"]
            row["parent_code"] = ward if wards[ward] == row["lad22_code"] else row["lad22_code"]
        write_csv(out / "census2021_ethnicity_lsoa21.csv.gz",
                  ["lsoa21_code", "lsoa21_name", "lad22_code", "parent_code", "total",
                   *GROUPS], lsoa)
        regions = {r["lad21_code"]: r for r in
                   read_csv(src / "lookups/lookup_lad21_region21.csv")}
        missing = [c for c in councils if c.startswith("E") and c not in regions]
        if missing:
            raise CommandError(f"councils without a region in the lookup: {missing}")
        write_csv(out / "countries.csv", ["country_code", "country_name"], [
            {"country_code": "E92000001", "country_name": "England"},
            {"country_code": "W92000004", "country_name": "Wales"}])
        region_rows = sorted({(r["region21_code"], r["region21_name"]) for r in regions.values()})
        write_csv(out / "regions.csv", ["region_code", "region_name", "country_code"],
                  [{"region_code": c, "region_name": n, "country_code": "E92000001"}
                   for c, n in region_rows])
        write_csv(out / "councils.csv",
                  ["council_code", "council_name", "parent_code", "council_name_cy"], [
                      {"council_code": code, "council_name": name,
                       "parent_code": regions[code]["region21_code"] if code.startswith("E")
                       else "W92000004", "council_name_cy": welsh.get(code, "")}
                      for code, name in sorted(councils.items())])
        self._wards(out, lsoa, wards, welsh)
        self._council_tables(src, out, set(councils))
        self._boundaries(src, out, set(councils), lsoa, wards)
        self._trafford(src, out)
        age_sex(src, out, lsoa, set(councils))
        self.stdout.write(f"Wrote data/demo from {src}")

    def _welsh_names(self, src: Path) -> dict[str, str]:
        """Welsh names of the Welsh councils and wards (the 2023 file keeps the accents)."""
        names = {r["lad_code"]: r["lad_name_cy"]
                 for r in read_csv(src / "welsh_names/welsh_lad_names.csv")}
        names.update({r["ward23_code"]: r["ward23_name_cy"]
                      for r in read_csv(src / "welsh_names/welsh_ward23_names.csv")})
        return names

    def _wards(self, out: Path, lsoa: list[dict[str, str]], wards: dict[str, str],
               welsh: dict[str, str]) -> None:
        names = {r["ward24_code"]: r["ward24_name"] for r in lsoa}
        write_csv(out / "wards24.csv.gz",
                  ["ward24_code", "ward24_name", "council_code", "ward24_name_cy"],
                  [{"ward24_code": code, "ward24_name": names[code], "council_code": council,
                    "ward24_name_cy": welsh.get(code, "")}
                   for code, council in sorted(wards.items())])
        sums: dict[str, dict[str, int]] = {}
        for row in lsoa:
            acc = sums.setdefault(row["ward24_code"], dict.fromkeys(("total", *GROUPS), 0))
            for key in acc:
                acc[key] += int(row[key])
        write_csv(out / "census2021_ethnicity_ward24.csv.gz", ["ward24_code", "total", *GROUPS],
                  [{"ward24_code": code, **sums[code]} for code in sorted(sums)])
    def _council_tables(self, src: Path, out: Path, councils: set[str]) -> None:
        ind = src / "census2021_lad_indicators"
        pct = [r for r in read_csv(ind / "census2021_lad_indicators_pct.csv")
               if r["area_code"] in councils]
        keep = ["area_code", "engprof_pct_cannot_speak_english_well_or_at_all",
                "econact_pct_economically_inactive", "cob_pct_born_outside_uk",
                "qual_pct_level4_plus", "migrant_pct_migrant_from_outside_uk_1yr"]
        write_csv(out / "census2021_council_indicators_pct.csv", keep, pct)
        write_csv(out / "census2021_council_migration_counts.csv",
                  ["lad22_code", "all_usual_residents", "migrant_from_outside_uk"],
                  read_csv(ind / "census2021_lad22_english_proficiency_and_migration_counts.csv"))
        write_csv(out / "imd2019_england_lad22.csv", ["lad22_code", "Score"],
                  read_csv(src / "imd/imd2019_england_lad22.csv"))
        write_csv(out / "wimd2019_wales_lad22.csv", ["lad22_code", "Score"],
                  read_csv(src / "imd/imd2019_wales_lad22.csv"))
        write_csv(out / "ruc2021_lsoa21.csv.gz", ["lsoa21_code", "ruc21_code"],
                  read_csv(src / "rural_urban/ruc2021_lsoa21.csv"))
        survey = src / "cohesion_place_survey_2008"
        codes = {r["Authority"]: r["gss_code_2021_if_same_area"] for r in
                 read_csv(survey / "place_survey_2008_authority_to_gss_best_effort.csv")}
        rows = [{"gss_code": codes.get(r["Authority"], ""), "authority": r["Authority"],
                 "get_on_well": r["Get_On_Well"]}
                for r in read_csv(survey / "place_survey_2008_la_ni1_ni2_ni4_ni5_ni42.csv")]
        # Only authorities matched to one of today's councils, and only unambiguous matches.
        counted: dict[str, int] = {}
        for r in rows:
            counted[r["gss_code"]] = counted.get(r["gss_code"], 0) + 1
        rows = [r for r in rows if r["gss_code"] in councils and counted[r["gss_code"]] == 1]
        write_csv(out / "place_survey_2008_ni1.csv", ["gss_code", "authority", "get_on_well"],
                  rows)
        shutil.copyfile(src / "lad_neighbours/lad21_geographic_neighbours.json",
                        out / "lad21_geographic_neighbours.json")

    def _boundaries(self, src: Path, out: Path, councils: set[str],
                    lsoa: list[dict[str, str]], wards: dict[str, str]) -> None:
        lads = [f for f in read_features(src / "boundaries/lad21_uk_buc.geojson")
                if f["properties"]["ltla21_code"] in councils]
        write_features(out / "lad21_ew_buc.geojson.gz", lads)
        shapes = {f["properties"]["lsoa21_code"]: f["geometry"] for f in
                  read_features(src / "boundaries/lsoa21_ew_simplified.geojson.gz")}
        write_features(out / "lsoa21_ew_simplified.geojson.gz", [
            {"type": "Feature", "properties": {"lsoa21_code": code}, "geometry": geometry}
            for code, geometry in sorted(shapes.items())])
        published = {f["properties"]["ward22_code"]: f["geometry"] for f in
                     read_features(src / "boundaries/wards22_uk_bsc.geojson")
                     if f["properties"]["ward22_code"] in wards}
        members: dict[str, list[str]] = {}
        for row in lsoa:
            members.setdefault(row["ward24_code"], []).append(row["lsoa21_code"])
        features = []
        for code in sorted(wards):
            geometry = published.get(code) or joined([shapes[c] for c in members[code]])
            features.append({"type": "Feature", "geometry": geometry,
                             "properties": {"ward24_code": code,
                                            "source": "published" if code in published
                                            else "lsoas"}})
        write_features(out / "wards24_ew.geojson.gz", features)

    def _trafford(self, src: Path, out: Path) -> None:
        folder = src / "trafford_gm_census2021"
        columns = ["area_code", "area_name", "ethnic_group", "value"]
        write_csv(out / "trafford_ethnic_group_oa21.csv.gz", columns,
                  read_csv(folder / "2021_population_ethnic_group_oa_trafford.csv"))


def ward_councils(lsoa: list[dict[str, str]]) -> dict[str, str]:
    """Each best-fit ward's council: the 2022 council of most of its residents.

    The lookup's wards are of May 2024 and its councils of 2024; the demo's councils are
    those of the 2021 Census (2022 codes), which every LSOA row also names.
    """
    people: dict[str, dict[str, int]] = {}
    for row in lsoa:
        by_council = people.setdefault(row["ward24_code"], {})
        by_council[row["lad22_code"]] = by_council.get(row["lad22_code"], 0) + int(row["total"])
    return {ward: max(sorted(counts), key=lambda c: counts[c])
            for ward, counts in people.items()}


def joined(geometries: list[dict[str, Any]]) -> dict[str, Any]:
    """One ward's shape as the union of its LSOAs' (simplified) shapes.

    The simplified LSOAs do not quite meet, and a few are not valid polygons; each is
    made valid, and closing by a 10 m buffer and opening again removes the slivers
    between them. Coordinates keep 5 decimals (about 1 m).
    """
    close = 1e-4
    union = unary_union([make_valid(shape(g)).buffer(close, join_style="mitre")
                         for g in geometries])
    # Rounded point by point: snapping with topology fails on a few of these shapes.
    union = set_precision(union.buffer(-close, join_style="mitre"), 1e-5, mode="pointwise")
    if isinstance(union, Polygon):
        union = MultiPolygon([union])
    geometry: dict[str, Any] = json.loads(json.dumps(mapping(union)))
    return geometry


def age_sex(src: Path, out: Path, lsoa: list[dict[str, str]], councils: set[str]) -> None:
    """The councils' age bands by sex (sums of TS009's single years, checked against its
    published bands) and the LSOAs' and wards' age bands and sex (ward = sum of its
    best-fit LSOAs, checked against the shared folder's own ward sums)."""
    folder = src / "census2021_age_sex_lad"
    crossed: dict[str, dict[str, int]] = {}
    for row in read_csv(folder / "census2021_ts009_sex_single_year_age_lad21_long.csv"):
        age = int(row["age"])
        band = next(b for b, (lo, hi) in population.BAND_YEARS.items() if lo <= age <= hi)
        acc = crossed.setdefault(row["lad21_code"],
                                 dict.fromkeys(population.CROSSED_COLUMNS, 0))
        acc[f"{row['sex']}_{population.band_key(band)}"] += int(row["count"])
    if set(crossed) != councils:
        raise CommandError(f"TS009 councils differ from the LSOA file's: "
                           f"{sorted(set(crossed) ^ councils)}")
    for row in read_csv(folder / "census2021_ts009_sex_age_bands_lad21.csv"):
        if row["sex"] == "all":
            continue
        acc, sex = crossed[row["lad21_code"]], row["sex"]
        mine = {"total_all_ages": sum(v for k, v in acc.items() if k.startswith(sex + "_")),
                "age_0_15": acc[f"{sex}_0_15"], "age_16_24": acc[f"{sex}_16_24"],
                "age_25_34": acc[f"{sex}_25_34"]}
        wrong = [k for k, v in mine.items() if int(row[k]) != v]
        if wrong:
            raise CommandError(f"{row['lad21_code']} {sex}: the single years do not sum to "
                               f"TS009's {wrong}")
    write_csv(out / "census2021_age_sex_council.csv.gz",
              ["lad21_code", "total", *population.CROSSED_COLUMNS],
              [{"lad21_code": code, "total": sum(acc.values()), **acc}
               for code, acc in sorted(crossed.items())])
    columns = ["total_age_table", *population.AGE_COLUMNS, "total_sex_table",
               *population.SEX_COLUMNS]
    small = read_csv(src / "census2021_age_sex_lsoa" / "census2021_age6_sex_lsoa21.csv.gz")
    if {r["lsoa21_code"] for r in small} != {r["lsoa21_code"] for r in lsoa}:
        raise CommandError("the age and sex LSOAs differ from the ethnicity file's")
    write_csv(out / "census2021_age_sex_lsoa21.csv.gz", ["lsoa21_code", *columns],
              sorted(small, key=lambda r: r["lsoa21_code"]))
    sums: dict[str, dict[str, int]] = {}
    for row in small:
        acc = sums.setdefault(row["ward24_code"], dict.fromkeys(columns, 0))
        for key in columns:
            acc[key] += int(row[key])
    published = read_csv(src / "census2021_age_sex_lsoa"
                         / "census2021_age6_sex_ward24_bestfit_aggregate.csv")
    for row in published:
        if any(int(row[k]) != sums[row["ward24_code"]][k] for k in columns):
            raise CommandError(f"ward {row['ward24_code']}: the LSOA sums differ from the "
                               "shared ward file")
    if len(published) != len(sums):
        raise CommandError("the shared ward file has a different set of wards")
    write_csv(out / "census2021_age_sex_ward24.csv.gz", ["ward24_code", *columns],
              [{"ward24_code": code, **sums[code]} for code in sorted(sums)])
