"""Forms of the plans pages: field checks here; the rules that span objects live in the
services, whose refusals are shown on the form (``core.forms.apply_domain_error``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from commonground.core.forms import GovukForm
from commonground.plans.models import (
    ActionStatus,
    EvidenceKind,
    Horizon,
    MilestoneStatus,
    Origin,
    Priority,
    Rag,
    Recurrence,
    Scope,
    Weight,
)

TEXTAREA = forms.Textarea(attrs={"rows": 4})
SHORT_TEXTAREA = forms.Textarea(attrs={"rows": 2})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# The Welsh of what the public page shows, each beside its English.
WELSH_INPUT = forms.TextInput(attrs={"lang": "cy"})
WELSH_TEXTAREA = forms.Textarea(attrs={"rows": 4, "lang": "cy"})
WELSH_HINT = _("Optional, unless your organisation publishes only with Welsh.")


def set_choices(field: forms.Field, choices: list[tuple[Any, str]]) -> None:
    """Choices known only when the form is made (the council's wards, its plans)."""
    field.choices = choices  # type: ignore[attr-defined]


class ExerciseForm(GovukForm):
    name = forms.CharField(label=_("Name of the exercise"), max_length=200,
                           help_text=_("For example: Trafford cohesion profile 2026."))
    scope = forms.ChoiceField(label=_("Which area do you want to map?"), choices=Scope.choices,
                              widget=forms.RadioSelect, initial=Scope.COUNCIL)
    custom_area = forms.ChoiceField(label=_("Custom area (if you chose one)"), required=False)
    wards = forms.MultipleChoiceField(label=_("Wards (if you chose wards)"), required=False,
                                      widget=forms.CheckboxSelectMultiple)


class RelevanceForm(GovukForm):
    relevant = forms.ChoiceField(label=_("Is this item relevant to your area?"),
                                 choices=[("yes", _("Yes")), ("no", _("No, not here"))],
                                 widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Why is it not relevant? (if not)"), required=False,
                             widget=SHORT_TEXTAREA, max_length=2000)


class EvidenceForm(GovukForm):
    kind = forms.ChoiceField(label=_("What is it?"), choices=EvidenceKind.choices,
                             widget=forms.RadioSelect)
    summary = forms.CharField(label=_("What does it show?"), widget=TEXTAREA, max_length=5000)
    source = forms.CharField(label=_("Where does it come from?"), max_length=300,
                             help_text=_("A team, a partner, a survey or a meeting."))
    observed_on = forms.DateField(label=_("Date (optional)"), required=False, widget=DATE)
    weight = forms.ChoiceField(label=_("How much weight does it deserve?"),
                               choices=Weight.choices, widget=forms.RadioSelect,
                               initial=Weight.MEDIUM)
    organisation = forms.ChoiceField(label=_("Partner (for a partner's data)"), required=False)
    link = forms.URLField(label=_("Link (optional)"), required=False, max_length=500,
                          assume_scheme="https")
    file = forms.FileField(label=_("File (optional)"), required=False,
                           help_text=_("A PDF, document, spreadsheet, text file or image."))


class ConfirmIssueForm(GovukForm):
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices,
                                 widget=forms.RadioSelect)
    groups = forms.CharField(label=_("Groups affected (optional)"), required=False,
                             widget=SHORT_TEXTAREA, max_length=2000,
                             help_text=_("Describe groups by what they share, not by naming "
                                         "people."))
    wards = forms.MultipleChoiceField(label=_("Wards affected (optional)"), required=False,
                                      widget=forms.CheckboxSelectMultiple)


class DismissIssueForm(GovukForm):
    reason = forms.CharField(label=_("Why dismiss it?"), widget=SHORT_TEXTAREA,
                             max_length=2000)


class OwnIssueForm(ConfirmIssueForm):
    framework_issue = forms.ChoiceField(label=_("Issue in the Framework's list (optional)"),
                                        required=False)
    title = forms.CharField(label=_("The issue in your words"), required=False,
                            max_length=300,
                            help_text=_("Leave empty to use the Framework's wording."))
    description = forms.CharField(label=_("What do you know of it? (optional)"),
                                  required=False, widget=TEXTAREA, max_length=5000)

    field_order = ["framework_issue", "title", "description", "priority", "groups", "wards"]


