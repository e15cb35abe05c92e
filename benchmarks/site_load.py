"""The whole site under a realistic mix of visitors (issue 14, performance).

    .venv/bin/python benchmarks/site_load.py [--database-url URL] [--seconds 600]
        [--reports 1000000] [--posts 100000] [--no-write]

Loads the demo (every council's areas, wards and LSOAs; the library; the forums; the
tensions demo), then adds ``--reports`` tension reports spread over every council's wards
and five years, and ``--posts`` forum posts, with bulk inserts. gunicorn serves the site
with production settings; one ``wrk`` per kind of visitor runs at once for ``--seconds``:

- anonymous visitors browsing areas (the index and council profiles), the library and its
  search;
- officers on the dashboard, the report list and report pages, and the partner return;
- partners on their dashboard of shared counts;
- residents posting reports (the public API) and forum posts (the API, with a token).

Each kind's p95 is measured by its own wrk under the load of all of them together.
Nothing lost: the reports and posts in the database after the run are counted against the
201 answers. Each gunicorn worker's resident memory is read every 5 s over the run.
The figures go to docs/BENCHMARKS.md between the engine's site-load markers.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_docs import replace_section
from loadtest import production_env, serve
from places_bench import setup_django

LUA = r"""
local paths = {PATHS}
local method = "METHOD"
local body = BODY
local headers = {HEADERS}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  i = 0; good = 0; bad = 0
  for k, v in pairs(headers) do wrk.headers[k] = v end
