"""Library and forum search at national scale (issue 14, performance), on SQLite and PostgreSQL.

Run from the repository root:

    .venv/bin/python benchmarks/search_national_bench.py                  # SQLite (temp file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cg_search \\
        .venv/bin/python benchmarks/search_national_bench.py              # PostgreSQL
    ... --no-write                                                       # print only

The search index only (not the apps' tables), shaped as benchmarks/site_load.py's
``build()`` makes it: 20,000 library resources (a title of one real sentence from the
knowledge files, a summary of 3 to 12, the publisher and kind, one to three themes and
a year) and 100,000 forum posts in threads of 1 to 60 posts (Pareto sizes, as there),
one document per thread (its title, its posts' text, region and year): about 50,000
documents, all public as in the regional forums. Then site_load's 20 searches as its
two search pages make them: the library's (anonymous, no filter) and the forums'
(a signed-in resident, filtered to forum threads), ``RUNS`` runs each after a warm-up.
A search's time includes parsing, the page of hits with snippets, the total and the
facet counts; "SQL" is the part spent in the database (statements timed by an
execute wrapper). Figures go between the ``search-national`` markers of
docs/BENCHMARKS.md, one line per engine.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_docs import replace_section  # noqa: E402 - after the path above
from search_bench import quantile, setup_django  # noqa: E402
from site_load import SEARCHES, sentences  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = 20_000
POSTS = 100_000
RUNS = 15
SEED = 14
START = "<!-- search-national:start (written by benchmarks/search_national_bench.py) -->"
END = "<!-- search-national:end -->"
REGIONS = ["North East", "North West", "Yorkshire and The Humber", "East Midlands",
           "West Midlands", "East of England", "London", "South East", "South West", "Wales"]
THEMES = ["belonging", "communications-and-myth-busting", "community-engagement",
          "education-and-young-people", "employment-and-skills", "esol-and-integration",
          "faith-and-interfaith", "hate-crime", "housing", "leadership", "sport-and-culture",
          "tension-monitoring"]
KINDS = ["Guidance", "Toolkit", "Research", "Briefing", "Policy", "Data", "Network"]
PUBLISHERS = ["Local Government Association", "Home Office", "Welsh Government",
              "Belong Network", "British Future", "Cohesion Trust", "Citizens UK",
              "Runnymede Trust", "Joseph Rowntree Foundation"]


def build_corpus(rng: random.Random, posts: int = POSTS, resources: int = RESOURCES) -> int:
    from django.db import connection, transaction

    from commonground.search.indexing import clean_facets
    from commonground.search.models import SearchDocument, SearchFacet

    words = sentences()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # no dead tuples from a previous run
            cursor.execute("TRUNCATE core_search_facet, core_search_document")
    else:
        SearchDocument.objects.all().delete()
    documents: list[SearchDocument] = []

    def add(kind: str, key: str, title: str, body: str, facets: dict[str, list[str]],
            year: int) -> None:
        published = date(year, 6, 1)
        documents.append(SearchDocument(
            kind=kind, key=key, title=title, body=body, url=f"/bench/{kind}/{key}/",
            access="public", published=published,
            facets=clean_facets(kind, facets, published)))

    made = threads = 0
    while made < posts:  # as site_load.build(): titles and posts of real sentences
        size = min(posts - made, max(1, int(rng.paretovariate(1.2))), 60)
        title = rng.choice(words)[:140].rstrip(".") + "?"
        bodies = [" ".join(rng.sample(words, rng.randint(1, 4))) for _ in range(size)]
        threads += 1
        add("forum_thread", str(threads), title, "\n\n".join(bodies),
            {"region": [rng.choice(REGIONS)]}, rng.randint(2021, 2026))
        made += size
    for n in range(resources):
        title = rng.choice(words)[:120].rstrip(".")
        summary = " ".join(rng.sample(words, rng.randint(3, 12)))
        add("resource", str(n), title, "\n".join([summary, rng.choice(PUBLISHERS),
                                                  rng.choice(KINDS)]),
            {"theme": rng.sample(THEMES, rng.randint(1, 3))}, rng.randint(2005, 2026))
    with transaction.atomic():
        created = SearchDocument.objects.bulk_create(documents, batch_size=500)
        SearchFacet.objects.bulk_create(
            (SearchFacet(document=d, name=name, value=value)
             for d in created for name, values in d.facets.items() for value in values),
            batch_size=2000)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in ("core_search_document", "core_search_rank", "core_search_facet"):
                cursor.execute(f"VACUUM (ANALYZE) {table}")
        else:
            cursor.execute("ANALYZE")
    return len(created)


class SQLTimer:
    """Time spent in the database, summed over the statements of one search."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool,
                 context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


Timing = tuple[float, float, float, int]  # p50, p95, SQL p50 (ms), total