class PlanForm(GovukForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    title_cy = forms.CharField(label=_("Title in Welsh"), max_length=200, required=False,
                               widget=WELSH_INPUT, help_text=WELSH_HINT)
    period_start = forms.DateField(label=_("The plan starts on"), widget=DATE)
    period_end = forms.DateField(label=_("The plan ends on"), widget=DATE)
    vision = forms.CharField(label=_("The local vision it serves"), required=False,
                             widget=TEXTAREA, max_length=5000)
    vision_cy = forms.CharField(label=_("The vision in Welsh"), required=False,
                                widget=WELSH_TEXTAREA, max_length=5000, help_text=WELSH_HINT)
    vision_url = forms.URLField(label=_("Link to the vision (optional)"), required=False,
                                assume_scheme="https",
                                max_length=500)
    exercise = forms.ChoiceField(label=_("The mapping exercise it builds on (optional)"),
                                 required=False)


class StatusForm(GovukForm):
    status = forms.ChoiceField(label=_("Next step"), widget=forms.RadioSelect)
    signed_off_by = forms.CharField(label=_("Signed off by (when agreeing)"), required=False,
                                    max_length=200,
                                    help_text=_("The body or role, e.g. the council's "
                                                "executive or the partnership board."))
    signed_off_on = forms.DateField(label=_("Signed off on (when agreeing)"), required=False,
                                    widget=DATE)


class AdoptForm(GovukForm):
    plan = forms.ChoiceField(label=_("Add it to the plan"))
    case_studies = forms.MultipleChoiceField(
        label=_("Case studies it draws on (optional)"), required=False,
        widget=forms.CheckboxSelectMultiple)


class ActionForm(GovukForm):
    title = forms.CharField(label=pgettext_lazy("plan", "Action"), max_length=300)
    title_cy = forms.CharField(label=_("The action in Welsh"), max_length=300, required=False,
                               widget=WELSH_INPUT, help_text=WELSH_HINT)
    description = forms.CharField(label=_("What will be done"), required=False,
                                  widget=TEXTAREA, max_length=10000)
    origin = forms.ChoiceField(label=_("Where does the action come from?"),
                               choices=Origin.choices, widget=forms.RadioSelect,
                               initial=Origin.OWN)
    library_action = forms.ChoiceField(label=_("The Framework's action (if adopted or "
                                               "adapted)"), required=False)
    parent = forms.ChoiceField(label=_("Part of another action (optional)"), required=False)
    issues = forms.MultipleChoiceField(label=_("Issues it addresses"), required=False,
                                       widget=forms.CheckboxSelectMultiple)
    lead_organisation = forms.ChoiceField(label=_("Lead organisation"), required=False)
    lead_officer = forms.ChoiceField(label=_("Lead officer (optional)"), required=False,
                                     help_text=_("A member of the lead organisation; they get "
                                                 "the reminders."))
    partners = forms.MultipleChoiceField(label=_("Partners (optional)"), required=False,
                                         widget=forms.CheckboxSelectMultiple)
    wards = forms.MultipleChoiceField(label=_("Wards (optional)"), required=False,
                                      widget=forms.CheckboxSelectMultiple)
    resources = forms.CharField(label=_("Resources (optional)"), required=False,
                                widget=SHORT_TEXTAREA, max_length=2000,
                                help_text=_("Money, staff time and who provides them."))
    starts_on = forms.DateField(label=_("Starts on (optional)"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("Ends on (optional)"), required=False, widget=DATE)
    horizon = forms.ChoiceField(label=_("Quick win or long term?"), choices=Horizon.choices,
                                widget=forms.RadioSelect, initial=Horizon.LONG_TERM)
    recurrence = forms.ChoiceField(label=_("One-off or ongoing?"), choices=Recurrence.choices,
                                   widget=forms.RadioSelect, initial=Recurrence.ONE_OFF)
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices,
                               initial=ActionStatus.PLANNED)
    weight = forms.IntegerField(label=_("Weight in the plan's progress"), min_value=1,
                                max_value=100, initial=1,
                                help_text=_("How much it counts against its sibling actions."))
    vision_link = forms.CharField(label=_("How it serves the vision (optional)"),
                                  required=False, widget=SHORT_TEXTAREA, max_length=2000)
    case_studies = forms.MultipleChoiceField(label=_("Case studies it draws on (optional)"),
                                             required=False,
                                             widget=forms.CheckboxSelectMultiple)
    update_every_days = forms.IntegerField(
        label=_("Ask the lead for an update every (days)"), min_value=0, max_value=366,
        initial=30, help_text=_("0 turns the reminders off."))


class RatingForm(GovukForm):
    rag = forms.ChoiceField(label=_("Rating"), choices=Rag.choices, widget=forms.RadioSelect)
    rag_reason = forms.CharField(label=_("Why this rating?"), widget=SHORT_TEXTAREA,
                                 max_length=2000)
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class MilestoneForm(GovukForm):
    title = forms.CharField(label=_("Milestone"), max_length=300)
    title_cy = forms.CharField(label=_("The milestone in Welsh"), max_length=300,
                               required=False, widget=WELSH_INPUT, help_text=WELSH_HINT)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)
    status = forms.ChoiceField(label=_("Status"), choices=MilestoneStatus.choices,
                               initial=MilestoneStatus.NOT_STARTED)
    completed_on = forms.DateField(label=_("Completed on (if done)"), required=False,
                                   widget=DATE)
    weight = forms.IntegerField(label=_("Weight in the action's progress"), min_value=1,
                                max_value=100, initial=1)


