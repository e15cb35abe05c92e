"""Sharing agreements: which of a council's tension reports a partner organisation sees.

Members of an organisation see the agreements it has given and received; only the
owning organisation's own administrators agree to share or end an agreement (the
council is the data controller, so a platform administrator does not agree on its
behalf, matching ``access.get_sharing_agreement_for_user``). Every change is audited
by the services.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from commonground.accounts import access, services
from commonground.accounts.models import Organisation, OrganisationKind, Role, SharingAgreement
from commonground.accounts.types import SignedInRequest, Visitor
from commonground.core.errors import DomainError, PermissionDenied
from commonground.core.forms import GovukForm, apply_domain_error

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def report_categories() -> list[tuple[str, str]]:
    """The kinds of report an agreement can name. accounts imports no other app, so the
    choices are read through the app registry from the app that owns the reports."""
    try:
        model = apps.get_model("tensions", "Report")
    except LookupError:
        return []
    return [(str(v), str(label)) for v, label in model._meta.get_field("category").choices]


class SharingForm(GovukForm):
    partner = forms.ChoiceField(label=_("Share with"), error_messages={
        "required": _("Choose the organisation to share with.")})
    categories = forms.MultipleChoiceField(
        label=_("Which kinds of report"), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of report.")},
        help_text=_("The partner sees reports of these kinds only, read only. Counts shown "
                  "to partners always pass disclosure control."))
    include_contact_details = forms.BooleanField(
        label=_("Include reporters' contact details"), required=False,
        help_text=_("Only if the partner must contact reporters, for example to offer "
                  "victim support. Every look at contact details is audited."))
    include_assessments = forms.BooleanField(label=_("Include weekly tension assessments"),
                                             required=False)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE, error_messages={
        "required": _("Enter the date the agreement starts.")})
    ends_on = forms.DateField(label=_("Ends on (optional)"), required=False, widget=DATE,
                              help_text=_("Leave blank for no end date. You can end an "
                                        "agreement at any time."))
    purpose = forms.CharField(label=_("Purpose"), max_length=2000, error_messages={
        "required": _("Say why the partner needs the reports.")},
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Why the partner needs this, as your data sharing "
                                        "agreement says."))

    def __init__(self, *args: Any, owner: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partners = Organisation.objects.exclude(pk=owner.pk).order_by("name")
        self.fields["partner"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose an organisation")), *[(o.slug, o.name) for o in partners]]
        self.fields["categories"].choices = report_categories()  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("starts_on", timezone.localdate())


def _can_agree(user: Visitor, organisation: Organisation) -> bool:
    return (organisation.kind == OrganisationKind.COUNCIL
            and access.role_in(user, organisation) == Role.ADMIN)


def _status(agreement: SharingAgreement) -> str:
    today = timezone.localdate()
    if agreement.revoked_at is not None:
        return gettext("Ended early")
    if agreement.starts_on > today:
        return gettext("Not started")
    if agreement.ends_on is not None and agreement.ends_on < today:
        return gettext("Expired")
    return gettext("Active")


def _rows(agreements: Any, *, party: str) -> list[dict[str, Any]]:
    """Table rows; ``party`` names the other side ("partner" or "owner")."""
    names = dict(report_categories())
    return [{"agreement": a, "party": getattr(a, party), "status": _status(a),
             "categories": [names.get(c, c) for c in a.categories]} for a in agreements]


@login_required
def sharing(request: SignedInRequest, slug: str) -> HttpResponse:
    organisation = access.get_organisation_for_user(request.user, slug)
    can_agree = _can_agree(request.user, organisation)
    form = SharingForm(request.POST or None, owner=organisation)
    if request.method == "POST":
        access.get_organisation_for_user(request.user, slug, write=True)
        if not can_agree:
            raise PermissionDenied(_("Only the council's own administrators agree to share "
                                   "its reports."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                agreement = services.create_sharing_agreement(
                    actor=request.user, owner=organisation,
                    partner=Organisation.objects.get(slug=data["partner"]),
                    categories=data["categories"],
                    include_contact_details=data["include_contact_details"],
                    include_assessments=data["include_assessments"],
                    starts_on=data["starts_on"], ends_on=data["ends_on"],
                    purpose=data["purpose"])
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                messages.success(request, gettext("%(partner)s now sees what this agreement "
                                                  "gives, from its start date.")
                                 % {"partner": agreement.partner})
                return redirect("accounts:sharing", slug=slug)
    given = SharingAgreement.objects.filter(owner=organisation).select_related("partner")
    received = SharingAgreement.objects.filter(partner=organisation).select_related("owner")
    return render(request, "accounts/sharing.html", {
        "organisation": organisation, "can_agree": can_agree,
        "form": form if can_agree else None,
        "given": _rows(given, party="partner"), "received": _rows(received, party="owner"),
    })


@login_required
@require_POST
def revoke_sharing(request: SignedInRequest, agreement_id: int) -> HttpResponse:
    agreement = access.get_sharing_agreement_for_user(request.user, agreement_id, write=True)
    services.revoke_sharing_agreement(actor=request.user, agreement=agreement)
    messages.success(request, gettext("The agreement with %(partner)s has ended. They no "
                                      "longer see the reports it gave.")
                     % {"partner": agreement.partner})
    return redirect("accounts:sharing", slug=agreement.owner.slug)
