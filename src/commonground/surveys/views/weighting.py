"""Weighting a wave to the census: the form that starts it (a background task) and the
weighting report."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from commonground.accounts.types import SignedInRequest
from commonground.core.errors import DomainError, not_found
from commonground.core.forms import apply_domain_error
from commonground.surveys import access, report
from commonground.surveys.forms import WeightingForm
from commonground.surveys.models import WaveWeighting
from commonground.surveys.services import weighting as weighting_services


@login_required
def weigh(request: SignedInRequest, wave_id: int) -> HttpResponse:
    found = access.get_wave_for_user(request.user, wave_id, write=True)
    form = WeightingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        trim = ((data["trim_low"], data["trim_high"]) if data["trim_low"] is not None
                else None)
        try:
            job = weighting_services.submit_weighting(
                actor=request.user, wave=found, scheme=data["scheme"],
                joint_age_sex=data["joint_age_sex"], ethnic_group=data["ethnic_group"],
                trim=trim, language=translation.get_language() or "en")
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            return redirect("surveys:weighting", weighting_id=job.pk)
    return render(request, "surveys/weigh.html", {
        "wave": found, "form": form,
        "weightings": WaveWeighting.objects.filter(wave=found).select_related("created_by")
        .defer("results", "report")[:10]})


@login_required
def weighting(request: SignedInRequest, weighting_id: int) -> HttpResponse:
    job = WaveWeighting.objects.defer("results").filter(pk=weighting_id).first()
    if job is None:
        raise not_found(_("weighting"))
    job.wave = access.get_wave_for_user(request.user, job.wave_id, write=True)
    return render(request, "surveys/weighting.html", {
        "wave": job.wave, "job": job, "report": report.weighting_report(job)})
