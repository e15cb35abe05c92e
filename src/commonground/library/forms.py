"""Forms for contributing and moderating, in GOV.UK markup."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from commonground.core.forms import GovukForm, GovukModelForm
from commonground.library import bilingual
from commonground.library.models import (
    REGIONS,
    Action,
    CaseStudy,
    EvidenceStrength,
    FamilyGroup,
    Issue,
    Resource,
    ResourceKind,
    Theme,
)


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
                    _g("‘%(link)s’ is not a web address; start each with https://")
                    % {"link": link[:80]}) from None
        return links

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value


WELSH_LABELS = {"title_cy": _("Title in Welsh"), "summary_cy": _("Summary in Welsh")}
WELSH_HINTS = {
    "title_cy": _("Optional, unless your organisation publishes only with Welsh."),
    "summary_cy": _("Readers of the Welsh pages see it. Optional, unless your organisation "
                    "publishes only with Welsh."),
}


class NamedChoices(forms.ModelMultipleChoiceField):
    """Checkboxes of library records, each named in the page's language."""

    def __init__(self, *args: Any, name_field: str = "title", **kwargs: Any) -> None:
        self.name_field = name_field
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return str(bilingual.shown(obj, self.name_field)[0])


class FamilyGroupChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.number}. {bilingual.shown(obj, 'name')[0]}"


class CaseStudyForm(GovukModelForm):
    region = forms.ChoiceField(choices=[("", _("Not in one region")), *REGIONS.items()],
                               required=False, label=_("Region"))
    themes = NamedChoices(Theme.objects.all(), name_field="name", label=_("Themes"))
    issues = NamedChoices(
        Issue.objects.all(), label=_("Issues it addressed"),
        help_text=_("From the Cohesion Delivery Framework, Table D1."))
    actions = NamedChoices(Action.objects.all(), label=_("Actions it used"))
    family_group = FamilyGroupChoice(
        FamilyGroup.objects.all(), required=False, empty_label=_("Not known"),
        label=_("Family group of the area"),
        help_text=_("The cohesion family group your area is most like (Table 1 of the "
                    "framework)."))
    links = LinksField(required=False, label=_("Links (optional)"),
                       help_text=_("One web address per line."))

    class Meta:
        model = CaseStudy
        fields = ["title", "summary", "title_cy", "summary_cy", "council", "area_code", "region",
                  "family_group", "themes", "issues", "actions", "outcomes", "outcomes_cy",
                  "evidence_strength", "links", "year"]
        labels = {"title": _("Title"), "summary": _("Summary"), **WELSH_LABELS,
                  "outcomes_cy": _("What changed, in Welsh (optional)"),
                  "council": _("Council or organisation"), "area_code": _("ONS code of the area"),
                  "outcomes": _("What changed"), "evidence_strength": _("Strength of evidence"),
                  "year": _("Year (optional)")}
        help_texts = {
            **WELSH_HINTS,
            "area_code": _("For example E08000009. Leave empty if it covers several areas."),
            "evidence_strength": _("Anecdotal: described without figures. Monitored: counts, "
                                   "rates or survey results. Evaluated: a formal evaluation."),
        }
        widgets = {"summary": forms.Textarea(attrs={"rows": 6}),
                   "summary_cy": forms.Textarea(attrs={"rows": 6, "lang": "cy"}),
                   "title_cy": forms.TextInput(attrs={"lang": "cy"}),
                   "outcomes": forms.Textarea(attrs={"rows": 3}),
                   "outcomes_cy": forms.Textarea(attrs={"rows": 3, "lang": "cy"}),
                   "evidence_strength": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        strength = self.fields["evidence_strength"]
        assert isinstance(strength, forms.ChoiceField)
        strength.choices = EvidenceStrength.choices  # radios: no empty choice
        self.fields["council"].required = True


class ResourceForm(GovukModelForm):
    themes = NamedChoices(Theme.objects.all(), name_field="name", label=_("Topics"))

    class Meta:
        model = Resource
        fields = ["title", "summary", "title_cy", "summary_cy", "kind", "publisher", "year", "url",
                  "themes"]
        help_texts = WELSH_HINTS
        labels = {"title": _("Title"), "summary": _("Summary"), **WELSH_LABELS,
                  "kind": _("Type of resource"),
                  "publisher": _("Publisher"), "url": _("Web address (optional)"),
                  "year": _("Year (optional)")}
        widgets = {"summary": forms.Textarea(attrs={"rows": 5}), "kind": forms.RadioSelect,
                   "summary_cy": forms.Textarea(attrs={"rows": 5, "lang": "cy"}),
                   "title_cy": forms.TextInput(attrs={"lang": "cy"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = ResourceKind.choices


class ReturnForm(GovukForm):
    prefix = "return"  # two comment forms share a page; ids must differ
    comment = forms.CharField(label=_("What should the author change?"),
                              widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class HideForm(GovukForm):
    prefix = "hide"
    comment = forms.CharField(label=_("Reason for hiding"), max_length=2000,
                              help_text=_("The author is sent this reason."),
                              widget=forms.Textarea(attrs={"rows": 3}))
