"""What a council's map can show: open data of each level, and uploads the reader may see.

The map page, its CSV and GeoJSON downloads read the same choice from the same query
parameters (``data``: a level or an upload's slug; ``level`` as before uploads could be
mapped), so every place shows the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_  # noqa: N812 - marked, kept English

from commonground.accounts.types import Visitor
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


# The kinds of small area a council map is drawn from, as a choice names them.
LEVELS_PLURAL = {AreaLevel.WARD: N_("Wards"), AreaLevel.LSOA: N_("LSOAs"),
                 AreaLevel.OA: N_("Output areas")}


def _kind(level: str) -> str:
    return _(LEVELS_PLURAL[AreaLevel(level)]) if level in LEVELS_PLURAL else level


def map_choices(user: Visitor, council: Area) -> list[MapChoice]:
    """The reader's choices, named in the reader's language (open data's titles come from
    the catalogue; an upload keeps the title its uploader gave it)."""
    choices = [MapChoice(level, _("%(kind)s: %(title)s") % {
        "kind": _kind(level), "title": _(dataset.title)}, level, dataset, False)
        for level, dataset in selectors.sub_area_levels(council)]
    uploads = selectors.uploads_covering(access.uploaded_datasets_for_user(user),
                                         council)
    return choices + [MapChoice(d.slug, _("%(kind)s: %(title)s (uploaded)") % {
        "kind": _kind(d.level), "title": d.title}, d.level, d, True) for d in uploads]


def map_table(user: Visitor, query: Mapping[str, str], council: Area, *, shapes: bool = False
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
