"""Invitation codes for an address-based sample: the wave's batches with how many codes were
used, a form to make a batch, and each batch's file for the mail merge."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonground.accounts.types import SignedInRequest
from commonground.core import audit, csvfile
from commonground.core.errors import DomainError, not_found
from commonground.core.forms import apply_domain_error
from commonground.surveys import access, codes, selectors
from commonground.surveys.forms import InvitationBatchForm
from commonground.surveys.questionnaire import wards_of
from commonground.surveys.services import invitations as invitation_services

HEADER = ["code", "ward_code", "ward_name", "address", "used"]


@login_required
def batches(request: SignedInRequest, wave_id: int) -> HttpResponse:
    found = access.get_wave_for_user(request.user, wave_id, write=True)
    wards = list(wards_of(found.council))
    form = InvitationBatchForm(request.POST or None, wards=[(w.code, w.name) for w in wards])
    if request.method == "POST" and form.is_valid():
        ward = next((w for w in wards if w.code == form.cleaned_data["ward"]), None)
        try:
            batch = invitation_services.make_invitations(
                actor=request.user, wave=found, count=form.cleaned_data["count"], ward=ward)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, ngettext(
                "%(count)s code has been made. Download it for the mail merge.",
                "%(count)s codes have been made. Download them for the mail merge.",
                batch.size) % {"count": f"{batch.size:,}"})
            return redirect("surveys:codes", wave_id=found.pk)
    made = list(selectors.invitation_batches(found))
    return render(request, "surveys/codes.html", {
        "wave": found, "form": form, "batches": made,
        "total": sum(b.batch.size for b in made), "used": sum(b.used for b in made)})


@login_required
def download(request: SignedInRequest, wave_id: int, batch_id: int) -> HttpResponse:
    """One batch's codes as CSV for the mail merge: the code as printed, the ward, the
    questionnaire's address, and whether it has been used (for reminder letters)."""
    found = access.get_wave_for_user(request.user, wave_id, write=True)
    batch = (found.invitation_batches.select_related("ward").defer("ward__boundary")
             .filter(pk=batch_id).first())
    if batch is None:
        raise not_found(_("batch of invitation codes"))
    address = request.build_absolute_uri(reverse("surveys:take-part"))
    ward_code, ward_name = (batch.ward.code, batch.ward.name) if batch.ward else ("", "")
    rows = ([codes.display(code), ward_code, ward_name, address, "yes" if used else "no"]
            for code, used in selectors.invitations_in(batch))
    audit.record(actor=request.user, action=audit.Action.SURVEY_INVITATIONS_EXPORT,
                 obj=found, organisation_id=found.council_id,
                 new={"batch": batch.pk, "codes": batch.size})
    return csvfile.response(f"invitation-codes-wave-{found.pk}-batch-{batch.pk}.csv",
                            HEADER, rows)