def measure(runs: int) -> dict[str, dict[str, Timing]]:
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from commonground.search import access, search

    access._providers.clear()  # the apps' providers read tables this database lacks

    class Resident:
        is_authenticated = True

    pages: dict[str, tuple[Any, dict[str, list[str]]]] = {
        "library search": (AnonymousUser(), {}),
        "forum search": (Resident(), {"type": ["forum_thread"]}),
    }
    out: dict[str, dict[str, Timing]] = {}
    for page, (user, filters) in pages.items():
        out[page] = {}
        for q in SEARCHES:
            search(user, q, filters=filters)  # warm-up
            times, sql = [], []
            for _ in range(runs):
                timer = SQLTimer()
                started = time.perf_counter()
                with connection.execute_wrapper(timer):
                    results = search(user, q, filters=filters)
                times.append((time.perf_counter() - started) * 1000)
                sql.append(timer.seconds * 1000)
            out[page][q] = (statistics.median(times), quantile(times, 0.95),
                            statistics.median(sql), results.total)
    return out


def summary(timings: dict[str, Timing]) -> tuple[float, float, float]:
    """Over the page's queries, each equally likely (as site_load asks them): the median
    of the queries' p50s, the largest p95, the median SQL time."""
    values = list(timings.values())
    return (statistics.median(v[0] for v in values), max(v[1] for v in values),
            statistics.median(v[2] for v in values))


def write_docs(rows: dict[str, str], command: str, doc: Path, runs: int) -> None:
    page = replace_section  # the section is rebuilt with this run's engine line replaced
    text = doc.read_text(encoding="utf-8")
    kept: dict[str, str] = {}
    if START in text:
        for line in text.split(START, 1)[1].split(END, 1)[0].splitlines():
            if line.startswith("| ") and not line.startswith(("| engine", "|---")):
                kept[" | ".join(c.strip() for c in line.split("|")[1:3])] = line
    kept.update(rows)
    body = (
        f"{START}\n"
        f"About 50,000 documents shaped as site_load's (20,000 library resources of real "
        f"sentences, 100,000 forum posts in threads), site_load's 20 searches on its two "
        f"search pages (library: anonymous, no filter; forums: a resident, forum threads "
        f"only), {runs} runs each after a warm-up, in one process (no HTTP, no template). "
        f"p50 is the median of the 20 queries' medians, p95 the slowest query's p95, SQL the "
        f"median query's time in the database. Timings on the shared 2-core machine are "
        f"indicative: the load average is given.\n\n"
        "| engine | page | documents | p50 (ms) | slowest query p95 (ms) | SQL p50 (ms) "
        "| load average | measured |\n|---|---|---:|---:|---:|---:|---|---|\n"
        + "\n".join(kept[k] for k in sorted(kept))
        + f"\n\nLast run: `{command}`.\n{END}")
    page(START, END, "## Search at national scale (library and forum search)", body, doc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--label", default="", help="e.g. 'before' or 'after', in the table")
    parser.add_argument("--keep", action="store_true",
                        help="reuse the corpus already in the database")
    parser.add_argument("--posts", type=int, default=POSTS)
    parser.add_argument("--resources", type=int, default=RESOURCES)
    parser.add_argument("--doc", type=Path, default=ROOT / "docs" / "BENCHMARKS.md",
                        help="the page to write (another checkout's, to compare code)")
    args = parser.parse_args()
    engine = setup_django()
    from django.db import connection

    started = time.perf_counter()
    if args.keep:
        from commonground.search.models import SearchDocument
        count = SearchDocument.objects.count()
    else:
        count = build_corpus(random.Random(SEED), args.posts, args.resources)
    print(f"{connection.vendor}: {count} documents ready in "
          f"{time.perf_counter() - started:.1f} s")
    results = measure(args.runs)
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    name = {"sqlite": "SQLite FTS5", "postgres": "PostgreSQL"}.get(engine, engine)
    rows = {}
    for page, timings in results.items():
        for q, (p50, p95, sql, total) in timings.items():
            print(f"  {page:15s} {p50:6.1f} ms p50 {p95:6.1f} ms p95 {sql:6.1f} ms SQL "
                  f"{total:6d} hits  {q}")
        p50, p95, sql = summary(timings)
        print(f"{page}: p50 {p50:.1f} ms, slowest p95 {p95:.1f} ms, SQL p50 {sql:.1f} ms; "
              f"load average {load}")
        label = f"{name} {args.label}".strip()
        rows[f"{label} | {page}"] = (
            f"| {label} | {page} | {count:,} | {p50:.1f} | {p95:.1f} | {sql:.1f} | {load} "
            f"| {date.today().isoformat()}, {platform.machine()} |")
    if not args.no_write:
        command = ("DATABASE_URL=postgres://... " if connection.vendor == "postgresql" else "") \
            + "nice -n 19 .venv/bin/python benchmarks/search_national_bench.py" \
            + "".join(f" {a}" for a in sys.argv[1:] if not a.startswith("--doc"))
        write_docs(rows, command, args.doc, args.runs)


if __name__ == "__main__":
    main()
