"""The pure core of ``commonground indicators``: one row of indices per region.

``commonground indicators FILE.csv --region-col COL --groups A,B,... [--total-col COL]
[--focal COL] [--out OUT.csv]`` reads the file with
:func:`~commonground.analytics.counts_file.read_counts_csv`, then writes what
:func:`indicator_rows` returns with :func:`write_indicator_csv`.  The Django management
command only parses its arguments and calls these.

Columns: ``region``, ``n_areas``, ``population`` (the total column when given, otherwise
the sum of the groups), the multigroup indices over the listed groups, the region's
Simpson interaction and entropy, and with a focal group ``focal_group``, ``focal_share``
and the two-group indices of that group against the rest of the total.  An undefined
value (see :mod:`commonground.analytics.segregation`) is an empty cell.
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import numpy as np

from .counts_file import CountsTable, read_counts_csv
from .segregation import DIVERSITY_INDICES, MULTIGROUP_INDICES, TWO_GROUP_INDICES, all_indices

Cell = str | int | float | None


def _cell(value: object) -> Cell:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer() and abs(value) < 2**53:
            return int(value)
    if isinstance(value, str | int | float) or value is None:
        return value
    return str(value)


def indicator_rows(
    table: CountsTable, focal: str | None = None
) -> tuple[list[str], list[list[Cell]]]:
    """Every index for every region of ``table``.

    Parameters
    ----------
    table : CountsTable
        Counts as read by :func:`~commonground.analytics.counts_file.read_counts_csv`.
    focal : str, optional
        One of ``table.groups``: adds the two-group indices of that group against the
        rest of the area total.

    Returns
    -------
    header : list of str
    rows : list of list
        One row per region, in sorted region order; ``None`` where a value is undefined.

    Raises
    ------
    ValueError
        If ``focal`` is not one of the table's groups.
    """
    focal_index = None
    if focal is not None:
        if focal not in table.groups:
            raise ValueError(
                f"focal group {focal!r} is not one of the groups: {', '.join(table.groups)}"
            )
        focal_index = table.groups.index(focal)
    total = table.totals if table.explicit_total else None
    values = all_indices(table.counts, table.regions, focal=focal_index, total=total)
    header = ["region", "n_areas", "population", *MULTIGROUP_INDICES, *DIVERSITY_INDICES]
    if focal is not None:
        header += ["focal_group", "focal_share", *TWO_GROUP_INDICES]
    n = len(values["region"])
    columns = [values[name] if name != "focal_group" else [focal] * n for name in header]
    rows = [[_cell(col[r]) for col in columns] for r in range(n)]
    return header, rows


def write_indicator_csv(
    destination: str | os.PathLike[str] | TextIO,
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
) -> None:
    """Write ``header`` and ``rows`` as CSV (UTF-8), floats at full precision.

    ``destination`` is a path or an open text stream (e.g. ``sys.stdout``).
    """
    if isinstance(destination, str | os.PathLike):
        with Path(destination).open("w", encoding="utf-8", newline="") as fh:
            write_indicator_csv(fh, header, rows)
        return
    writer = csv.writer(destination, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else repr(v) if isinstance(v, float) else v for v in row])


def indicators_from_file(
    path: str | os.PathLike[str],
    *,
    region_col: str,
    groups: Sequence[str],
    total_col: str | None = None,
    focal: str | None = None,
) -> tuple[list[str], list[list[Cell]]]:
    """Read a counts CSV and compute :func:`indicator_rows` (the whole CLI minus output).

    Raises
    ------
    InputFileError
        If the file has problems (every one listed).
    ValueError
        If the arguments are inconsistent (e.g. ``focal`` not among ``groups``).
    """
    if focal is not None and focal not in groups:
        raise ValueError(f"focal group {focal!r} is not one of the groups: {', '.join(groups)}")
    table = read_counts_csv(path, region_col=region_col, groups=groups, total_col=total_col)
    return indicator_rows(table, focal=focal)
