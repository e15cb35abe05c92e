"""A council's officers and analysts record their judgement of its family group."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from commonground.accounts.types import SignedInRequest
from commonground.core.errors import DomainError
from commonground.core.forms import apply_domain_error
from commonground.places import access, services
from commonground.places.forms import FamilyJudgementForm
from commonground.places.models import FamilyGroupJudgement


@login_required
def judge(request: SignedInRequest, code: str) -> HttpResponse:
    area = access.get_family_judgement_for_user(request.user, code.upper(), write=True)
    current = FamilyGroupJudgement.objects.filter(area=area).first()
    initial = {}
    if current is not None:
        decline = current.industrial_decline
        initial = {"industrial_decline": "unknown" if decline is None else
                   ("yes" if decline else "no"),
            "override_group": current.override_group or "", "reason": current.reason}
    form = FamilyJudgementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_family_judgement(
                actor=request.user, council=area, industrial_decline=form.decline(),
                override_group=form.cleaned_data["override_group"],
                reason=form.cleaned_data["reason"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The family group judgement of %(council)s is saved.")
                             % {"council": area.display_name})
            return redirect("places:detail", code=area.code)
    return render(request, "places/family_judgement.html", {"area": area, "form": form})
