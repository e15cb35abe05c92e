"""Forms of the places pages, validated at the edge; services make the changes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from commonground.analytics.family_groups import GROUP_NAMES
from commonground.core.forms import GovukForm
from commonground.places.indicators import BY_KEY
from commonground.places.models import AreaLevel

DECLINE_CHOICES = [("yes", _("Yes")), ("no", _("No")), ("unknown", _("Not known"))]


class SearchForm(GovukForm):
    q = forms.CharField(label=_("Council or ward name, or code"), required=False, max_length=100,
                        help_text=_("In English or Welsh; a misspelt name is found too."))


class FamilyJudgementForm(GovukForm):
    industrial_decline = forms.ChoiceField(
        label=_("Did the area have major industrial decline?"), widget=forms.RadioSelect,
        choices=DECLINE_CHOICES, initial="unknown",
        help_text=_("The Framework's marker: 1,000 or more jobs in coal, textiles and steel "
                  "combined in 1984."))
    override_group = forms.TypedChoiceField(
        label=_("Family group"), required=False, coerce=int, empty_value=None,
        choices=[("", _("Use the computed group")),
                 *[(n, format_lazy("{}. {}", n, _(name))) for n, name in GROUP_NAMES.items()]],
        help_text=_("Choose another group only when local knowledge says the computed one is "
                  "wrong."))
    reason = forms.CharField(label=_("Why"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 4}),
                             help_text=_("Needed when you choose another group; shown on the "
                                       "profile."))

    def decline(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data["industrial_decline"])


class CustomAreaForm(GovukForm):
    name = forms.CharField(label=_("Name of the area"), max_length=120)
    members = forms.MultipleChoiceField(label=_("Areas in it"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = choices  # type: ignore[attr-defined]


class UploadForm(GovukForm):
    organisation = forms.ChoiceField(label=_("For"))
    file = forms.FileField(label=_("CSV file"), help_text=_("UTF-8 CSV, up to 20 MB."))
    kind = forms.ChoiceField(
        label=_("Layout of the file"), widget=forms.RadioSelect,
        choices=[("wide", _("One row per area, one column per group")),
                 ("tidy", _("One row per area and group (area_code, category, value)"))])
    title = forms.CharField(label=_("Title"), max_length=200)
    level = forms.ChoiceField(label=_("Areas in the file"), choices=[
        (level, label) for level, label in AreaLevel.choices
        if level not in (AreaLevel.COUNTRY, AreaLevel.REGION)])
    code_col = forms.CharField(label=_("Column with the area codes"), max_length=100,
                               initial="area_code")
    groups = forms.CharField(label=_("Group columns"), required=False, max_length=2000,
                             help_text=_("One-row-per-area files: the columns with counts, "
                                       "separated by commas."))
    total_col = forms.CharField(label=_("Total column (optional)"), required=False,
                                max_length=100)
    category_col = forms.CharField(label=_("Category column (optional)"), required=False,
                                   max_length=100,
                                   help_text=_("Long files: found by itself when only one column "
                                             "is not a standard one."))

    def __init__(self, *args: Any, organisations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(o.slug, o.name) for o in organisations]
        self.fields["organisation"].choices = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        groups = [g.strip() for g in data.get("groups", "").split(",") if g.strip()]
        if data.get("kind") == "wide" and len(groups) < 2:
            self.add_error("groups", gettext_now("Enter at least two group columns, separated by "
                                                "commas."))
        data["group_list"] = groups
        return data

    def options(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"kind": d["kind"], "title": d["title"], "level": d["level"],
                "code_col": d["code_col"].strip(), "groups": d["group_list"],
                "total_col": d["total_col"].strip(), "category_col": d["category_col"].strip()}


WEIGHT_CHOICES = [("0", _("Not used")), ("1", _("Weight 1")), ("2", _("Weight 2 (counts double)")),
                  ("3", _("Weight 3 (counts triple)"))]


class NeighboursForm(GovukForm):
    """One weight per indicator for nearest neighbours (0 leaves it out)."""

    def __init__(self, *args: Any, keys: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key in keys:
            self.fields[f"w_{key}"] = forms.ChoiceField(
                label=gettext_now(BY_KEY[key].label), choices=WEIGHT_CHOICES, required=False)


class CompareForm(GovukForm):
    """Up to five councils, the first two required."""

    def __init__(self, *args: Any, councils: list[tuple[str, str]], codes: list[str],
                 **kwargs: Any) -> None:
        data = args[0] if args else None
        if data is not None:
            # The page's address carries ?c=...&c=...; the form has one field per council.
            data = {f"c{i + 1}": code for i, code in enumerate(codes[:5])}
        super().__init__(data, **kwargs)
        for i in range(1, 6):
            self.fields[f"c{i}"] = forms.ChoiceField(
                label=(gettext_now("Council %(number)s") if i <= 2
                       else gettext_now("Council %(number)s (optional)")) % {"number": i},
                required=i <= 2,
                choices=[("", gettext_now("Choose a council")), *councils])
        self.too_many = len(codes) > 5

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.too_many:
            raise forms.ValidationError(gettext_now("Compare at most five councils at once."))
        return data

    def codes(self) -> list[str]:
        return [self.cleaned_data[f"c{i}"] for i in range(1, 6) if self.cleaned_data.get(f"c{i}")]
