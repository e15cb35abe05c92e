"""Peak memory of reading a 30 MB open-data file (issue 14, imports).

Makes two files of about 30 MB in a temporary folder: a wide table of counts (one row per
output area, 20 groups and a total, as an upload or ``import_counts`` reads it) and the
long layout (one row per LSOA and category, as ``import_tidy`` reads it). Each is read and
checked by the places reader in a process of its own under ``/usr/bin/time -v``, which
reports the process's peak resident memory; a bare Python process that imports the same
modules is measured the same way, so the reading's own share is the difference.

    .venv/bin/python benchmarks/import_memory.py            # prints, writes BENCHMARKS.md
    .venv/bin/python benchmarks/import_memory.py --no-write
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_docs import replace_section  # noqa: E402

START = "<!-- import-memory:start (written by benchmarks/import_memory.py) -->"
END = "<!-- import-memory:end -->"
AREAS_WIDE = 188_000  # output areas in England and Wales, about
GROUPS = 36
LSOAS = 35_672
CATEGORIES = 19

READ = r"""
import sys
from pathlib import Path
from commonground.places import readers
kind, path = sys.argv[1], Path(sys.argv[2])
if kind == "baseline":
    raise SystemExit(0)
prefix = "E00" if kind == "wide" else "E01"
n = {n} if kind == "wide" else {m}
known = {{f"{{prefix}}{{i:06d}}": i for i in range(n)}}
if kind == "wide":
    table = readers.read_wide_counts(path, name=path.name, known=known, level="oa",
                                     code_col="area_code",
                                     groups=[f"g{{j}}" for j in range({g})], total_col="total")
else:
    table = readers.read_tidy_counts(path, name=path.name, known=known, level="lsoa")
print(len(table.codes))
"""


def make_wide(path: Path, seed: int) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(",".join(["area_code", *(f"g{j}" for j in range(GROUPS)), "total"]) + "\n")
        for i in range(AREAS_WIDE):
            counts = [rng.randrange(0, 400) for _ in range(GROUPS)]
            fh.write(",".join([f"E00{i:06d}", *map(str, counts),
                               str(sum(counts) + rng.randrange(0, 50))]) + "\n")


def make_tidy(path: Path, seed: int) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("area_code,geography,period,ethnic_group,value\n")
        for i in range(LSOAS):
            for c in range(CATEGORIES):
                fh.write(f"E01{i:06d},LSOA,2021,Category number {c:02d},"
                         f"{rng.randrange(0, 900)}\n")


def peak(kind: str, path: Path) -> tuple[float, float]:
    """Peak resident memory (MB) and wall seconds of reading ``path`` in a new process."""
    code = READ.format(n=AREAS_WIDE, m=LSOAS, g=GROUPS)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", sys.executable, "-c", code, kind, str(path)],
                          env=env, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    return kb / 1024, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cg-import-memory-") as tmp:
        wide, tidy = Path(tmp) / "wide.csv", Path(tmp) / "tidy.csv"
        make_wide(wide, 1)
        make_tidy(tidy, 2)
        base, _ = peak("baseline", wide)
        rows = []
        for kind, path, what in (("wide", wide, f"wide counts: {AREAS_WIDE:,} areas x "
                                  f"{GROUPS} groups and a total"),
                                 ("tidy", tidy, f"long layout: {LSOAS:,} LSOAs x "
                                  f"{CATEGORIES} categories")):
            mb, wall = peak(kind, path)
            size = path.stat().st_size / 1e6
            rows.append(f"| {what} | {size:.1f} | {mb:,.0f} | {mb - base:,.0f} | {wall:.1f} |")
    load = os.getloadavg()[0]
    text = "\n".join([
        START,
        f"Measured {time.strftime('%Y-%m-%d')} with `.venv/bin/python "
        "benchmarks/import_memory.py` (each file read and checked by the places reader in a "
        "process of its own under `/usr/bin/time -v`; *peak* is its maximum resident set "
        f"size, *reading's share* that less a process importing the same modules, "
        f"{base:,.0f} MB). Load average {load:.1f} on 2 shared cores.",
        "",
        "| file | size (MB) | peak (MB) | reading's share (MB) | wall (s) |",
        "|---|---:|---:|---:|---:|",
        *rows,
        END,
    ])
    print(text)
    if not args.no_write:
        replace_section(START, END, "## Reading a 30 MB import file: peak memory", text)


if __name__ == "__main__":
    main()
