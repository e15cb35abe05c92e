"""Forms for contributing and moderating, in GOV.UK markup."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import URLValidator

from commonground.core.forms import GovukForm, GovukModelForm
from commonground.library.models import (
    Action,
    CaseStudy,
    EvidenceStrength,
    FamilyGroup,
    Issue,
    Resource,
    ResourceKind,
    Theme,
)

REGIONS = ["North East", "North West", "Yorkshire and The Humber", "East Midlands",
           "West Midlands", "East of England", "London", "South East", "South West", "Wales"]


class LinksField(forms.CharField):
    """One web address per line, each checked, kept as a list."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        links = [line.strip() for line in text.splitlines() if line.strip()]
        check = URLValidator(schemes=["http", "https"])
        for link in links:
            try:
                check(link)
            except forms.ValidationError:
                raise forms.ValidationError(
                    f"‘{link[:80]}’ is not a web address; start each with https://") from None
        return links

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value


class CaseStudyForm(GovukModelForm):
    region = forms.ChoiceField(choices=[("", "Not in one region")] + [(r, r) for r in REGIONS],
                               required=False)
    themes = forms.ModelMultipleChoiceField(Theme.objects.all(), required=False,
                                            widget=forms.CheckboxSelectMultiple)
    issues = forms.ModelMultipleChoiceField(
        Issue.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Issues it addressed", help_text="From the Cohesion Delivery Framework, Table D1.")
    actions = forms.ModelMultipleChoiceField(Action.objects.all(), required=False,
                                             widget=forms.CheckboxSelectMultiple,
                                             label="Actions it used")
    family_group = forms.ModelChoiceField(
        FamilyGroup.objects.all(), required=False, empty_label="Not known",
        label="Family group of the area",
        help_text="The cohesion family group your area is most like (Table 1 of the framework).")
    links = LinksField(required=False, label="Links (optional)",
                       help_text="One web address per line.")

    class Meta:
        model = CaseStudy
        fields = ["title", "summary", "council", "area_code", "region", "family_group",
                  "themes", "issues", "actions", "outcomes", "evidence_strength", "links",
                  "year"]
        labels = {"council": "Council or organisation", "area_code": "ONS code of the area",
                  "outcomes": "What changed", "evidence_strength": "Strength of evidence",
                  "year": "Year (optional)"}
        help_texts = {
            "area_code": "For example E08000009. Leave empty if it covers several areas.",
            "evidence_strength": "Anecdotal: described without figures. Monitored: counts, "
                                 "rates or survey results. Evaluated: a formal evaluation.",
        }
        widgets = {"summary": forms.Textarea(attrs={"rows": 6}),
                   "outcomes": forms.Textarea(attrs={"rows": 3}),
                   "evidence_strength": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        strength = self.fields["evidence_strength"]
        assert isinstance(strength, forms.ChoiceField)
        strength.choices = EvidenceStrength.choices  # radios: no empty choice
        self.fields["council"].required = True


class ResourceForm(GovukModelForm):
    themes = forms.ModelMultipleChoiceField(Theme.objects.all(), required=False,
                                            widget=forms.CheckboxSelectMultiple, label="Topics")

    class Meta:
        model = Resource
        fields = ["title", "summary", "kind", "publisher", "year", "url", "themes"]
        labels = {"kind": "Type of resource", "url": "Web address (optional)",
                  "year": "Year (optional)"}
        widgets = {"summary": forms.Textarea(attrs={"rows": 5}), "kind": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = ResourceKind.choices


class ReturnForm(GovukForm):
    prefix = "return"  # two comment forms share a page; ids must differ
    comment = forms.CharField(label="What should the author change?",
                              widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class HideForm(GovukForm):
    prefix = "hide"
    comment = forms.CharField(label="Reason for hiding", max_length=2000,
                              help_text="The author is sent this reason.",
                              widget=forms.Textarea(attrs={"rows": 3}))
