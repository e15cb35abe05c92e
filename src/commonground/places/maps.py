"""What a council's map can show: open data of each level, and uploads the reader may see.

The map page, its CSV and GeoJSON downloads read the same choice from the same query
parameters (``data``: a level or an upload's slug; ``level`` as before uploads could be
mapped), so every place shows the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from commonground.places import access, selectors, subareas
from commonground.places.models import Area, AreaLevel, Dataset


@dataclass(frozen=True)
class MapChoice:
    """What a council map shows: open data of a level, or an upload the reader may see."""

    value: str  # the level for open data, the dataset's slug for an upload
    label: str
    level: str
    dataset: Dataset
    uploaded: bool


def map_choices(user: Any, council: Area) -> list[MapChoice]:
    choices = [MapChoice(level, f"{AreaLevel(level).label}s: {dataset.title}", level, dataset,
                         False) for level, dataset in selectors.sub_area_levels(council)]
    uploads = selectors.uploads_covering(access.uploaded_datasets_for_user(user),
                                         council)
    return choices + [MapChoice(d.slug, f"{AreaLevel(d.level).label}s: {d.title} (uploaded)",
                                d.level, d, True) for d in uploads]


def map_table(user: Any, query: Mapping[str, str], council: Area, *, shapes: bool = False
              ) -> tuple[list[MapChoice], MapChoice | None, subareas.SubAreaTable | None]:
    """The choices of a council's map, the one asked for (``data``, or ``level`` as
    before uploads could be mapped; else the first) and its table."""
    choices = map_choices(user, council)
    wanted = query.get("data") or query.get("level")
    chosen = next((c for c in choices if c.value == wanted), choices[0] if choices else None)
    if chosen is None:
        return choices, None, None
    if chosen.uploaded:  # the one access function decides, as for every other use
        access.get_uploaded_dataset_for_user(user, chosen.value)
    return choices, chosen, subareas.for_dataset(council, chosen.dataset, shapes=shapes)
