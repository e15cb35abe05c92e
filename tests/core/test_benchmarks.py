"""``make bench`` runs every benchmark, each writing its own section of docs/BENCHMARKS.md,
and its quick runs leave the doc alone (issue 14)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
HELPERS = {"bench_docs.py", "loadtest.py", "run_all.py"}  # imported by the scripts
LEAVE_THE_DOC_ALONE = {"--no-write", "--no-doc", "--json"}


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
