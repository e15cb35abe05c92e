"""The residents' side: take part (an invitation code, or an open survey), the wave's start
page, one question a page, check your answers, and the confirmation. No account needed;
works without JavaScript; answers stay in the session until sent."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from commonground.core.errors import DomainError, not_found
from commonground.core.forms import apply_domain_error
from commonground.places.models import Area
from commonground.surveys import access, answering, selectors, throttle
from commonground.surveys.answering import Answering
from commonground.surveys.forms import AnswerForm, CodeForm
from commonground.surveys.models import Wave
from commonground.surveys.questionnaire import wards_of
from commonground.surveys.questions import Question, Words
from commonground.surveys.services import online

CHANGE = "change"


def _rate_limited(request: HttpRequest, template: str, context: dict[str, Any],
                  retry_after: int) -> HttpResponse:
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def take_part(request: HttpRequest) -> HttpResponse:
    """Enter the invitation code from your letter, or start one of the open surveys."""
    form = CodeForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "open_waves": list(selectors.open_waves())}
    if request.method == "POST" and form.is_valid():
        if throttle.code_attempt_refused(request):
            form.add_error("code", _("You have entered too many codes. Wait 15 minutes, "
                                     "then try again"))
            return _rate_limited(request, "surveys/public/take_part.html", context,
                                 throttle.CODE_WINDOW_SECONDS)
        try:
            invitation = answering.invitation_for(form.cleaned_data["code"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            answering.begin(request.session, invitation.wave, invitation)
            return redirect("surveys:answer-start", wave_id=invitation.wave_id)
    return render(request, "surveys/public/take_part.html", context)


def _may_answer(request: HttpRequest, wave: Wave) -> Answering | None:
    """The session's answers to ``wave``; a fresh start for an open wave; else ``None``
    (the resident needs their code)."""
    state = answering.current(request.session, wave)
    if state is None and wave.open_access:
        state = answering.begin(request.session, wave)
    return state


def _needs_code(request: HttpRequest) -> HttpResponse:
    messages.info(request, _("Enter the invitation code from your letter to answer this "
                             "survey."))
    return redirect("surveys:take-part")


def start(request: HttpRequest, wave_id: int) -> HttpResponse:
    wave = access.wave_to_answer(wave_id)
    state = answering.current(request.session, wave)
    if state is None and not wave.open_access:
        return _needs_code(request)
    ward_known = state is not None and state.ward_id is not None
    steps = answering.steps(wave, ward_known=ward_known)
    return render(request, "surveys/public/start.html", {
        "wave": wave, "questions": len(steps), "minutes": answering.minutes(len(steps)),
        "first": reverse("surveys:answer-question", args=[wave.pk, steps[0].key]),
        "with_code": state is not None and state.invitation_id is not None})


def _text(words: Words) -> dict[str, str]:
    """Words for a template, with ``lang`` set where a Welsh page shows English."""
    return {"text": str(words), "lang": "en" if answering.welsh_missing(words) else ""}


def _ward_name(ward: Area) -> str:
    if translation.get_language() == "cy" and ward.name_cy:
        return ward.name_cy
    return ward.name


def _choices(wave: Wave, question: Question) -> list[dict[str, Any]]:
    """The radios of a question: its answers (the council's wards for the ward question),
    with "or" before the answers that are not an opinion (don't know, prefer not to say)."""
    if question.is_area:
        return [{"code": w.code, "text": _ward_name(w), "lang": "", "aside": False}
                for w in wards_of(wave.council)]
    return [{"code": a.code, **_text(a.label),
             "aside": not question.own and a.code in answering.ASIDE_CODES}
            for a in question.answers]


def _step(wave: Wave, state: Answering, key: str) -> tuple[list[Question], int]:
    steps = answering.steps(wave, ward_known=state.ward_id is not None)
    for index, question in enumerate(steps):
        if question.key == key:
            return steps, index
    raise not_found(_("question"))


def question(request: HttpRequest, wave_id: int, key: str) -> HttpResponse:
    wave = access.wave_to_answer(wave_id)
    state = _may_answer(request, wave)
    if state is None:
        return _needs_code(request)
    steps, index = _step(wave, state, key)
    asked = steps[index]
    choices = _choices(wave, asked)
    form = AnswerForm(request.POST if request.method == "POST" else None,
                      initial={"answer": state.answers.get(asked.key)},
                      choices=[(c["code"], c["text"]) for c in choices],
                      required_message=answering.error_message(asked))
    changing = CHANGE in request.GET
    if request.method == "POST" and form.is_valid():
        state.answers[asked.key] = form.cleaned_data["answer"]
        answering.remember(request.session, state)
        if changing or index + 1 == len(steps):
            return redirect("surveys:answer-check", wave_id=wave.pk)
        return redirect("surveys:answer-question", wave_id=wave.pk, key=steps[index + 1].key)
    if changing:
        back = reverse("surveys:answer-check", args=[wave.pk])
    elif index:
        back = reverse("surveys:answer-question", args=[wave.pk, steps[index - 1].key])
    else:
        back = reverse("surveys:answer-start", args=[wave.pk])
    chosen = form["answer"].value() if form.is_bound else state.answers.get(asked.key)
    return render(request, "surveys/public/question.html", {
        "wave": wave, "form": form, "question": asked, "text": _text(asked.text),
        "hint": _text(asked.hint) if asked.hint else None, "choices": choices,
        "chosen": chosen, "number": index + 1, "count": len(steps), "back": back})


def _summary(wave: Wave, steps: list[Question], answers: dict[str, str]) -> list[dict[str, Any]]:
    wards = {w.code: _ward_name(w) for w in wards_of(wave.council)} \
        if any(q.is_area for q in steps) else {}
    rows = []
    for asked in steps:
        code = answers[asked.key]
        if asked.is_area:
            answer = {"text": wards.get(code, code), "lang": ""}
        else:
            label = next((a.label for a in asked.answers if a.code == code), Words(code))
            answer = _text(label)
        rows.append({"key": asked.key, "question": _text(asked.text), "answer": answer,
                     "short": _text(asked.short)})
    return rows


def check(request: HttpRequest, wave_id: int) -> HttpResponse:
    """Check your answers, then send them: saved as one response, in one transaction."""
    wave = access.wave_to_answer(wave_id)
    state = answering.current(request.session, wave)
    if state is None:
        return redirect("surveys:answer-start", wave_id=wave.pk) if wave.open_access \
            else _needs_code(request)
    steps = answering.steps(wave, ward_known=state.ward_id is not None)
    for asked in steps:
        if asked.key not in state.answers:
            return redirect("surveys:answer-question", wave_id=wave.pk, key=asked.key)
    context: dict[str, Any] = {"wave": wave, "rows": _summary(wave, steps, state.answers)}
    if request.method == "POST":
        if state.invitation_id is None and throttle.open_response_refused(request):
            context["problem"] = _("Too many answers have come from your connection in the "
                                   "last hour. Please try again later.")
            return _rate_limited(request, "surveys/public/check.html", context,
                                 throttle.OPEN_WINDOW_SECONDS)
        try:
            online.submit_online_response(wave=wave, answers=state.answers,
                                          invitation_id=state.invitation_id)
        except online.CodeAlreadyUsed as error:
            request.session.pop(answering.SESSION_KEY, None)
            return render(request, "surveys/public/code_used.html",
                          {"wave": wave, "message": error.message}, status=409)
        except DomainError as error:
            context["problem"] = error.message
            return render(request, "surveys/public/check.html", context, status=error.status)
        answering.finish(request.session, wave)
        return redirect("surveys:answer-done", wave_id=wave.pk)
    return render(request, "surveys/public/check.html", context)


def done(request: HttpRequest, wave_id: int) -> HttpResponse:
    """The confirmation, from the session alone (the wave may have closed since)."""
    sent = answering.answered(request.session, wave_id)
    if sent is None:
        return redirect("surveys:take-part")
    return render(request, "surveys/public/done.html", {"done": sent})
