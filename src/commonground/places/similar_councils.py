"""Places' answer to "which councils are like this one?" (see core.similar_councils)."""

from __future__ import annotations

from commonground.core.similar_councils import SimilarCouncils
from commonground.places import family, profile, selectors
from commonground.places.selectors import Matrix


def _groups(matrix: Matrix) -> dict[str, int]:
    groups = family.all_groups(matrix, selectors.judgements())
    return {c: int(g) for c, g in zip(matrix.codes, groups, strict=True) if int(g)}


def family_groups_by_code() -> dict[str, int]:
    """Every council's family group where its data decide one."""
    matrix = selectors.council_matrix()
    return _groups(matrix) if matrix is not None else {}


def answer(code: str) -> SimilarCouncils | None:
    matrix = selectors.council_matrix()
    if matrix is None or code not in matrix.index:
        return None
    groups = _groups(matrix)
    own = groups.get(code)
    same = frozenset(c for c, g in groups.items() if own and g == own and c != code)
    neighbours = tuple(n.code for n in profile.neighbours_of(matrix, code))
    return SimilarCouncils(code=code, family_group=own, neighbours=neighbours,
                        same_family_group=same)
