"""Time the area search (places.area_search) over every council and ward name of the demo.

Builds the index from data/demo/ (331 councils, 7,536 wards, with their Welsh names) as
the server does from the database, then times typical queries: exact, prefix, misspelt,
Welsh. No database is needed.

    PYTHONPATH=src .venv/bin/python benchmarks/area_search_bench.py
"""

from __future__ import annotations

import csv
import gzip
import io
import statistics
import time
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo"
QUERIES = ["Manchester", "Mancester", "traff", "Caerdydd", "Llandaf", "Gwyr", "Sale",
           "Birmingam", "Westminstr", "Ynys Mon", "St Marys", "E08000009", "ab", "North"]


def rows(name: str) -> list[dict[str, str]]:
    raw = (DEMO / name).read_bytes()
    text = gzip.decompress(raw).decode() if name.endswith(".gz") else raw.decode()
    return list(csv.DictReader(io.StringIO(text)))


def main() -> None:
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
    for query in QUERIES:
        runs = []
        for _ in range(20):
            t = time.perf_counter()
            found = area_search.search(query, found=index)
            runs.append(time.perf_counter() - t)
        times += runs
        first = found[0].entry.name if found else "-"
        print(f"  {query!r:14} median {statistics.median(runs) * 1000:6.2f} ms  "
              f"first: {first}")
    times.sort()
    print(f"all queries: median {statistics.median(times) * 1000:.2f} ms, "
          f"p95 {times[int(0.95 * len(times))] * 1000:.2f} ms")


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonground.settings")
    os.environ.setdefault("DEBUG", "true")
    django.setup()
    main()
