"""CPU per request: what one warm request of each page type costs the server, in-process.

    .venv/bin/python benchmarks/request_cpu.py [--database-url URL] [--var-dir DIR]
        [--requests 40] [--only PAGE ...] [--profile PAGE] [--top 30] [--no-write]

The demo is loaded (``loaddemo``: every council's open data, the library, forums, tensions
and Trafford's plan) into a SQLite file in ``--var-dir`` (kept between runs, so a second
run starts in seconds; a temporary folder without it) or the PostgreSQL database named
by ``--database-url`` (emptied first). Then, with production settings (DEBUG off, templates
from the cached loader, the database cache, sessions in the database), each page is asked
for through Django's WSGI handler, the same entry point gunicorn calls, as its persona
(anonymous, or signed in by a session cookie), after two warm-up requests: the queries of
one request are counted, and the CPU time of ``--requests`` requests is measured five
times; the lowest per request is reported (other work on the cores only adds to a run).
No server, no network and no other process is involved, so the figure moves far less
with the machine's other work than a latency under load does, and it is what a server's
cores must pay per page.

``--profile PAGE`` runs that page under cProfile and prints the ``--top`` functions by
their own time and by cumulative time, to find where the milliseconds go.

The figures go to docs/BENCHMARKS.md between the request-cpu markers (unless
``--no-write`` or ``--only``/``--profile``, which measure part of the set).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import io
import json
import os
import platform
import pstats
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import places_bench
from bench_docs import replace_section
from query_count import counted

START, END = "<!-- request-cpu:start -->", "<!-- request-cpu:end -->"
HOST = "127.0.0.1"
RUNS = 5


@dataclass(frozen=True)
class Page:
    name: str
    persona: str
    """``anonymous`` or the email of a demo user."""
    path: Callable[[], str]
    """The address, found once the demo is loaded (a plan's id, a report's reference)."""


def setup_django(database_url: str | None, var_dir: Path) -> None:
    """Production settings, but loaddemo refuses to run with DEBUG off: DEBUG is on while
    the demo loads, and off before anything is measured."""
    os.environ.update({"HTTPS": "false", "ALLOWED_HOSTS": HOST})
    os.environ.pop("REDIS_URL", None)
    places_bench.setup_django(database_url, var_dir)
    from django.core.management import call_command
    from django.test.utils import override_settings

    call_command("loaddemo", verbosity=0)
    # Through override_settings so the template engines are made again without debug.
    override_settings(DEBUG=False).enable()


def _plan_id() -> str:
    from commonground.plans.models import ActionPlan

    plan = ActionPlan.objects.filter(council__area_code="E08000009").order_by("pk").first()
    assert plan is not None, "the demo has Trafford's plan"
    if not plan.is_published:
        ActionPlan.objects.filter(pk=plan.pk).update(status="published")
    return str(plan.pk)


def _report_ref() -> str:
    from commonground.tensions.models import Report

    ref = (Report.objects.filter(council__area_code="E08000009").order_by("-pk")
           .values_list("reference", flat=True).first())
    assert ref, "the demo has Trafford's reports"
    return ref


def _thread_id() -> str:
    from commonground.forums.models import Thread

    thread = Thread.objects.filter(group__visibility="open").order_by("pk").first()
    assert thread is not None, "the demo has an open group with a thread"
    return str(thread.pk)


OFFICER = "officer@trafford.example"
PARTNER = "partner@gmp.example"
WEEK = datetime.date.today().isoformat()

PAGES = [
    Page("home", "anonymous", lambda: "/"),
    Page("home-welsh", "anonymous", lambda: "/cy/"),
    Page("area-index", "anonymous", lambda: "/areas/"),
    Page("area-profile", "anonymous", lambda: "/areas/E08000009/"),
    Page("library", "anonymous", lambda: "/library/"),
    Page("library-search", "anonymous", lambda: "/library/search/?q=english"),
    Page("plans-index", "anonymous", lambda: "/plans/"),
    Page("plan-public", "anonymous", lambda: f"/plans/{_plan_id()}/public/"),
    Page("plan-officer", OFFICER, lambda: f"/plans/{_plan_id()}/"),
    Page("tensions-dashboard", OFFICER, lambda: "/tensions/"),
    Page("tensions-dashboard-partner", PARTNER, lambda: "/tensions/"),
    Page("report-list", OFFICER, lambda: "/tensions/reports/"),
    Page("report-page", OFFICER, lambda: f"/tensions/reports/{_report_ref()}/"),
    Page("partner-return", OFFICER, lambda: f"/tensions/assessments/return/?week={WEEK}"),
    Page("forum-thread", OFFICER, lambda: f"/forums/threads/{_thread_id()}/"),
    Page("area-profile-officer", OFFICER, lambda: "/areas/E08000009/"),
]


def session_cookie(email: str) -> str:
    from django.conf import settings
    from django.test import Client

    from commonground.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


class Requester:
    """Calls Django's WSGI handler as gunicorn would, reading the whole body."""

    def __init__(self, path: str, cookie: str) -> None:
        from django.core.handlers.wsgi import WSGIHandler
        from django.test import RequestFactory

        self.handler = WSGIHandler()
        extra = {"HTTP_HOST": HOST, "SERVER_NAME": HOST}
        if cookie:
            extra["HTTP_COOKIE"] = cookie
        self.environ = RequestFactory().get(path, **extra).environ
        self.status = ""

    def _start(self, status: str, headers: Iterable[tuple[str, str]], *_: Any) -> None:
        self.status = status

    def __call__(self) -> bytes:
        environ = dict(self.environ)
        environ["wsgi.input"] = io.BytesIO(b"")
        response = self.handler(environ, self._start)
        try:
            body = b"".join(response)
        finally:
            response.close()  # type: ignore[attr-defined]
        return body


