"""Custom areas: neighbourhoods a council builds from its own small areas (private to it)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.accounts.types import SignedInRequest
from commonground.core.errors import DomainError
from commonground.core.forms import apply_domain_error
from commonground.places import access, selectors, services, subareas
from commonground.places.forms import CustomAreaForm
from commonground.places.models import AreaLevel, CustomArea


@login_required
def custom_list(request: SignedInRequest, code: str) -> HttpResponse:
    """The council's custom areas, and for its staff, a form to make one."""
    organisation = access.get_council_workspace_for_user(request.user, code.upper())
    council = access.get_council_area(code.upper())
    levels = selectors.sub_area_levels(council)
    level = request.GET.get("level") or request.POST.get("level") or (
        levels[0][0] if levels else AreaLevel.LSOA)
    choices = selectors.custom_area_choices(council, level)
    form = CustomAreaForm(request.POST or None, choices=choices)
    if request.method == "POST":
        organisation = access.get_council_workspace_for_user(request.user, council.code,
                                                             write=True)
        if form.is_valid():
            try:
                custom = services.create_custom_area(
                    actor=request.user, organisation=organisation, council=council,
                    name=form.cleaned_data["name"], member_codes=form.cleaned_data["members"])
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                messages.success(request,
                                 _("Custom area %(name)s is saved.") % {"name": custom.name})
                return redirect("places:custom-detail", custom_id=custom.pk)
    return render(request, "places/custom_list.html", {
        "area": council, "organisation": organisation, "form": form, "level": level,
        "levels": levels,
        "customs": CustomArea.objects.filter(organisation=organisation, council=council)
        .prefetch_related("members"),
        "can_create": _staff(request, council.code),
    })


def _staff(request: HttpRequest, code: str) -> bool:
    try:
        access.get_council_workspace_for_user(request.user, code, write=True)
    except DomainError:
        return False
    return True


@login_required
def custom_detail(request: SignedInRequest, custom_id: int) -> HttpResponse:
    custom = access.get_custom_area_for_user(request.user, custom_id)
    return render(request, "places/custom_detail.html", {
        "custom": custom, "area": custom.council, "table": subareas.for_custom(custom),
        "can_change": _staff(request, custom.council.code),
    })


@login_required
@require_POST
def custom_delete(request: SignedInRequest, custom_id: int) -> HttpResponse:
    custom = access.get_custom_area_for_user(request.user, custom_id, write=True)
    code, name = custom.council.code, custom.name
    services.delete_custom_area(actor=request.user, custom=custom)
    messages.success(request, _("Custom area %(name)s is deleted.") % {"name": name})
    return redirect("places:custom-list", code=code)
