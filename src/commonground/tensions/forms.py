"""Forms of the tensions pages. Field checks here; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from commonground.core.forms import GovukForm
from commonground.places.models import Area
from commonground.tensions.models import (
    Category,
    Characteristic,
    Priority,
    ReportedToPolice,
    RumourStatus,
    Status,
    TensionLevel,
    TriggerKind,
)
from commonground.tensions.models.early_warning import WatchLevel
from commonground.tensions.services.reports import ContactDetails

TEXTAREA = forms.Textarea(attrs={"rows": 5})
SHORT_TEXTAREA = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def set_choices(field: forms.Field, choices: list[tuple[str, str]]) -> None:
    """Choices known only when the form is made (wards of this council, its officers)."""
    field.choices = choices  # type: ignore[attr-defined]


def ward_choices(wards: Any, blank: str) -> list[tuple[str, str]]:
    return [("", blank), *[(w.code, w.name) for w in wards]]


class ReportForm(GovukForm):
    """The public report, one page, in the order a witness would tell it."""

    ward = forms.ChoiceField(
        label="Which ward did it happen in?", required=False,
        help_text="Choose from the list, or click the place on the map. If you are not "
                  "sure, leave this and describe the place below.")
    longitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    latitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    location_description = forms.CharField(
        label="Where did it happen? (optional)", required=False, max_length=300,
        help_text="A street, a landmark, a bus route, or 'online'. Do not include your own "
                  "address unless you want us to know it.")
    category = forms.ChoiceField(label="What kind of incident was it?",
                                 choices=Category.choices, widget=forms.RadioSelect)
    characteristics = forms.MultipleChoiceField(
        label="If it was a hate incident, what was the hostility about?", required=False,
        choices=Characteristic.choices, widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.")
    what_happened = forms.CharField(label="What happened?", widget=TEXTAREA, max_length=5000,
                                    help_text="Tell us in your own words. Do not include "
                                              "names unless you need to.")
    occurred_on = forms.DateField(label="When did it happen?", widget=DATE,
                                  help_text="If you are not sure of the day, give your best "
                                            "guess.")
    who_affected = forms.CharField(label="Who was affected? (optional)", required=False,
                                   widget=SHORT_TEXTAREA, max_length=2000,
                                   help_text="For example: 'me', 'a neighbour', 'pupils at "
                                             "the school', 'people at the mosque'.")
    root_cause = forms.CharField(label="What do you think is behind it? (optional)",
                                 required=False, widget=SHORT_TEXTAREA, max_length=2000)
    reported_to_police = forms.ChoiceField(label="Has it been reported to the police?",
                                           choices=ReportedToPolice.choices,
                                           widget=forms.RadioSelect)
    contact_name = forms.CharField(label="Your name (optional)", required=False,
                                   max_length=150)
    contact_email = forms.EmailField(label="Email address (optional)", required=False)
    contact_phone = forms.CharField(label="Phone number (optional)", required=False,
                                    max_length=30)
    # The honeypot: hidden from people (and screen readers) by CSS; bots fill it in.
    website = forms.CharField(label="Leave this empty", required=False)

    def __init__(self, *args: Any, wards: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["ward"], ward_choices(wards, "Not sure"))
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"

    def clean_occurred_on(self) -> Any:
        day = self.cleaned_data["occurred_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date must be today or in the past.")
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_point = data.get("longitude") is not None and data.get("latitude") is not None
        if not (data.get("ward") or has_point or data.get("location_description")):
            self.add_error("ward", "Choose the ward, click the map, or describe the place.")
        return data

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def contact(self) -> ContactDetails | None:
        details = ContactDetails(name=self.cleaned_data.get("contact_name", ""),
                                 email=self.cleaned_data.get("contact_email", ""),
                                 phone=self.cleaned_data.get("contact_phone", ""))
        return details if details.given else None


class PartnerReportForm(ReportForm):
    on_behalf_of = forms.CharField(
        label="Who are you reporting for?", max_length=200,
        help_text="Describe them without naming them, for example 'a pupil' or 'a "
                  "shopkeeper'. For your own intelligence, write 'officer'.")


class AddInformationForm(GovukForm):
    text = forms.CharField(label="What would you like to add?", widget=TEXTAREA,
                           max_length=5000)


class TriageForm(GovukForm):
    # The report's version when this form was filled from it (see Report.version).
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    status = forms.ChoiceField(label="Status", choices=Status.choices)
    priority = forms.ChoiceField(label="Priority", choices=Priority.choices)
    assignee = forms.ChoiceField(label="Assigned to", required=False)
    tags = forms.CharField(label="Tags", required=False, max_length=300,
                           help_text="Separate tags with commas.")

    def __init__(self, *args: Any, officers: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["assignee"], [("", "Nobody"),
                                           *[(str(u.pk), str(u)) for u in officers]])


class NoteForm(GovukForm):
    text = forms.CharField(label="Internal note", widget=SHORT_TEXTAREA,
                           help_text="Seen only by your council's officers.")


class ReferenceForm(GovukForm):
    # No hint: two of these share a page under prefixes, and hint ids ignore prefixes.
    reference = forms.CharField(label="Reference of the other report (like CG-2026-000123)",
                                max_length=20)


class AssessmentForm(GovukForm):
    area = forms.ChoiceField(label="Area")
    week_of = forms.DateField(label="Week of", widget=DATE,
                              help_text="Any day in the week; it is saved as its Monday.")
    level = forms.TypedChoiceField(label="Tension level", coerce=int,
                                   choices=TensionLevel.choices, widget=forms.RadioSelect)
    evidenced = forms.CharField(label="Evidenced", required=False, widget=SHORT_TEXTAREA,
                                help_text="Incidents, crimes and intelligence you can point "
                                          "to.")
    experienced = forms.CharField(label="Experienced", required=False, widget=SHORT_TEXTAREA,
                                  help_text="What communities say they feel.")
    potential = forms.CharField(label="Potential", required=False, widget=SHORT_TEXTAREA,
                                help_text="Coming events and risks that could raise "
                                          "tension.")
    reasons = forms.CharField(label="Why this level?", widget=SHORT_TEXTAREA)
    reports = forms.CharField(label="Linked reports (optional)", required=False,
                              help_text="References separated by commas.")

    def __init__(self, *args: Any, areas: list[Area] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        set_choices(self.fields["area"], [(a.code, f"{a.name} (whole council)"
                                        if a.level == "council" else a.name) for a in areas])

    def references(self) -> list[str]:
        return [r for r in self.cleaned_data.get("reports", "").replace(";", ",").split(",")
                if r.strip()]


class TriggerEventForm(GovukForm):
    name = forms.CharField(label="Event", max_length=200)
    kind = forms.ChoiceField(label="Kind of event", choices=TriggerKind.choices)
    starts_on = forms.DateField(label="Watch from", widget=DATE)
    ends_on = forms.DateField(label="Watch until", widget=DATE)
    watch_level = forms.TypedChoiceField(label="Watch level", coerce=int,
                                         choices=WatchLevel.choices, widget=forms.RadioSelect)
    notes = forms.CharField(label="Notes (optional)", required=False, widget=SHORT_TEXTAREA)


class ResponseForm(GovukForm):
    title = forms.CharField(label="What are you responding to?", max_length=200)
    summary = forms.CharField(label="Summary (optional)", required=False,
                              widget=SHORT_TEXTAREA)
    trigger_event = forms.ChoiceField(label="Trigger event (optional)", required=False)

    def __init__(self, *args: Any, events: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["trigger_event"], [("", "None"),
                                                *[(str(e.pk), str(e)) for e in events]])


class CommunicationPlanForm(GovukForm):
    audiences = forms.CharField(label="Audiences", required=False, widget=SHORT_TEXTAREA,
                                help_text="Who the messages are for.")
    stakeholders = forms.CharField(label="Stakeholders", required=False,
                                   widget=SHORT_TEXTAREA,
                                   help_text="Who must agree or be told first.")
    channels = forms.CharField(label="Channels", required=False, widget=SHORT_TEXTAREA,
                               help_text="Where the messages go out.")


class LogForm(GovukForm):
    text = forms.CharField(label="What was done?", widget=SHORT_TEXTAREA)


class CommunityContactForm(GovukForm):
    name = forms.CharField(label="Name", max_length=150)
    community = forms.CharField(label="Community or group", max_length=200)
    role = forms.CharField(label="Role (optional)", required=False, max_length=150)
    email = forms.EmailField(label="Email address", required=False)
    phone = forms.CharField(label="Phone number", required=False, max_length=30)
    notes = forms.CharField(label="Notes (optional)", required=False, widget=SHORT_TEXTAREA)


class RumourForm(GovukForm):
    what_is_said = forms.CharField(label="What is being said?", widget=SHORT_TEXTAREA)
    where_spreading = forms.CharField(label="Where is it spreading?", required=False,
                                      widget=SHORT_TEXTAREA,
                                      help_text="Groups, platforms, places.")
    groups_affected = forms.CharField(label="Which groups does it affect?", required=False,
                                      widget=SHORT_TEXTAREA)
    ward = forms.ChoiceField(label="Ward (optional)", required=False)
    status = forms.ChoiceField(label="Is it true?", choices=RumourStatus.choices,
                               widget=forms.RadioSelect)
    counter_message = forms.CharField(label="Counter-message", required=False,
                                      widget=SHORT_TEXTAREA)
    published_where = forms.CharField(label="Where was the counter-message published?",
                                      required=False, widget=SHORT_TEXTAREA)

    def __init__(self, *args: Any, wards: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["ward"], ward_choices(wards, "Whole council area"))
