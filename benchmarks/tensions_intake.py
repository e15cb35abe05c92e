"""Report intake through the API: POST /api/v1/reports against gunicorn on 127.0.0.1.

Target: >= 100 reports a second sustained, p99 < 250 ms, nothing lost.

    python benchmarks/tensions_intake.py --engine both --seconds 30
    python benchmarks/tensions_intake.py --engine postgres   # needs PostgreSQL on 127.0.0.1

For each engine: a fresh database is migrated and given a council with two wards;
gunicorn serves production settings (DEBUG off, rate limit off with
REPORT_RATE_LIMIT=0). The load comes from ``wrk`` (Debian package ``wrk``; one C
thread, so the client takes little of the 2 cores) with benchmarks/tensions_intake.lua,
which posts three kinds of report in turn (a hate incident with contact details, a
tension with a ward chosen, a rumour placed by a map point) over ``--connections``
keep-alive connections as fast as they are answered. After a warm-up, the reports in
the database are counted before and after the timed run and compared with the 201
answers. Figures go to docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DOC = ROOT / "docs" / "BENCHMARKS.md"
START, END = "<!-- tensions-intake:start -->", "<!-- tensions-intake:end -->"

LUA = Path(__file__).with_suffix(".lua")
# The first of the Lua script's bodies, for tools that post one report (profiling).
BODY = json.dumps({
    "council_code": "E08000009", "ward_code": "E05000001", "category": "hate_incident",
    "characteristics": ["religion"], "what_happened": "Abuse shouted in the street.",
    "occurred_on": "2026-11-19", "reported_to_police": "no",
    "contact": {"email": "someone@example.org"},
}).encode()

SETUP = """
from commonground.accounts.models import Organisation
from commonground.places.geo import set_boundary
from commonground.places.models import Area
def sq(a, b, c, d):
    return {"type": "Polygon", "coordinates": [[[a, b], [c, b], [c, d], [a, d], [a, b]]]}
Organisation.objects.get_or_create(slug="trafford", defaults=dict(
    name="Trafford Council", kind="council", area_code="E08000009"))
council = Area(code="E08000009", name="Trafford", level="council")
set_boundary(council, sq(-2.4, 53.4, -2.2, 53.5)); council.save()
for code, box in [("E05000001", (-2.4, 53.4, -2.3, 53.5)), ("E05000002", (-2.3, 53.4, -2.2, 53.5))]:
    ward = Area(code=code, name=code, level="ward", parent=council)
    set_boundary(ward, sq(*box)); ward.save()
