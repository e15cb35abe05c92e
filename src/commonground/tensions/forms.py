"""Forms of the tensions pages. Field checks here; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commonground.core.errors import StrOrPromise
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
from commonground.tensions.services.triage import Correction

TEXTAREA = forms.Textarea(attrs={"rows": 5})
SHORT_TEXTAREA = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def set_choices(field: forms.Field, choices: list[tuple[str, StrOrPromise]]) -> None:
    """Choices known only when the form is made (wards of this council, its officers)."""
    field.choices = choices  # type: ignore[attr-defined]


def ward_choices(wards: Any, blank: StrOrPromise) -> list[tuple[str, Any]]:
    return [("", blank), *[(w.code, w.display_name) for w in wards]]


class ReportForm(GovukForm):
    """The public report, one page, in the order a witness would tell it."""

    ward = forms.ChoiceField(
        label=_("Which ward did it happen in?"), required=False,
        help_text=_("Choose from the list, or click the place on the map. If you are not "
                  "sure, leave this and describe the place below."))
    longitude = forms.FloatField(required=False, min_value=-180, max_value=180,
                                 widget=forms.HiddenInput)
    latitude = forms.FloatField(required=False, min_value=-90, max_value=90,
                                widget=forms.HiddenInput)
    location_description = forms.CharField(
        label=_("Where did it happen? (optional)"), required=False, max_length=300,
        help_text=_("A street, a landmark, a bus route, or 'online'. Do not include your own "
                  "address unless you want us to know it."))
    category = forms.ChoiceField(label=_("What kind of incident was it?"),
                                 choices=Category.choices, widget=forms.RadioSelect)
    characteristics = forms.MultipleChoiceField(
        label=_("If it was a hate incident, what was the hostility about?"), required=False,
        choices=Characteristic.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("Select all that apply."))
    what_happened = forms.CharField(label=_("What happened?"), widget=TEXTAREA, max_length=5000,
                                    help_text=_("Tell us in your own words. Do not include "
                                              "names unless you need to."))
    occurred_on = forms.DateField(label=_("When did it happen?"), widget=DATE,
                                  help_text=_("If you are not sure of the day, give your best "
                                            "guess."))
    who_affected = forms.CharField(label=_("Who was affected? (optional)"), required=False,
                                   widget=SHORT_TEXTAREA, max_length=2000,
                                   help_text=_("For example: 'me', 'a neighbour', 'pupils at "
                                             "the school', 'people at the mosque'."))
    root_cause = forms.CharField(label=_("What do you think is behind it? (optional)"),
                                 required=False, widget=SHORT_TEXTAREA, max_length=2000)
    reported_to_police = forms.ChoiceField(label=_("Has it been reported to the police?"),
                                           choices=ReportedToPolice.choices,
                                           widget=forms.RadioSelect)
    contact_name = forms.CharField(label=_("Your name (optional)"), required=False,
                                   max_length=150)
    contact_email = forms.EmailField(label=_("Email address (optional)"), required=False)
    contact_phone = forms.CharField(label=_("Phone number (optional)"), required=False,
                                    max_length=30)
    # The honeypot: hidden from people (and screen readers) by CSS; bots fill it in.
    website = forms.CharField(label=_("Leave this empty"), required=False)

    def __init__(self, *args: Any, wards: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["ward"], ward_choices(wards, _("Not sure")))
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"

    def clean_occurred_on(self) -> Any:
        day = self.cleaned_data["occurred_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date must be today or in the past."))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_point = data.get("longitude") is not None and data.get("latitude") is not None
        if not (data.get("ward") or has_point or data.get("location_description")):
            self.add_error("ward", _("Choose the ward, click the map, or describe the place."))
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
    """A partner reporting for someone, or an officer recording intelligence."""

    on_behalf_of = forms.CharField(
        label=_("Who are you reporting for?"), max_length=200,
        help_text=_("Describe them without naming them, for example 'a pupil' or 'a "
                  "shopkeeper'. For your own intelligence, write 'officer'."))

    # Each missing answer named as the service names it, not "This field is required".
    REQUIRED = {
        "category": _("Choose what kind of incident it was."),
        "what_happened": _("Tell us what happened."),
        "occurred_on": _("Enter the date it happened."),
        "reported_to_police": _("Say whether it was reported to the police."),
        "on_behalf_of": _("Say who you are reporting for, without naming them."),
    }

    def __init__(self, *args: Any, officer: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, message in self.REQUIRED.items():
            self.fields[name].error_messages["required"] = message
        self.fields["occurred_on"].error_messages["invalid"] = _(
            "Enter the date it happened as a real date, for example 27/3/2026.")
        # The contact questions are about the person the report is for, not the sender.
        self.fields["contact_name"].label = _("Their name (optional)")
        self.fields["contact_email"].label = _("Their email address (optional)")
        self.fields["contact_phone"].label = _("Their phone number (optional)")
        if officer:
            # An officer's own intelligence needs no "on behalf of".
            field = self.fields["on_behalf_of"]
            field.required = False
            field.label = _("Where the intelligence came from (optional)")
            field.help_text = _("For example 'community meeting' or 'school'. Leave it "
                                "empty for what you saw or heard yourself.")


class AddInformationForm(GovukForm):
    text = forms.CharField(label=_("What would you like to add?"), widget=TEXTAREA,
                           max_length=5000)


class TriageForm(GovukForm):
    # The report's version when this form was filled from it (see Report.version).
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)
    tags = forms.CharField(label=_("Tags"), required=False, max_length=300,
                           help_text=_("Separate tags with commas."))
    # Correcting what the reporter said: the counts and early warning follow.
    ward = forms.ChoiceField(label=_("Ward"), required=False)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    characteristics = forms.MultipleChoiceField(
        label=_("If it was a hate incident, what was the hostility about?"), required=False,
        choices=Characteristic.choices, widget=forms.CheckboxSelectMultiple)
    location_description = forms.CharField(
        label=_("Where it happened, in words"), required=False, max_length=300)

    CORRECTION_FIELDS = ("ward", "category", "characteristics", "location_description")

    def __init__(self, *args: Any, officers: Any = (), wards: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["assignee"], [("", _("Nobody")),
                                           *[(str(u.pk), str(u)) for u in officers]])
        set_choices(self.fields["ward"], ward_choices(wards, _("Not known")))

    def triage_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields
                if name != "version" and name not in self.CORRECTION_FIELDS]

    def correction_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.CORRECTION_FIELDS]

    def correction(self) -> Correction:
        data = self.cleaned_data
        return Correction(ward_code=data["ward"], category=data["category"],
                          characteristics=data["characteristics"],
                          location_description=data["location_description"])


class NoteForm(GovukForm):
    text = forms.CharField(label=_("Internal note"), widget=SHORT_TEXTAREA,
                           help_text=_("Seen only by your council's officers."))


class ReferenceForm(GovukForm):
    # No hint: two of these share a page under prefixes, and hint ids ignore prefixes.
    reference = forms.CharField(label=_("Reference of the other report (like CG-2026-000123)"),
                                max_length=20)


class AssessmentForm(GovukForm):
    # The revision of this area's week the form was read at (0: not yet assessed).
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    area = forms.ChoiceField(label=_("Area"))
    week_of = forms.DateField(label=_("Week of"), widget=DATE,
                              help_text=_("Any day in the week; it is saved as its Monday."))
    level = forms.TypedChoiceField(label=_("Tension level"), coerce=int,
                                   choices=TensionLevel.choices, widget=forms.RadioSelect)
    evidenced = forms.CharField(label=_("Evidenced"), required=False, widget=SHORT_TEXTAREA,
                                help_text=_("Incidents, crimes and intelligence you can point "
                                          "to."))
    experienced = forms.CharField(label=_("Experienced"), required=False, widget=SHORT_TEXTAREA,
                                  help_text=_("What communities say they feel."))
    potential = forms.CharField(label=_("Potential"), required=False, widget=SHORT_TEXTAREA,
                                help_text=_("Coming events and risks that could raise "
                                          "tension."))
    reasons = forms.CharField(label=_("Why this level?"), widget=SHORT_TEXTAREA)
    reports = forms.CharField(label=_("Linked reports (optional)"), required=False,
                              help_text=_("References separated by commas."))

    def __init__(self, *args: Any, areas: list[Area] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        set_choices(self.fields["area"], [
            (a.code, _("%(area)s (whole council)") % {"area": a.name}
             if a.level == "council" else a.name) for a in areas])

    def references(self) -> list[str]:
        return [r for r in self.cleaned_data.get("reports", "").replace(";", ",").split(",")
                if r.strip()]


class TriggerEventForm(GovukForm):
    name = forms.CharField(label=_("Event"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of event"), choices=TriggerKind.choices)
    starts_on = forms.DateField(label=_("Watch from"), widget=DATE)
    ends_on = forms.DateField(label=_("Watch until"), widget=DATE)
    watch_level = forms.TypedChoiceField(label=_("Watch level"), coerce=int,
                                         choices=WatchLevel.choices, widget=forms.RadioSelect)
    notes = forms.CharField(label=_("Notes (optional)"), required=False, widget=SHORT_TEXTAREA)


class ResponseForm(GovukForm):
    title = forms.CharField(label=_("What are you responding to?"), max_length=200)
    summary = forms.CharField(label=_("Summary (optional)"), required=False,
                              widget=SHORT_TEXTAREA)
    trigger_event = forms.ChoiceField(label=_("Trigger event (optional)"), required=False)

    def __init__(self, *args: Any, events: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["trigger_event"], [("", _("None")),
                                                *[(str(e.pk), str(e)) for e in events]])


class CommunicationPlanForm(GovukForm):
    audiences = forms.CharField(label=_("Audiences"), required=False, widget=SHORT_TEXTAREA,
                                help_text=_("Who the messages are for."))
    stakeholders = forms.CharField(label=_("Stakeholders"), required=False,
                                   widget=SHORT_TEXTAREA,
                                   help_text=_("Who must agree or be told first."))
    channels = forms.CharField(label=_("Channels"), required=False, widget=SHORT_TEXTAREA,
                               help_text=_("Where the messages go out."))


class LogForm(GovukForm):
    text = forms.CharField(label=_("What was done?"), widget=SHORT_TEXTAREA)


class CommunityContactForm(GovukForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    community = forms.CharField(label=_("Community or group"), max_length=200)
    role = forms.CharField(label=_("Role (optional)"), required=False, max_length=150)
    email = forms.EmailField(label=_("Email address"), required=False)
    phone = forms.CharField(label=_("Phone number"), required=False, max_length=30)
    notes = forms.CharField(label=_("Notes (optional)"), required=False, widget=SHORT_TEXTAREA)


class RumourForm(GovukForm):
    what_is_said = forms.CharField(label=_("What is being said?"), widget=SHORT_TEXTAREA)
    where_spreading = forms.CharField(label=_("Where is it spreading?"), required=False,
                                      widget=SHORT_TEXTAREA,
                                      help_text=_("Groups, platforms, places."))
    groups_affected = forms.CharField(label=_("Which groups does it affect?"), required=False,
                                      widget=SHORT_TEXTAREA)
    ward = forms.ChoiceField(label=_("Ward (optional)"), required=False)
    status = forms.ChoiceField(label=_("Is it true?"), choices=RumourStatus.choices,
                               widget=forms.RadioSelect)
    counter_message = forms.CharField(label=_("Counter-message"), required=False,
                                      widget=SHORT_TEXTAREA)
    published_where = forms.CharField(label=_("Where was the counter-message published?"),
                                      required=False, widget=SHORT_TEXTAREA)

    def __init__(self, *args: Any, wards: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["ward"], ward_choices(wards, _("Whole council area")))
