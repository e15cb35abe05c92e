"""Helpers shared by the officers' pages: which council a page is about."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from commonground.accounts.access import require_user
from commonground.accounts.models import Organisation
from commonground.core.errors import not_found
from commonground.places.models import Area, AreaLevel
from commonground.tensions import selectors


def council_for(request: HttpRequest, *, write: bool = False) -> Organisation:
    """The council named by ``?council=<slug>`` (or the only one), among the user's own."""
    require_user(request.user)
    councils = selectors.councils_of(request.user, write=write)
    slug = request.GET.get("council") or request.POST.get("council", "")
    for council in councils:
        if council.slug == slug or (not slug and len(councils) >= 1):
            return council
    raise not_found(_("council"))


def council_area(council: Organisation) -> Area:
    area = Area.objects.filter(level=AreaLevel.COUNCIL, code=council.area_code).first()
    if area is None:
        raise not_found(_("council area"))
    return area


def choices_context(request: HttpRequest, council: Organisation) -> dict[str, Any]:
    return {"council": council, "councils": selectors.councils_of(request.user)}
