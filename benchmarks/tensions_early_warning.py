"""Early-warning recompute through the service, for every ward in England and Wales.

    python benchmarks/tensions_early_warning.py [--reports 150000] [--engine both]

Builds a throwaway database (SQLite in a temporary directory, or the PostgreSQL
database cg_tensions_ew_bench on 127.0.0.1, dropped and created) with 331 councils and
7,666 wards (the count of wards in England and Wales, May 2024) and synthetic reports
over two years, then times ``tensions.services.early_warning.recompute``: the count
query, building the series, the detector, and storing alerts. Target: < 1 s. Wall time
and this process's CPU time are both recorded, since other jobs share the machine. The
pure detector alone is measured in benchmarks/early_warning_bench.py. With ``--engine
both`` each engine runs in its own process (Django is set up once per process).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tensions_intake import write_section  # the sibling script (benchmarks/ is on the path)

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- tensions-early-warning:start -->", "<!-- tensions-early-warning:end -->"
N_COUNCILS, N_WARDS = 331, 7666


PG_URL = "postgres://postgres@127.0.0.1:5432/cg_tensions_ew_bench"


def setup_django(workdir: str, engine: str = "sqlite") -> None:
    sys.path.insert(0, str(ROOT / "src"))
    if engine == "postgres":
        for sql in ["DROP DATABASE IF EXISTS cg_tensions_ew_bench",
                    "CREATE DATABASE cg_tensions_ew_bench"]:
            subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql],
                           check=True)
        os.environ["DATABASE_URL"] = PG_URL
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.update({"DJANGO_SETTINGS_MODULE": "commonground.settings",
                       "SECRET_KEY": secrets.token_urlsafe(50), "DEBUG": "false",
                       "HTTPS": "false", "VAR_DIR": workdir, "LOG_LEVEL": "WARNING"})
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def populate(n_reports: int, today: datetime.date) -> None:
    from commonground.accounts.models import Organisation
    from commonground.places.models import Area
    from commonground.tensions.models import Category, Report

    rng = random.Random(20261121)
    councils = [Area(code=f"E06{i:06d}", name=f"Council {i}", level="council")
                for i in range(N_COUNCILS)]
    Area.objects.bulk_create(councils)
    councils = list(Area.objects.filter(level="council"))
    Organisation.objects.bulk_create([
        Organisation(name=a.name, slug=f"c{a.code}", kind="council", area_code=a.code)
        for a in councils])
    orgs = {o.area_code: o for o in Organisation.objects.all()}
    Area.objects.bulk_create([
        Area(code=f"E05{i:06d}", name=f"Ward {i}", level="ward", parent=councils[i % N_COUNCILS])
        for i in range(N_WARDS)], batch_size=2000)
    wards = list(Area.objects.filter(level="ward").select_related("parent"))
    # Reports cluster: a few wards get most of them, as in real reporting.
    weights = [rng.paretovariate(1.2) for _ in wards]
    categories = list(Category.values)
    reports = []
    for ward in rng.choices(wards, weights=weights, k=n_reports):
        reports.append(Report(
            council=orgs[ward.parent.code], ward=ward,
            category=rng.choice(categories), what_happened="benchmark",
            occurred_on=today - datetime.timedelta(days=rng.randrange(0, 728))))
    Report.objects.bulk_create(reports, batch_size=5000)


def measure(engine: str, n_reports: int, runs: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp, engine)
        from commonground.tensions.services.early_warning import recompute

        today = datetime.date(2026, 11, 20)
        populate(n_reports, today)
        times, cpus, outs = [], [], []
        for _ in range(runs):
            t0, c0 = time.perf_counter(), time.process_time()
            outs.append(recompute(today=today, notify=False))
            times.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
    out = outs[0]
    return {"engine": engine, "times": times, "cpus": cpus, "first": out.seconds,
            "later": outs[-1].seconds, "series": out.series,
            "detected": out.series_detected, "reports": out.reports,
            "alerts": len(out.new_alerts), "load": os.getloadavg()[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=150_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--json", action="store_true", help="print the result; no doc")
    args = parser.parse_args()
    if args.json:
        print("RESULT " + json.dumps(measure(args.engine, args.reports, args.runs)))
        return
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    results = []
    for engine in engines:
        done = subprocess.run(
            [sys.executable, __file__, "--engine", engine, "--reports", str(args.reports),
             "--runs", str(args.runs), "--json"], check=True, capture_output=True, text=True)
        line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
        results.append(json.loads(line.removeprefix("RESULT ")))
    command = "python benchmarks/tensions_early_warning.py " + " ".join(sys.argv[1:])
    block = document(results, command.strip(), args.runs)
    write_section(START, END, block)
    print(block)


def document(results: list[dict[str, Any]], command: str, runs: int) -> str:
    r0 = results[0]
    lines = [
        START, "## Early-warning recompute through the service", "",
        f"Measured {time.strftime('%Y-%m-%d')} with `{command}`, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}. Other jobs share the "
        f"machine, so each run's CPU time (this process) is shown beside its wall time.", "",
        f"- Data: {N_COUNCILS} councils, {N_WARDS:,} wards (England and Wales), 7 categories: "
        f"{r0['series']:,} series (wards and council totals) x 104 weeks; "
        f"{r0['reports']:,} synthetic reports over two years, clustered in a few wards.",
        f"- Series passed to the detector: {r0['detected']:,} (a series with fewer than "
        f"3 reports in two years cannot alert, so it is counted but not judged).",
        "- What is timed: `recompute()`: one query reading four integers per report "
        "(council, ward, category index, week index computed in SQL), the weekly counts "
        "summed with NumPy, `analytics.early_warning.detect` with the trigger-event watch "
        "levels, and storing alerts (the first run stores them; later runs find them "
        "stored).", "",
        "| database | median wall (s) | min, max wall (s) | median CPU (s) | count / detect / "
        "store, last run (s) | new alerts | load average |",
        "|---|---:|---:|---:|---|---:|---:|"]
    for r in results:
        later = r["later"]
        lines.append(
            f"| {r['engine']} | **{statistics.median(r['times']):.2f}** | "
            f"{min(r['times']):.2f}, {max(r['times']):.2f} | "
            f"{statistics.median(r['cpus']):.2f} | {later.get('count', 0):.2f} / "
            f"{later.get('detect', 0):.2f} / {later.get('store', 0):.3f} | {r['alerts']} | "
            f"{r['load']:.1f} |")
    verdict = ", ".join(
        f"{r['engine']} {'meets' if statistics.median(r['times']) < 1 else 'misses'}"
        for r in results)
    lines += ["", f"Target < 1 s ({runs} runs each): {verdict}.", "", END]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
