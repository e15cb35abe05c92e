"""Waves: the council's list with a form to start one, and a wave's page (its questions,
responses, own questions and options)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.accounts.access import require_user
from commonground.accounts.types import SignedInRequest
from commonground.core.errors import DomainError
from commonground.core.forms import apply_domain_error
from commonground.surveys import access, selectors
from commonground.surveys.forms import (
    OwnQuestionForm,
    OwnQuestionWelshForm,
    WaveForm,
    WaveOptionsForm,
)
from commonground.surveys.models import Wave
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
                council=council,  # the service checks that the user runs its waves
                title=data["title"], title_cy=data["title_cy"],
                starts_on=data["starts_on"], ends_on=data["ends_on"],
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


def _wave_page(request: SignedInRequest, found: Wave,
               options_form: WaveOptionsForm | None = None) -> HttpResponse:
    can_run = access.may_run(request.user, found)
    return render(request, "surveys/wave.html", {
        "wave": found, "can_run": can_run, "questions": questions_of(found).values(),
        "responses": found.responses.count(),
        "options_form": options_form or WaveOptionsForm(initial={
            "collecting": found.collecting, "open_access": found.open_access,
            "published": found.published, "title_cy": found.title_cy}),
        "question_form": OwnQuestionForm(),
        "imports": selectors.imports_of(found)[:5] if can_run else []},
        status=400 if options_form is not None else 200)


@login_required
def wave(request: SignedInRequest, wave_id: int) -> HttpResponse:
    return _wave_page(request, access.get_wave_for_user(request.user, wave_id))


@login_required
@require_POST
def options(request: SignedInRequest, wave_id: int) -> HttpResponse:
    """The wave's options; a refusal (Welsh missing that the council asks for) is shown
    on the wave's page, on the options form, with nothing changed."""
    found = access.get_wave_for_user(request.user, wave_id, write=True)
    form = WaveOptionsForm(request.POST)
    if form.is_valid():
        try:
            wave_services.set_wave_options(actor=request.user, wave=found,
                                           **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
            found.refresh_from_db()
            return _wave_page(request, found, options_form=form)
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


@login_required
def own_question_welsh(request: SignedInRequest, wave_id: int, key: str) -> HttpResponse:
    """The Welsh of one of the council's own questions, given or corrected at any time."""
    found = access.get_wave_for_user(request.user, wave_id, write=True)
    question = get_object_or_404(found.own_questions, key=key)
    form = OwnQuestionWelshForm(request.POST or None, initial={
        "text_cy": question.text_cy,
        "answers_cy": "\n".join(a.get("cy", "") for a in question.answers)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            wave_services.set_own_question_welsh(
                actor=request.user, question=question, text_cy=data["text_cy"],
                answers_cy=data["answers_cy"].splitlines())
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The question’s Welsh has been saved."))
            return redirect("surveys:wave", wave_id=found.pk)
    return render(request, "surveys/own_question_welsh.html", {
        "wave": found, "question": question, "form": form})
