"""Places' answer to "which councils are like this one?" (see core.similar_areas)."""

from __future__ import annotations

from commonground.core.similar_areas import SimilarAreas
from commonground.places import family, profile, selectors


def similar_areas(code: str) -> SimilarAreas | None:
    matrix = selectors.council_matrix()
    if matrix is None or code not in matrix.index:
        return None
    groups = family.all_groups(matrix, selectors.judgements())
    own = int(groups[matrix.index[code]]) or None
    same = frozenset(c for c, g in zip(matrix.codes, groups, strict=True)
                     if own and int(g) == own and c != code)
    neighbours = tuple(n.code for n in profile.neighbours_of(matrix, code))
    return SimilarAreas(code=code, family_group=own, neighbours=neighbours,
                        same_family_group=same)