def measure(page: Page, requests: int, cookies: dict[str, str], dump: Path | None = None,
            show_queries: bool = False) -> dict[str, Any]:
    path = page.path()
    cookie = "" if page.persona == "anonymous" else cookies.setdefault(
        page.persona, session_cookie(page.persona))
    call = Requester(path, cookie)
    for _ in range(2):
        call()
    if not call.status.startswith("200"):
        raise SystemExit(f"{page.name}: {path} answered {call.status}")
    with counted() as queries:  # as they run (query_count.py says why)
        body = call()
    if show_queries:
        print(f"--- {page.name}: {len(queries)} queries", *queries, sep="\n")
    if dump:
        dump.mkdir(parents=True, exist_ok=True)
        (dump / f"{page.name}.html").write_bytes(body)
    runs = []
    for _ in range(RUNS):
        started = time.process_time()
        for _ in range(requests):
            call()
        runs.append((time.process_time() - started) * 1000 / requests)
    return {"page": page.name, "persona": page.persona.split("@")[0], "path": path,
            "queries": len(queries), "cpu_ms": round(min(runs), 2),
            "kb": round(len(body) / 1024)}


def profile(page: Page, requests: int, top: int) -> None:
    path = page.path()
    cookie = "" if page.persona == "anonymous" else session_cookie(page.persona)
    call = Requester(path, cookie)
    for _ in range(2):
        call()
    # CPU time, not wall time: on shared cores the waits would be charged to whatever
    # function was running when the process was put aside.
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for _ in range(requests):
        call()
    profiler.disable()
    for order, only in (("tottime", ""), ("cumulative", ""), ("cumulative", "commonground")):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(only, top)
        print(f"=== {page.name} ({path}), {requests} requests, by {order}"
              f"{', our code' if only else ''}")
        print(out.getvalue())


