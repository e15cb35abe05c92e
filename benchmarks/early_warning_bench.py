"""Early-warning recompute for every ward in England and Wales, and its false-alarm rate.

Run from the repository root:

    python benchmarks/early_warning_bench.py            # timing + false alarms, update docs
    python benchmarks/early_warning_bench.py --no-write # print only

Timing: 7,666 wards (England and Wales, December 2022) x 8 categories x 104 weeks of
synthetic counts at realistic low rates (fixed seed), full recompute with
``detect``, single-threaded, median of several runs. The figures go into the
``<!-- early-warning:start -->`` section of docs/BENCHMARKS.md.

False alarms: in-control Poisson and negative-binomial weekly series at 0.5, 2 and 10
reports a week, and the constructed monthly hate-crime-shaped series of the tests.
The table goes into the marked section of docs/early-warning.md.
"""

from __future__ import annotations

import os

# Single-threaded, as the target says; must be set before NumPy is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import platform  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import scipy  # noqa: E402
from numpy.typing import NDArray  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "analytics"))

from commonground.analytics.early_warning import detect  # noqa: E402

N_WARDS = 7_666  # England 6,904 + Wales 762 wards, December 2022 (ONS boundaries)
CATEGORIES = {  # share of a ward's reports, roughly as police-recorded hate crime
    "race": 0.55, "religion": 0.08, "sexual orientation": 0.12, "disability": 0.06,
    "transgender": 0.03, "community tension": 0.08, "anti-social (cohesion)": 0.06,
    "online": 0.02,
}
N_WEEKS = 104
SEED = 20221205
MARKERS = ("<!-- early-warning:start -->", "<!-- early-warning:end -->")
FA_MARKERS = ("<!-- early-warning-false-alarms:start -->",
              "<!-- early-warning-false-alarms:end -->")


def ward_counts(seed: int = SEED) -> NDArray[np.int64]:
    """Synthetic weekly counts, shape (wards x categories, weeks).

    Ward totals average 0.4 reports a week (about 150,000 a year over England and
    Wales, the order of police-recorded hate crime) with a gamma spread between
    wards (shape 0.7, so many quiet wards), split by category shares, with
    negative-binomial noise (variance 1.5 x mean). Most cells are zero.
    """
    rng = np.random.default_rng(seed)
    ward_rate = rng.gamma(0.7, 0.4 / 0.7, N_WARDS)
    shares = np.array(list(CATEGORIES.values()))
    rate = (ward_rate[:, None] * shares[None, :]).reshape(-1, 1)
    weeks = np.arange(N_WEEKS)
    season = 1.0 + 0.1 * np.sin(2 * np.pi * (weeks - 13) / 52)
    mean = rate * season[None, :]
    shape = mean / 0.5
    return np.asarray(rng.poisson(rng.gamma(shape, mean / shape)), dtype=np.int64)


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def time_recompute(counts: NDArray[np.int64], runs: int) -> list[float]:
    detect(counts)  # warm-up: first touch of the memory
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        detect(counts)
        out.append(time.perf_counter() - start)
    return out


def false_alarm_table(seed: int = 1, n_series: int = 2_000, n_weeks: int = 156) -> list[str]:
    """Markdown rows: alerts per series-year on in-control weekly series."""
    rng = np.random.default_rng(seed)
    rows = []
    for family, dispersion in (("Poisson", 1.0), ("negative binomial, variance 2 x mean", 2.0)):
        for level in (0.5, 2.0, 10.0):
            if dispersion == 1.0:
                y = rng.poisson(level, size=(n_series, n_weeks))
            else:
                shape = level / (dispersion - 1.0)
                y = rng.poisson(rng.gamma(shape, level / shape, size=(n_series, n_weeks)))
            res = detect(y)
            judged = res.evaluated
            years = judged.sum() / 52.0
            rows.append(
                f"| {family} | {level:g} | {res.flagged[judged].sum() / years:.3f} | "
                f"{res.spike[judged].sum() / years:.3f} | "
                f"{res.sustained[judged].sum() / years:.3f} | "
                f"{res.flagged[judged].mean():.5f} |"
            )
    return rows


