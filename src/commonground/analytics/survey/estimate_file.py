"""The pure core of ``commonground survey-estimate``: a weighted share from two files.

``commonground survey-estimate RESPONSES.csv --margins MARGINS.csv --question COL
--agree "V,V" [--exclude "V,..."] [--by COL] [--ci logit|beta] [--out OUT.csv]``:

1. read the margins and the columns needed from the responses (:mod:`.files`), checking
   every weighting category (file, line and column of each fault);
2. rake from equal starting weights to the margins (:func:`.weighting.rake`);
3. estimate the weighted share answering one of ``--agree`` among those who answered the
   question with anything but one of ``--exclude`` (a blank answer is no answer), for
   everyone and for each value of ``--by`` (:func:`.estimates.proportions`).

The rows, everyone first as ``all``, have the columns of :data:`HEADER`.  The design is
taken as a simple random sample (no strata or clusters); the weighting report says what
the weights cost.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..problems import FileProblem, InputFileError
from .estimates import CI_METHODS, CiMethod, Estimate, proportions
from .files import check_categories, read_margins_csv, read_responses_csv
from .margins import MarginsWarning, labels_in
from .weighting import WeightingReport, rake

HEADER = ("domain", "n", "estimate", "se", "ci_low", "ci_high", "deff", "ess")


@dataclass(frozen=True)
class FileEstimate:
    """What the command prints: the estimate rows, the weighting report and notes."""

    rows: list[Estimate]
    report: WeightingReport
    notes: list[str]

    def table(self) -> list[list[str | int | float | None]]:
        """One list per row in the order of :data:`HEADER`; undefined values are None."""
        out: list[list[str | int | float | None]] = []
        for r in self.rows:
            numbers = [r.estimate, r.se, r.ci_low, r.ci_high, r.deff, r.ess]
            out.append([r.domain, r.n, *[None if np.isnan(v) else float(v) for v in numbers]])
        return out


def _answers(values: Sequence[str]) -> list[str]:
    return [v.strip() for v in values if v.strip()]


def estimate_from_files(
    responses_path: str | os.PathLike[str],
    margins_path: str | os.PathLike[str],
    *,
    question: str,
    agree: Sequence[str],
    exclude: Sequence[str] = (),
    by: str | None = None,
    ci: CiMethod = "logit",
) -> FileEstimate:
    """Weight the responses to the margins and estimate the share agreeing.

    Parameters
    ----------
    responses_path, margins_path : path-like
        The two files (see :mod:`.files` for their layout).
    question : str
        Column holding the answer.
    agree : sequence of str
        Answers counted as agreeing.
    exclude : sequence of str
        Answers left out of the denominator (e.g. "don't know").
    by : str, optional
        Column whose values are the domains (e.g. the ward).
    ci : {"logit", "beta"}

    Returns
    -------
    FileEstimate

    Raises
    ------
    InputFileError
        For faults in either file (the weighting's own objections, such as a margin
        category nobody answered from, are reported against the margins file).
    ValueError
        For arguments that do not fit the files: an ``--agree`` or ``--exclude`` answer
        that nobody gave, an answer both agreed and excluded.
    """
    agree = _answers(agree)
    exclude = _answers(exclude)
    if not agree:
        raise ValueError("--agree needs at least one answer, e.g. --agree \"Agree,Strongly agree\"")
    both = sorted(set(agree) & set(exclude))
    if both:
        raise ValueError(f"answers both counted and excluded: {', '.join(both)}")
    if ci not in CI_METHODS:
        raise ValueError(f"--ci must be one of {', '.join(CI_METHODS)}, not {ci!r}")
    specs = read_margins_csv(margins_path)
    weighting_columns = [c for s in specs for c in s.columns]
    columns = [*weighting_columns, question, *([by] if by else [])]
    responses = read_responses_csv(responses_path, columns=columns)
    sample = check_categories(responses, specs)
    margins_name = Path(margins_path).name
    try:
        with warnings.catch_warnings():
            # Reconciled totals are reported in the weighting report's notes.
            warnings.simplefilter("ignore", MarginsWarning)
            weighting = rake(sample, [s.margin for s in specs])
    except ValueError as exc:
        raise InputFileError([FileProblem(margins_name, None, None, str(exc))]) from None
    found, answers, _counts = responses.columns[question].factorised()
    given = set(found.tolist()) - {""}
    for option, wanted in (("--agree", agree), ("--exclude", exclude)):
        absent = [a for a in wanted if a not in given]
        if absent:
            raise ValueError(
                f"{option} answer(s) {', '.join(repr(a) for a in absent)} do not occur in "
                f"column {question!r} of {responses.file}; its answers are: "
                f"{', '.join(repr(a) for a in sorted(given)[:20])}")
    # Each distinct answer's verdict, then each respondent's through their answer's code.
    blank = (found == "")[answers]
    excluded = labels_in(found, exclude)[answers]
    eligible = ~blank & ~excluded
    if not eligible.any():
        raise ValueError(f"no respondent gave an answer to {question!r} that is counted")
    notes = []
    if blank.any():
        notes.append(f"{int(blank.sum())} respondent(s) left {question!r} blank; "
                     "they are not counted")
    if excluded.any():
        notes.append(f"{int(excluded.sum())} respondent(s) answered one of --exclude; "
                     "they are not counted")
    domains = None
    if by:
        domains = responses.columns[by]
        labels, codes, _counts = domains.factorised()
        unlabelled = int(np.sum((labels == "")[codes] & eligible))
        if unlabelled:
            notes.append(f"{unlabelled} counted respondent(s) have no {by!r}; they are in "
                         "'all' only")
    agreeing = labels_in(found, agree)[answers]
    rows = proportions(weighting.design(), agreeing, eligible=eligible, by=domains, ci=ci)
    return FileEstimate(rows=rows, report=weighting.report, notes=notes)
