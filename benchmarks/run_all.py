"""Run every benchmark in benchmarks/, one after another: what ``make bench`` does.

    .venv/bin/python benchmarks/run_all.py              # every benchmark, full size
    .venv/bin/python benchmarks/run_all.py --quick      # shorter runs that leave the docs alone
    .venv/bin/python benchmarks/run_all.py --only search places-import
    .venv/bin/python benchmarks/run_all.py --list

Each benchmark is its own script and process (several set Django up for one database, or
start gunicorn); a full run writes its section of docs/BENCHMARKS.md between its markers.
A ``--quick`` run uses each benchmark's shorter arguments and prints its figures without
writing them, since figures from a shortened run would not be the ones the doc describes.

To add a benchmark, write ``benchmarks/<name>.py`` (it writes its own section of
docs/BENCHMARKS.md between ``<!-- name:start -->`` and ``<!-- name:end -->``) and add one
line to ``BENCHMARKS`` below: its name, its script and arguments for a full run, its
arguments for a quick one, and what it needs (PostgreSQL, a database made for it, data
files, ``wrk``). For example::

    Bench("survey", ("survey_bench.py",), quick=("survey_bench.py", "--quick", "--no-write")),
 PostgreSQL is looked for on
127.0.0.1:5432 (user postgres), as the benchmarks themselves expect; runs that need it are
skipped, loudly, when it is not there. The exit status is non-zero if any run failed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("COMMONGROUND_SHARED_DATA", ROOT.parent / "shared" / "data"))
LSOA_FILE = SHARED / "census2021_ethnicity_lsoa" / "census2021_ts021_ethnic_group_5cat_lsoa21.csv"
SURVEY_LAD = SHARED / "census2021_age_sex_lad" / "census2021_ts009_sex_age_bands_lad21.csv"
POSTGRES = "postgres://postgres@127.0.0.1:5432"


@dataclass(frozen=True)
class Bench:
    name: str
    full: tuple[str, ...]
    """The script (in benchmarks/) and its arguments for the run whose figures go in the doc."""
    quick: tuple[str, ...] | None = None
    """Arguments for a shorter run that writes nothing; None leaves it out of --quick."""
    postgres: bool = False
    """The full run needs PostgreSQL on 127.0.0.1 (quick runs use SQLite only)."""
    database: str | None = None
    """A PostgreSQL database to create if missing and name in DATABASE_URL for the run."""
    needs: tuple[Path, ...] = ()
    """Files that must exist (shared open data), or the run is skipped."""
    wrk: bool = False
    """Needs ``wrk`` (Debian package) to make the load."""


BENCHMARKS: list[Bench] = [
    Bench("segregation", ("segregation_bench.py",), quick=("segregation_bench.py", "--no-write")),
    Bench("early-warning", ("early_warning_bench.py",),
          quick=("early_warning_bench.py", "--runs", "2", "--skip-false-alarms", "--no-write")),
    Bench("tensions-early-warning", ("tensions_early_warning.py", "--engine", "both"),
          quick=("tensions_early_warning.py", "--engine", "sqlite", "--reports", "20000",
                 "--runs", "2", "--json"),
          postgres=True),
    Bench("tensions-intake", ("tensions_intake.py", "--engine", "both", "--seconds", "30"),
          quick=("tensions_intake.py", "--engine", "sqlite", "--seconds", "5", "--no-doc"),
          postgres=True, wrk=True),
    Bench("places-import", ("places_bench.py", "--part", "import"),
          quick=("places_bench.py", "--part", "import", "--no-write"), needs=(LSOA_FILE,)),
    Bench("places-import-postgres",
          ("places_bench.py", "--part", "import", "--database-url",
           f"{POSTGRES}/cg_places_bench"),
          postgres=True, database="cg_places_bench", needs=(LSOA_FILE,)),
    Bench("places-page", ("places_bench.py", "--part", "page"),
          quick=("places_bench.py", "--part", "page", "--duration", "5", "--no-write"),
          wrk=True),
    Bench("search", ("search_bench.py",), quick=("search_bench.py", "--no-write")),
    Bench("search-postgres", ("search_bench.py",), postgres=True, database="cg_search_bench"),
    Bench("search-national", ("search_national_bench.py",),
          quick=("search_national_bench.py", "--posts", "2000", "--resources", "500",
                 "--runs", "1", "--no-write")),
    Bench("search-national-postgres", ("search_national_bench.py",), postgres=True,
          database="cg_search_bench"),
    Bench("plans", ("plans_bench.py",),
          quick=("plans_bench.py", "--duration", "5", "--no-write"), wrk=True),
    Bench("plans-postgres", ("plans_bench.py", "--database-url", f"{POSTGRES}/cg_plans_bench"),
          postgres=True, database="cg_plans_bench", wrk=True),
    Bench("request-cpu", ("request_cpu.py",),
          quick=("request_cpu.py", "--requests", "10", "--no-write")),
    Bench("survey-results", ("survey_results_bench.py",),
          quick=("survey_results_bench.py", "--duration", "5", "--no-write"), wrk=True),
    Bench("survey-cli", ("survey_cli_bench.py",),
          quick=("survey_cli_bench.py", "--responses", "20000", "--repeats", "1", "--no-write")),
    Bench("survey-coverage", ("survey_coverage.py",),
          quick=("survey_coverage.py", "--samples", "100", "--no-write"), needs=(SURVEY_LAD,)),
    Bench("area-search", ("area_search_bench.py",),
          quick=("area_search_bench.py", "--no-write")),
    Bench("import-memory", ("import_memory.py",), quick=("import_memory.py", "--no-write")),
    Bench("first-start", ("first_start.sh",)),
    Bench("site-load", ("site_load.py",),
          quick=("site_load.py", "--seconds", "20", "--saturation", "5", "--reports", "20000",
                 "--posts", "2000", "--documents", "500", "--no-write"), wrk=True),
    Bench("site-load-postgres",
          ("site_load.py", "--database-url", f"{POSTGRES}/cg_load_site"),
          postgres=True, wrk=True),
]


def postgres_ready() -> bool:
    if shutil.which("pg_isready") is None:
        return False
    return subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"],
                          check=False).returncode == 0


def ensure_database(name: str) -> None:
    names = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SELECT datname FROM pg_database"],
        check=True, capture_output=True, text=True).stdout.split()
    if name not in names:
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc",
                        f'CREATE DATABASE "{name}"'], check=True)


def why_skipped(bench: Bench, quick: bool, have_postgres: bool) -> str | None:
    if quick and bench.quick is None:
        return "no quick form"
    if bench.postgres and not have_postgres and not quick:
        return "PostgreSQL is not running on 127.0.0.1:5432"
    missing = [str(p) for p in bench.needs if not p.exists()]
    if missing:
        return f"missing {', '.join(missing)}"
    if bench.wrk and shutil.which("wrk") is None:
        return "wrk is not installed (apt-get install wrk)"
    return None


def run(bench: Bench, quick: bool) -> int:
    argv = bench.quick if quick and bench.quick is not None else bench.full
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    if bench.database and not quick:
        ensure_database(bench.database)
        env["DATABASE_URL"] = f"{POSTGRES}/{bench.database}"
    runner = "bash" if argv[0].endswith(".sh") else sys.executable
    command = [runner, str(ROOT / "benchmarks" / argv[0]), *argv[1:]]
    print(f"\n=== {bench.name}: {' '.join(command[1:])}", flush=True)
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="shorter runs that print their figures and leave the docs alone")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and stop")
    args = parser.parse_args()
    names = [b.name for b in BENCHMARKS]
    unknown = sorted(set(args.only or []) - set(names))
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}; known: {', '.join(names)}")
    if args.list:
        for bench in BENCHMARKS:
            print(f"{bench.name:24} {' '.join(bench.full)}")
        return
    have_postgres = postgres_ready()
    outcomes: list[tuple[str, str]] = []
    for bench in BENCHMARKS:
        if args.only and bench.name not in args.only:
            continue
        reason = why_skipped(bench, args.quick, have_postgres)
        if reason:
            outcomes.append((bench.name, f"SKIPPED: {reason}"))
            continue
        started = time.monotonic()
        code = run(bench, args.quick)
        took = f"{time.monotonic() - started:.0f} s"
        outcomes.append((bench.name, f"ok ({took})" if code == 0
                         else f"FAILED with exit status {code} ({took})"))
    print("\n=== benchmarks" + (" (quick: docs left alone)" if args.quick else ""))
    for name, outcome in outcomes:
        print(f"{name:24} {outcome}")
    if any(outcome.startswith("FAILED") for _, outcome in outcomes):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
