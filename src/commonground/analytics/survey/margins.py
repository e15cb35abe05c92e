"""Population margins for weighting, and the respondents' categories checked against them.

A margin is the population total of every category of one weighting variable (age band,
sex, ward, or a joint variable such as age band by sex).  Before any weighting the
respondents' categories are matched to the margins, and everything that would make the
weights meaningless is refused with a message saying what to do:

* a respondent without a category, or in a category the margin does not have;
* an *empty cell*: a category with people in the population but no respondent.  No
  weighting can give weight to nobody; the message names each such category and
  suggests collapsing it with a neighbouring category of the same variable;
* respondents in a category whose population is 0.

Margins whose totals disagree (the census publishes each table with its own cell-key
perturbation, so age by sex and ward totals differ by a few people) are *reconciled*:
every margin is scaled to the total of the first, with a warning saying by how much.  A
gap larger than ``max_total_gap`` (5 % by default) is refused, as it means the margins
describe different populations (all ages against adults, say).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]

#: Margin totals closer than this (relative) are taken as equal: floating-point noise.
SAME_TOTAL = 1e-9


class MarginsWarning(UserWarning):
    """Margins were usable only after an adjustment (their totals were reconciled)."""


@dataclass(frozen=True)
class Margin:
    """The population total of each category of one weighting variable.

    Parameters
    ----------
    variable : str
        Name of the variable; the respondents' categories are looked up under this name.
    totals : mapping of str to float
        Population of each category, in the order categories should be listed (the
        order also decides which neighbour a collapse suggestion names).
    """

    variable: str
    totals: Mapping[str, float]

    def __post_init__(self) -> None:
        if not isinstance(self.variable, str) or not self.variable.strip():
            raise ValueError("a margin needs the name of its variable")
        if not self.totals:
            raise ValueError(f"margin {self.variable!r} has no categories")
        for category, value in self.totals.items():
            if not isinstance(value, int | float) or not math.isfinite(value):
                raise ValueError(
                    f"margin {self.variable!r}, category {category!r}: the population "
                    f"must be a finite number, not {value!r}")
            if value < 0:
                raise ValueError(
                    f"margin {self.variable!r}, category {category!r}: the population "
                    f"cannot be negative ({value:g})")
        if math.fsum(self.totals.values()) <= 0:
            raise ValueError(f"margin {self.variable!r} has a total population of 0")

    @property
    def total(self) -> float:
        return math.fsum(self.totals.values())


@dataclass(frozen=True)
class CodedMargin:
    """One margin matched to the respondents.

    ``codes[i]`` is respondent ``i``'s index into ``categories``; ``targets`` are the
    (reconciled) population totals of those categories.  Categories with neither people
    nor respondents are dropped.
    """

    variable: str
    categories: tuple[str, ...]
    codes: IntArray
    targets: FloatArray
    respondents: NDArray[np.int64]


@dataclass(frozen=True)
class Categorical:
    """Respondents' categories as codes: respondent ``i`` is in ``labels[codes[i]]``.

    A file's reader makes these once per column (:mod:`.files`), so that weighting and
    domains group integers rather than sort a hundred thousand strings again.  Labels
    are compared stripped, a blank one is a missing category, and a label nobody has is
    ignored.  Anywhere a margin's or a domain's labels are taken, this may be given
    instead of one label per respondent.
    """

    codes: IntArray
    labels: tuple[str, ...]

    def __len__(self) -> int:
        return int(self.codes.shape[0])

    def factorised(self) -> tuple[NDArray[np.str_], IntArray, NDArray[np.int64]]:
        """What ``np.unique(labels, return_inverse=True, return_counts=True)`` gives
        for the stripped labels of the respondents (blank ones included)."""
        counts = np.bincount(self.codes, minlength=len(self.labels))
        used = [(label.strip(), j) for j, label in enumerate(self.labels) if counts[j]]
        found = sorted({label for label, _j in used})
        position = {label: k for k, label in enumerate(found)}
        remap = np.zeros(len(self.labels), dtype=np.intp)
        for label, j in used:
            remap[j] = position[label]
        inverse = remap[self.codes]
        return (np.array(found, dtype=np.str_), inverse,
                np.bincount(inverse, minlength=len(found)).astype(np.int64))

    def text(self) -> NDArray[np.str_]:
        """One stripped label per respondent."""
        found, inverse, _counts = self.factorised()
        return found[inverse]


def labels_in(labels: NDArray[np.str_], wanted: Iterable[str]) -> NDArray[np.bool_]:
    """Which of a few distinct labels are among ``wanted``: ``np.isin`` for the short
    arrays of a column's distinct texts (which imports ``numpy.ma`` on its first call,
    a noticeable part of the command line's start)."""
    chosen = set(wanted)
    return np.fromiter((label in chosen for label in labels.tolist()), dtype=bool,
                       count=labels.shape[0])


