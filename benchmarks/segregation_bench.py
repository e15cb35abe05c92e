"""Time our batch segregation indices against PySAL segregation, side by side.

Run from the repository root (about a minute)::

    .venv/bin/python benchmarks/segregation_bench.py             # update docs/BENCHMARKS.md
    .venv/bin/python benchmarks/segregation_bench.py --no-write  # print only

Two tables: a synthetic national-scale one (188,000 areas x 19 groups in 330 districts,
fixed seed) and the real Census 2021 LSOA file (35,672 LSOAs x 5 groups, 331 councils).
For each index: our time for every district in one call, PySAL's time through its
fastest public route for many districts (a pandas ``groupby`` over districts calling its
class on each, single thread), the ratio and the largest difference between the two
results.  Single-threaded on purpose (BLAS and OpenMP pinned to one thread).  The figures
replace the section between the markers in ``docs/BENCHMARKS.md``.
"""

from __future__ import annotations

import os

# pin every thread pool before numpy is imported
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from numpy.typing import NDArray  # noqa: E402

from commonground.analytics import diversity, multigroup, twogroup  # noqa: E402
from commonground.analytics.segregation import all_indices  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "BENCHMARKS.md"
HEADING = "## Segregation and diversity indices"
START = "<!-- segregation-bench:start (written by benchmarks/segregation_bench.py) -->"
END = "<!-- segregation-bench:end -->"
COMMAND = ".venv/bin/python benchmarks/segregation_bench.py"

SEED = 20261121
N_AREAS = 188_000
N_GROUPS = 19
N_DISTRICTS = 330
REPEATS = 5
#: run PySAL on a subset and extrapolate only if a full run would exceed this (seconds)
PYSAL_BUDGET_S = 300.0
LSOA = "census2021_ethnicity_lsoa/census2021_ts021_ethnic_group_5cat_lsoa21.csv"

MULTI = [
    ("multi_dissimilarity", "MultiDissim"),
    ("multi_gini", "MultiGini"),
    ("multi_theil", "MultiInfoTheory"),
    ("normalised_exposure", "MultiNormExposure"),
    ("relative_diversity", "MultiRelativeDiversity"),
    ("squared_coef_variation", "MultiSquaredCoefVar"),
    ("divergence", "MultiDivergence"),
    ("simpson_interaction", "SimpsonsInteraction"),
    ("entropy", "MultiDiversity"),
]
SINGLE = [
    ("dissimilarity", "Dissim"),
    ("gini", "Gini"),
    ("theil", "Entropy"),
    ("isolation", "Isolation"),
    ("interaction", "Interaction"),
    ("correlation_ratio", "CorrelationR"),
]


def synthetic_table(rng: np.random.Generator) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """188,000 output-area-like rows in 330 districts of very different sizes.

    District sizes are log-normal (a few dozen to a few thousand areas); each district
    has a majority group and minority shares that fall off steeply, and in small
    districts the rarest groups are absent altogether; areas scatter around their
    district's mix (Dirichlet, so there is real segregation) and their counts are
    multinomial draws of about 300 people, giving many zero cells.
    """
    weights = rng.lognormal(0.0, 0.8, N_DISTRICTS)
    sizes = np.maximum(20, np.floor(weights / weights.sum() * N_AREAS)).astype(np.int64)
    sizes[np.argmax(sizes)] += N_AREAS - sizes.sum()
    district = np.repeat(np.arange(N_DISTRICTS), sizes)
    rank = np.arange(N_GROUPS)
    base = np.exp(-0.3 * rank)[None, :] * rng.lognormal(0.0, 1.0, (N_DISTRICTS, N_GROUPS))
    base[:, 0] = rng.uniform(1.5, 15.0, N_DISTRICTS) * base[:, 1:].sum(axis=1)
    small = sizes < np.quantile(sizes, 0.3)
    absent = (rank[None, :] >= N_GROUPS - 4) & (rng.random((N_DISTRICTS, N_GROUPS)) < 0.6)
    base[small[:, None] & absent] = 0.0
    mix = base / base.sum(axis=1, keepdims=True)
    alpha = mix[district] * rng.uniform(10.0, 80.0, N_DISTRICTS)[district][:, None]
    # Dirichlet via gammas; a zero alpha (absent group) stays exactly zero
    g = np.where(alpha > 0, rng.gamma(np.maximum(alpha, 1e-12)), 0.0)
    shares = g / g.sum(axis=1, keepdims=True)
    people = rng.poisson(300, N_AREAS)
    people[rng.random(N_AREAS) < 0.001] = 0  # a few empty areas
    counts = rng.multinomial(people, shares).astype(np.float64)
    return counts, district


