#!/usr/bin/env bash
# Time `make run` in a fresh clone until the server answers, then a second start.
#
#   bash benchmarks/first_start.sh [PORT]
#
# Clones this repository into a temporary folder, runs the steps of `make run` (the
# virtualenv and packages, the stylesheet, `commonground demo`) on PORT (default 8106,
# so as not to take the demo's 8000), and prints the seconds until /areas/ answers 200.
# Then stops the server and starts it again on the same database. Package downloads come
# from the machine's pip and npm caches where they hold them, as on a developer's machine.
set -euo pipefail
PORT="${1:-8106}"
REPO="$(cd "$(dirname "$0")/.." && pwd)"
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
echo "packages and stylesheet: $(( $(date +%s) - started )) s"
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
