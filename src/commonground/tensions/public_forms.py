"""The questions of the public report, one thing per page (GOV.UK question pages).

Each form checks one answer and names what is wrong with it in the words GOV.UK uses
("Enter…", "Select…", "… must be 5,000 characters or fewer"), never Django's "This field
is required.". The answers are kept in the session by ``tensions.journey`` until the
reporter sends them from the check-your-answers page.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commonground.core.errors import StrOrPromise
from commonground.core.forms import GovukForm
from commonground.places.models import Area
from commonground.tensions.models import Category, Characteristic, ReportedToPolice
from commonground.tensions.services.reports import MAX_TEXT

PLACE_LENGTH = 300
SHORT_TEXT = 2000
# Digits, spaces and the signs people write phone numbers with; 10 to 15 digits.
PHONE = re.compile(r"^\+?[0-9 ()\-]+$")
# Before this, a report is not about tension now; a typo of the year, more likely.
EARLIEST = datetime.date(2000, 1, 1)


def _messages(required: StrOrPromise | None = None, *, too_long: StrOrPromise | None = None,
              invalid: StrOrPromise | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if required is not None:
        found["required"] = required
    if too_long is not None:
        found["max_length"] = too_long
    if invalid is not None:
        found["invalid"] = invalid
        found["invalid_choice"] = invalid
    return found


class WhereForm(GovukForm):
    """The ward from the list, a point on the map, or the place in words: one of them."""

    ward = forms.ChoiceField(
        label=_("Ward"), required=False,
        error_messages=_messages(invalid=_("Select a ward from the list")))
    longitude = forms.FloatField(
        required=False, min_value=-180, max_value=180, widget=forms.HiddenInput,
        error_messages=_messages(invalid=_("Choose the place on the map again")))
    latitude = forms.FloatField(
        required=False, min_value=-90, max_value=90, widget=forms.HiddenInput,
        error_messages=_messages(invalid=_("Choose the place on the map again")))
    location_description = forms.CharField(
        label=_("Describe the place (optional)"), required=False, max_length=PLACE_LENGTH,
        help_text=_("A street, a landmark, a bus route, or 'online'. Do not include your "
                    "own address unless you want us to know it."),
        error_messages=_messages(too_long=_(
            "The description of the place must be 300 characters or fewer")))

    def __init__(self, *args: Any, wards: list[Area], council_name: str,
                 ward_at: Callable[[float, float], Area | None], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.council_name = council_name
        self.ward_at = ward_at
        self.fields["ward"].choices = [  # type: ignore[attr-defined]
            ("", _("Not sure")), *[(w.code, w.display_name) for w in wards]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lon, lat = data.get("longitude"), data.get("latitude")
        if (lon is None) != (lat is None) and not self.errors:
            self.add_error("ward", _("Choose the place on the map again"))
        elif lon is not None and lat is not None and not data.get("ward"):
            ward = self.ward_at(lon, lat)
            if ward is None:
                self.add_error("ward", _(
                    "The place you chose on the map is not in %(council)s's area: choose a "
                    "place inside it, or select the ward from the list")
                    % {"council": self.council_name})
            else:
                data["ward"] = ward.code
        if not self.errors and not (data.get("ward") or data.get("location_description")):
            self.add_error("ward", _("Select the ward, choose the place on the map, or "
                                     "describe where it happened"))
        return data


class KindForm(GovukForm):
    category = forms.ChoiceField(
        label=_("What kind of incident was it?"), choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages=_messages(_("Select what kind of incident it was"),
                                 invalid=_("Select what kind of incident it was")))


class HostilityForm(GovukForm):
    characteristics = forms.MultipleChoiceField(
        label=_("What was the hostility about?"), choices=Characteristic.choices,
        widget=forms.CheckboxSelectMultiple, help_text=_("Select all that apply."),
        error_messages=_messages(
            _("Select what the hostility was about, or 'Something else'"),
            invalid=_("Select what the hostility was about from the list")))


class WhatForm(GovukForm):
    what_happened = forms.CharField(
        label=_("What happened?"), max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Tell us in your own words. Do not include names unless you need to."),
        error_messages=_messages(_("Tell us what happened"),
                                 too_long=_("What happened must be 5,000 characters or fewer")))


class WhenForm(GovukForm):
    """GOV.UK's date input: day, month and year boxes, and one message for what is wrong.

    The message is kept on ``problem`` and the boxes it is about on ``wrong``; the
    error itself is added to the first wrong box, so the error summary links to it."""

    day = forms.CharField(label=_("Day"), required=False, max_length=10)
    month = forms.CharField(label=_("Month"), required=False, max_length=10)
    year = forms.CharField(label=_("Year"), required=False, max_length=10)

    PARTS = ("day", "month", "year")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.problem: Any = ""
        self.wrong: tuple[str, ...] = ()
        for name in self.PARTS:
            self.fields[name].widget.attrs.update({"inputmode": "numeric"})

    def _fail(self, message: Any, *wrong: str) -> None:
        self.problem, self.wrong = message, wrong or self.PARTS
        self.add_error(self.wrong[0], message)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:  # a box longer than any date: say so as for any other mistake
            self.errors.clear()
            self._fail(_("The date it happened must be a real date"))
            return data
        given = {n: (data.get(n) or "").strip() for n in self.PARTS}
        missing = tuple(n for n in self.PARTS if not given[n])
        if len(missing) == 3:
            self._fail(_("Enter the date it happened"))
            return data
        if missing:
            self._fail(MISSING[missing], *missing)
            return data
        if not all(given[n].isdigit() for n in self.PARTS):
            self._fail(_("The date it happened must be a real date"),
                       *[n for n in self.PARTS if not given[n].isdigit()])
            return data
        if len(given["year"]) != 4:
            self._fail(_("Year must include 4 numbers"), "year")
            return data
        try:
            day = datetime.date(int(given["year"]), int(given["month"]), int(given["day"]))
        except ValueError:
            self._fail(_("The date it happened must be a real date"))
            return data
        if day > timezone.localdate():
            self._fail(_("The date it happened must be today or in the past"))
        elif day < EARLIEST:
            self._fail(_("The date it happened must be on or after 1 January 2000"))
        else:
            data["occurred_on"] = day
        return data


MISSING: dict[tuple[str, ...], StrOrPromise] = {
    ("day",): _("The date it happened must include a day"),
    ("month",): _("The date it happened must include a month"),
    ("year",): _("The date it happened must include a year"),
    ("day", "month"): _("The date it happened must include a day and month"),
    ("day", "year"): _("The date it happened must include a day and year"),
    ("month", "year"): _("The date it happened must include a month and year"),
}


class WhoForm(GovukForm):
    who_affected = forms.CharField(
        label=_("Who was affected? (optional)"), required=False, max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: 'me', 'a neighbour', 'pupils at the school', 'people at "
                    "the mosque'."),
        error_messages=_messages(too_long=_(
            "Who was affected must be 2,000 characters or fewer")))


class WhyForm(GovukForm):
    root_cause = forms.CharField(
        label=_("What do you think is behind it? (optional)"), required=False,
        max_length=SHORT_TEXT, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example, something in the news, a dispute between neighbours, or "
                    "a rumour that has spread."),
        error_messages=_messages(too_long=_(
            "What is behind it must be 2,000 characters or fewer")))


class PoliceForm(GovukForm):
    reported_to_police = forms.ChoiceField(
        label=_("Has it been reported to the police?"), choices=ReportedToPolice.choices,
        widget=forms.RadioSelect,
        error_messages=_messages(_("Select whether it has been reported to the police"),
                                 invalid=_("Select whether it has been reported to the "
                                           "police")))


class ContactForm(GovukForm):
    contact_name = forms.CharField(
        label=_("Your name (optional)"), required=False, max_length=150,
        error_messages=_messages(too_long=_("Your name must be 150 characters or fewer")))
    contact_email = forms.EmailField(
        label=_("Email address (optional)"), required=False, max_length=254,
        error_messages=_messages(
            too_long=_("Your email address must be 254 characters or fewer"),
            invalid=_("Enter an email address in the correct format, like "
                      "name@example.com")))
    contact_phone = forms.CharField(
        label=_("Phone number (optional)"), required=False, max_length=30,
        error_messages=_messages(too_long=_(
            "Enter a phone number, like 01632 960 001 or 07700 900 982")))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, kind in (("contact_name", "name"), ("contact_email", "email"),
                           ("contact_phone", "tel")):
            self.fields[name].widget.attrs["autocomplete"] = kind
        self.fields["contact_email"].widget.attrs["spellcheck"] = "false"
        self.fields["contact_phone"].widget.input_type = "tel"

    def clean_contact_phone(self) -> str:
        phone: str = self.cleaned_data["contact_phone"].strip()
        digits = sum(c.isdigit() for c in phone)
        if phone and (not PHONE.match(phone) or not 10 <= digits <= 15):
            raise forms.ValidationError(
                _("Enter a phone number, like 01632 960 001 or 07700 900 982"))
        return phone


class SendForm(GovukForm):
    """The last page's form: nothing to answer, and the honeypot that bots fill in."""

    # Hidden from people (and screen readers) by CSS; bots fill it in.
    website = forms.CharField(label=_("Leave this empty"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))