"""


def environment(engine: str, workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "SECRET_KEY": secrets.token_urlsafe(40), "DEBUG": "false", "HTTPS": "false",
        "REPORT_RATE_LIMIT": "0", "LOG_LEVEL": "WARNING", "VAR_DIR": str(workdir),
        "ALLOWED_HOSTS": "127.0.0.1", "PYTHONPATH": str(ROOT / "src"),
    })
    if engine == "postgres":
        env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/cg_tensions_bench"
    return env


def prepare(engine: str, env: dict[str, str]) -> None:
    if engine == "postgres":
        for sql in ["DROP DATABASE IF EXISTS cg_tensions_bench",
                    "CREATE DATABASE cg_tensions_bench"]:
            subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql],
                           check=True, env=env)
    manage = [str(BIN / "python"), str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v", "0"], check=True, env=env)
    subprocess.run([*manage, "createcachetable"], check=True, env=env)
    subprocess.run([*manage, "shell", "-c", SETUP], check=True, env=env)


def count_reports(env: dict[str, str]) -> int:
    out = subprocess.run(
        [str(BIN / "python"), str(ROOT / "manage.py"), "shell", "-c",
         "from commonground.tensions.models import Report; print(Report.objects.count())"],
        check=True, env=env, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1])


def wrk(port: int, seconds: float, connections: int) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "10s",
         "-s", str(LUA), f"http://127.0.0.1:{port}"],
        check=True, capture_output=True, text=True)
    line = next(x for x in out.stdout.splitlines() if x.startswith("RESULT "))
    return dict(json.loads(line.removeprefix("RESULT ")))


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and its children (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def wait_until_up(port: int) -> None:
    for _ in range(200):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/api/v1/health")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def run(engine: str, *, seconds: float, connections: int, workers: int,
        threads: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        env = environment(engine, Path(tmp))
        prepare(engine, env)
        port = 8765
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "commonground.wsgi", "-b", f"127.0.0.1:{port}",
             "-w", str(workers), "--threads", str(threads), "--keep-alive", "5",
             "--log-level", "warning"],
            env=env, cwd=ROOT)
        try:
            wait_until_up(port)
            wrk(port, 3, connections)  # warm-up: imports, connections, caches
            before = count_reports(env)
            load_before = os.getloadavg()[0]
            cpu_before = tree_cpu(server.pid)
            result = wrk(port, seconds, connections)
            cpu = tree_cpu(server.pid) - cpu_before
            load_after = os.getloadavg()[0]
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        arrived = count_reports(env) - before
    elapsed = result["duration_us"] / 1e6
    errors = sum(int(result[k]) for k in ("connect_errors", "read_errors", "write_errors",
                                          "timeouts"))
    return {
        "engine": engine, "seconds": elapsed, "requests": int(result["requests"]),
        "accepted": int(result["created"]), "arrived": arrived,
        "other": int(result["other"]), "errors": errors,
        "rate": int(result["created"]) / elapsed,
        "cpu_ms": 1000 * cpu / max(int(result["requests"]), 1),
        "p50": result["p50"] / 1000, "p99": result["p99"] / 1000,
        "max": result["max"] / 1000, "load": (load_before, load_after),
    }


def write_doc(results: list[dict[str, object]], command: str, *, workers: int, threads: int,
              connections: int) -> None:
    lines = [START, "## Tension report intake (API)", "",
             "Target: at least 100 reports a second sustained, p99 under 250 ms, nothing lost.",
             "",
             f"Measured {time.strftime('%Y-%m-%d')} with `{command}`: gunicorn "
             f"({workers} workers x {threads} thread{'s' if threads > 1 else ''}) on 127.0.0.1 "
             f"with production settings (DEBUG off, `REPORT_RATE_LIMIT=0`), load from `wrk` "
             f"(one thread, {connections} keep-alive connections, "
             f"benchmarks/tensions_intake.lua) posting three kinds of report in turn (a hate "
             f"incident with contact details: report, contact row, timers, audit row; a "
             f"tension in a chosen ward; a rumour placed by a map point) as fast as answered, "
             f"after a 3 s warm-up. *Arrived* is counted in the database before and after (it "
             f"can exceed the 201s by the requests in flight when wrk stops: wrk does not "
             f"count answers after its deadline); reports/s is 201 answers / duration. "
             f"Machine: {platform.machine()}, "
             f"{os.cpu_count()} cores, Python {platform.python_version()}; the 1-minute load "
             f"average (`uptime`) before and after each run is shown, since other jobs share "
             f"the machine. *Server CPU* is the CPU time of gunicorn's processes per request "
             f"(from /proc): 2 cores give 2,000 ms a second, so 2000 / it is the rate the "
             f"server could reach with the machine to itself.", "",
             "| database | duration (s) | accepted (201) | arrived in database | reports/s | "
             "p50 (ms) | p99 (ms) | max (ms) | server CPU (ms/report) | other answers, "
             "socket errors | load before, after |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for r in results:
        load = r["load"]
        lines.append(
            f"| {r['engine']} | {r['seconds']:.1f} | {r['accepted']:,} | {r['arrived']:,} | "
            f"**{r['rate']:.0f}** | {r['p50']:.0f} | **{r['p99']:.0f}** | {r['max']:.0f} | "
            f"{r['cpu_ms']:.1f} | {r['other']}, {r['errors']} | "
            f"{load[0]:.1f}, {load[1]:.1f} |")  # type: ignore[index]
    lines += ["", END]
    write_section(START, END, "\n".join(lines))


def write_section(start: str, end: str, block: str) -> None:
    """Put ``block`` between its markers in docs/BENCHMARKS.md, leaving the rest alone."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    if start in text:
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _m: block, text,
                      flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    DOC.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-doc", action="store_true", help="print only; leave the doc alone")
    args = parser.parse_args()
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    results = [run(e, seconds=args.seconds, connections=args.connections,
                   workers=args.workers, threads=args.threads) for e in engines]
    for r in results:
        print(r)
    if not args.no_doc:
        command = "python benchmarks/tensions_intake.py " + " ".join(sys.argv[1:])
        write_doc(results, command.strip(), workers=args.workers, threads=args.threads,
                  connections=args.connections)


if __name__ == "__main__":
    main()
