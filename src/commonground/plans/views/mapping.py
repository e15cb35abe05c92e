"""Mapping exercise pages: start one, read the basket, judge items, add local evidence,
save dated versions of the local cohesion profile, and find issues in the evidence."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.accounts.models import Organisation
from commonground.accounts.types import SignedInRequest
from commonground.core.errors import DomainError, not_found
from commonground.core.forms import apply_domain_error
from commonground.places.models import CustomArea
from commonground.plans import access, basket, cohesion_profile, selectors
from commonground.plans.forms import EvidenceForm, ExerciseForm, RelevanceForm, set_choices
from commonground.plans.models import ProfileVersion
from commonground.plans.services import issues as issue_services
from commonground.plans.services import mapping as mapping_services
from commonground.plans.views.common import council_from, partner_choices, ward_choices


@login_required
def exercises(request: SignedInRequest) -> HttpResponse:
    """The council's mapping exercises, and a form to start one."""
    if not access.councils_for(request.user):
        return render(request, "plans/no_council.html", status=404)
    council = council_from(request)
    can_start = council in access.councils_for(request.user, write=True, mapping=True)
    form = ExerciseForm(request.POST or None)
    customs = CustomArea.objects.filter(organisation=council).order_by("name")
    set_choices(form.fields["custom_area"], [("", _("None"))] + [
        (str(c.pk), c.name) for c in customs])
    set_choices(form.fields["wards"], ward_choices(council))
    if request.method == "POST" and form.is_valid():
        council = access.get_council_for_user(request.user, council.slug, write=True,
                                              mapping=True)
        data = form.cleaned_data
        try:
            exercise = mapping_services.start_exercise(
                actor=request.user, council=council, name=data["name"], scope=data["scope"],
                custom_area=customs.filter(pk=data["custom_area"] or 0).first(),
                ward_codes=data["wards"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The mapping exercise has started."))
            return redirect("plans:exercise", exercise_id=exercise.pk)
    return render(request, "plans/mapping/list.html", {
        "council": council, "councils": access.councils_for(request.user), "form": form,
        "can_start": can_start, "exercises": selectors.exercises_of([council.pk])})


@login_required
def exercise(request: SignedInRequest, exercise_id: int) -> HttpResponse:
    found = access.get_exercise_for_user(request.user, exercise_id)
    groups = cohesion_profile.read(found, timezone.localdate())
    return render(request, "plans/mapping/exercise.html", {
        "exercise": found, "groups": groups,
        "held": sum(g.held for g in groups),
        "total": sum(len(g.items) for g in groups),
        "versions": ProfileVersion.objects.filter(exercise=found).order_by("-number")[:10],
        "issues": found.issues.order_by("status", "title"),
        "can_write": _can_write(request, exercise_id)})


def _can_write(request: SignedInRequest, exercise_id: int) -> bool:
    try:
        access.get_exercise_for_user(request.user, exercise_id, write=True)
    except DomainError:
        return False
    return True


@login_required
def item(request: SignedInRequest, exercise_id: int, item_id: str) -> HttpResponse:
    """One basket item: what is held, and the council's judgement and evidence."""
    found = access.get_exercise_for_user(request.user, exercise_id)
    if basket.load().item(item_id) is None:
        raise not_found(_("item"))
    view = next(i for g in cohesion_profile.read(found, timezone.localdate())
                for i in g.items if i.id == item_id)
    which = request.POST.get("form", "")
    relevance = RelevanceForm(request.POST if which == "relevance" else None, initial={
        "relevant": "no" if view.not_relevant else "yes", "reason": view.reason})
    evidence = EvidenceForm(request.POST if which == "evidence" else None,
                            request.FILES if which == "evidence" else None)
    set_choices(evidence.fields["organisation"], [("", _("None"))] + partner_choices(
        found.council))
    if request.method == "POST":
        found = access.get_exercise_for_user(request.user, exercise_id, write=True)
        try:
            if which == "relevance" and relevance.is_valid():
                mapping_services.set_item_relevance(
                    actor=request.user, exercise=found, item=item_id,
                    relevant=relevance.cleaned_data["relevant"] == "yes",
                    reason=relevance.cleaned_data["reason"])
                messages.success(request, _("Your judgement of the item is saved."))
                return redirect("plans:item", exercise_id=found.pk, item_id=item_id)
            if which == "evidence" and evidence.is_valid():
                data = evidence.cleaned_data
                mapping_services.add_local_evidence(
                    actor=request.user, exercise=found, item=item_id, kind=data["kind"],
                    summary=data["summary"], source=data["source"], weight=data["weight"],
                    observed_on=data["observed_on"], link=data["link"], file=data["file"],
                    organisation=Organisation.objects.filter(
                        pk=data["organisation"] or 0).first())
                messages.success(request, _("The evidence is added."))
                return redirect("plans:item", exercise_id=found.pk, item_id=item_id)
        except DomainError as error:
            apply_domain_error(relevance if which == "relevance" else evidence, error)
    return render(request, "plans/mapping/item.html", {
        "exercise": found, "item": view, "relevance": relevance, "evidence_form": evidence,
        "form": relevance if relevance.errors else evidence,
        "can_write": _can_write(request, exercise_id)})


@login_required
@require_POST
def remove_evidence(request: SignedInRequest, evidence_id: int) -> HttpResponse:
    evidence = access.get_evidence_for_user(request.user, evidence_id, write=True)
    exercise_id, item_id = evidence.exercise_id, evidence.item
    mapping_services.remove_local_evidence(actor=request.user, evidence=evidence)
    messages.success(request, _("The evidence is removed."))
    return redirect("plans:item", exercise_id=exercise_id, item_id=item_id)


@login_required
def evidence_file(request: SignedInRequest, evidence_id: int) -> FileResponse:
    evidence = access.get_evidence_for_user(request.user, evidence_id)
    if not evidence.file:
        raise not_found(_("file"))
    return FileResponse(evidence.file.open("rb"), as_attachment=True,
                        filename=evidence.file_name or "evidence")


@login_required
@require_POST
def save_version(request: SignedInRequest, exercise_id: int) -> HttpResponse:
    found = access.get_exercise_for_user(request.user, exercise_id, write=True)
    version = mapping_services.save_profile_version(actor=request.user, exercise=found)
    messages.success(request, _("Version %(n)d of the profile is saved.") % {
        "n": version.number})
    return redirect("plans:version", exercise_id=found.pk, number=version.number)


@login_required
def version(request: SignedInRequest, exercise_id: int, number: int) -> HttpResponse:
    """A dated version of the local cohesion profile, laid out to print."""
    found = access.get_version_for_user(request.user, exercise_id, number)
    snapshot = found.snapshot
    groups = [{"title": g["title"], "items": [i for i in snapshot["items"]
                                               if i["group"] == g["id"]]}
              for g in snapshot.get("groups", [])]
    return render(request, "plans/mapping/profile.html", {
        "version": found, "exercise": found.exercise, "snapshot": snapshot, "groups": groups,
        "changes": [{"item": c["item"], "text": cohesion_profile.describe_change(c)}
                    for c in found.changes],
        "is_first": found.number == 1})


@login_required
@require_POST
def propose(request: SignedInRequest, exercise_id: int) -> HttpResponse:
    found = access.get_exercise_for_user(request.user, exercise_id, write=True)
    proposal = issue_services.propose_issues(actor=request.user, exercise=found)
    fired = sum(1 for o in proposal.outcomes if o.status == "fired")
    messages.success(request, _(
        "%(fired)d rules found something: %(created)d new candidate issues, %(refreshed)d "
        "brought up to date, %(decided)d already decided.") % {
        "fired": fired, "created": proposal.created, "refreshed": proposal.refreshed,
        "decided": proposal.decided})
    request.session["plans_outcomes"] = [
        {"rule": o.rule.id, "issue": o.rule.issue, "status": o.status,
         "strength": o.strength, "text": o.fact.get("text", ""), "reason": o.reason}
        for o in proposal.outcomes]
    return redirect(f"{reverse('plans:issues')}?council={found.council.slug}")
