"""Forms of the surveys pages: field checks here; rules that span objects live in the
services, whose refusals are shown on the form (``core.forms.apply_domain_error``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from commonground.core.forms import GovukForm
from commonground.surveys.models import Design, Mode, Scheme
from commonground.surveys.questions import bank

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
WELSH_HINT = _("Optional, unless your organisation publishes only with Welsh.")


class WaveForm(GovukForm):
    title = forms.CharField(label=_("Name of the wave"), max_length=200,
                            help_text=_("For example, “Residents’ survey, autumn 2026”."))
    title_cy = forms.CharField(label=_("Name of the wave in Welsh"), max_length=200,
                               required=False, widget=forms.TextInput(attrs={"lang": "cy"}),
                               help_text=WELSH_HINT)
    starts_on = forms.DateField(label=_("First day of fieldwork"), widget=DATE)
    ends_on = forms.DateField(label=_("Last day of fieldwork"), widget=DATE)
    mode = forms.ChoiceField(label=_("How are answers collected?"), choices=Mode.choices,
                             widget=forms.RadioSelect)
    design = forms.ChoiceField(
        label=_("How was the sample drawn?"), choices=Design.choices, widget=forms.RadioSelect,
        help_text=_("An open (opt-in) survey is not a probability sample: its results are "
                    "marked as such wherever they appear, and its intervals say less than "
                    "they seem to."))
    questions = forms.MultipleChoiceField(
        label=_("Questions from the bank"), widget=forms.CheckboxSelectMultiple,
        help_text=_("The questions weighting needs (age, sex, ward, ethnic group) are "
                    "always asked."))
    open_access = forms.BooleanField(
        label=_("Anyone may answer online without an invitation code"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["questions"]
        field.choices = [(q.key, str(q.short)) for q in bank().values()]  # type: ignore[attr-defined]
        if not self.is_bound:
            field.initial = list(bank())


class OwnQuestionForm(GovukForm):
    text = forms.CharField(label=_("Question in English"), max_length=400)
    text_cy = forms.CharField(label=_("Question in Welsh (optional)"), max_length=400,
                              required=False)
    answers = forms.CharField(
        label=_("Answers"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000,
        help_text=_("One answer a line, in English, then “|” and the Welsh if you have it: "
                    "“Yes | Ydw”. They are coded 1, 2, 3… in the order given."))


class OwnQuestionWelshForm(GovukForm):
    """The Welsh of a question of the council's own, given or corrected after it was
    added (the codes and the English stay as they are)."""

    text_cy = forms.CharField(label=_("Question in Welsh"), max_length=400, required=False,
                              widget=forms.TextInput(attrs={"lang": "cy"}))
    answers_cy = forms.CharField(
        label=_("Answers in Welsh"), widget=forms.Textarea(attrs={"rows": 5, "lang": "cy"}),
        max_length=4000, required=False,
        help_text=_("One answer a line, in the order of the English answers."))


class WaveOptionsForm(GovukForm):
    title_cy = forms.CharField(label=_("Name of the wave in Welsh"), max_length=200,
                               required=False, widget=forms.TextInput(attrs={"lang": "cy"}),
                               help_text=WELSH_HINT)
    collecting = forms.BooleanField(label=_("The online questionnaire takes answers"),
                                    required=False)
    open_access = forms.BooleanField(
        label=_("Anyone may answer online without an invitation code"), required=False)
    published = forms.BooleanField(
        label=_("Publish the results (everyone may read them; responses stay private)"),
        required=False)


class ImportForm(GovukForm):
    file = forms.FileField(
        label=_("Contractor’s file of responses (CSV)"),
        help_text=_("One row per respondent, one column per question named by its key. The "
                    "file is checked first; nothing is saved until you confirm."))


class WeightingForm(GovukForm):
    scheme = forms.ChoiceField(label=_("What to weight to"), choices=Scheme.choices,
                               initial=Scheme.COUNCIL, widget=forms.RadioSelect)
    joint_age_sex = forms.BooleanField(
        label=_("Age band by sex as one set of figures"), required=False, initial=True,
        help_text=_("Untick to weight age band and sex apart, when some age band of one sex "
                    "has no response."))
    ethnic_group = forms.BooleanField(label=_("Weight to ethnic group too"), required=False,
                                      initial=True)
    trim_low = forms.FloatField(
        label=_("Trim weights below (optional)"), required=False, min_value=0,
        help_text=_("Bounds for each weight as a multiple of the starting weight, for "
                    "example 0.3 and 3; leave both empty not to trim."))
    trim_high = forms.FloatField(label=_("Trim weights above (optional)"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("trim_low") is None) != (data.get("trim_high") is None):
            self.add_error("trim_high", _("Give both bounds, or neither."))
        return data


class CodeForm(GovukForm):
    code = forms.CharField(
        label=_("Invitation code"), max_length=40,
        help_text=_("It is on the letter we sent to your address, for example ABCDE-23456."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false",
                                      "autocapitalize": "characters",
                                      "class": "govuk-input--width-10"}),
        error_messages={"required": _("Enter your invitation code")})


class AnswerForm(GovukForm):
    """One question of the questionnaire: one radio per answer; the question's own words
    when nothing is chosen."""

    answer = forms.ChoiceField(widget=forms.RadioSelect)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], required_message: str,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["answer"]
        field.choices = choices  # type: ignore[attr-defined]
        field.error_messages = {"required": required_message,
                                "invalid_choice": required_message}


class InvitationBatchForm(GovukForm):
    count = forms.IntegerField(
        label=_("How many codes?"), min_value=1, max_value=20_000,
        help_text=_("One for each address in the sample, up to 20,000 at a time."),
        error_messages={"required": _("Enter how many codes to make"),
                        "invalid": _("Enter the number of codes as a whole number, such as "
                                     "500"),
                        "min_value": _("Enter a number of codes from 1 to 20,000"),
                        "max_value": _("Enter a number of codes from 1 to 20,000")})
    ward = forms.ChoiceField(
        label=_("Ward of these addresses"), required=False,
        help_text=_("For a sample drawn ward by ward, make each ward’s codes as a batch: "
                    "the response then takes the ward, and the questionnaire does not ask "
                    "it."))

    def __init__(self, *args: Any, wards: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ward"].choices = [  # type: ignore[attr-defined]
            ("", _("Addresses in any ward (the questionnaire asks)")), *wards]
