"""Importing a contractor's file: upload (checked first, nothing saved), the check's
report with every problem by line and column, then the import itself."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.accounts.types import SignedInRequest
from commonground.core.errors import DomainError, not_found
from commonground.core.forms import apply_domain_error
from commonground.surveys import access, selectors
from commonground.surveys.forms import ImportForm
from commonground.surveys.models import ResponseImport
from commonground.surveys.questionnaire import questions_of
from commonground.surveys.services import imports as import_services


@login_required
def upload(request: SignedInRequest, wave_id: int) -> HttpResponse:
    found = access.get_wave_for_user(request.user, wave_id, write=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = import_services.submit_import(
                actor=request.user, wave=found, file_name=upload.name, content=upload.read(),
                dry_run=True, language=translation.get_language() or "en")
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            return redirect("surveys:import", import_id=job.pk)
    return render(request, "surveys/import.html", {
        "wave": found, "form": form, "imports": selectors.imports_of(found)[:20],
        "questions": questions_of(found).values()})


def _job(request: SignedInRequest, import_id: int) -> ResponseImport:
    job = ResponseImport.objects.defer("content").filter(pk=import_id).first()
    if job is None:
        raise not_found(_("import"))
    job.wave = access.get_wave_for_user(request.user, job.wave_id, write=True)
    return job


@login_required
def report(request: SignedInRequest, import_id: int) -> HttpResponse:
    job = _job(request, import_id)
    return render(request, "surveys/import_report.html", {"job": job, "wave": job.wave})


@login_required
@require_POST
def confirm(request: SignedInRequest, import_id: int) -> HttpResponse:
    job = _job(request, import_id)
    job = ResponseImport.objects.get(pk=job.pk)  # with its file this time
    try:
        imported = import_services.import_checked(actor=request.user, job=job)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("surveys:import", import_id=job.pk)
    return redirect("surveys:import", import_id=imported.pk)
