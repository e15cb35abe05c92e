"""Places benchmarks: importing the national LSOA census file, and the profile page under load.

    .venv/bin/python benchmarks/places_bench.py --part import|page [--database-url URL]

1. Import: the 35,672-row LSOA ethnicity file (``import_counts --commit``, areas loaded
   beforehand), best of 3, on a fresh file SQLite database or the given PostgreSQL one.
2. Page: the demo is loaded, gunicorn serves it on 127.0.0.1 (4 workers, 2 threads each,
   DEBUG off),
   and 20 client threads request Trafford's profile (and 9 other councils' profiles) for
   a fixed number of requests each; p50/p95/p99 latency and throughput are reported.

Each run uses a fresh SQLite file in a temporary folder, or flushes the PostgreSQL
database named by --database-url. The figures go into docs/BENCHMARKS.md by hand.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("COMMONGROUND_SHARED_DATA", REPO.parent / "shared" / "data"))
LSOA = SHARED / "census2021_ethnicity_lsoa" / "census2021_ts021_ethnic_group_5cat_lsoa21.csv"
PAGES = ["E08000009", "E08000003", "E09000030", "W06000015", "E06000001", "E07000222",
         "E08000025", "E06000023", "E09000002", "E07000008"]
CLIENTS, PER_CLIENT = 20, 25


def setup_django(database_url: str | None, var_dir: Path) -> None:
    os.environ["VAR_DIR"] = str(var_dir)
    os.environ.setdefault("SECRET_KEY", "benchmark-only-key")
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


def bench_page(database_url: str | None, var_dir: Path) -> dict[str, float]:
    from commonground.places import demo

    demo.load(sys.stdout)
    # Production settings for the server (DEBUG off, collected static files, no HTTPS
    # redirect on the loopback), as a deployment would run.
    env = {**os.environ, "VAR_DIR": str(var_dir), "DEBUG": "false", "HTTPS": "false",
           "ALLOWED_HOSTS": "127.0.0.1", "PYTHONPATH": str(REPO / "src")}
    if database_url:
        env["DATABASE_URL"] = database_url
    subprocess.run([str(REPO / ".venv/bin/python"), "manage.py", "collectstatic", "--noinput",
                    "-v0"], env=env, cwd=REPO, check=True)
    server = subprocess.Popen(
        [str(REPO / ".venv/bin/gunicorn"), "commonground.wsgi", "--bind", "127.0.0.1:8765",
         "--workers", "4", "--threads", "2", "--log-level", "warning"],
        env=env, cwd=REPO)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen("http://127.0.0.1:8765/areas/E08000009/", timeout=5)
                break
            except OSError:
                time.sleep(0.2)
        for code in PAGES:  # warm every worker's council table
            for _ in range(4):
                urllib.request.urlopen(f"http://127.0.0.1:8765/areas/{code}/", timeout=30)
        latencies: list[float] = []
        lock = threading.Lock()

        def client(n: int) -> None:
            mine = []
            for i in range(PER_CLIENT):
                url = f"http://127.0.0.1:8765/areas/{PAGES[(n + i) % len(PAGES)]}/"
                started = time.perf_counter()
                with urllib.request.urlopen(url, timeout=30) as response:
                    response.read()
                    assert response.status == 200
                mine.append(time.perf_counter() - started)
            with lock:
                latencies.extend(mine)

        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()
    ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(ms, n=100)
    out = {"p50": q[49], "p95": q[94], "p99": q[98], "rps": len(ms) / wall, "n": len(ms)}
    print(f"profile page: p50 {out['p50']:.0f} ms, p95 {out['p95']:.0f} ms, "
          f"p99 {out['p99']:.0f} ms, {out['rps']:.0f} requests/s over {len(ms)} requests")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    parser.add_argument("--part", choices=["import", "page"], required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(args.database_url, Path(tmp))
        results: dict[str, object] = {"platform": platform.platform(),
                                      "cpus": os.cpu_count()}
        if args.part == "import":
            results["import_s"] = bench_import()
        else:
            results.update(bench_page(args.database_url, Path(tmp)))
        print(results)


if __name__ == "__main__":
    main()
