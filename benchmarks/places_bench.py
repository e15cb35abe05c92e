"""Places benchmarks: importing the national LSOA census file, and the profile page under load.

    .venv/bin/python benchmarks/places_bench.py --part import|page [--database-url URL]

1. Import: the 35,672-row LSOA ethnicity file (``import_counts --commit``, areas loaded
   beforehand), best of 3, on a fresh file SQLite database or the given PostgreSQL one.
2. Page: the demo is loaded, the queries of one warm profile request are counted
   (anonymous and signed in), gunicorn serves it on 127.0.0.1 (``--workers``/``--threads``,
   DEBUG off, the database cache or ``--redis-url``), and ``wrk`` (Debian package) keeps
   ``--clients`` connections busy for ``--duration`` seconds on 10 councils' profiles in
   turn, anonymous then signed in; p50/p95/p99 latency, throughput and the load average
   are printed. ``wrk`` runs on the same cores as the server.

Each run uses a fresh SQLite file in a temporary folder, or flushes the PostgreSQL
database named by --database-url. Each part writes its own section of docs/BENCHMARKS.md
per engine (between the ``places-import-sqlite`` ... ``places-page-postgresql`` markers)
unless ``--no-write``.
"""

from __future__ import annotations

import argparse
import os
import platform
import secrets
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_docs import replace_section
from loadtest import load, production_env, serve
from query_count import counted

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("COMMONGROUND_SHARED_DATA", REPO.parent / "shared" / "data"))
LSOA = SHARED / "census2021_ethnicity_lsoa" / "census2021_ts021_ethnic_group_5cat_lsoa21.csv"
PAGES = ["E08000009", "E08000003", "E09000030", "W06000015", "E06000001", "E07000222",
         "E08000025", "E06000023", "E09000002", "E07000008"]


