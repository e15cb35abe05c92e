"""The councils and wards that reports are placed in, kept by each server process.

Report intake is the hot path (the goal is 100 reports a second on 2 cores). A
council, its area and its wards change only when an administrator adds a council or
the boundaries are re-imported, so each process keeps what it has looked up for
``TTL`` seconds instead of asking the database three times for every report, and
parses a council's ward boundaries once (prepared for fast point tests) for "which
ward is this point in". Saving or deleting an organisation or an area in this
process empties the cache at once (signals connected in apps.py); other processes
see such a change within ``TTL`` seconds. Only councils that exist are kept, so codes
sent from the internet cannot grow the cache.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry import Point, shape
from shapely.prepared import PreparedGeometry, prep

from commonground.accounts.models import Organisation, OrganisationKind
from commonground.places.models import Area, AreaLevel

TTL = 60.0
# Boundaries can be large; lookups that only need identity leave them in the database.
SLIM = ("pk", "code", "name", "level", "parent_id")

Box = tuple[float, float, float, float]


@dataclass
class CouncilPlaces:
    council: Organisation
    area: Area | None
    wards: dict[str, Area]
    loaded_at: float
    _shapes: list[tuple[Area, Box, PreparedGeometry]] | None = field(default=None, repr=False)

    def ward_at(self, longitude: float, latitude: float) -> Area | None:
        """The ward containing the point: as ``places.geo.area_at_point`` (bounding box,
        then the shape; on a shared edge the first by name), from memory."""
        if self._shapes is None:
            self._shapes = _ward_shapes(self.area, self.wards)
        point = Point(longitude, latitude)
        for ward, (x0, y0, x1, y1), geometry in self._shapes:
            if x0 <= longitude <= x1 and y0 <= latitude <= y1 and geometry.covers(point):
                return ward
        return None


_cache: dict[str, CouncilPlaces] = {}


def places_of(council_code: str) -> CouncilPlaces | None:
    """The council whose area has this ONS code, its area and wards; None if no council."""
    found = _cache.get(council_code)
    if found is not None and time.monotonic() - found.loaded_at < TTL:
        return found
    council = Organisation.objects.filter(kind=OrganisationKind.COUNCIL,
                                          area_code=council_code).first()
    if council is None:
        _cache.pop(council_code, None)
        return None
    area = (Area.objects.filter(code=council_code, level=AreaLevel.COUNCIL)
            .only(*SLIM).first())
    wards = ({} if area is None else
             {w.code: w for w in Area.objects.filter(level=AreaLevel.WARD, parent=area)
              .only(*SLIM)})
    found = CouncilPlaces(council=council, area=area, wards=wards,
                          loaded_at=time.monotonic())
    _cache[council_code] = found
    return found


def _ward_shapes(area: Area | None, wards: dict[str, Area]
                 ) -> list[tuple[Area, Box, PreparedGeometry]]:
    if area is None:
        return []
    rows = (Area.objects.filter(level=AreaLevel.WARD, parent=area, boundary__isnull=False,
                                min_lon__isnull=False, min_lat__isnull=False,
                                max_lon__isnull=False, max_lat__isnull=False)
            .values_list("code", "min_lon", "min_lat", "max_lon", "max_lat", "boundary"))
    out = []
    for code, x0, y0, x1, y1, boundary in rows:
        # The query leaves out missing boxes; the check is for the type checker.
        if boundary and code in wards and x0 is not None and y0 is not None \
                and x1 is not None and y1 is not None:
            out.append((wards[code], (x0, y0, x1, y1), prep(shape(boundary))))
    return out


def forget(**_kwargs: Any) -> None:
    """Empty the cache (a signal receiver: an organisation or area changed)."""
    _cache.clear()
