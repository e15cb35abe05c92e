"""Time ``commonground survey-estimate`` on 100,000 responses, side by side with R's survey.

Run from the repository root (a minute or two, most of it R)::

    .venv/bin/python benchmarks/survey_cli_bench.py [--no-write] [--responses 100000]

It draws 100,000 responses (fixed seed) from Trafford's Census 2021 margins (the
council margins of the golden tests: age band by sex, and 21 wards), with older people
likelier to answer, and times, as an analyst would run them:

* ours: the command itself in a fresh process (``commonground survey-estimate ... --by
  ward``: read both files, rake to age band x sex and ward margins, the share agreeing
  with its logit interval for the council and each ward), best of 5 wall-clock runs; and
  the same work in-process without the start-up of Python and its imports (the command
  runs without Django: `commonground.offline`);
* R (when ``Rscript`` and the ``survey`` package are installed): ``read.csv``,
  ``svydesign``, ``calibrate(calfun = "raking")`` and ``svyby(svyciprop, method =
  "logit")`` in one ``Rscript`` run, timed inside R (``system.time`` around calibrate and
  svyby) and as a whole.

It checks that both give the same estimates and intervals, prints a table, and (unless
``--no-write``) replaces its section in ``docs/BENCHMARKS.md``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from bench_docs import replace_section

REPO = Path(__file__).resolve().parents[1]
MARGINS = REPO / "tests" / "analytics" / "survey" / "data" / "council_margins.csv"
COMMAND = ".venv/bin/python benchmarks/survey_cli_bench.py"
START = "<!-- survey-cli-bench:start (written by benchmarks/survey_cli_bench.py) -->"
END = "<!-- survey-cli-bench:end -->"
HEADING = "## Residents' survey: `survey-estimate` on 100,000 responses"
SEED = 20240613
AGREE = "definitely_agree,tend_to_agree"
#: Relative response rates of the seven age bands (older people answer more).
AGE_RESPONSE = [0.45, 0.6, 0.8, 0.95, 1.1, 1.3, 1.2]

R_SCRIPT = r"""
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
started <- proc.time()
responses <- read.csv(args[[1]], stringsAsFactors = FALSE)
margins <- read.csv(args[[2]], stringsAsFactors = FALSE)
agesex <- margins[margins$variable == "age_band*sex", ]
ward <- margins[margins$variable == "ward", ]
total <- sum(agesex$population)
ward$population <- ward$population * total / sum(ward$population)  # as Common Ground does
responses$agesex <- factor(paste0(responses$age_band, "*", responses$sex),
                           levels = agesex$category)
responses$ward <- factor(responses$ward, levels = ward$category)
responses$agree <- as.numeric(responses$get_on_well %in% c("definitely_agree", "tend_to_agree"))
eligible <- responses$get_on_well != "" & responses$get_on_well != "dont_know"
responses$w0 <- total / nrow(responses)
population <- c(total, agesex$population[-1], ward$population[-1])
names(population) <- c("(Intercept)", paste0("agesex", agesex$category[-1]),
                       paste0("ward", ward$category[-1]))
design <- svydesign(id = ~1, weights = ~w0, data = responses)
loaded <- proc.time()
work <- system.time({
  calibrated <- calibrate(design, ~agesex + ward, population, calfun = "raking")
  counted <- subset(calibrated, eligible)
  overall <- svyciprop(~agree, counted, method = "logit")
  by_ward <- suppressWarnings(svyby(~agree, ~ward, counted, svyciprop, vartype = "ci",
                                    method = "logit"))
})
out <- data.frame(domain = c("all", as.character(by_ward$ward)),
                  estimate = c(as.numeric(overall), by_ward$agree),
                  ci_low = c(attr(overall, "ci")[1], by_ward$ci_l),
                  ci_high = c(attr(overall, "ci")[2], by_ward$ci_u))
