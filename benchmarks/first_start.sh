#!/usr/bin/env bash
# Time `make run` in a fresh clone until the server answers, then a second start.
#
#   bash benchmarks/first_start.sh [PORT] [--no-write]
#
# Clones this repository into a temporary folder, runs the steps of `make run` (the
# virtualenv and packages, the stylesheet, `commonground demo`) on PORT (default 8106,
# so as not to take the demo's 8000), and prints the seconds until /areas/ answers 200.
# Then stops the server and starts it again on the same database. Package downloads come
# from the machine's pip and npm caches where they hold them, as on a developer's machine.
# Writes its section of docs/BENCHMARKS.md (between the first-start markers) unless
# --no-write is given.
set -euo pipefail
PORT=8106
WRITE=1
for arg in "$@"; do
  case "$arg" in
    --no-write) WRITE=0 ;;
    *[!0-9]*|"") echo "usage: bash benchmarks/first_start.sh [PORT] [--no-write]" >&2; exit 2 ;;
    *) PORT="$arg" ;;
  esac
done
REPO="$(cd "$(dirname "$0")/.." && pwd)"
LOAD="$(cut -d' ' -f1 /proc/loadavg)"
WORK="$(mktemp -d)"
trap 'kill "${SERVER:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
  echo "something already answers on port $PORT; choose another" >&2; exit 1
fi
git clone --quiet "$REPO" "$WORK/clone"
cd "$WORK/clone"

wait_for_server() {
  local started=$1
  until curl -fs -o /dev/null "http://127.0.0.1:$PORT/areas/"; do
    if ! kill -0 "$SERVER" 2>/dev/null; then echo "the server stopped" >&2; exit 1; fi
    sleep 0.5
  done
  echo $(( $(date +%s) - started ))
}

started=$(date +%s)
make --no-print-directory .venv/.runtime-installed build/static/css/app.css > "$WORK/make.log" 2>&1
packages=$(( $(date +%s) - started ))
echo "packages and stylesheet: ${packages} s"
.venv/bin/commonground demo --addrport "127.0.0.1:$PORT" > "$WORK/first.log" 2>&1 &
SERVER=$!
first=$(wait_for_server "$started")
grep -h "^Areas:" "$WORK/first.log" || true
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true

started=$(date +%s)
.venv/bin/commonground demo --addrport "127.0.0.1:$PORT" > "$WORK/second.log" 2>&1 &
SERVER=$!
second=$(wait_for_server "$started")
echo "first start (fresh clone, make run's steps): ${first} s; second start: ${second} s"
[ "$WRITE" = 1 ] || exit 0

# The section of docs/BENCHMARKS.md, written with benchmarks/bench_docs.py.
PYTHON="$REPO/.venv/bin/python"
[ -x "$PYTHON" ] || PYTHON=python3
FIRST="$first" SECOND="$second" PACKAGES="$packages" LOAD="$LOAD" PORT="$PORT" \
  "$PYTHON" - "$REPO/benchmarks" <<'PY'
import os
import sys
import time

sys.path.insert(0, sys.argv[1])
from bench_docs import replace_section

START = "<!-- first-start:start (written by benchmarks/first_start.sh) -->"
END = "<!-- first-start:end -->"
first = int(os.environ["FIRST"])
text = "\n".join([
    START, "",
    f"Last run {time.strftime('%Y-%m-%d')} with `bash benchmarks/first_start.sh "
    f"{os.environ['PORT']}` ({os.cpu_count()} cores shared with other work, load average "
    f"{os.environ['LOAD']} at the start).", "",
    "| step | wall clock |",
    "|---|---:|",
    f"| packages and stylesheet (`make run`'s `make` steps) | {os.environ['PACKAGES']} s |",
    f"| fresh clone to the server answering (`/areas/` 200) | **{first} s** |",
    f"| second start of the same clone | {os.environ['SECOND']} s |",
    "",
    f"Goal: the first start under two minutes (issue 13): "
    f"{'met' if first < 120 else 'missed'}.",
    "", END])
replace_section(START, END, "## First start of `make run` (every council's wards and LSOAs)",
                text)
print(text)
PY
