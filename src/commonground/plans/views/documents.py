"""Downloads and uploads: the profile document, and the plan's CSV out and back in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from commonground.accounts.types import SignedInRequest
from commonground.core import audit
from commonground.core.documents import CONTENT_TYPE, to_docx
from commonground.core.errors import DomainError
from commonground.core.forms import apply_domain_error
from commonground.plans import access, profile_document, transfer
from commonground.plans.forms import ImportForm
from commonground.plans.services import transfer as transfer_services
from commonground.plans.services.history import log
from commonground.plans.views.common import council_from


@login_required
def profile_docx(request: SignedInRequest, exercise_id: int, number: int
                          ) -> HttpResponse:
    version = access.get_version_for_user(request.user, exercise_id, number)
    response = HttpResponse(to_docx(profile_document.build(version)),
                            content_type=CONTENT_TYPE)
    name = slugify(f"cohesion profile {version.exercise.name} v{version.number}")
    response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    return response


def export_csv(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The plan as one CSV file: its own people get every field; others (a published
    plan) the same file without lead officers' email addresses."""
    plan = access.get_plan_for_user(request.user, plan_id)
    personal = access.is_insider(request.user, plan)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(plan.title)}.csv"'
    response.write(transfer.to_csv(transfer.rows(plan, personal=personal)))
    if personal:
        log(actor=request.user if request.user.is_authenticated else None, plan=plan,
            action=audit.Action.PLANS_PLAN_EXPORT, label=plan.title, new={"file": "csv"})
    return response


def _read_upload(form: ImportForm) -> tuple[bytes, str]:
    upload = form.cleaned_data["file"]
    return upload.read(transfer.MAX_BYTES + 1), upload.name or "plan.csv"


@login_required
def import_into(request: SignedInRequest, plan_id: int) -> HttpResponse:
    """The plan's file read back into it: changed records change, new ones are added."""
    plan = access.get_plan_for_user(request.user, plan_id, write=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        content, name = _read_upload(form)
        try:
            result = transfer_services.import_plan(actor=request.user, council=plan.council,
                                                   content=content, file_name=name, into=plan)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            _done(request, result)
            return redirect("plans:plan", plan_id=plan.pk)
    return render(request, "plans/form.html", {
        "form": form, "caption": plan.title, "back": plan, "multipart": True,
        "title": _("Read the plan's CSV back in"), "submit": _("Import"),
        "intro": _("Records with an id change in place; rows without one are added; "
                   "records the file leaves out are deleted. The whole file is checked "
                   "first: if anything is wrong, nothing changes and every problem is "
                   "listed.")})


@login_required
def import_new(request: SignedInRequest) -> HttpResponse:
    council = council_from(request, write=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        content, name = _read_upload(form)
        try:
            result = transfer_services.import_plan(actor=request.user, council=council,
                                                   content=content, file_name=name)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            _done(request, result)
            return redirect("plans:plan", plan_id=result.plan.pk)
    return render(request, "plans/form.html", {
        "form": form, "caption": council.name, "multipart": True,
        "title": _("Start a plan from a CSV file"), "submit": _("Import"),
        "intro": _("A plan exported from Common Ground (or written in the same format) "
                   "becomes a new draft plan of %(council)s.") % {"council": council.name}})


def _done(request: HttpRequest, result: transfer_services.Imported) -> None:
    messages.success(request, _("The file is read: %(created)d records added, %(kept)d kept, "
                                "%(deleted)d deleted.") % {
        "created": result.created, "kept": result.kept, "deleted": result.deleted})
    for notice in result.notices:
        messages.info(request, notice)
