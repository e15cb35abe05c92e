"""Waves: the council's list with a form to start one, and a wave's page (its questions,
responses, own questions and options)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.accounts.access import require_user
from commonground.accounts.types import SignedInRequest
from commonground.core.errors import DomainError
from commonground.core.forms import apply_domain_error
from commonground.surveys import access, selectors
from commonground.surveys.forms import OwnQuestionForm, WaveForm, WaveOptionsForm
from commonground.surveys.questionnaire import questions_of
from commonground.surveys.services import waves as wave_services
from commonground.surveys.views.common import council_from


def index(request: HttpRequest) -> HttpResponse:
    """The user's councils' waves (and a form to start one), then published results."""
    councils = access.councils_for(request.user)
    council = council_from(request) if councils else None
    can_start = council is not None and council in access.councils_for(request.user,
                                                                       write=True)
    form = WaveForm(request.POST or None) if can_start else None
    if request.method == "POST" and form is not None and form.is_valid():
        assert council is not None
        data = form.cleaned_data
        try:
            wave = wave_services.create_wave(
                actor=require_user(request.user),
                council=access.get_council_for_user(request.user, council.slug, write=True),
                title=data["title"], starts_on=data["starts_on"], ends_on=data["ends_on"],
                mode=data["mode"], design=data["design"], questions=data["questions"],
                open_access=data["open_access"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The wave has been created."))
            return redirect("surveys:wave", wave_id=wave.pk)
    own = [council.pk] if council else []
    return render(request, "surveys/index.html", {
        "council": council, "councils": councils, "form": form, "can_start": can_start,
        "waves": selectors.waves_of(own), "published": selectors.published_waves(own)})


@login_required
def wave(request: SignedInRequest, wave_id: int) -> HttpResponse:
    found = access.get_wave_for_user(request.user, wave_id)
    can_run = access.may_run(request.user, found)
    return render(request, "surveys/wave.html", {
        "wave": found, "can_run": can_run, "questions": questions_of(found).values(),
        "responses": found.responses.count(),
        "options_form": WaveOptionsForm(initial={
            "collecting": found.collecting, "open_access": found.open_access,
            "published": found.published}),
        "question_form": OwnQuestionForm(),
        "imports": selectors.imports_of(found)[:5] if can_run else []})


@login_required
@require_POST
def options(request: SignedInRequest, wave_id: int) -> HttpResponse:
    found = access.get_wave_for_user(request.user, wave_id, write=True)
    form = WaveOptionsForm(request.POST)
    if form.is_valid():
        wave_services.set_wave_options(actor=request.user, wave=found, **form.cleaned_data)
        messages.success(request, _("The wave’s options have been saved."))
    return redirect("surveys:wave", wave_id=found.pk)


@login_required
def own_question(request: SignedInRequest, wave_id: int) -> HttpResponse:
    found = access.get_wave_for_user(request.user, wave_id, write=True)
    form = OwnQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            wave_services.add_own_question(
                actor=request.user, wave=found, text=data["text"], text_cy=data["text_cy"],
                answers=wave_services.parse_answers(data["answers"]))
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The question has been added."))
            return redirect("surveys:wave", wave_id=found.pk)
    return render(request, "surveys/own_question.html", {"wave": found, "form": form})
