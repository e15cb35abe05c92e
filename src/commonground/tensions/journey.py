"""The public report's questions in order, and the answers kept in the session.

A reporter answers one question per page; the answers stay in their session (never in
the database) until they send them from the check-your-answers page, which makes one
call of ``services.reports.submit_report``. Choosing another council starts again, since
the wards belong to the council. "What was the hostility about?" is asked only about a
hate incident.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from commonground.core.forms import GovukForm
from commonground.tensions import public_forms
from commonground.tensions.models import Category

SESSION_KEY = "tensions_report"

Answers = dict[str, Any]


@dataclass(frozen=True)
class Step:
    slug: str
    form: type[GovukForm]
    title: Promise  # the question, as the page's heading and the check page's row
    fields: tuple[str, ...]
    applies: Callable[[Answers], bool] = lambda answers: True


def _hate_incident(answers: Answers) -> bool:
    return answers.get("category") == Category.HATE_INCIDENT


STEPS: tuple[Step, ...] = (
    Step("where", public_forms.WhereForm, _("Where did it happen?"),
         ("ward", "longitude", "latitude", "location_description")),
    Step("kind", public_forms.KindForm, _("What kind of incident was it?"), ("category",)),
    Step("hostility", public_forms.HostilityForm, _("What was the hostility about?"),
         ("characteristics",), _hate_incident),
    Step("what", public_forms.WhatForm, _("What happened?"), ("what_happened",)),
    Step("when", public_forms.WhenForm, _("When did it happen?"), ("occurred_on",)),
    Step("who", public_forms.WhoForm, _("Who was affected?"), ("who_affected",)),
    Step("why", public_forms.WhyForm, _("What do you think is behind it?"), ("root_cause",)),
    Step("police", public_forms.PoliceForm, _("Has it been reported to the police?"),
         ("reported_to_police",)),
    Step("contact", public_forms.ContactForm, _("Can we contact you?"),
         ("contact_name", "contact_email", "contact_phone")),
)
BY_SLUG = {step.slug: step for step in STEPS}


class Draft:
    """One reporter's answers for one council, as kept in their session."""

    def __init__(self, session: SessionBase, council: str) -> None:
        self.session = session
        kept = session.get(SESSION_KEY) or {}
        if kept.get("council") != council:
            kept = {"council": council, "answers": {}, "answered": []}
        self.council = council
        self.answers: Answers = kept["answers"]
        self.answered: list[str] = kept["answered"]

    def save(self) -> None:
        self.session[SESSION_KEY] = {"council": self.council, "answers": self.answers,
                                     "answered": self.answered}

    def steps(self) -> list[Step]:
        """The questions this reporter is asked, given their answers so far."""
        return [step for step in STEPS if step.applies(self.answers)]

    def first_unanswered(self) -> Step | None:
        return next((s for s in self.steps() if s.slug not in self.answered), None)

    def previous(self, step: Step) -> Step | None:
        steps = self.steps()
        index = next((i for i, s in enumerate(steps) if s.slug == step.slug), 0)
        return steps[index - 1] if index > 0 else None

    def initial(self, step: Step) -> dict[str, Any]:
        """The form's initial values from the answers kept (the date as its three boxes)."""
        if step.slug == "when":
            day = self.occurred_on()
            return {"day": day.day, "month": day.month, "year": day.year} if day else {}
        return {name: self.answers[name] for name in step.fields if name in self.answers}

    def record(self, step: Step, cleaned: dict[str, Any]) -> None:
        for name in step.fields:
            value = cleaned.get(name)
            if isinstance(value, datetime.date):
                value = value.isoformat()
            self.answers[name] = value
        if step.slug not in self.answered:
            self.answered.append(step.slug)
        self.save()

    def occurred_on(self) -> datetime.date | None:
        value = self.answers.get("occurred_on")
        return datetime.date.fromisoformat(value) if value else None

    def complete(self) -> bool:
        return self.first_unanswered() is None

    def clear(self) -> None:
        self.session.pop(SESSION_KEY, None)

    def characteristics(self) -> list[str]:
        # Asked only about a hate incident: an earlier answer no longer counts once the
        # reporter changes the kind of incident.
        return list(self.answers.get("characteristics") or []) \
            if _hate_incident(self.answers) else []