write.csv(out, args[[3]], row.names = FALSE)
cat(sprintf("load %.3f\nwork %.3f\n", (loaded - started)[["elapsed"]], work[["elapsed"]]))
"""


def read_margins() -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    with MARGINS.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["variable"], {})[row["category"]] = float(row["population"])
    return out


def make_responses(path: Path, n: int) -> None:
    """Draw ``n`` responses from the margins, older people likelier to answer."""
    rng = np.random.default_rng(SEED)
    margins = read_margins()
    cells = list(margins["age_band*sex"])
    population = np.array(list(margins["age_band*sex"].values()))
    tilt = np.array(AGE_RESPONSE * 2)
    cell = rng.choice(len(cells), size=n, p=population * tilt / np.sum(population * tilt))
    wards = list(margins["ward"])
    ward_pop = np.array(list(margins["ward"].values()))
    ward = rng.choice(len(wards), size=n, p=ward_pop / ward_pop.sum())
    age_index = np.array([i % 7 for i in range(14)])[cell]
    eta = 1.1 + (ward - 10) / 12 + np.array([-0.5, -0.3, 0, 0.1, 0.3, 0.5, 0.6])[age_index]
    agree = rng.random(n) < 1 / (1 + np.exp(-eta))
    answer = np.where(agree, np.where(rng.random(n) < 0.45, "definitely_agree", "tend_to_agree"),
                      np.where(rng.random(n) < 0.6, "tend_to_disagree", "definitely_disagree"))
    answer[rng.random(n) < 0.06] = "dont_know"
    answer[rng.random(n) < 0.03] = ""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["respondent", "ward", "age_band", "sex", "get_on_well"])
        for i in range(n):
            band, sex = cells[cell[i]].split("*")
            writer.writerow([f"R{i:06d}", wards[ward[i]], band, sex, answer[i]])


def time_ours(responses: Path, out: Path, repeats: int) -> tuple[float, float, float]:
    """Best wall-clock of the command in a fresh process, its best CPU time (user and
    system: what it costs whatever else the machine runs), and the work in-process."""
    command = [str(REPO / ".venv" / "bin" / "commonground"), "survey-estimate", str(responses),
               "--margins", str(MARGINS), "--question", "get_on_well", "--agree", AGREE,
               "--exclude", "dont_know", "--by", "ward", "--out", str(out)]
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    best = cpu = float("inf")
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        best = min(best, time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = min(cpu, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    sys.path.insert(0, str(REPO / "src"))
    from commonground.analytics.survey.estimate_file import estimate_from_files

    inside = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        estimate_from_files(responses, MARGINS, question="get_on_well", agree=AGREE.split(","),
                            exclude=["dont_know"], by="ward")
        inside = min(inside, time.perf_counter() - started)
    return best, cpu, inside


def time_r(responses: Path, out: Path, workdir: Path) -> dict[str, float] | None:
    rscript = shutil.which("Rscript")
    if rscript is None:
        return None
    check = subprocess.run([rscript, "-e", "library(survey)"], capture_output=True)
    if check.returncode != 0:
        return None
    script = workdir / "bench.R"
    script.write_text(R_SCRIPT, encoding="utf-8")
    started = time.perf_counter()
    result = subprocess.run([rscript, str(script), str(responses), str(MARGINS), str(out)],
                            check=True, capture_output=True, text=True)
    total = time.perf_counter() - started
    figures = dict(line.split() for line in result.stdout.splitlines() if line[:4] in
                   {"load", "work"})
    return {"total": total, "load": float(figures["load"]), "work": float(figures["work"])}


def largest_difference(ours: Path, theirs: Path) -> float:
    def read(path: Path) -> dict[str, list[float]]:
        with path.open(encoding="utf-8") as fh:
            return {r["domain"]: [float(r["estimate"]), float(r["ci_low"]), float(r["ci_high"])]
                    for r in csv.DictReader(fh)}

    a, b = read(ours), read(theirs)
    if sorted(a) != sorted(b):
        raise SystemExit("ours and R's domains differ")
    return max(abs(x - y) for k in a for x, y in zip(a[k], b[k], strict=True))


def section(n: int, ours: float, cpu: float, inside: float, r: dict[str, float] | None,
            diff: float | None) -> str:
    load = os.getloadavg()[0]
    lines = [
        START, "",
        f"Measured {dt.date.today().isoformat()} with `{COMMAND}` on {platform.machine()}, "
        f"{os.cpu_count()} cores shared with other work (load average {load:.1f} at the "
        f"start); Python {platform.python_version()}, NumPy {np.__version__}.",
        "",
        f"{n:,} responses (fixed seed) drawn from Trafford's Census 2021 margins, raked to "
        "age band x sex (14 cells) and ward (21) margins, the share agreeing with its logit "
        "interval for the council and each of the 21 wards.",
        "",
        "| | time (s) |",
        "|---|---:|",
        f"| `commonground survey-estimate`, fresh process, best of 5 | {ours:.2f} |",
        f"| its CPU time (user + system), best of 5 | {cpu:.2f} |",
        f"| the same work in-process (reading, raking, estimates), best of 5 | {inside:.2f} |",
    ]
    if r is not None:
        lines += [
            f"| R `survey`: `calibrate` + `svyby(svyciprop)` alone | {r['work']:.2f} |",
            f"| R: the whole `Rscript` run (start-up, `read.csv`, design, the above) | "
            f"{r['total']:.2f} |",
            "",
            f"Speed-up, whole command against whole R run: **{r['total'] / ours:.0f}x**; "
            f"our in-process work against R's calibrate + svyby alone: "
            f"**{r['work'] / inside:.0f}x**. Largest difference between our and R's "
            f"estimates and interval ends: {diff:.1e}.",
        ]
    else:
        lines += ["", "R was not installed, so only our figures were measured."]
    lines += ["", "Goals: at least 10x faster than R; the command under 1 s.", "", END]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-write", action="store_true",
                        help="print the figures without writing docs/BENCHMARKS.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        responses = workdir / "responses.csv"
        make_responses(responses, args.responses)
        ours_out, r_out = workdir / "ours.csv", workdir / "r.csv"
        ours, cpu, inside = time_ours(responses, ours_out, args.repeats)
        r = time_r(responses, r_out, workdir)
        diff = largest_difference(ours_out, r_out) if r is not None else None
    text = section(args.responses, ours, cpu, inside, r, diff)
    print(text)
    if not args.no_write:
        replace_section(START, END, HEADING, text)
    return text


if __name__ == "__main__":
    main()
