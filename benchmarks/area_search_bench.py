"""Time the area search (places.area_search) over every council and ward name of the demo.

Builds the index from data/demo/ (331 councils, 7,536 wards, with their Welsh names) as
the server does from the database, then times typical queries: exact, prefix, misspelt,
Welsh. No database is needed. Writes its section of docs/BENCHMARKS.md (between the
area-search markers) unless ``--no-write``.

    PYTHONPATH=src .venv/bin/python benchmarks/area_search_bench.py [--no-write]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import os
import platform
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_docs import replace_section  # noqa: E402

DEMO = REPO / "data" / "demo"
START = "<!-- area-search:start (written by benchmarks/area_search_bench.py) -->"
END = "<!-- area-search:end -->"
HEADING = "## Area search (councils and wards, typos and Welsh names)"
QUERIES = ["Manchester", "Mancester", "traff", "Caerdydd", "Llandaf", "Gwyr", "Sale",
           "Birmingam", "Westminstr", "Ynys Mon", "St Marys", "E08000009", "ab", "North"]


def rows(name: str) -> list[dict[str, str]]:
    raw = (DEMO / name).read_bytes()
    text = gzip.decompress(raw).decode() if name.endswith(".gz") else raw.decode()
    return list(csv.DictReader(io.StringIO(text)))


def main(write: bool) -> None:
    from commonground.places import area_search
    from commonground.places.area_search import Entry

    councils = {r["council_code"]: r for r in rows("councils.csv")}
    entries = [Entry(c, r["council_name"], r["council_name_cy"], "council", "")
               for c, r in councils.items()]
    entries += [Entry(r["ward24_code"], r["ward24_name"], r["ward24_name_cy"], "ward",
                      councils[r["council_code"]]["council_name"])
                for r in rows("wards24.csv.gz")]
    started = time.perf_counter()
    index = area_search.build(entries)
    built = time.perf_counter() - started
    print(f"{len(entries):,} areas, {len(index.texts):,} names: index built in "
          f"{built * 1000:.0f} ms")
    times: list[float] = []
    slowest: tuple[float, str] = (0.0, "")
    for query in QUERIES:
        runs = []
        for _ in range(20):
            t = time.perf_counter()
            found = area_search.search(query, found=index)
            runs.append(time.perf_counter() - t)
        times += runs
        slowest = max(slowest, (statistics.median(runs), query))
        first = found[0].entry.name if found else "-"
        print(f"  {query!r:14} median {statistics.median(runs) * 1000:6.2f} ms  "
              f"first: {first}")
    times.sort()
    median, p95 = statistics.median(times) * 1000, times[int(0.95 * len(times))] * 1000
    print(f"all queries: median {median:.2f} ms, p95 {p95:.2f} ms")
    if write:
        councils_n = sum(e.level == "council" for e in entries)
        text = "\n".join([
            START, "",
            f"Measured {time.strftime('%Y-%m-%d')} with `PYTHONPATH=src .venv/bin/python "
            f"benchmarks/area_search_bench.py` (Python {platform.python_version()}, "
            f"{os.cpu_count()} cores shared with other work, load average "
            f"{os.getloadavg()[0]:.1f}).", "",
            f"- Index of the {councils_n:,} councils and {len(entries) - councils_n:,} wards "
            f"with their Welsh names ({len(index.texts):,} names): built in "
            f"{built * 1000:.0f} ms, once per process and again only when councils or wards "
            "are added or removed (`core.stamped`); each search asks the database one count "
            "for the stamp.",
            f"- {len(QUERIES)} typical queries (exact, prefix, misspelt \"Mancester\", "
            "\"Birmingam\", \"Westminstr\", Welsh \"Caerdydd\", \"Llandaf\", \"Gŵyr\" "
            "typed without its accent, a code, a two-letter prefix, the very common word "
            f"\"North\"), 20 runs each: **median {median:.2f} ms, p95 {p95:.0f} ms**; the "
            f"slowest query, {slowest[1]!r}, has a median of {slowest[0] * 1000:.1f} ms.",
            "- Why Python and not the database: the same code and results on SQLite and "
            "PostgreSQL (pg_trgm is an extension a host may not allow, and SQLite has none), "
            "and at these times a database round trip would cost more than the matching.",
            "", END])
        replace_section(START, END, HEADING, text)


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonground.settings")
    os.environ.setdefault("DEBUG", "true")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true",
                        help="print the figures; leave docs/BENCHMARKS.md alone")
    args = parser.parse_args()
    django.setup()
    main(write=not args.no_write)