def _missing(variable: str, missing: NDArray[np.bool_]) -> ValueError:
    where = ", ".join(str(i) for i in np.flatnonzero(missing)[:5])
    return ValueError(
        f"{int(missing.sum())} respondent(s) have no {variable!r} (positions {where}"
        f"{', ...' if missing.sum() > 5 else ''}, counting from 0); weighting needs "
        "every respondent's category: recode or drop them first")


def categories_of(values: ArrayLike | Categorical, variable: str, n: int | None = None
                  ) -> tuple[NDArray[np.str_], IntArray, NDArray[np.int64]]:
    """The distinct labels (sorted), each respondent's index into them and their counts;
    refuses missing values as :func:`as_labels` does."""
    if not isinstance(values, Categorical):
        labels = as_labels(values, variable, n)
        found, inverse, counts = np.unique(labels, return_inverse=True, return_counts=True)
        return found, inverse.astype(np.intp), counts.astype(np.int64)
    if n is not None and len(values) != n:
        raise ValueError(
            f"the respondents' {variable!r} has {len(values)} values, but there are "
            f"{n} respondents")
    found, inverse, counts = values.factorised()
    if found.shape[0] and found[0] == "":  # sorted: a blank label comes first
        raise _missing(variable, inverse == 0)
    return found, inverse, counts


def as_labels(values: ArrayLike, variable: str, n: int | None = None) -> NDArray[np.str_]:
    """One text label per respondent, stripped; refuses missing values.

    Raises
    ------
    ValueError
        If the values are not one-dimensional, not ``n`` long, or some are missing
        (``None``, NaN or blank).
    """
    array = np.asarray(values)
    if array.ndim != 1:
        raise ValueError(f"the respondents' {variable!r} must be one value per respondent")
    if n is not None and array.shape[0] != n:
        raise ValueError(
            f"the respondents' {variable!r} has {array.shape[0]} values, but there are "
            f"{n} respondents")
    if array.dtype.kind in "iub":
        return array.astype(np.str_)
    if array.dtype.kind == "U":
        labels = np.char.strip(array)
        missing = labels == ""
    elif array.dtype.kind == "f":
        missing = np.isnan(array)
        labels = array.astype(np.str_)
    else:
        missing = np.fromiter(
            (v is None or (isinstance(v, float) and math.isnan(v)) or str(v).strip() == ""
             for v in array), dtype=bool, count=array.shape[0])
        labels = np.array([str(v).strip() for v in array], dtype=np.str_)
    if missing.any():
        raise _missing(variable, missing)
    return labels


def _neighbour(categories: list[str], respondents: list[int], at: int) -> str | None:
    """The adjacent category (previous or next) with respondents, the fuller one."""
    options = [j for j in (at - 1, at + 1) if 0 <= j < len(categories) and respondents[j] > 0]
    if not options:
        return None
    return categories[max(options, key=lambda j: respondents[j])]


