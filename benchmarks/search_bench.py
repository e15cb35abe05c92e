"""Search latency on a generated corpus of 10,000 documents, on SQLite and PostgreSQL.

Run from the repository root:

    .venv/bin/python benchmarks/search_bench.py                       # SQLite (temp file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cg_search_bench \\
        .venv/bin/python benchmarks/search_bench.py                   # PostgreSQL
    ... --no-write                                                    # print only

The corpus (fixed seed) mixes the kinds the library indexes and forum threads, 60 to
600 words each, drawn from the words of the knowledge files (data/knowledge), with
themes, issues, actions, regions and years as facets; 10 % of documents are private
to one of 50 forum groups. Each query of a realistic set (plain words, synonyms and
abbreviations, phrases, filters, browsing, as an anonymous user and as a member of
private groups) runs 30 times after a warm-up; p50 and p95 include parsing, the page
of hits with snippets, the total and facet counts. The database is created afresh
(SQLite: a temporary file; PostgreSQL: the database named in DATABASE_URL, which must
exist and is emptied). Figures go into the ``<!-- search-bench:start -->`` section of
docs/BENCHMARKS.md, one line per engine.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import secrets
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
DOCUMENTS = 10_000
RUNS = 30
SEED = 20261121

QUERIES: list[tuple[str, dict[str, list[str]]]] = [
    ("English classes for new arrivals", {}),
    ("tension monitoring", {}),
    ("young people", {}),
    ("hate crime reporting", {}),
    ("ASB", {}),
    ("VCS funding", {}),
    ("NEET", {}),
    ('"cohesion impact assessment"', {}),
    ("volunteering", {"type": ["case_study"]}),
    ("community engagement", {"region": ["North West", "London"]}),
    ("myth busting rumours", {"theme": ["communications-and-myth-busting"]}),
    ("", {"type": ["case_study"], "year": ["2019"]}),
    ("", {"action": ["promote-esol-classes"], "type": ["forum_thread"]}),
]


def setup_django() -> str:
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DEBUG", "true")
    if "DATABASE_URL" not in os.environ:
        path = Path(tempfile.mkdtemp()) / "search-bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "commonground.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "core_search", verbosity=0)
    return os.environ["DATABASE_URL"].split(":", 1)[0]


def vocabulary() -> tuple[list[str], dict[str, list[str]]]:
    import yaml

    words: list[str] = []
    ids: dict[str, list[str]] = {}
    for name, key in [("actions", "actions"), ("issues", "issues"), ("themes", "themes"),
                      ("case_studies", "case_studies"), ("resources", "resources"),
                      ("guidance", "guidance"), ("pitfalls", "pitfalls")]:
        data = yaml.safe_load((ROOT / "data" / "knowledge" / f"{name}.yaml").read_text())
        ids[key] = [r["id"] for r in data[key]]
        for record in data[key]:
            for field in ("title", "summary", "outcomes", "description", "name"):
                words += re.findall(r"[A-Za-z][A-Za-z'-]+", str(record.get(field) or ""))
    return words, ids


def build_corpus(rng: random.Random) -> int:
    from django.db import transaction

    from commonground.search.indexing import clean_facets
    from commonground.search.models import SearchDocument, SearchFacet

    words, ids = vocabulary()
    regions = ["North East", "North West", "Yorkshire and The Humber", "East Midlands",
               "West Midlands", "East of England", "London", "South East", "South West",
               "Wales"]
    kinds = ["case_study"] * 4 + ["forum_thread"] * 3 + ["resource", "guidance", "action"]
    from django.db import connection

    if connection.vendor == "postgresql":
        # DELETE would leave the previous run's rows as dead tuples (50,000 after five
        # runs with autovacuum off), which every scan then reads: 3-5 times slower.
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE core_search_facet, core_search_document")
    else:
        SearchDocument.objects.all().delete()
    with transaction.atomic():
        documents = []
        for n in range(DOCUMENTS):
            kind = rng.choice(kinds)
            title = " ".join(rng.choices(words, k=rng.randint(4, 10))).capitalize()
            body = " ".join(rng.choices(words, k=rng.randint(60, 600))) + "."
            year = rng.randint(2008, 2026)
            facets = clean_facets(kind, {
                "theme": rng.sample(ids["themes"], rng.randint(1, 3)),
                "issue": rng.sample(ids["issues"], rng.randint(0, 2)),
                "action": rng.sample(ids["actions"], rng.randint(0, 3)),
                "region": [rng.choice(regions)],
                "family_group": [str(rng.randint(1, 10))],
            }, date(year, 6, 1))
            access = f"forum-group:{rng.randint(1, 50)}" if rng.random() < 0.1 else "public"
            documents.append(SearchDocument(kind=kind, key=str(n), title=title, body=body,
                                            url=f"/bench/{n}/", access=access,
                                            published=date(year, 6, 1), facets=facets))
        created = SearchDocument.objects.bulk_create(documents, batch_size=500)
        SearchFacet.objects.bulk_create(
            (SearchFacet(document=d, name=name, value=value)
             for d in created for name, values in d.facets.items() for value in values),
            batch_size=2000)
    if connection.vendor == "postgresql":
        # What autovacuum does on a live server, now rather than in a minute: planner
        # statistics, and the visibility map that index-only scans need.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE) core_search_document")
            cursor.execute("VACUUM (ANALYZE) core_search_rank")
            cursor.execute("VACUUM (ANALYZE) core_search_facet")
    return len(created)


def measure() -> tuple[dict[str, tuple[float, float, int]], float, float]:
    from django.contrib.auth.models import AnonymousUser

    from commonground.search import access, search

    # Measure the engine with one provider of our own: the apps' providers query
    # tables this benchmark database does not have.
    access._providers.clear()

    class Member:
        is_authenticated = True

    member = Member()
    access.register_access_provider(
        lambda user: {f"forum-group:{g}" for g in range(1, 6)} if user is member else set())
    timings: dict[str, tuple[float, float, int]] = {}
    everything: list[float] = []
    for q, filters in QUERIES:
        for user in (AnonymousUser(), member):
            search(user, q, filters=filters)  # warm-up
            runs = []
            for _ in range(RUNS):
                start = time.perf_counter()
                results = search(user, q, filters=filters)
                runs.append((time.perf_counter() - start) * 1000)
            everything += runs
            label = f"{q or '(browse)'} {filters or ''}".strip()
            label += " [member of 5 private groups]" if user is member else ""
            timings[label] = (statistics.median(runs), quantile(runs, 0.95), results.total)
    return timings, statistics.median(everything), quantile(everything, 0.95)


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def write_docs(engine: str, line: str, command: str) -> None:
    path = ROOT / "docs" / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8")
    start, end = "<!-- search-bench:start -->", "<!-- search-bench:end -->"
    if start not in text:
        text = text.rstrip("\n") + f"\n\n## Search\n\n{start}\n{end}\n"
    before, rest = text.split(start, 1)
    body, after = rest.split(end, 1)
    lines = {ln.split("|")[1].strip().split(" (")[0]: ln for ln in body.splitlines()
             if ln.startswith("| ")
             and not ln.startswith("| engine") and not ln.startswith("|---")}
    lines[engine] = line
    header = (
        "\nGenerated corpus of 10,000 documents (fixed seed, 60-600 words from the knowledge "
        "files, 10 % private), 13 realistic queries (synonyms, phrases, filters, browsing) x "
        f"anonymous and a member of five private groups, {RUNS} runs each after a warm-up; "
        "each search includes the page of hits with snippets, the total and facet counts. "
        "Target: p95 < 50 ms (all queries). The load average is the machine's at the end of "
        "each run: figures taken while other jobs share the CPUs are higher than on an idle "
        "machine; see docs/search.md, Performance.\n\n"
        "| engine | documents | all queries p50 (ms) | all queries p95 (ms) "
        "| slowest query p95 (ms) | load average | measured with |\n"
        "|---|---:|---:|---:|---:|---:|---|\n")
    body = header + "\n".join(lines[k] for k in sorted(lines)) + "\n\n" + \
        f"Last run: {date.today().isoformat()} on {platform.machine()}, Python " \
        f"{platform.python_version()}, `{command}`.\n"
    path.write_text(before + start + body + end + after, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    engine = setup_django()
    from django.db import connection

    rng = random.Random(SEED)
    started = time.perf_counter()
    count = build_corpus(rng)
    print(f"{connection.vendor}: indexed {count} documents in "
          f"{time.perf_counter() - started:.1f} s")
    timings, p50, p95 = measure()
    for label, (median, p95_query, total) in timings.items():
        print(f"  {median:6.1f} ms p50 {p95_query:6.1f} ms p95  {total:5d} hits  {label}")
    slowest = max(t[1] for t in timings.values())
    print(f"all queries: p50 {p50:.1f} ms, p95 {p95:.1f} ms; slowest query p95 {slowest:.1f} ms; "
          f"load average {os.getloadavg()}")
    if not args.no_write:
        name = {"sqlite": "SQLite FTS5", "postgres": "PostgreSQL"}.get(engine, engine)
        with connection.cursor() as cursor:
            cursor.execute("SELECT sqlite_version()" if connection.vendor == "sqlite"
                           else "SHOW server_version")
            version = cursor.fetchone()[0]
        command = ("DATABASE_URL=postgres://... " if connection.vendor == "postgresql" else "") \
            + ".venv/bin/python benchmarks/search_bench.py"
        load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
        write_docs(name, f"| {name} ({version}) | {count:,} | {p50:.1f} | {p95:.1f} | "
                         f"{slowest:.1f} | {load} on {os.cpu_count()} CPUs | `{command}` |",
                   command)


if __name__ == "__main__":
    main()
