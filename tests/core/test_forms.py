"""GOV.UK form markup: the error summary links each error to its field."""

from django import forms
from django.template.loader import render_to_string

from commonground.core.forms import GovukForm


class Example(GovukForm):
    name = forms.CharField(label="Name")
    colour = forms.ChoiceField(label="Colour", choices=[("r", "Red"), ("b", "Blue")],
                               widget=forms.RadioSelect)
    days = forms.MultipleChoiceField(label="Days", choices=[("m", "Mon"), ("t", "Tue")],
                                     widget=forms.CheckboxSelectMultiple)


def test_error_summary_links_every_error_to_an_element_on_the_page() -> None:
    form = Example(data={})
    assert not form.is_valid()
    summary = render_to_string("core/includes/error_summary.html", {"form": form})
    page = summary + str(form)
    for target in ("id_name", "id_colour_0", "id_days_0"):
        assert f'href="#{target}"' in summary
        assert f'id="{target}"' in page
    assert 'href="#"' not in summary


def test_fields_with_errors_get_govuk_error_classes() -> None:
    form = Example(data={"colour": "r", "days": ["m"]})
    assert not form.is_valid()
    html = str(form)
    assert "govuk-input--error" in html and 'aria-describedby="id_name-error"' in html
    assert "govuk-form-group--error" in html