def monthly_shape_rows(seed: int = 20160623, n_series: int = 500) -> list[str]:
    """Markdown rows: detection and false alarms on the constructed monthly series."""
    from early_warning_shapes import (  # type: ignore[import-not-found]
        MONTHS,
        hate_crime_like_monthly,
        ordinary_months,
    )

    rows = []
    for base in (100.0, 300.0):
        rng = np.random.default_rng(seed)
        spiked = np.array([hate_crime_like_monthly(rng, base=base) for _ in range(n_series)])
        flat = np.array([hate_crime_like_monthly(rng, base=base, spikes=False)
                         for _ in range(n_series)])
        fs = detect(spiked, period="month").flagged
        ff = detect(flat, period="month").flagged
        rows.append(
            f"| {base:g} | {fs[:, MONTHS.index((2016, 7))].mean():.2f} | "
            f"{fs[:, MONTHS.index((2017, 6))].mean():.2f} | "
            f"{fs[:, ordinary_months()].sum(axis=1).mean():.2f} | "
            f"{ff.sum(axis=1).mean():.2f} | {ff[:, 24:].sum(axis=1).mean() / 5:.2f} |"
        )
    return rows


def replace_section(path: Path, markers: tuple[str, str], body: str, title: str) -> None:
    """Put ``body`` between the markers, appending the section if it is missing."""
    start, end = markers
    block = f"{start}\n{body.rstrip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else f"# {title}\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _m: block, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-write", action="store_true", help="print, do not update docs")
    parser.add_argument("--skip-false-alarms", action="store_true")
    args = parser.parse_args()

    counts = ward_counts()
    n_series, n_weeks = counts.shape
    times = time_recompute(counts, args.runs)
    med = statistics.median(times)
    res = detect(counts)
    zero_share = float((counts == 0).mean())
    verdict = "meets" if med < 1.0 else "MISSES"
    bench = "\n".join([
        "## Early-warning recompute",
        "",
        "Target: early-warning recompute for every ward in England and Wales in under 1 s.",
        "",
        f"- Data: {N_WARDS:,} wards x {len(CATEGORIES)} categories x {n_weeks} weeks = "
        f"{n_series:,} series, {counts.size:,} cells; synthetic counts, seed {SEED}, "
        f"mean {counts.mean():.3f} a cell, {zero_share:.0%} zeros.",
        f"- Result: median **{med:.3f} s** over {args.runs} runs "
        f"(min {min(times):.3f} s, max {max(times):.3f} s): {verdict} the target. "
        f"{int(res.flagged.sum()):,} alerts ({res.flagged.mean():.4%} of cells).",
        "- What is timed: `commonground.analytics.early_warning.detect(counts)` with weekly "
        "defaults: baselines, seasonal ratios, dispersion, tail probabilities, upper "
        "limits, CUSUM, one pass over 104 periods.",
        f"- Command: `OMP_NUM_THREADS=1 python benchmarks/early_warning_bench.py` "
        f"(run {date.today().isoformat()}).",
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores "
        f"({cpu_name()}), single-threaded, Python "
        f"{platform.python_version()}, NumPy {np.__version__}, SciPy {scipy.__version__}. "
        "Other jobs shared the machine, so the spread between runs is wide.",
    ])
    print(bench)

    fa_body = ""
    if not args.skip_false_alarms:
        head = [
            "| in-control series | reports a week | alerts per series-year | spike rule | "
            "sustained rule | share of weeks flagged |",
            "|---|---|---|---|---|---|",
        ]
        shape_head = [
            "| trend level Jan 2013 (reports a month) | July 2016 flagged | June 2017 flagged "
            "| ordinary months flagged per 7-year series | alerts per 7-year series "
            "without spikes | of which a year after 2015 |",
            "|---|---|---|---|---|---|",
        ]
        fa_body = "\n".join([
            f"Produced by `python benchmarks/early_warning_bench.py` on "
            f"{date.today().isoformat()} (seed 1; 2,000 series x 156 weeks each, default "
            "weekly settings; the first 4 weeks of warm-up are not judged).",
            "",
            *head, *false_alarm_table(),
            "",
            "Constructed monthly hate-crime-shaped series (500 replicates each, seed "
            "20160623, default monthly settings):",
            "",
            *shape_head, *monthly_shape_rows(),
        ])
        print(fa_body)

    if not args.no_write:
        replace_section(ROOT / "docs" / "BENCHMARKS.md", MARKERS, bench, "Benchmarks")
        if fa_body:
            replace_section(ROOT / "docs" / "early-warning.md", FA_MARKERS, fa_body,
                            "Early warning of rising tension")


if __name__ == "__main__":
    main()
