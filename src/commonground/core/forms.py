"""GOV.UK Design System markup for Django forms, and domain errors shown on forms.

Every form on the site inherits ``GovukForm``: widgets get the GOV.UK classes and the
default renderer (settings.FORM_RENDERER) draws labels, hints and error messages in
GOV.UK markup, so templates say only ``{{ form }}``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import DjangoTemplates

from commonground.core import text
from commonground.core.errors import DomainError

_WIDGET_CLASSES = {
    "text": "govuk-input",
    "email": "govuk-input",
    "password": "govuk-input",
    "number": "govuk-input govuk-input--width-10",
    "url": "govuk-input",
    "date": "govuk-input govuk-input--width-10",
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
    "checkbox": "govuk-checkboxes__input",
}
_ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-select": "govuk-select--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-file-upload": "govuk-file-upload--error",
}


class GovukFormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class GovukFormMixin:
    """Gives widgets the GOV.UK classes and links them to their hint and error message.

    Mixed into ``GovukForm`` and ``GovukModelForm``; classes are set when the form is
    made and error classes once cleaning has found the errors.
    """

    fields: dict[str, forms.Field]
    errors: Any
    is_bound: bool

    def _refuse_control_characters(self) -> None:
        # Every text field of every form: a NUL would be a 500 on PostgreSQL (core.text).
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and \
                    text.validate_characters not in field.validators:
                field.validators.append(text.validate_characters)

    def _style_widgets(self) -> None:
        self._refuse_control_characters()
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                continue
            kind = type(widget).__name__.lower().removesuffix("input").removesuffix("widget")
            css = _WIDGET_CLASSES.get(kind, "")
            if css:
                widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{name}-hint"

    def _style_errors(self) -> None:
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            css = widget.attrs.get("class", "")
            base = css.split(" ")[0] if css else ""
            if base in _ERROR_CLASSES and _ERROR_CLASSES[base] not in css:
                widget.attrs["class"] = f"{css} {_ERROR_CLASSES[base]}"
            ids = widget.attrs.get("aria-describedby", "").split()
            if f"id_{name}-error" not in ids:
                widget.attrs["aria-describedby"] = " ".join([*ids, f"id_{name}-error"])


class GovukForm(GovukFormMixin, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style_widgets()

    def full_clean(self) -> None:
        super().full_clean()
        self._style_errors()


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style_widgets()

    def full_clean(self) -> None:
        super().full_clean()
        self._style_errors()


def apply_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    """Show a service's refusal on the form: on the named fields, or at the top."""
    placed = False
    for name, messages in error.fields.items():
        if name in form.fields:
            for message in messages:
                form.add_error(name, message)
            placed = True
    if not placed:
        form.add_error(None, error.message)
