"""Plans benchmark: a plan with 200 actions, 1,000 milestones and 2,000 updates under load.

    .venv/bin/python benchmarks/plans_bench.py [--database-url URL] [--clients 20]
        [--duration 20] [--no-write]

The demo's open data is loaded (every council, for the targets' benchmarks), Trafford's
council gets a plan of 40 actions with 4 sub-actions each (200), 5 milestones per action
(1,000), 10 progress updates per action (2,000, a fifth of them public), three targets (a
census indicator, a count of tension reports over 500 reports, a figure entered by hand)
and 20 confirmed issues. The queries of one warm request are counted for the plan's page
(its officer) and its public page (anonymous); then gunicorn serves the site (production
settings, 3 workers x 2 threads, the database cache) and wrk keeps ``--clients``
connections on each page for ``--duration`` seconds. Target: p95 < 150 ms with 20 clients.
The figures go to docs/BENCHMARKS.md between the engine's plans-page markers (unless
--no-write).
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
import urllib.request
from pathlib import Path

from bench_docs import replace_section
from loadtest import load, production_env, serve
from places_bench import setup_django
from query_count import counted

ACTIONS, SUBACTIONS, MILESTONES, UPDATES = 40, 4, 5, 10


def markers(engine: str) -> tuple[str, str]:
    """Each engine's figures have their own place in the section."""
    return f"<!-- plans-page-{engine}:start -->", f"<!-- plans-page-{engine}:end -->"


def build_plan() -> tuple[int, str]:
    """The plan, made with bulk inserts (the services' audit rows are not what is timed)."""
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from commonground.accounts.models import Membership, Organisation, Role, User
    from commonground.places.models import Area
    from commonground.plans.models import (
        ActionPlan,
        LocalIssue,
        Milestone,
        PlanAction,
        ProgressUpdate,
        Target,
        TargetReading,
    )
    from commonground.tensions.models import Report

    rng = random.Random(2026)  # noqa: S311 - made-up benchmark data
    council = Organisation.objects.create(name="Trafford Council", slug="bench-trafford",
                                          kind="council", area_code="E08000009")
    police = Organisation.objects.create(name="Greater Manchester Police", slug="bench-gmp",
                                         kind="police")
    officer = User.objects.create_user("bench-officer@example.org", "x" * 20,
                                       full_name="Bench Officer")
    Membership.objects.create(user=officer, organisation=council, role=Role.OFFICER)
    today = timezone.localdate()
    plan = ActionPlan.objects.create(
        council=council, title="Benchmark plan", period_start=today.replace(day=1),
        period_end=today.replace(day=1, year=today.year + 3), status="published",
        signed_off_by="Executive", signed_off_on=today, vision="Everyone belongs.")
    issues = LocalIssue.objects.bulk_create(
        LocalIssue(council=council, title=f"Issue {i}", status="confirmed", priority="high")
        for i in range(20))
    wards = list(Area.objects.filter(level="ward", parent__code="E08000009")[:6])
    Report.objects.bulk_create(
        Report(council=council, ward=rng.choice(wards), category="hate_incident",
               what_happened="Benchmark report.",
               occurred_on=today - datetime.timedelta(days=rng.randint(0, 400)))
        for _ in range(500))
    top = PlanAction.objects.bulk_create(
        PlanAction(plan=plan, position=i + 1, title=f"Action {i + 1}",
                   description="What will be done.", lead_organisation=rng.choice(
                       [council, police]), lead_officer=officer, status="in_progress",
                   weight=rng.randint(1, 3), rag=rng.choice(["green", "amber", "red"]),
                   rag_reason="Reason.", starts_on=today, ends_on=today.replace(
                       year=today.year + 1))
        for i in range(ACTIONS))
    children = PlanAction.objects.bulk_create(
        PlanAction(plan=plan, parent=parent, position=j + 1, title=f"{parent.title}.{j + 1}",
                   lead_organisation=police, status="planned")
        for parent in top for j in range(SUBACTIONS))
    actions = top + children
    for action in actions:
        action.partners.add(police)
        action.issues.add(rng.choice(issues))
    Milestone.objects.bulk_create(
        Milestone(action=a, title=f"Milestone {k + 1}", position=k + 1,
                  due_on=today + datetime.timedelta(days=30 * k - 60),
                  status=rng.choice(["done", "not_started", "in_progress"]))
        for a in actions for k in range(MILESTONES))
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(action=a, author=officer, organisation=police,
                       text="Progress as planned; venues booked and partners briefed.",
                       public=k % 5 == 0)
        for a in actions for k in range(UPDATES))
    Target.objects.create(plan=plan, title="English", measure="place:english_proficiency",
                          baseline_value=1.2, baseline_on=datetime.date(2021, 3, 21),
                          target_value=1.0, target_on=today.replace(year=today.year + 5))
    Target.objects.create(plan=plan, title="Hate incidents", measure="reports:hate_incident:91",
                          baseline_value=30, baseline_on=today - datetime.timedelta(days=200),
                          target_value=60, target_on=today.replace(year=today.year + 2))
    manual = Target.objects.create(plan=plan, title="Learners", measure="manual:learners",
                                   baseline_value=0, baseline_on=today.replace(day=1),
                                   target_value=200, target_on=today.replace(
                                       year=today.year + 1))
    TargetReading.objects.create(target=manual, value=50, on=today)
    client = Client()
    client.force_login(officer)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    return plan.pk, cookie