class UpdateForm(GovukForm):
    text = forms.CharField(label=_("What has happened?"), widget=TEXTAREA, max_length=10000)
    link = forms.URLField(label=_("Link to evidence (optional)"), required=False,
                          assume_scheme="https",
                          max_length=500)
    file = forms.FileField(label=_("Evidence file (optional)"), required=False)
    public = forms.BooleanField(
        label=_("It holds no personal data: show it on the public page once the plan is "
                "published"), required=False)


class TargetForm(GovukForm):
    title = forms.CharField(label=_("Target"), max_length=300)
    title_cy = forms.CharField(label=_("The target in Welsh"), max_length=300, required=False,
                               widget=WELSH_INPUT, help_text=WELSH_HINT)
    measure = forms.ChoiceField(label=_("Measure"))
    area = forms.ChoiceField(label=_("Area"), required=False)
    action = forms.ChoiceField(label=_("For the action (optional)"), required=False)
    baseline_value = forms.FloatField(
        label=_("Baseline value (optional)"), required=False,
        help_text=_("Leave empty and the platform reads it for the baseline date."))
    baseline_low = forms.FloatField(label=_("Baseline interval, low end (optional)"),
                                    required=False)
    baseline_high = forms.FloatField(label=_("Baseline interval, high end (optional)"),
                                     required=False)
    baseline_on = forms.DateField(label=_("Baseline date"), widget=DATE)
    target_value = forms.FloatField(label=_("Target value"))
    target_on = forms.DateField(label=_("Target date"), widget=DATE)
    notes = forms.CharField(label=_("Notes (optional)"), required=False, widget=SHORT_TEXTAREA,
                            max_length=2000)


class ReadingForm(GovukForm):
    value = forms.FloatField(label=_("Value"))
    on = forms.DateField(label=_("Date of the figure"), widget=DATE)
    low = forms.FloatField(label=_("95% interval, low end (optional)"), required=False)
    high = forms.FloatField(label=_("95% interval, high end (optional)"), required=False)
    note = forms.CharField(label=_("Where the figure comes from (optional)"), required=False,
                           max_length=300)


class ImportForm(GovukForm):
    file = forms.FileField(label=_("The plan's CSV file"),
                           help_text=_("A file exported from a plan on Common Ground, or made "
                                       "in the same format."))