end
function request()
  i = i + 1
  return wrk.format(method, paths[(i % #paths) + 1], nil, body)
end
function response(status, hdrs, b)
  if status < 400 then good = good + 1 else bad = bad + 1 end
end
function done(summary, latency, requests)
  local g, b = 0, 0
  for _, t in ipairs(threads) do g = g + t:get("good"); b = b + t:get("bad") end
  local e = summary.errors
  io.write(string.format('RESULT {"requests": %d, "good": %d, "bad": %d, "p50": %d, '
    .. '"p95": %d, "p99": %d, "max": %d, "socket_errors": %d}\n', summary.requests, g, b,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout))
end
"""


def lua(paths: list[str], method: str = "GET", body: str | None = None,
        headers: dict[str, str] | None = None) -> str:
    quoted = ", ".join(json.dumps(p) for p in paths)
    head = ", ".join(f"[{json.dumps(k)}] = {json.dumps(v)}" for k, v in (headers or {}).items())
    return (LUA.replace("{PATHS}", "{" + quoted + "}").replace("METHOD", method)
            .replace("BODY", json.dumps(body) if body is not None else "nil")
            .replace("{HEADERS}", "{" + head + "}"))


def build(reports: int, posts: int) -> dict[str, object]:
    """The demo, the extra rows, and what each kind of visitor needs (cookies, tokens)."""
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from commonground.accounts import services as account_services
    from commonground.accounts.models import Organisation, User
    from commonground.forums.models import Group, Post, Thread
    from commonground.forums.services import groups as group_services
    from commonground.places.models import Area
    from commonground.tensions.models import Report

    call_command("loaddemo", verbosity=0)
    rng = random.Random(14)  # noqa: S311 - made-up benchmark data
    have = set(Organisation.objects.filter(kind="council").values_list("area_code", flat=True))
    Organisation.objects.bulk_create(
        Organisation(name=a.name, slug=f"load-{a.code.lower()}", kind="council",
                     area_code=a.code)
        for a in Area.objects.filter(level="council").exclude(code__in=have))
    councils = {o.area_code: o for o in Organisation.objects.filter(kind="council")}
    wards = list(Area.objects.filter(level="ward").values_list("id", "council__code"))
    today = timezone.localdate()
    categories = ["hate_incident", "community_tension", "rumour", "protest", "online"]
    made = 0
    while made < reports:
        batch = []
        for _ in range(min(20_000, reports - made)):
            ward_id, code = rng.choice(wards)
            org = councils[code]
            ward = ward_id
            made += 1
            batch.append(Report(
                council=org, ward_id=ward, category=rng.choice(categories),
                what_happened="Benchmark report.", reference=f"LOAD-{made:07d}",
                occurred_on=today - datetime.timedelta(days=rng.randint(0, 5 * 365))))
        Report.objects.bulk_create(batch, batch_size=5_000)
    resident = User.objects.create_user("resident@load.example", "x" * 24,
                                        full_name="Resident Load")
    User.objects.filter(pk=resident.pk).update(
        date_joined=timezone.now() - datetime.timedelta(days=60))
    resident.refresh_from_db()
    thread = Thread.objects.filter(group__visibility="open").order_by("pk").first()
    assert thread is not None, "the forums demo has an open group with a thread"
    group: Group = thread.group
    group_services.join_group(actor=resident, group=group)
    author = thread.author
    made = 0
    while made < posts:
        n = min(20_000, posts - made)
        Post.objects.bulk_create(
            [Post(thread=thread, author=author, body=f"Benchmark post {made + k}.")
             for k in range(n)], batch_size=5_000)
        made += n
    _, token = account_services.create_api_token(actor=resident, name="load")

    def cookie(email: str) -> str:
        client = Client()
        client.force_login(User.objects.get(email=email))
        name = settings.SESSION_COOKIE_NAME
        return f"{name}={client.cookies[name].value}"

    refs = list(Report.objects.filter(council__area_code="E08000009")
                .order_by("-pk").values_list("reference", flat=True)[:20])
    return {"officer": cookie("officer@trafford.example"),
            "partner": cookie("partner@gmp.example"), "token": token,
            "thread": thread.pk, "refs": refs, "group": group.slug}


def kinds(data: dict[str, object]) -> dict[str, str]:
    """Each kind of visitor's wrk script."""
    officer = {"Cookie": str(data["officer"])}
    refs = data["refs"]
    assert isinstance(refs, list)
    week = datetime.date.today().isoformat()
    report = json.dumps({"council_code": "E08000009", "ward_code": "E05015239",
                         "category": "community_tension",
                         "what_happened": "Groups arguing outside the school gates.",
                         "occurred_on": week})
    return {
        "anonymous: areas": lua(["/areas/", "/areas/E08000009/", "/areas/E08000003/",
                                 "/areas/W06000015/"]),
        "anonymous: library and search": lua(["/library/", "/library/search/?q=english",
                                              "/library/search/?q=young+people",
                                              "/library/guidance/"]),
        "officer: dashboard": lua(["/tensions/"], headers=officer),
        "officer: report list": lua(["/tensions/reports/", "/tensions/reports/?page=2"],
                                    headers=officer),
        "officer: report pages": lua([f"/tensions/reports/{r}/" for r in refs],
                                     headers=officer),
        "officer: partner return": lua([f"/tensions/assessments/return/?week={week}"],
                                       headers=officer),
        "partner: dashboard": lua(["/tensions/"], headers={"Cookie": str(data["partner"])}),
        "resident: posting a report": lua(["/api/v1/reports"], "POST", report,
                                          {"Content-Type": "application/json"}),
        "resident: posting to a forum": lua(
            [f"/api/v1/forums/threads/{data['thread']}/posts"], "POST",
            json.dumps({"body": "Is the community centre open on Saturday?"}),
            {"Content-Type": "application/json",
             "Authorization": f"Bearer {data['token']}"}),
    }


def worker_memory(master: int) -> dict[int, int]:
    """Resident memory (kB) of each of gunicorn's workers."""
    found = {}
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    for pid in children:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        rss = next(line for line in status.splitlines() if line.startswith("VmRSS"))
        found[int(pid)] = int(rss.split()[1])
    return found


def counts() -> tuple[int, int]:
    from commonground.forums.models import Post
    from commonground.tensions.models import Report

    return Report.objects.count(), Post.objects.count()


def run(args: argparse.Namespace, var_dir: Path, data: dict[str, object]) -> dict[str, object]:
    env = production_env(var_dir, args.database_url)
    env.update({"REPORT_RATE_LIMIT": "0", "FORUMS_NEW_ACCOUNT_DAYS": "0"})
    with serve(env, port=args.port, workers=args.workers, threads=args.threads,
               ready="/api/v1/health") as server:
        scripts = kinds(data)
        for name, text in scripts.items():  # one of each first, as a live site has
            (var_dir / f"{abs(hash(name))}.lua").write_text(text, encoding="utf-8")
            subprocess.run(["wrk", "-t1", "-c1", "-d2s", "-s",
                            str(var_dir / f"{abs(hash(name))}.lua"),
                            f"http://127.0.0.1:{args.port}"], check=True, capture_output=True)
        before = counts()
        memory: list[dict[int, int]] = []
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                memory.append(worker_memory(server.pid))
                stop.wait(5)

        sampler = threading.Thread(target=sample)
        load_before = os.getloadavg()[0]
        sampler.start()
        procs = {name: subprocess.Popen(
            ["wrk", "-t1", f"-c{args.connections}", f"-d{args.seconds}s", "--timeout", "10s",
             "-s", str(var_dir / f"{abs(hash(name))}.lua"), f"http://127.0.0.1:{args.port}"],
            stdout=subprocess.PIPE, text=True) for name in scripts}
        results = {}
        for name, proc in procs.items():
            out, _ = proc.communicate()
            results[name] = json.loads(out.split("RESULT ", 1)[1])
        stop.set()
        sampler.join()
        load_after = os.getloadavg()[0]
        time.sleep(2)  # the last requests in flight
        after = counts()
    return {"kinds": results, "memory": memory, "before": before, "after": after,
            "load": (load_before, load_after)}


def report(args: argparse.Namespace, engine: str, out: dict[str, object]) -> str:
    kinds_ = out["kinds"]
    assert isinstance(kinds_, dict)
    rows = []
    for name, r in kinds_.items():
        rows.append(f"| {name} | {r['requests']:,} | {r['p50'] / 1000:.0f} | "
                    f"**{r['p95'] / 1000:.0f}** | {r['p99'] / 1000:.0f} | "
                    f"{r['bad']} | {r['socket_errors']} |")
    memory = out["memory"]
    assert isinstance(memory, list)
    pids = sorted({pid for sample in memory for pid in sample})
    mem_rows = []
    for pid in pids:
        series = [s[pid] / 1024 for s in memory if pid in s]
        third = max(1, len(series) // 3)
        mem_rows.append(f"| {pid} | {series[0]:.0f} | {sum(series[:third]) / third:.0f} | "
                        f"{sum(series[-third:]) / third:.0f} | {series[-1]:.0f} | "
                        f"{max(series):.0f} |")
    before, after = out["before"], out["after"]
    assert isinstance(before, tuple) and isinstance(after, tuple)
    posted_reports = kinds_["resident: posting a report"]["good"]
    posted = kinds_["resident: posting to a forum"]["good"]
    load = out["load"]
    assert isinstance(load, tuple)
    worst = max(r["p95"] / 1000 for r in kinds_.values())
    start, end = f"<!-- site-load-{engine}:start -->", f"<!-- site-load-{engine}:end -->"
    return "\n".join([
        start,
        f"**{engine}**, measured {datetime.date.today():%-d %B %Y} with `.venv/bin/python "
        f"benchmarks/site_load.py{' --database-url ...' if args.database_url else ''} "
        f"--seconds {args.seconds} --reports {args.reports} --posts {args.posts}`: "
        f"{args.reports:,} extra reports over five years in every council's wards and "
        f"{args.posts:,} extra forum posts on top of the demo; gunicorn {args.workers} workers "
        f"x {args.threads} threads; nine wrk processes at once, {args.connections} "
        f"connections each, for {args.seconds} s, on the same 2 cores as the server "
        f"(load average {load[0]:.1f} before, {load[1]:.1f} after). Worst p95 "
        f"{worst:.0f} ms (target 150 ms: {'met' if worst < 150 else 'missed'}).",
        "",
        "| visitors | requests | p50 ms | p95 ms | p99 ms | 4xx/5xx | socket errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
        f"Nothing lost: {posted_reports:,} reports and {posted:,} forum posts answered 201; "
        f"the database gained {after[0] - before[0]:,} reports and {after[1] - before[1]:,} "
        "posts (it can exceed the 201s by requests in flight when wrk stopped).",
        "",
        "Each worker's resident memory (MB), sampled every 5 s: first sample, mean of the "
        "first and last thirds of the run, last sample, largest.",
        "",
        "| worker | first | first third | last third | last | largest |",
        "|---|---:|---:|---:|---:|---:|",
        *mem_rows,
        end,
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL (emptied); SQLite without it")
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8107)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cg-site-load-") as tmp:
        var_dir = Path(tmp)
        setup_django(args.database_url, var_dir)
        from django.db import connection

        started = time.monotonic()
        data = build(args.reports, args.posts)
        print(f"data ready in {time.monotonic() - started:.0f} s", flush=True)
        engine = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
        connection.close()
        out = run(args, var_dir, data)
        text = report(args, engine, out)
        print(text)
        if not args.no_write:
            start, end = text.splitlines()[0], text.splitlines()[-1]
            replace_section(start, end, "## The whole site under load (site_load.py)", text)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