def write(rows: list[dict[str, Any]], args: argparse.Namespace, engine: str) -> None:
    before = any("before" in r for r in rows)
    lines = [f"| {r['page']} | {r['persona']} | `{r['path']}` | {r['queries']} | "
             + (f"{r.get('before', '')} | " if before else "")
             + f"{r['cpu_ms']} | {r['kb']} |" for r in rows]
    text = "\n".join([
        START,
        "What one warm request of each page costs the server's CPU, measured in one process "
        "through Django's WSGI handler (the entry point gunicorn calls) with production "
        "settings (DEBUG off, cached templates, the database cache, database sessions) on "
        "the demo data, each page as its persona after two warm-up requests: the lowest of "
        f"{RUNS} runs of {args.requests} requests (other work on shared cores only ever "
        "adds to a run). No server or network, so the figure moves "
        "less with the machine's other work than a latency does (it still moves: the cores "
        "are shared, so compare figures of one run, or of runs made side by side). At 2 "
        "cores, 150 ms p95 under 20 clients needs every page well below 10 ms. "
        f"Measured {datetime.date.today():%-d %B %Y} on {engine}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}."
        + (" CPU ms before: the same pages on an earlier version of the code, measured side "
           "by side in the same minutes (the text after this table says which)."
           if before else ""),
        "",
        "| page | persona | address | queries | "
        + ("CPU ms before | " if before else "") + "CPU ms | KB |",
        "|---|---|---|---|---|---|" + ("---|" if before else ""),
        *lines,
        "",
        "Command: `.venv/bin/python benchmarks/request_cpu.py` (`make bench BENCH_ARGS="
        "\"--only request-cpu\"`); `--profile PAGE` prints the page's cProfile, `--queries` "
        "each page's SQL, `--dump DIR` its HTML; `--json FILE` keeps the figures and "
        "`--before FILE` shows an earlier run's beside them.",
        END])
    replace_section(START, END, "## CPU per request", text)


def _add_before(rows: list[dict[str, Any]], path: Path | None) -> None:
    if path:
        before = {r["page"]: r for r in json.loads(path.read_text(encoding="utf-8"))}
        for row in rows:
            row["before"] = before.get(row["page"], {}).get("cpu_ms", "")


def main() -> None:
    names = [p.name for p in PAGES]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL (its tables are emptied)")
    parser.add_argument("--var-dir", type=Path,
                        help="keep the SQLite database here between runs")
    parser.add_argument("--requests", type=int, default=40, help="requests per run")
    parser.add_argument("--only", nargs="+", choices=names, metavar="PAGE",
                        help=f"these pages only ({', '.join(names)})")
    parser.add_argument("--profile", choices=names, metavar="PAGE")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--engine", default="sqlite", help="with --write-from: its engine")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--before", type=Path,
                        help="a --json file of an earlier run: its CPU ms shown beside")
    parser.add_argument("--write-from", type=Path, metavar="JSON",
                        help="write the docs from a --json run instead of measuring (two "
                             "versions measured side by side, with --before)")
    parser.add_argument("--dump", type=Path,
                        help="write each page's HTML here (to compare two versions' pages)")
    parser.add_argument("--queries", action="store_true", help="print each page's SQL")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if args.write_from:
        rows = json.loads(args.write_from.read_text(encoding="utf-8"))
        _add_before(rows, args.before)
        write(rows, args, args.engine)
        return
    with tempfile.TemporaryDirectory() as tmp:
        var_dir = args.var_dir or Path(tmp)
        var_dir.mkdir(parents=True, exist_ok=True)
        setup_django(args.database_url, var_dir)
        from django.db import connection

        if args.profile:
            profile(next(p for p in PAGES if p.name == args.profile), args.requests, args.top)
            return
        cookies: dict[str, str] = {}
        rows = []
        for page in PAGES:
            if args.only and page.name not in args.only:
                continue
            row = measure(page, args.requests, cookies, args.dump, args.queries)
            print(f"{row['page']:28} {row['persona']:10} queries {row['queries']:3}  "
                  f"CPU {row['cpu_ms']:6.2f} ms  {row['kb']:4} KB  {row['path']}", flush=True)
            rows.append(row)
        if args.json:
            args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
        _add_before(rows, args.before)
        if not (args.no_write or args.only):
            write(rows, args, connection.vendor)


if __name__ == "__main__":
    main()
