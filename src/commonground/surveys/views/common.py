"""What the surveys pages share: which council a page is about."""

from __future__ import annotations

from django.http import HttpRequest

from commonground.accounts.models import Organisation
from commonground.core.errors import not_found
from commonground.surveys import access


def council_from(request: HttpRequest, *, write: bool = False) -> Organisation:
    """The council named by ``?council=<slug>`` among the user's own (or the first)."""
    councils = access.councils_for(request.user, write=write)
    slug = request.GET.get("council") or request.POST.get("council", "")
    for council in councils:
        if council.slug == slug or not slug:
            return council
    raise not_found("council")
