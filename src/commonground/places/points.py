"""A point on the map as people send it: both coordinates or neither, real numbers, on Earth.

Browsers send what the map gives, but a script can send NaN, Infinity or 91 degrees; those
must be refused with the field named rather than stored (they break maps and exports).
"""

from __future__ import annotations

import math

from django.utils.translation import gettext as _


def point_problems(*, longitude: float | None, latitude: float | None
                   ) -> dict[str, list[str]]:
    """Each coordinate's problem by field name; empty when the point (or its absence) is fine."""
    if longitude is None and latitude is None:
        return {}
    problems: dict[str, list[str]] = {}
    for name, value, limit in (("longitude", longitude, 180.0), ("latitude", latitude, 90.0)):
        if value is None:
            problems[name] = [_("Give both the longitude and the latitude, or neither.")]
        elif not math.isfinite(value) or abs(value) > limit:
            problems[name] = [_("Give a number from -%(limit)s to %(limit)s.")
                              % {"limit": int(limit)}]
    return problems
