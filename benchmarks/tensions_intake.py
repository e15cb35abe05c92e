"""Report intake through the API: POST /api/v1/reports against gunicorn on 127.0.0.1.

Target: >= 100 reports a second sustained, p99 < 250 ms, nothing lost.

    python benchmarks/tensions_intake.py --engine sqlite
    python benchmarks/tensions_intake.py --engine postgres   # needs PostgreSQL on 127.0.0.1

For each engine: a fresh database is migrated and given a council with two wards;
gunicorn serves production settings (DEBUG off, rate limit off with
REPORT_RATE_LIMIT=0); ``--clients`` keep-alive connections post reports as fast as
the server answers for ``--seconds``; then the reports in the database are counted
and compared with the 201 answers. Figures go to docs/BENCHMARKS.md.
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
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DOC = ROOT / "docs" / "BENCHMARKS.md"
START, END = "<!-- tensions-intake:start -->", "<!-- tensions-intake:end -->"

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


def client(port: int, stop: float, latencies: list[float], codes: dict[int, int],
           lock: threading.Lock) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    mine: list[float] = []
    mine_codes: dict[int, int] = {}
    while time.perf_counter() < stop:
        t0 = time.perf_counter()
        try:
            conn.request("POST", "/api/v1/reports", body=BODY,
                         headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine.append(time.perf_counter() - t0)
        mine_codes[status] = mine_codes.get(status, 0) + 1
    with lock:
        latencies.extend(mine)
        for k, v in mine_codes.items():
            codes[k] = codes.get(k, 0) + v


def run(engine: str, *, seconds: float, clients: int, workers: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        env = environment(engine, Path(tmp))
        prepare(engine, env)
        port = 8765
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "commonground.wsgi", "-b", f"127.0.0.1:{port}",
             "-w", str(workers), "--keep-alive", "5", "--log-level", "warning"],
            env=env, cwd=ROOT)
        try:
            for _ in range(100):
                try:
                    http.client.HTTPConnection("127.0.0.1", port, timeout=1).request(
                        "GET", "/api/v1/health")
                    break
                except OSError:
                    time.sleep(0.1)
            before = count_reports(env)
            latencies: list[float] = []
            codes: dict[int, int] = {}
            lock = threading.Lock()
            stop = time.perf_counter() + seconds
            threads = [threading.Thread(target=client, args=(port, stop, latencies, codes,
                                                             lock)) for _ in range(clients)]
            t0 = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.perf_counter() - t0
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        arrived = count_reports(env) - before
    latencies.sort()
    accepted = codes.get(201, 0)
    return {
        "engine": engine, "seconds": elapsed, "requests": len(latencies),
        "accepted": accepted, "arrived": arrived, "codes": codes,
        "rate": accepted / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[int(0.99 * (len(latencies) - 1))] * 1000,
        "max": latencies[-1] * 1000,
    }


def write_doc(results: list[dict[str, object]], command: str, workers: int,
              clients: int) -> None:
    lines = [START, "## Tension report intake (API)", "",
             "Target: at least 100 reports a second sustained, p99 under 250 ms, nothing lost.",
             "",
             f"Measured {time.strftime('%Y-%m-%d')} with `{command}`: gunicorn "
             f"({workers} sync workers) on 127.0.0.1 with production settings (DEBUG off, "
             f"`REPORT_RATE_LIMIT=0`), {clients} keep-alive clients on the same machine "
             f"posting `POST /api/v1/reports` (a hate incident with contact details: "
             f"report, contact row, timers, audit row) as fast as answered. *Arrived* is "
             f"counted in the database afterwards. Machine: {platform.machine()}, "
             f"{os.cpu_count()} cores, Python {platform.python_version()}; load average "
             f"{os.getloadavg()[0]:.1f} at the end (other jobs on the machine count).", "",
             "| database | duration (s) | reports accepted (201) | arrived in database | "
             "reports/s | p50 (ms) | p99 (ms) | max (ms) | other answers |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        other = {k: v for k, v in r["codes"].items() if k != 201}  # type: ignore[attr-defined]
        lines.append(
            f"| {r['engine']} | {r['seconds']:.1f} | {r['accepted']:,} | {r['arrived']:,} | "
            f"**{r['rate']:.0f}** | {r['p50']:.0f} | **{r['p99']:.0f}** | {r['max']:.0f} | "
            f"{other or 'none'} |")
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
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    results = [run(e, seconds=args.seconds, clients=args.clients, workers=args.workers)
               for e in engines]
    for r in results:
        print(r)
    command = "python benchmarks/tensions_intake.py " + " ".join(sys.argv[1:])
    write_doc(results, command.strip(), args.workers, args.clients)


if __name__ == "__main__":
    main()