def count_queries(plan_id: int, cookie: str) -> tuple[dict[str, int], dict[str, float]]:
    """Queries of one warm request, and CPU milliseconds per warm request (median of
    five runs of 20, in this process, DEBUG on): figures that the machine's other work
    moves much less than the latency under load."""
    from django.db import reset_queries
    from django.test import Client

    queries, cpu = {}, {}
    for who, path, headers in (("officer_plan", f"/plans/{plan_id}/", {"HTTP_COOKIE": cookie}),
                               ("public_page", f"/plans/{plan_id}/public/", {})):
        client = Client(HTTP_HOST="127.0.0.1", **headers)
        client.get(path)
        with counted() as captured:
            assert client.get(path).status_code == 200
        queries[who] = len(captured)
        runs = []
        for _ in range(5):
            started = time.process_time()
            for _ in range(20):
                client.get(path)
            runs.append((time.process_time() - started) * 1000 / 20)
            reset_queries()
        cpu[who] = round(statistics.median(runs), 1)
    return queries, cpu


def write(results: dict[str, object], args: argparse.Namespace) -> None:
    rows = []
    for who, label in (("officer_plan", "plan page, its officer signed in"),
                       ("public_page", "public page, anonymous")):
        r = results[who]
        assert isinstance(r, dict)
        rows.append(f"| {label} | {results['queries'][who]} | "  # type: ignore[index]
                    f"{results['cpu_ms'][who]} | {r['p50_ms']} | "  # type: ignore[index]
                    f"{r['p95_ms']} | {r['p99_ms']} | {r['rps']} | {r['errors']} | "
                    f"{r['load_before']} |")
    start, end = markers(str(results["engine"]))
    worst = max(float(results[who]["p95_ms"])  # type: ignore[index]
                for who in ("officer_plan", "public_page"))
    verdict = "met" if worst < 150 else f"missed (worst p95 {worst:.0f} ms)"
    text = "\n".join([
        start,
        f"A plan of {ACTIONS * (1 + SUBACTIONS)} actions ({ACTIONS} with {SUBACTIONS} "
        f"sub-actions each), {ACTIONS * (1 + SUBACTIONS) * MILESTONES:,} milestones, "
        f"{ACTIONS * (1 + SUBACTIONS) * UPDATES:,} progress updates and three targets (a census "
        "indicator with its benchmarks, a count of 500 tension reports, a figure entered by "
        "hand), every council's open data loaded. gunicorn 3 workers x 2 threads, production "
        "settings (the plan's parts kept rendered per process, the database cache behind "
        f"them); one request, then wrk with {args.clients} connections for {args.duration} s "
        f"per page after a 5 s warm-up, on the same {results['cpus']} cores as the server "
        f"and whatever else ran on them (the load average before each run is in the table). "
        f"Measured {datetime.date.today():%-d %B %Y}. Target: p95 < 150 ms: "
        f"{verdict}.",
        "",
        "| page | queries | CPU ms | p50 ms | p95 ms | p99 ms | requests/s | errors "
        "| load before |",
        "|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"Engine: {results['engine']}. Command: `.venv/bin/python benchmarks/plans_bench.py"
        f"{' --database-url ...' if args.database_url else ''}` (`make bench BENCH_ARGS="
        f"\"--only {'plans-postgres' if args.database_url else 'plans'}\"`). CPU ms: one warm "
        "request's CPU time in the benchmark's own process (DEBUG on, no server), the median "
        "of five runs of 20. The number of queries does not grow with the plan "
        "(tests/plans/test_pages.py pins it).",
        end])
    replace_section(start, end, "## Plans: the plan page under load", text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url",
                        help="PostgreSQL (its tables are emptied); SQLite in a temporary "
                             "directory without it")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--port", type=int, default=8917, help="a free port on 127.0.0.1")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        var_dir = Path(tmp)
        setup_django(args.database_url, var_dir)
        from django.db import connection

        from commonground.places import demo

        demo.load(sys.stdout)
        plan_id, cookie = build_plan()
        results: dict[str, object] = {"platform": platform.platform(), "cpus": os.cpu_count(),
                                      "engine": connection.vendor,
                                      }
        results["queries"], results["cpu_ms"] = count_queries(plan_id, cookie)
        print(f"queries per warm request: {results['queries']}, "
              f"CPU ms per warm request: {results['cpu_ms']}")
        env = production_env(var_dir, args.database_url)
        with serve(env, port=args.port, workers=args.workers, threads=args.threads,
                   ready=f"/plans/{plan_id}/public/"):
            for who, path, headers in (("officer_plan", f"/plans/{plan_id}/",
                                        (f"Cookie: {cookie}",)),
                                       ("public_page", f"/plans/{plan_id}/public/", ())):
                # One visitor first, as on a live site: otherwise the first 20 at once all
                # render the plan's parts together, and that pile-up is what gets timed.
                urllib.request.urlopen(urllib.request.Request(
                    f"http://127.0.0.1:{args.port}{path}",
                    headers=dict(h.split(": ", 1) for h in headers)), timeout=60).read()
                results[who] = load([path], port=args.port, clients=args.clients,
                                    duration=args.duration, var_dir=var_dir, headers=headers)
                print(f"{who}: {results[who]}")
        if not args.no_write:
            write(results, args)


if __name__ == "__main__":
    main()
