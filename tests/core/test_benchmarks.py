"""``make bench`` runs every benchmark, each writing its own section of docs/BENCHMARKS.md,
and its quick runs leave the doc alone (issue 14)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
# imported by the scripts
HELPERS = {"bench_docs.py", "loadtest.py", "query_count.py", "run_all.py"}
LEAVE_THE_DOC_ALONE = {"--no-write", "--no-doc", "--json"}


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name.removesuffix(".py"), BENCHMARKS / name)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_all() -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_all", BENCHMARKS / "run_all.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("run_all", module)  # its dataclass looks its module up
    spec.loader.exec_module(module)
    return module


def scripts() -> list[str]:
    return sorted(p.name for p in BENCHMARKS.iterdir()
                  if p.suffix in (".py", ".sh") and p.name not in HELPERS)


def test_run_all_lists_every_benchmark_and_each_writes_its_section() -> None:
    listed = {bench.full[0] for bench in run_all().BENCHMARKS}
    assert set(scripts()) - listed == set(), "add a Bench line to benchmarks/run_all.py"
    for name in scripts():
        assert ":start" in (BENCHMARKS / name).read_text(encoding="utf-8"), (
            f"{name} prints its figures without writing its section between markers")


def test_quick_runs_leave_the_doc_alone() -> None:
    for bench in run_all().BENCHMARKS:
        if bench.quick is not None:
            assert LEAVE_THE_DOC_ALONE & set(bench.quick), bench.name


@pytest.mark.django_db
def test_queries_are_counted_as_they_run_whatever_happens_to_the_log() -> None:
    """survey_results_bench.py printed 0 queries for a warm request of 4: it read
    ``len()`` of its CaptureQueriesContext after 30 more requests, and each request's
    start empties the connection's log, which the context slices when asked. A full
    log (DEBUG keeps at most ``queries_limit``) counts 0 too. ``query_count.counted``
    keeps each statement as it is sent."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from commonground.accounts.models import Organisation, User

    counting = _load("query_count.py")
    with CaptureQueriesContext(connection) as logged, counting.counted() as statements:
        User.objects.count()
        list(Organisation.objects.all())
    # What the next request's start does to the log (Django's request_started handler;
    # sending the signal itself would also run close_old_connections, which closes
    # PostgreSQL's connection inside the test's transaction).
    reset_queries()
    assert len(logged) == 0  # what the benchmark printed
    assert len(statements) == 2
    assert "accounts_organisation" in statements[1]
    connection.queries_log.extend({"sql": "", "time": "0.000"}
                                  for _ in range(connection.queries_limit))
    try:
        with CaptureQueriesContext(connection) as logged, counting.counted() as statements:
            User.objects.count()
        assert (len(logged), len(statements)) == (0, 1)
    finally:
        connection.queries_log.clear()
