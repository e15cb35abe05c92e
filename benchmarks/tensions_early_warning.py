"""Early-warning recompute through the service, for every ward in England and Wales.

    python benchmarks/tensions_early_warning.py [--reports 150000]

Builds a throwaway SQLite database (in a temporary directory) with 331 councils and
7,666 wards (the count of wards in England and Wales, May 2024) and synthetic reports
over two years, then times ``tensions.services.early_warning.recompute``: the count
query, building the series, the detector, and storing alerts. Target: < 1 s. The pure
detector alone is measured in benchmarks/early_warning_bench.py.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tensions_intake import write_section  # the sibling script (benchmarks/ is on the path)

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- tensions-early-warning:start -->", "<!-- tensions-early-warning:end -->"
N_COUNCILS, N_WARDS = 331, 7666


def setup_django(workdir: str) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.update({"DJANGO_SETTINGS_MODULE": "commonground.settings",
                       "SECRET_KEY": "benchmark-only-" + "x" * 40, "DEBUG": "false",
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=150_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp)
        from commonground.tensions.services.early_warning import recompute

        today = datetime.date(2026, 11, 20)
        populate(args.reports, today)
        times, outs = [], []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            outs.append(recompute(today=today, notify=False))
            times.append(time.perf_counter() - t0)
    out = outs[0]
    median = statistics.median(times)
    parts = ", ".join(f"{k} {v:.3f} s" for k, v in out.seconds.items())
    lines = [
        START, "## Early-warning recompute through the service", "",
        f"Measured {time.strftime('%Y-%m-%d')} with "
        f"`python benchmarks/tensions_early_warning.py --reports {args.reports}` on SQLite "
        f"(temporary file), {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average {os.getloadavg()[0]:.1f} (other jobs "
        f"on the machine count).", "",
        f"- Data: {N_COUNCILS} councils, {N_WARDS:,} wards (England and Wales), 7 categories: "
        f"{out.series:,} series (wards and council totals) x 104 weeks; "
        f"{out.reports:,} synthetic reports over two years, clustered in a few wards.",
        f"- Series passed to the detector: {out.series_detected:,} (a series with fewer than "
        f"3 reports in two years cannot alert, so it is counted but not judged).",
        f"- Result: median **{median:.2f} s** over {args.runs} runs (min {min(times):.2f}, "
        f"max {max(times):.2f}) for the whole recompute: "
        f"{'meets' if median < 1 else 'misses'} the 1 s target. First run: {parts}; "
        f"{len(out.new_alerts)} new alerts stored.",
        "- What is timed: `recompute()`: the grouped count query, building the series, "
        "`analytics.anomalies.detect` with the trigger-event watch levels, and storing "
        "alerts. Later runs find the alerts already stored.", "", END]
    block = "\n".join(lines)
    write_section(START, END, block)
    print(block)


if __name__ == "__main__":
    main()
