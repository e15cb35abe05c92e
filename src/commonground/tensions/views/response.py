"""Trigger-event responses (playbook, communication plan, log), the community contacts
register and rumours. The council's own officers only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from commonground.accounts.types import SignedInRequest
from commonground.core import audit
from commonground.core.errors import DomainError
from commonground.core.form_actions import posted_to_from
from commonground.core.forms import apply_domain_error
from commonground.places.models import Area
from commonground.tensions import access, selectors
from commonground.tensions.forms import (
    CommunicationPlanForm,
    CommunityContactForm,
    LogForm,
    ResponseForm,
    RumourForm,
)
from commonground.tensions.models import CommunityContact, Rumour, TriggerEvent, TriggerResponse
from commonground.tensions.services import response as services
from commonground.tensions.views.common import council_area, council_for


@login_required
def responses(request: SignedInRequest) -> HttpResponse:
    council = council_for(request)
    events = TriggerEvent.objects.filter(council=council)
    form = ResponseForm(request.POST or None, events=events,
                        initial={"trigger_event": request.GET.get("event", "")})
    if request.method == "POST":
        council = council_for(request, write=True)
        if form.is_valid():
            data = form.cleaned_data
            event = events.filter(pk=data["trigger_event"]).first() \
                if data["trigger_event"] else None
            try:
                created = services.open_response(actor=request.user, council=council,
                                                 title=data["title"], summary=data["summary"],
                                                 trigger_event=event)
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                messages.success(request, _("The response is open. Work through the playbook."))
                return redirect("tensions:response", response_id=created.pk)
    return render(request, "tensions/response/list.html", {
        "council": council, "form": form,
        "responses": TriggerResponse.objects.filter(council=council)
        .select_related("trigger_event")})


@login_required
def response_detail(request: SignedInRequest, response_id: int, **forms: object) -> HttpResponse:
    response = access.get_response_for_user(request.user, response_id)
    audit.record(actor=request.user, action=audit.Action.RESPONSE_VIEW, obj=response,
                 organisation_id=response.council_id)
    return render(request, "tensions/response/detail.html", {
        "response": response, "tasks": response.tasks.select_related("done_by"),
        "log": response.log.select_related("author")[:100],
        "plan_form": forms.get("plan_form") or CommunicationPlanForm(initial={
            "audiences": response.audiences, "stakeholders": response.stakeholders,
            "channels": response.channels}),
        "log_form": forms.get("log_form") or LogForm(),
        "form": next(iter(forms.values()), None),
        "contacts": CommunityContact.objects.filter(council_id=response.council_id),
    })


@login_required
@posted_to_from("tensions:response", "response_id")
def task(request: SignedInRequest, response_id: int) -> HttpResponse:
    response = access.get_response_for_user(request.user, response_id, write=True)
    done = set(request.POST.getlist("done"))
    for t in response.tasks.all():
        services.set_task_done(actor=request.user, response=response, key=t.key,
                               done=t.key in done)
    messages.success(request, _("The playbook is updated."))
    return redirect("tensions:response", response_id=response.pk)


@login_required
@posted_to_from("tensions:response", "response_id")
def plan(request: SignedInRequest, response_id: int) -> HttpResponse:
    response = access.get_response_for_user(request.user, response_id, write=True)
    form = CommunicationPlanForm(request.POST)
    if not form.is_valid():
        return response_detail(request, response_id, plan_form=form)
    services.update_communication_plan(actor=request.user, response=response,
                                       **form.cleaned_data)
    messages.success(request, _("The communication plan is saved."))
    return redirect("tensions:response", response_id=response.pk)


@login_required
@posted_to_from("tensions:response", "response_id")
def log(request: SignedInRequest, response_id: int) -> HttpResponse:
    response = access.get_response_for_user(request.user, response_id, write=True)
    form = LogForm(request.POST)
    if not form.is_valid():
        return response_detail(request, response_id, log_form=form)
    services.log_action(actor=request.user, response=response, text=form.cleaned_data["text"])
    messages.success(request, _("Added to the log."))
    return redirect("tensions:response", response_id=response.pk)


@login_required
def contacts(request: SignedInRequest, contact_id: int | None = None) -> HttpResponse:
    """The register of community contacts (list, add, edit): personal data, audited."""
    contact = (access.get_community_contact_for_user(request.user, contact_id)
               if contact_id else None)
    council = contact.council if contact else council_for(request)
    initial = {f: getattr(contact, f) for f in CommunityContactForm.base_fields} \
        if contact else None
    form = CommunityContactForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if contact is not None:
            access.get_community_contact_for_user(request.user, contact.pk, write=True)
        else:
            council = council_for(request, write=True)
        if form.is_valid():
            try:
                services.save_community_contact(actor=request.user, council=council,
                                                contact=contact, **form.cleaned_data)
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                messages.success(request, _("The contact is saved."))
                return redirect("tensions:contacts")
    audit.record(actor=request.user, action=audit.Action.COMMUNITY_CONTACT_LIST_VIEW,
                 organisation_id=council.pk, object_type="tensions.communitycontact",
                 object_label=f"register of {council}")
    return render(request, "tensions/response/contacts.html", {
        "council": council, "form": form, "editing": contact,
        "contacts": CommunityContact.objects.filter(council=council)})


@login_required
@posted_to_from("tensions:contacts")
def delete_contact(request: SignedInRequest, contact_id: int) -> HttpResponse:
    contact = access.get_community_contact_for_user(request.user, contact_id, write=True)
    services.delete_community_contact(actor=request.user, contact=contact)
    messages.success(request, _("The contact is removed from the register."))
    return redirect("tensions:contacts")


@login_required
def rumours(request: SignedInRequest, rumour_id: int | None = None) -> HttpResponse:
    rumour = access.get_rumour_for_user(request.user, rumour_id) if rumour_id else None
    council = rumour.council if rumour else council_for(request)
    wards = list(selectors.wards_of(council_area(council)))
    initial = None
    if rumour is not None:
        initial = {f: getattr(rumour, f) for f in RumourForm.base_fields if f != "ward"}
        initial["ward"] = rumour.ward.code if rumour.ward else ""
    form = RumourForm(request.POST or None, wards=wards, initial=initial)
    if request.method == "POST":
        if rumour is not None:
            access.get_rumour_for_user(request.user, rumour.pk, write=True)
        else:
            council = council_for(request, write=True)
        if form.is_valid():
            data = dict(form.cleaned_data)
            ward_code = data.pop("ward")
            ward = Area.objects.filter(code=ward_code).first() if ward_code else None
            try:
                services.save_rumour(actor=request.user, council=council, rumour=rumour,
                                     ward=ward, **data)
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                messages.success(request, _("The rumour is saved."))
                return redirect("tensions:rumours")
    return render(request, "tensions/response/rumours.html", {
        "council": council, "form": form, "editing": rumour,
        "rumours": Rumour.objects.filter(council=council).select_related("ward")})
