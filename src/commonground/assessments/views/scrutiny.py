"""Scrutiny reports: the council's list, generating one for a plan and a period, the
printable page and the Word document."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from commonground.accounts.types import SignedInRequest
from commonground.assessments import access, scrutiny, scrutiny_document
from commonground.assessments.forms import ScrutinyForm, set_choices
from commonground.assessments.models import ScrutinyReport
from commonground.assessments.services import scrutiny as services
from commonground.assessments.views.common import form_page, plan_choices
from commonground.core import audit
from commonground.core.documents import CONTENT_TYPE, to_docx
from commonground.core.errors import DomainError
from commonground.core.forms import apply_domain_error
from commonground.plans.models import ActionPlan
from commonground.plans.views.common import council_from


@login_required
def reports(request: SignedInRequest) -> HttpResponse:
    councils = access.councils_for(request.user)
    council = council_from(request) if councils else None
    return render(request, "assessments/scrutiny/list.html", {
        "council": council,
        "reports": ScrutinyReport.objects.filter(council=council) if council else [],
        "can_write": bool(council) and council in access.councils_for(request.user,
                                                                      write=True)})


@login_required
def new_report(request: SignedInRequest) -> HttpResponse:
    council = council_from(request, write=True)
    today = timezone.localdate()
    form = ScrutinyForm(request.POST or None, initial={
        "period_start": today - datetime.timedelta(days=182), "period_end": today})
    set_choices(form.fields["plan"], plan_choices(council))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.generate(
                actor=request.user, council=council,
                plan=ActionPlan.objects.filter(pk=data["plan"] or 0).first(),
                title=data["title"], committee=data["committee"],
                period_start=data["period_start"], period_end=data["period_end"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The report is generated. It keeps what the platform "
                                        "held today."))
            return redirect("assessments:scrutiny-report", report_id=report.pk)
    return form_page(request, form, council=council, title=_("Prepare a scrutiny report"),
                     submit=_("Generate the report"),
                     intro=_("A dated report for a scrutiny committee: the plan's progress, "
                             "its targets and their latest values, the tension reports of the "
                             "period (small numbers hidden) and the impact assessments signed "
                             "off in it."))


@login_required
def report(request: SignedInRequest, report_id: int) -> HttpResponse:
    found = access.get_scrutiny_report_for_user(request.user, report_id)
    return render(request, "assessments/scrutiny/report.html", {
        "report": found, "council": found.council, "content": scrutiny.labelled(found.content)})


@login_required
def report_docx(request: SignedInRequest, report_id: int) -> HttpResponse:
    found = access.get_scrutiny_report_for_user(request.user, report_id)
    response = HttpResponse(to_docx(scrutiny_document.build(found)), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{slugify(found.title)}.docx"'
    audit.record(actor=request.user, action=audit.Action.ASSESSMENTS_SCRUTINY_EXPORT,
                 obj=found, organisation_id=found.council_id, new={"file": "docx"})
    return response