def code_margins(
    sample: Mapping[str, ArrayLike | Categorical],
    margins: Sequence[Margin],
    *,
    max_total_gap: float = 0.05,
) -> tuple[list[CodedMargin], list[str]]:
    """Match the respondents' categories to the margins and reconcile the totals.

    Parameters
    ----------
    sample : mapping of str to array_like or Categorical
        Each margin's variable: one category label per respondent (compared as text).
    margins : sequence of Margin
        At least one; each variable at most once.
    max_total_gap : float
        Largest relative gap between margin totals that is reconciled rather than
        refused.

    Returns
    -------
    coded : list of CodedMargin
        In the order of ``margins``, targets scaled to the first margin's total.
    notes : list of str
        What was adjusted (reconciled totals); also issued as :class:`MarginsWarning`.

    Raises
    ------
    ValueError
        Naming every problem found: unknown or missing categories, empty cells (with
        a suggestion to collapse), respondents in a category of no population, totals
        too far apart.
    """
    if not margins:
        raise ValueError("at least one margin is needed to weight")
    names = [m.variable for m in margins]
    repeated = sorted({v for v in names if names.count(v) > 1})
    if repeated:
        raise ValueError(f"each variable can have one margin only: {', '.join(repeated)}")
    absent = [v for v in names if v not in sample]
    if absent:
        raise ValueError(
            f"the respondents have no {', '.join(repr(v) for v in absent)}; "
            f"they have: {', '.join(repr(k) for k in sample)}")
    n: int | None = None
    problems: list[str] = []
    empty: list[str] = []
    coded: list[CodedMargin] = []
    for margin in margins:
        found, inverse, counts = categories_of(sample[margin.variable], margin.variable, n)
        n = inverse.shape[0]
        categories = [str(c).strip() for c in margin.totals]
        if len(set(categories)) != len(categories):
            raise ValueError(f"margin {margin.variable!r} lists a category twice")
        index = {c: j for j, c in enumerate(categories)}
        unknown = [(str(f), int(c)) for f, c in zip(found, counts, strict=True)
                   if str(f) not in index]
        if unknown:
            listed = ", ".join(f"{f!r} ({c} respondent{'s' if c != 1 else ''})"
                               for f, c in unknown[:10])
            problems.append(
                f"{margin.variable!r} has categories with no population total: {listed}. "
                f"The margin's categories are {', '.join(repr(c) for c in categories)}; "
                "recode the respondents or add the categories to the margins")
            continue
        remap = np.array([index[str(f)] for f in found], dtype=np.intp)
        codes = remap[inverse]
        respondents = np.bincount(codes, minlength=len(categories)).astype(np.int64)
        population = np.array([float(v) for v in margin.totals.values()])
        for j, category in enumerate(categories):
            if respondents[j] == 0 and population[j] > 0:
                near = _neighbour(categories, list(respondents), j)
                hint = f" (for example with {near!r})" if near else ""
                empty.append(
                    f"{margin.variable} {category!r} (population {population[j]:,.0f}): "
                    f"collapse it with a neighbouring category{hint}")
            elif respondents[j] > 0 and population[j] == 0:
                problems.append(
                    f"{margin.variable!r} category {category!r} has {respondents[j]} "
                    "respondent(s) but a population of 0; correct the margin or the answers")
        keep = (respondents > 0) | (population > 0)
        if not keep.all():
            new_index = np.cumsum(keep) - 1
            codes = new_index[codes].astype(np.intp)
            categories = [c for c, k in zip(categories, keep, strict=True) if k]
            population = population[keep]
            respondents = respondents[keep]
        coded.append(CodedMargin(margin.variable, tuple(categories), codes, population,
                                 respondents))
    if empty:
        problems.append(
            "no respondents in " + "; ".join(empty) + ". No weighting can give weight to "
            "a category nobody answered from; collapse these categories in the margins "
            "and in the answers, then weight again")
    if problems:
        raise ValueError("; ".join(problems))
    return coded, _reconcile(coded, max_total_gap)


def _reconcile(coded: list[CodedMargin], max_total_gap: float) -> list[str]:
    reference = float(coded[0].targets.sum())
    notes: list[str] = []
    for margin in coded[1:]:
        total = float(margin.targets.sum())
        gap = (total - reference) / reference
        if abs(gap) <= SAME_TOTAL:
            continue
        if abs(gap) > max_total_gap:
            raise ValueError(
                f"the margins describe different populations: {coded[0].variable!r} adds "
                f"up to {reference:,.0f} but {margin.variable!r} to {total:,.0f} "
                f"({gap:+.1%}); check that both cover the same people (all ages or "
                "adults, the same area)")
        margin.targets[:] = margin.targets * (reference / total)
        notes.append(
            f"the {margin.variable!r} margin adds up to {total:,.0f}, not "
            f"{reference:,.0f} like {coded[0].variable!r} ({gap:+.3%}); it was scaled "
            f"to {reference:,.0f}, as census tables are each perturbed on their own")
    for note in notes:
        warnings.warn(note, MarginsWarning, stacklevel=3)
    return notes
