"""Geometry helpers: bounding boxes and which area contains a point (shapely)."""

from __future__ import annotations

from typing import Any

from shapely.geometry import Point, shape

from commonground.places.models import Area


def bounding_box(geometry: dict[str, Any]) -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat) of a GeoJSON (Multi)Polygon.

    Read from the coordinates: building a shapely shape only for its bounds took most
    of the time of importing every LSOA's boundary.
    """
    rings = geometry["coordinates"]
    if geometry.get("type") == "MultiPolygon":
        rings = [ring for polygon in rings for ring in polygon]
    lons = [float(point[0]) for ring in rings for point in ring]
    lats = [float(point[1]) for ring in rings for point in ring]
    return min(lons), min(lats), max(lons), max(lats)


def set_boundary(area: Area, geometry: dict[str, Any]) -> None:
    """Give an area its boundary and bounding box (the caller saves)."""
    area.boundary = geometry
    area.min_lon, area.min_lat, area.max_lon, area.max_lat = bounding_box(geometry)


def area_at_point(lon: float, lat: float, *, level: str, within: Area | None = None
                  ) -> Area | None:
    """The area of ``level`` containing the point, optionally inside ``within``.

    The database narrows to shapes whose bounding box holds the point; shapely
    decides among those few.
    """
    candidates = Area.objects.filter(
        level=level, min_lon__lte=lon, max_lon__gte=lon, min_lat__lte=lat, max_lat__gte=lat,
        boundary__isnull=False,
    )
    if within is not None:
        candidates = candidates.filter(parent=within)
    point = Point(lon, lat)
    for area in candidates:
        if area.boundary and shape(area.boundary).covers(point):
            return area
    return None
