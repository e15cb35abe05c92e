"""Do our 95 % intervals cover the truth 95 % of the time?  A simulation from the census.

Run from the repository root (a minute or so)::

    .venv/bin/python benchmarks/survey_coverage.py [--samples 2000] [--no-write]

1. A synthetic population of Trafford's adults is built from Census 2021 margins: every
   person has a ward (21 wards, the LSOA best-fit aggregate of
   ``census2021_age_sex_lsoa``), a sex and a seven-band age (``census2021_age_sex_lad``,
   TS009), the ward by age by sex table being raked to the council's age by sex, each
   ward's adults and each ward's sex ratio.  Each person's answer to "people from
   different backgrounds get on well" is drawn once from a model in which agreement
   varies by ward, age and sex, so the truth is the population's own share.
2. Each sample (fixed seed, ``--samples`` of them) is a Poisson sample of about 1,200
   adults in which older people and women answer more often, as in postal and online
   surveys.  It is raked to the population's age x sex and ward margins from equal
   starting weights, and the share agreeing is estimated with its 95 % logit interval,
   for the council and each ward, as ``commonground survey-estimate`` does.
3. Coverage is the share of intervals containing the truth, with its Monte Carlo standard
   error.  The goal is 95 +- 1.5 % for the council.

With ``--no-write`` the figures are printed only; otherwise they replace this script's
section of ``docs/BENCHMARKS.md``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import os
import time
from pathlib import Path

import numpy as np

from bench_docs import replace_section
from commonground.analytics.survey import Margin, proportions, rake

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("COMMONGROUND_SHARED_DATA", REPO.parent / "shared" / "data"))
LAD = SHARED / "census2021_age_sex_lad" / "census2021_ts009_sex_age_bands_lad21.csv"
WARDS = SHARED / "census2021_age_sex_lsoa" / "census2021_age6_sex_ward24_bestfit_aggregate.csv"
COUNCIL = "E08000009"
BANDS = ("16_24", "25_34", "35_44", "45_54", "55_64", "65_74", "75_plus")
SEXES = ("female", "male")
START = "<!-- survey-coverage:start (written by benchmarks/survey_coverage.py) -->"
END = "<!-- survey-coverage:end -->"
HEADING = "## Residents' survey: coverage of the 95 % intervals"
SEED = 20240614
TARGET_N = 1200
#: Relative response propensity by age band (older answer more) and sex (women more).
AGE_PROPENSITY = np.array([0.45, 0.6, 0.8, 0.95, 1.1, 1.3, 1.2])
SEX_PROPENSITY = np.array([1.1, 0.9])


def census() -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Council age x sex (7 x 2), ward adults and ward female shares, ward names."""
    with LAD.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["lad21_code"] == COUNCIL]
    agesex = np.array([[float(next(r for r in rows if r["sex"] == s)[f"age_{b}"])
                        for s in SEXES] for b in BANDS])
    with WARDS.open(encoding="utf-8") as fh:
        wards = sorted((r for r in csv.DictReader(fh) if r["lad24_code"] == COUNCIL),
                       key=lambda r: r["ward24_name"])
    adults = np.array([float(r["total_16_plus"]) for r in wards])
    female = np.array([float(r["female"]) / float(r["total_sex_table"]) for r in wards])
    return agesex, adults, female, [r["ward24_name"] for r in wards]


def population_table(agesex: np.ndarray, adults: np.ndarray, female: np.ndarray) -> np.ndarray:
    """Ward x age x sex counts raked to the three census margins (integers)."""
    adults = adults * agesex.sum() / adults.sum()
    table = adults[:, None, None] * (agesex / agesex.sum())[None, :, :]
    ward_sex = np.stack([adults * female, adults * (1 - female)], axis=1)
    ward_sex *= agesex.sum(axis=0) / ward_sex.sum(axis=0)  # consistent with the council
    for _ in range(200):
        table *= (agesex / table.sum(axis=0))[None, :, :]
        table *= (adults / table.sum(axis=(1, 2)))[:, None, None]
        table *= (ward_sex / table.sum(axis=1))[:, None, :]
    return np.rint(table).astype(int)


def build_population(rng: np.random.Generator) -> dict[str, np.ndarray]:
    agesex, adults, female, names = census()
    table = population_table(agesex, adults, female)
    ward, age, sex = np.nonzero(table >= 0)
    counts = table[ward, age, sex]
    ward, age, sex = (np.repeat(a, counts) for a in (ward, age, sex))
    ward_effect = np.linspace(-0.9, 0.9, len(names))
    age_effect = np.array([-0.5, -0.3, 0.0, 0.1, 0.3, 0.5, 0.6])
    eta = 1.1 + ward_effect[ward] + age_effect[age] + np.where(sex == 0, 0.15, -0.15)
    agree = rng.random(ward.shape[0]) < 1 / (1 + np.exp(-eta))
    propensity = AGE_PROPENSITY[age] * SEX_PROPENSITY[sex]
    return {"ward": ward, "age": age, "sex": sex, "agree": agree,
            "p": propensity * TARGET_N / propensity.sum(), "names": np.array(names)}


