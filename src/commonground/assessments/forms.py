"""Forms of the assessments pages: field checks here; the rules that span objects live in
the services, whose refusals are shown on the form (``core.forms.apply_domain_error``).
The screening and checklist forms are built from the questions held as data."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from commonground.assessments import questions
from commonground.assessments.models import (
    Answer,
    Characteristic,
    Decision,
    Direction,
    Level,
    Likelihood,
    Part,
    ProposalKind,
    Reach,
    Severity,
)
from commonground.core.forms import GovukForm
from commonground.plans.forms import (
    DATE,
    SHORT_TEXTAREA,
    TEXTAREA,
    WELSH_HINT,
    WELSH_TEXTAREA,
    set_choices,
)

__all__ = ["ChecklistForm", "ConsultationForm", "DecisionForm", "EffectForm", "EvidenceForm",
           "ImprovementForm", "MeetingForm", "MemberForm", "MitigationForm", "ProposalForm",
           "RatingForm", "ScreeningForm", "ScrutinyForm", "SelfAssessmentForm", "SettingsForm",
           "SignOffForm", "StrategyConsultationForm", "StrategyForm", "VersionForm", "set_choices"]


class ProposalForm(GovukForm):
    title = forms.CharField(label=_("Name of the proposal"), max_length=200,
                            help_text=_("For example: Close the Partington youth centre."))
    title_cy = forms.CharField(label=_("Name of the proposal in Welsh"), max_length=200,
                               required=False, widget=forms.TextInput(attrs={"lang": "cy"}),
                               help_text=WELSH_HINT)
    kind = forms.ChoiceField(label=_("What kind of proposal is it?"),
                             choices=ProposalKind.choices, widget=forms.RadioSelect)
    description = forms.CharField(label=_("What is proposed?"), widget=TEXTAREA,
                                  max_length=10000)
    description_cy = forms.CharField(label=_("What is proposed, in Welsh"),
                                     widget=WELSH_TEXTAREA, max_length=10000, required=False,
                                     help_text=WELSH_HINT)
    decided_by = forms.CharField(label=_("Who takes the decision?"), max_length=200,
                                 help_text=_("For example: the Executive, on 14 July."))
    reach = forms.ChoiceField(label=_("Which areas does it touch?"), choices=Reach.choices,
                              widget=forms.RadioSelect, initial=Reach.COUNCIL)
    custom_area = forms.ChoiceField(label=_("Custom area (if you chose one)"), required=False)
    wards = forms.MultipleChoiceField(label=_("Wards (if you chose wards)"), required=False,
                                      widget=forms.CheckboxSelectMultiple)
    plan = forms.ChoiceField(label=_("Plan that mitigations go into (optional)"),
                             required=False)


class ScreeningForm(GovukForm):
    """One answer per question of the assessment's parts, and a note for each."""

    def __init__(self, asked: Sequence[tuple[questions.Question, list[str]]], *args: object,
                 **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for question, tests in asked:
            self.fields[question.id] = forms.ChoiceField(
                label=str(question.text), choices=Answer.choices, widget=forms.RadioSelect,
                help_text=_("Tests: %(what)s") % {"what": "; ".join(tests)} if tests else "")
            self.fields[f"{question.id}_note"] = forms.CharField(
                label=_("What is the effect, and on whom? (needed for a possible negative "
                        "effect or when not sure)"), required=False, widget=SHORT_TEXTAREA,
                max_length=5000)


class EffectForm(GovukForm):
    part = forms.ChoiceField(label=_("Part of the assessment"), choices=Part.choices,
                             widget=forms.RadioSelect, initial=Part.COHESION)
    group = forms.CharField(label=_("Group of people"), max_length=200,
                            help_text=_("Describe them by what they share, for example: "
                                        "young people aged 11 to 19."))
    characteristic = forms.ChoiceField(
        label=_("Protected characteristic (for the equality duty)"), required=False,
        choices=[("", _("None")), *Characteristic.choices])
    area = forms.ChoiceField(label=_("Area"), required=False)
    direction = forms.ChoiceField(label=_("Effect"), choices=Direction.choices,
                                  widget=forms.RadioSelect)
    likelihood = forms.ChoiceField(label=_("How likely is it?"), choices=Likelihood.choices,
                                   widget=forms.RadioSelect)
    severity = forms.ChoiceField(label=_("How severe would it be?"), choices=Severity.choices,
                                 widget=forms.RadioSelect)
    evidence = forms.CharField(label=_("Evidence"), widget=TEXTAREA, max_length=10000,
                               help_text=_("What the judgement rests on: data, what people "
                                           "said, experience elsewhere."))


class ConsultationForm(GovukForm):
    who = forms.CharField(label=_("Who was consulted?"), max_length=300)
    held_on = forms.DateField(label=_("When?"), widget=DATE)
    how = forms.CharField(label=_("How?"), max_length=300,
                          help_text=_("For example: a drop-in session at the centre."))
    hard_to_reach = forms.BooleanField(label=_("They are a group seldom heard"),
                                       required=False)
    new_arrivals = forms.BooleanField(label=_("They include new arrivals"), required=False)
    heard = forms.CharField(label=_("What did they say? (optional)"), required=False,
                            widget=TEXTAREA, max_length=10000)


class MitigationForm(GovukForm):
    title = forms.CharField(label=_("What will be done?"), max_length=300)
    description = forms.CharField(label=_("More detail (optional)"), required=False,
                                  widget=TEXTAREA, max_length=10000)
    effect = forms.ChoiceField(label=_("The effect it reduces (optional)"), required=False)
    plan = forms.ChoiceField(label=_("Plan that carries it out"))
    lead_organisation = forms.ChoiceField(label=_("Lead organisation"))
    ends_on = forms.DateField(label=_("Done by (optional)"), required=False, widget=DATE)


class ChecklistForm(GovukForm):
    """The commissioning checklist, each item a tick box with a note."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for stage in questions.commissioning():
            for item in stage.items:
                self.fields[item.id] = forms.BooleanField(
                    label=f"{stage.title}: {item.text}", required=False)
                self.fields[f"{item.id}_note"] = forms.CharField(
                    label=_("Note (optional)"), required=False, max_length=2000)


class SignOffForm(GovukForm):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices,
                                 widget=forms.RadioSelect)
    reasons = forms.CharField(label=_("Reasons for the decision"), widget=TEXTAREA,
                              max_length=10000)
    signed_off_by = forms.CharField(label=_("Signed off by"), max_length=200,
                                    help_text=_("A name and role, or a committee."))
    signed_off_on = forms.DateField(label=_("Signed off on"), widget=DATE)
    review_on = forms.DateField(label=_("Review by"), widget=DATE)
    summary = forms.CharField(label=_("Summary to publish"), widget=TEXTAREA,
                              max_length=10000,
                              help_text=_("Everyone will be able to read it once it is "
                                          "published. Leave out anyone's personal details."))
    summary_cy = forms.CharField(label=_("Summary to publish, in Welsh"),
                                 widget=WELSH_TEXTAREA, max_length=10000, required=False,
                                 help_text=WELSH_HINT)


class SettingsForm(GovukForm):
    equality = forms.BooleanField(label=_("Include the equality duty"), required=False)
    socio_economic = forms.BooleanField(label=_("Include the socio-economic duty"),
                                        required=False)
    welsh = forms.BooleanField(label=_("Include effects on the Welsh language (Welsh "
                                       "councils)"), required=False)


class SelfAssessmentForm(GovukForm):
    title = forms.CharField(label=_("Name of the self-assessment"), max_length=200,
                            help_text=_("For example: Equality Framework self-assessment "
                                        "2026."))


class RatingForm(GovukForm):
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices,
                              widget=forms.RadioSelect)
    notes = forms.CharField(label=_("Why this level? (optional)"), required=False,
                            widget=TEXTAREA, max_length=10000)


class EvidenceForm(GovukForm):
    choice = forms.ChoiceField(label=_("Something the platform holds"), required=False)
    url = forms.CharField(label=_("Or a web address"), required=False, max_length=500)
    label = forms.CharField(label=_("What the link is (for a web address)"), required=False,
                            max_length=300)


class ImprovementForm(GovukForm):
    title = forms.CharField(label=_("What will be improved?"), max_length=300)
    plan = forms.ChoiceField(label=_("Plan that carries it out"))
    lead_organisation = forms.ChoiceField(label=_("Lead organisation"))
    ends_on = forms.DateField(label=_("Done by (optional)"), required=False, widget=DATE)


class VersionForm(GovukForm):
    vision = forms.CharField(label=_("Vision statement"), widget=TEXTAREA, max_length=10000,
                             help_text=_("Where the area is heading, in words residents "
                                         "would use."))
    principles = forms.CharField(label=_("Principles (one a line)"), required=False,
                                 widget=TEXTAREA, max_length=10000)
    priorities = forms.CharField(label=_("Priorities (one a line)"), required=False,
                                 widget=TEXTAREA, max_length=10000)
    issues = forms.MultipleChoiceField(label=_("Confirmed issues it addresses"),
                                       required=False, widget=forms.CheckboxSelectMultiple)
    plans = forms.MultipleChoiceField(label=_("Plans that deliver it"), required=False,
                                      widget=forms.CheckboxSelectMultiple)
    adopted_on = forms.DateField(label=_("Adopted on (when adopted)"), required=False,
                                 widget=DATE)
    adopted_by = forms.CharField(label=_("Adopted by (when adopted)"), required=False,
                                 max_length=200)
    review_on = forms.DateField(label=_("Review by (optional)"), required=False, widget=DATE)


class StrategyForm(VersionForm):
    title = forms.CharField(label=_("Name of the strategy"), max_length=200,
                            help_text=_("For example: Trafford cohesion strategy 2026-2030."))
    field_order = ["title"]


class StrategyConsultationForm(GovukForm):
    who = forms.CharField(label=_("Who was consulted?"), max_length=300)
    held_on = forms.DateField(label=_("When?"), widget=DATE)
    how = forms.CharField(label=_("How?"), max_length=300)
    notes = forms.CharField(label=_("What did they say? (optional)"), required=False,
                            widget=TEXTAREA, max_length=10000)


class MemberForm(GovukForm):
    organisation = forms.ChoiceField(label=_("Organisation"))
    role = forms.CharField(label=_("Role in the partnership"), max_length=300,
                           help_text=_("For example: chairs the hate crime sub-group."))
    joined_on = forms.DateField(label=_("Joined on (optional)"), required=False, widget=DATE)


class MeetingForm(GovukForm):
    title = forms.CharField(label=_("Meeting"), max_length=200,
                            help_text=_("For example: Cohesion partnership, spring meeting."))
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    attendees = forms.CharField(label=_("Organisations present (optional)"), required=False,
                                widget=SHORT_TEXTAREA, max_length=2000)
    notes = forms.CharField(label=_("Notes (optional)"), required=False, widget=TEXTAREA,
                            max_length=10000)


class DecisionForm(GovukForm):
    text = forms.CharField(label=_("What was decided?"), widget=SHORT_TEXTAREA,
                           max_length=5000)
    plan = forms.ChoiceField(label=_("Plan for the action it creates (optional)"),
                             required=False)
    action_title = forms.CharField(label=_("Title of the action (optional)"), required=False,
                                   max_length=300)
    lead_organisation = forms.ChoiceField(label=_("Lead organisation of the action"),
                                          required=False)


class ScrutinyForm(GovukForm):
    plan = forms.ChoiceField(label=_("Plan"))
    title = forms.CharField(label=_("Title of the report"), max_length=200,
                            help_text=_("For example: Community cohesion: progress report."))
    committee = forms.CharField(label=_("Committee"), max_length=200,
                                help_text=_("For example: Communities Scrutiny Committee, "
                                            "3 March."))
    period_start = forms.DateField(label=_("The period starts on"), widget=DATE)
    period_end = forms.DateField(label=_("The period ends on"), widget=DATE)
