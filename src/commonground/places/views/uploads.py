"""Analysts upload counts files; the import runs in the background with a progress page.
They also see everything their organisation has uploaded."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from commonground.accounts.types import SignedInRequest
from commonground.core.errors import DomainError, PermissionDenied
from commonground.core.forms import apply_domain_error
from commonground.places import access, selectors, services
from commonground.places.forms import UploadForm
from commonground.places.models import ImportJob


@login_required
def upload(request: SignedInRequest) -> HttpResponse:
    organisations = access.upload_organisations(request.user)
    if not organisations:
        raise PermissionDenied(_("Only analysts and administrators of an organisation can "
                                 "upload data."))
    # "Replace it with a new file" on a dataset's page fills in its title and level.
    initial = {k: request.GET[k] for k in ("title", "level", "organisation") if k in request.GET}
    form = UploadForm(request.POST or None, request.FILES or None, organisations=organisations,
                      initial=initial)
    if request.method == "POST" and form.is_valid():
        organisation = access.get_upload_organisation_for_user(
            request.user, form.cleaned_data["organisation"])
        uploaded = form.cleaned_data["file"]
        try:
            job = services.submit_import(
                actor=request.user, organisation=organisation, file_name=uploaded.name,
                content=uploaded.read(services.MAX_UPLOAD_BYTES + 1), options=form.options())
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            return redirect("places:job", job_id=job.pk)
    jobs = ImportJob.objects.filter(created_by_id=request.user.pk)[:10]
    return render(request, "places/upload.html", {"form": form, "jobs": jobs,
                                                  "organisations": organisations})


@login_required
def job(request: SignedInRequest, job_id: int) -> HttpResponse:
    found = access.get_import_job_for_user(request.user, job_id)
    return render(request, "places/job.html", {"job": found})


@login_required
def organisation_datasets(request: SignedInRequest, slug: str) -> HttpResponse:
    organisation = access.get_organisation_datasets_for_user(request.user, slug)
    return render(request, "places/organisation_datasets.html", {
        "organisation": organisation,
        "datasets": selectors.organisation_datasets(organisation),
        "jobs": selectors.organisation_jobs(organisation),
    })