def setup_django(database_url: str | None, var_dir: Path) -> None:
    os.environ["VAR_DIR"] = str(var_dir)
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["DEBUG"] = "true"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "commonground.settings"
    sys.path.insert(0, str(REPO / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    if database_url:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def bench_import() -> float:
    from django.db import connection

    from commonground.places import importing
    from commonground.places.models import Area, AreaValues, Dataset

    Area.objects.get_or_create(code="E92000001", defaults={"name": "England",
                                                           "level": "country"})
    importing.import_areas(path=LSOA, level="council", code_col="lad22_code",
                           name_col="lad22_name", parent_code="E92000001", commit=True)
    importing.import_areas(path=LSOA, level="lsoa", code_col="lsoa21_code",
                           name_col="lsoa21_name", parent_col="lad22_code", commit=True)
    spec = importing.DatasetSpec(slug="bench-ethnicity", title="Bench", level="lsoa")
    times = []
    for _ in range(3):
        started = time.perf_counter()
        result = importing.import_counts(path=LSOA, spec=spec, code_col="lsoa21_code",
                                         groups=["asian", "black", "mixed", "white", "other"],
                                         total_col="total", commit=True)
        times.append(time.perf_counter() - started)
        assert result.rows == 35_672
    assert AreaValues.objects.filter(dataset__slug="bench-ethnicity").count() == 35_672
    Dataset.objects.filter(slug="bench-ethnicity").delete()
    print(f"import ({connection.vendor}): best {min(times):.2f} s of {times}")
    return min(times)




def session_cookie() -> str:
    """A signed-in officer of Trafford's council (sees the extra links on its profile)."""
    from django.conf import settings
    from django.test import Client

    from commonground.accounts.models import Membership, Organisation, Role, User

    user, _ = User.objects.get_or_create(email="bench-officer@example.org",
                                         defaults={"full_name": "Bench Officer"})
    council, _ = Organisation.objects.get_or_create(
        slug="bench-trafford", defaults={"name": "Trafford (bench)", "kind": "council",
                                         "area_code": "E08000009"})
    Membership.objects.get_or_create(user=user, organisation=council,
                                     defaults={"role": Role.OFFICER})
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def count_queries() -> dict[str, int]:
    """Queries for one warm profile request, anonymous and signed in (Django's test client)."""
    from django.test import Client

    cookie = session_cookie()
    out = {}
    for who, headers in (("anonymous", {}), ("signed_in", {"HTTP_COOKIE": cookie})):
        client = Client(HTTP_HOST="127.0.0.1", **headers)
        client.get("/areas/E08000009/")
        with counted() as captured:
            assert client.get("/areas/E08000009/").status_code == 200
        out[who] = len(captured)
    print(f"queries per warm profile request: {out}")
    return out


def bench_page(database_url: str | None, var_dir: Path, args: argparse.Namespace
               ) -> dict[str, object]:
    from commonground.places import demo

    demo.load(sys.stdout)
    out: dict[str, object] = {"queries": count_queries()}
    cookie = session_cookie()
    env = production_env(var_dir, database_url)
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    with serve(env, port=args.port, workers=args.workers, threads=args.threads,
               ready="/areas/E08000009/"):
        for who, headers in (("anonymous", ()), ("signed_in", (f"Cookie: {cookie}",))):
            # load() warms every worker's council table and the caches, then measures.
            found = load([f"/areas/{code}/" for code in PAGES], port=args.port,
                         clients=args.clients, duration=args.duration, var_dir=var_dir,
                         headers=headers)
            out[who] = found
            print(f"{who}: p50 {found['p50_ms']} ms, p95 {found['p95_ms']} ms, p99 "
                  f"{found['p99_ms']} ms, {found['rps']} requests/s, {found['requests']} "
                  f"requests, {found['errors']} errors (load average before: "
                  f"{found['load_before']})")
    return out


HEADING = "## Places: importing the national file and the area profile page"


def document(part: str, results: dict[str, Any], args: argparse.Namespace) -> str:
    """The part's section for this engine, between its markers."""
    engine = "postgresql" if args.database_url else "sqlite"
    name = f"places-{part}-{engine}"
    command = "python benchmarks/places_bench.py " + " ".join(sys.argv[1:])
    lines = [f"<!-- {name}:start (written by benchmarks/places_bench.py) -->", "",
             f"Measured {time.strftime('%Y-%m-%d %H:%M')} with `{command}` on "
             f"{'PostgreSQL' if args.database_url else 'SQLite'} ({results['cpus']} cores "
             f"shared with other work, load average {os.getloadavg()[0]:.1f} at the end).", ""]
    if part == "import":
        goal = 10 if args.database_url else 15
        seconds = float(results["import_s"])
        lines += [f"`import_counts --commit` of the national LSOA ethnicity file (35,672 rows "
                  f"x 5 groups; areas loaded beforehand), best of 3: **{seconds:.1f} s** "
                  f"(goal < {goal} s: {'met' if seconds < goal else 'missed'})."]
    else:
        cache = "Redis" if args.redis_url else "the database"
        lines += [f"The area profile (`/areas/<code>/`, 10 councils in turn), gunicorn "
                  f"{args.workers} workers x {args.threads} threads with {cache} as cache, "
                  f"wrk {args.clients} connections for {args.duration} s on the same cores:",
                  "", "| who | queries | p50 | p95 | p99 | requests/s | errors | load before |",
                  "|---|---:|---:|---:|---:|---:|---:|---|"]
        queries: dict[str, int] = results["queries"]
        for who in ("anonymous", "signed_in"):
            found = results[who]
            lines.append(f"| {who.replace('_', ' ')} | {queries[who]} | {found['p50_ms']} ms | "
                         f"**{found['p95_ms']} ms** | {found['p99_ms']} ms | {found['rps']} | "
                         f"{found['errors']} | {found['load_before']} |")
        lines += ["", "Goal: p95 < 150 ms for anonymous and signed-in visitors."]
    lines += ["", f"<!-- {name}:end -->"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    parser.add_argument("--part", choices=["import", "page"], required=True)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker")
    parser.add_argument("--clients", type=int, default=20, help="wrk connections")
    parser.add_argument("--duration", type=int, default=20, help="seconds measured")
    parser.add_argument("--redis-url", help="cache in Redis instead of the database")
    parser.add_argument("--port", type=int, default=8765, help="a free port on 127.0.0.1")
    parser.add_argument("--no-write", action="store_true",
                        help="print the figures; leave docs/BENCHMARKS.md alone")
    args = parser.parse_args()
    if args.redis_url:  # the query count in this process uses the same cache as the server
        os.environ["REDIS_URL"] = args.redis_url
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(args.database_url, Path(tmp))
        results: dict[str, Any] = {"platform": platform.platform(),
                                      "cpus": os.cpu_count()}
        if args.part == "import":
            results["import_s"] = bench_import()
        else:
            results.update(bench_page(args.database_url, Path(tmp), args))
        print(results)
    if not args.no_write:
        text = document(args.part, results, args)
        start, end = text.splitlines()[0], text.splitlines()[-1]
        replace_section(start, end, HEADING, text)
        print(text)


if __name__ == "__main__":
    main()
