"""Serving the site with gunicorn and loading pages with wrk, for page benchmarks.

``serve`` starts gunicorn on 127.0.0.1 with production settings (DEBUG off, collected
static files, no HTTPS redirect on the loopback) and stops it after; ``load`` keeps
``clients`` connections busy on a list of paths for ``duration`` seconds (after a warm-up)
and returns p50/p95/p99 latency, throughput, errors and the load average before the run.
wrk (Debian package) runs on the same cores as the server.
"""

from __future__ import annotations

import os
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

WRK_SCRIPT = r"""
local paths = {PATHS}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.1f %.1f %.1f %d %d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6),
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout + summary.errors.status))
end
"""


def production_env(var_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {**os.environ, "VAR_DIR": str(var_dir), "DEBUG": "false", "HTTPS": "false",
           "ALLOWED_HOSTS": "127.0.0.1", "PYTHONPATH": str(REPO / "src")}
    env.pop("REDIS_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


@contextmanager
def serve(env: dict[str, str], *, port: int, workers: int, threads: int, ready: str,
          log: Path | None = None) -> Iterator[subprocess.Popen[bytes]]:
    """gunicorn until the block ends; its output (a line per request) to ``log`` if given."""
    subprocess.run([str(REPO / ".venv/bin/python"), "manage.py", "collectstatic", "--noinput",
                    "-v0"], env=env, cwd=REPO, check=True)
    out = log.open("ab") if log is not None else None
    server = subprocess.Popen(
        [str(REPO / ".venv/bin/gunicorn"), "commonground.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--threads", str(threads), "--log-level", "warning"],
        env=env, cwd=REPO, stdout=out, stderr=out)
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{ready}", timeout=5)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit(f"gunicorn did not answer on 127.0.0.1:{port}")
        yield server
    finally:
        server.terminate()
        server.wait()
        if out is not None:
            out.close()


def load(paths: list[str], *, port: int, clients: int, duration: int, var_dir: Path,
         headers: tuple[str, ...] = (), warm: int = 5) -> dict[str, object]:
    script = var_dir / "paths.lua"
    script.write_text(WRK_SCRIPT.replace("PATHS", ", ".join(f'"{p}"' for p in paths)),
                      encoding="utf-8")
    extra = [arg for header in headers for arg in ("-H", header)]
    wrk = ["wrk", "-t2", f"-c{clients}", "-s", str(script), *extra, f"http://127.0.0.1:{port}"]
    subprocess.run([*wrk[:3], f"-d{warm}s", *wrk[3:]], check=True, capture_output=True)
    before = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    out = subprocess.run([*wrk[:3], f"-d{duration}s", *wrk[3:]], check=True,
                         capture_output=True, text=True).stdout
    p50, p95, p99, rps, n, errors = out.split("RESULT ")[1].split()
    return {"p50_ms": float(p50), "p95_ms": float(p95), "p99_ms": float(p99),
            "rps": float(rps), "requests": int(n), "errors": int(errors),
            "load_before": before}