def margins_of(population: dict[str, np.ndarray]) -> list[Margin]:
    cell = population["age"] * 2 + population["sex"]
    agesex = np.bincount(cell, minlength=14)
    wards = np.bincount(population["ward"], minlength=len(population["names"]))
    return [Margin("agesex", {str(k): float(v) for k, v in enumerate(agesex)}),
            Margin("ward", {str(k): float(v) for k, v in enumerate(wards)})]


def simulate(samples: int) -> dict[str, float]:
    rng = np.random.default_rng(SEED)
    population = build_population(rng)
    margins = margins_of(population)
    truth_all = float(population["agree"].mean())
    n_wards = len(population["names"])
    truth_ward = (np.bincount(population["ward"], weights=population["agree"],
                              minlength=n_wards) / np.bincount(population["ward"],
                                                               minlength=n_wards))
    covered = covered_beta = 0
    ward_covered = ward_total = 0
    sizes: list[int] = []
    widths: list[float] = []
    bias: list[float] = []
    unweighted_bias: list[float] = []
    started = time.perf_counter()
    for _ in range(samples):
        chosen = np.flatnonzero(rng.random(population["p"].shape[0]) < population["p"])
        ward = population["ward"][chosen].astype(str)
        agesex = (population["age"][chosen] * 2 + population["sex"][chosen]).astype(str)
        agree = population["agree"][chosen]
        design = rake({"agesex": agesex, "ward": ward}, margins).design()
        rows = proportions(design, agree, by=ward)
        (beta,) = proportions(design, agree, ci="beta")
        council = rows[0]
        covered += council.ci_low <= truth_all <= council.ci_high
        covered_beta += beta.ci_low <= truth_all <= beta.ci_high
        for row in rows[1:]:
            truth = truth_ward[int(row.domain)]
            ward_covered += row.ci_low <= truth <= row.ci_high
            ward_total += 1
        sizes.append(int(chosen.shape[0]))
        widths.append(council.ci_high - council.ci_low)
        bias.append(council.estimate - truth_all)
        unweighted_bias.append(float(agree.mean()) - truth_all)
    return {
        "samples": samples, "population": float(population["ward"].shape[0]),
        "truth": truth_all, "mean_n": float(np.mean(sizes)),
        "coverage": covered / samples, "coverage_beta": covered_beta / samples,
        "ward_coverage": ward_covered / ward_total, "ward_intervals": ward_total,
        "mean_width": float(np.mean(widths)), "bias": float(np.mean(bias)),
        "unweighted_bias": float(np.mean(unweighted_bias)),
        "seconds": time.perf_counter() - started,
    }


def section(r: dict[str, float], command: str) -> str:
    mc = math.sqrt(0.95 * 0.05 / r["samples"])
    ward_mc = math.sqrt(0.95 * 0.05 / r["ward_intervals"])
    return "\n".join([
        START, "",
        f"Measured {dt.date.today().isoformat()} with `{command}` ({r['seconds']:.0f} s).",
        "",
        f"Synthetic population: Trafford's {r['population']:,.0f} adults from Census 2021 "
        f"margins, {r['truth']:.1%} of whom agree. {r['samples']:,.0f} Poisson samples "
        f"(fixed seed) of {r['mean_n']:,.0f} respondents on average, older people and "
        "women answering more often; each raked to age x sex and ward margins.",
        "",
        "| interval | intervals | coverage | Monte Carlo s.e. |",
        "|---|---:|---:|---:|",
        f"| council, logit (default) | {r['samples']:,.0f} | **{r['coverage']:.1%}** | "
        f"{mc:.1%} |",
        f"| council, Korn-Graubard (beta) | {r['samples']:,.0f} | {r['coverage_beta']:.1%} | "
        f"{mc:.1%} |",
        f"| each ward (21, about {r['mean_n'] / 21:.0f} respondents each), logit | "
        f"{r['ward_intervals']:,.0f} | {r['ward_coverage']:.1%} | {ward_mc:.1%} |",
        "",
        f"Mean width of the council interval {r['mean_width']:.3f}; mean error of the "
        f"weighted estimate {r['bias']:+.4f}, of the unweighted share "
        f"{r['unweighted_bias']:+.4f} (the bias weighting removes).",
        "",
        "Goal: the council's 95 % intervals cover the truth 95 +- 1.5 % of the time.",
        "", END])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--no-write", action="store_true",
                        help="print the figures without writing docs/BENCHMARKS.md")
    args = parser.parse_args(argv)
    if not (LAD.exists() and WARDS.exists()):
        raise SystemExit(f"census data not found under {SHARED} (set COMMONGROUND_SHARED_DATA)")
    result = simulate(args.samples)
    command = ".venv/bin/python benchmarks/survey_coverage.py" + (
        f" --samples {args.samples}" if args.samples != 2000 else "")
    text = section(result, command)
    print(text)
    if not args.no_write:
        replace_section(START, END, HEADING, text)


if __name__ == "__main__":
    main()