def best_of(fn: Callable[[], Any], repeats: int = REPEATS) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def ours(
    counts: NDArray[np.float64], regions: NDArray[Any], focal: int, total: NDArray[np.float64]
) -> tuple[dict[str, float], dict[str, NDArray[np.float64]], float]:
    times: dict[str, float] = {}
    values: dict[str, NDArray[np.float64]] = {}
    for name, _ in MULTI:
        mod = diversity if name in ("simpson_interaction", "entropy") else multigroup
        fn = getattr(mod, name)
        times[name], res = best_of(lambda fn=fn: fn(counts, regions))
        values[name] = res.values
    for name, _ in SINGLE:
        fn = getattr(twogroup, name)
        times[name], res = best_of(lambda fn=fn: fn(counts, regions, focal, total))
        values[name] = res.values
    times["location_quotients"], values["location_quotients"] = best_of(
        lambda: diversity.location_quotients(counts, regions)
    )
    t_all, _ = best_of(lambda: all_indices(counts, regions, focal=focal, total=total))
    return times, values, t_all


def pysal(
    frame: pd.DataFrame, region_col: str, groups: list[str], focal: str, total: str
) -> tuple[dict[str, float], dict[str, NDArray[np.float64]], float]:
    """PySAL through groupby; returns times, values per district and the share of
    districts actually run (1.0 unless extrapolated)."""
    import segregation.local as seg_local
    import segregation.multigroup as seg_multi
    import segregation.singlegroup as seg_single

    warnings.simplefilter("ignore")
    jobs: list[tuple[str, Callable[[pd.DataFrame], Any]]] = []
    for name, cls_name in MULTI:
        cls = getattr(seg_multi, cls_name)
        jobs.append((name, lambda g, cls=cls: cls(g, groups).statistic))
    for name, cls_name in SINGLE:
        cls = getattr(seg_single, cls_name)
        jobs.append((name, lambda g, cls=cls: cls(g, focal, total).statistic))
    lq = seg_local.MultiLocationQuotient
    jobs.append(("location_quotients", lambda g: np.asarray(lq(g, groups).statistics)))

    first = frame[frame[region_col] == frame[region_col].iloc[0]]
    for _, job in jobs:  # warm-up: PySAL's first Gini call alone takes seconds
        job(first.reset_index(drop=True))

    districts = np.unique(frame[region_col])
    # time a 10 % sample first to decide whether a full run fits the budget
    sample = districts[:: max(1, len(districts) // 33)]
    t0 = time.perf_counter()
    for _, job in jobs:
        frame[frame[region_col].isin(sample)].groupby(region_col, sort=True)[
            [*groups, total] if total not in groups else groups
        ].apply(lambda g, job=job: job(g.reset_index(drop=True)))
    estimate = (time.perf_counter() - t0) * len(districts) / len(sample)
    share = 1.0
    if estimate > PYSAL_BUDGET_S:
        share = PYSAL_BUDGET_S / estimate
        keep = districts[:: int(np.ceil(1 / share))]
        share = len(keep) / len(districts)
        frame = frame[frame[region_col].isin(keep)]
    times: dict[str, float] = {}
    values: dict[str, NDArray[np.float64]] = {}
    cols = [*groups, total] if total not in groups else groups
    for name, job in jobs:
        t0 = time.perf_counter()
        res = frame.groupby(region_col, sort=True)[cols].apply(
            lambda g, job=job: job(g.reset_index(drop=True))
        )
        times[name] = (time.perf_counter() - t0) / share
        if name == "location_quotients":
            values[name] = np.concatenate(list(res.to_numpy()))
        else:
            values[name] = res.to_numpy(dtype=np.float64)
    return times, values, share


def compare(
    title: str,
    counts: NDArray[np.float64],
    regions: NDArray[Any],
    groups: list[str],
    focal: int,
    total: NDArray[np.float64],
) -> dict[str, Any]:
    frame = pd.DataFrame(counts, columns=groups)
    frame["total_pop"] = total
    frame["district"] = regions
    # PySAL reads rows in frame order; sort by district so LQ rows line up with ours
    order = np.argsort(regions, kind="stable")
    frame = frame.iloc[order].reset_index(drop=True)
    our_t, our_v, our_all = ours(counts[order], regions[order], focal, total[order])
    print(f"[{title}] ours: all indices in one call {our_all:.3f} s", flush=True)
    py_t, py_v, share = pysal(frame, "district", groups, groups[focal], "total_pop")
    rows = []
    for name in [n for n, _ in MULTI] + [n for n, _ in SINGLE] + ["location_quotients"]:
        a, b = np.asarray(our_v[name]), np.asarray(py_v[name])
        if share < 1.0 or a.shape != b.shape:
            diff = float("nan")
        else:
            both = np.isfinite(a) & np.isfinite(b)
            diff = float(np.max(np.abs(a[both] - b[both]))) if both.any() else float("nan")
        rows.append((name, our_t[name], py_t[name], diff))
        print(
            f"  {name:24s} ours {our_t[name] * 1e3:9.2f} ms  pysal {py_t[name]:8.3f} s  "
            f"x{py_t[name] / our_t[name]:8.0f}  max|diff| {diff:.1e}",
            flush=True,
        )
    return {
        "title": title,
        "rows": rows,
        "our_sum": sum(r[1] for r in rows),
        "our_all": our_all,
        "pysal_sum": sum(r[2] for r in rows),
        "share": share,
        "n_areas": counts.shape[0],
        "n_groups": counts.shape[1],
        "n_regions": len(np.unique(regions)),
        "zero_cells": float((counts == 0).mean()),
    }


def render(results: list[dict[str, Any]]) -> str:
    import segregation

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next(line.split(":", 1)[1].strip() for line in fh if "model name" in line)
    except (OSError, StopIteration):
        pass
    lines = [
        START,
        "",
        f"Measured {dt.date.today().isoformat()} with `{COMMAND}`",
        f"on {cpu}, {os.cpu_count()} cores, single thread (OMP/OpenBLAS/MKL pinned to 1);",
        f"Python {platform.python_version()}, NumPy {np.__version__}, pandas {pd.__version__}, "
        f"PySAL segregation {segregation.__version__} (without numba, its optional JIT).",
        "",
        "*Ours* is one call for every district (validation, grouping and the index), best of "
        f"{REPEATS}. *PySAL* is `df.groupby(district).apply(lambda g: Index(g, ...).statistic)`"
        ", its fastest public route for many districts, one run after a warm-up call. "
        "*max diff* is the largest absolute difference between the two over the districts "
        "where PySAL gives a number (PySAL gives NaN where a group is absent; see "
        "`commonground.analytics.multigroup`). The two-group indices use group 2 as focal.",
        "",
    ]
    for res in results:
        lines += [
            f"### {res['title']}",
            "",
            f"{res['n_areas']:,} areas x {res['n_groups']} groups in {res['n_regions']} "
            f"districts, {res['zero_cells']:.0%} of cells zero.",
            "",
        ]
        if res["share"] < 1.0:
            lines += [
                f"PySAL was run on {res['share']:.0%} of the districts (a full run would "
                f"exceed {PYSAL_BUDGET_S:.0f} s) and its times scaled up; no diff is shown.",
                "",
            ]
        lines += [
            "| index | ours (ms) | PySAL (s) | speed-up | max diff |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, ot, pt, diff in res["rows"]:
            lines.append(f"| {name} | {ot * 1e3:.1f} | {pt:.2f} | {pt / ot:,.0f}x | {diff:.1e} |")
        lines += [
            f"| **every index, one call each** | **{res['our_sum'] * 1e3:.0f}** | "
            f"**{res['pysal_sum']:.1f}** | **{res['pysal_sum'] / res['our_sum']:,.0f}x** | |",
            f"| every index, `all_indices` (shared work, no location quotients) | "
            f"{res['our_all'] * 1e3:.0f} | | **{res['pysal_sum'] / res['our_all']:,.0f}x** | |",
            "",
            f"Goals: slowest single index {max(r[1] for r in res['rows']) * 1e3:.0f} ms "
            f"(goal 300 ms); `all_indices` {res['our_all'] * 1e3:.0f} ms; overall speed-up "
            f"{res['pysal_sum'] / res['our_all']:,.0f}x with `all_indices`, "
            f"{res['pysal_sum'] / res['our_sum']:,.0f}x calling each index on its own "
            "(goal 20x). Per index, our time is mostly the fixed cost of checking the input "
            "and grouping the areas, which `all_indices` pays once.",
            "",
        ]
    lines.append(END)
    return "\n".join(lines)


def update_doc(section: str) -> None:
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + section + after
    elif HEADING in text:
        text = text.replace(HEADING, f"{HEADING}\n\n{section}", 1)
    else:
        text = text.rstrip("\n") + f"\n\n{HEADING}\n\n{section}\n"
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
    print(f"updated {DOC}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print, do not update docs")
    args = parser.parse_args()
    rng = np.random.default_rng(SEED)
    counts, district = synthetic_table(rng)
    groups = [f"g{k:02d}" for k in range(N_GROUPS)]
    results = [compare("Synthetic national table", counts, district, groups, 1, counts.sum(axis=1))]
    data = Path(os.environ.get("COMMONGROUND_SHARED_DATA", REPO.parent / "shared" / "data"))
    if (data / LSOA).exists():
        lsoa = pd.read_csv(data / LSOA)
        lg = ["asian", "black", "mixed", "white", "other"]
        results.append(
            compare(
                "Real Census 2021 LSOA table (ethnic group, 5 categories)",
                lsoa[lg].to_numpy(dtype=np.float64),
                lsoa["lad22_code"].to_numpy(),
                lg,
                0,
                lsoa["total"].to_numpy(dtype=np.float64),
            )
        )
    else:
        print(f"skipping the LSOA table: {data / LSOA} not found", file=sys.stderr)
    section = render(results)
    if args.no_write:
        print(section)
    else:
        update_doc(section)


if __name__ == "__main__":
    main()
