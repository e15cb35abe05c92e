"""Forms of the accounts pages, validated at the edge; services make the changes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.apps import apps
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from commonground.accounts.models import Role
from commonground.background import mail
from commonground.core import audit
from commonground.core.forms import GovukForm, GovukFormMixin
from commonground.core.selectors import AuditFilters


class SignInForm(GovukForm):
    email = forms.EmailField(label=_("Email address"), widget=forms.EmailInput(
        attrs={"autocomplete": "email", "spellcheck": "false"}))
    password = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput(
        attrs={"autocomplete": "current-password"}))


class InviteForm(GovukForm):
    email = forms.EmailField(label=_("Email address"), widget=forms.EmailInput(
        attrs={"autocomplete": "off", "spellcheck": "false"}))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER,
                             help_text=_("Officers and analysts see the organisation's data; "
                                       "administrators also manage its members."))


class RoleForm(GovukForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class AcceptInvitationForm(GovukForm):
    full_name = forms.CharField(label=_("Full name"), max_length=150,
                                widget=forms.TextInput(attrs={"autocomplete": "name"}))
    password = forms.CharField(
        label=_("Create a password"), strip=False,
        help_text=_("At least 12 characters. A few unrelated words make a strong password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class ProfileForm(GovukForm):
    full_name = forms.CharField(label=_("Full name"), max_length=150,
                                widget=forms.TextInput(attrs={"autocomplete": "name"}))


class ApiTokenForm(GovukForm):
    name = forms.CharField(label=_("Token name"), max_length=100,
                           help_text=_("So you recognise it later, like 'Ward dashboard script'."))


class GovukPasswordResetForm(GovukFormMixin, PasswordResetForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address")
        self._style_widgets()

    def full_clean(self) -> None:
        super().full_clean()
        self._style_errors()

    def send_mail(self, subject_template_name: str, email_template_name: str,
                  context: dict[str, Any], from_email: str | None, to_email: str,
                  html_email_template_name: str | None = None) -> None:
        # Queued like every email of the service, in the user's language, rather than sent
        # inside the request: a mail server that fails must not turn the page into an error.
        mail.queue_email(kind="accounts.password_reset", to=context["user"],
                         subject=lambda: render_to_string(subject_template_name, context),
                         template=email_template_name, context=context)


class GovukSetPasswordForm(GovukFormMixin, SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password2"].label = _("Confirm new password")
        self._style_widgets()

    def full_clean(self) -> None:
        super().full_clean()
        self._style_errors()


def object_kinds(*, translated: bool = True) -> list[tuple[str, str]]:
    """Every kind of object a row can name, by its readable name (no query): in the page's
    language (``accounts.object_kinds`` holds their Welsh), or English for a download."""
    kinds = {model._meta.label_lower: str(model._meta.verbose_name).capitalize()
             for model in apps.get_models()}
    if translated:
        kinds = {key: pgettext("audit kind", name) for key, name in kinds.items()}
    return sorted(kinds.items(), key=lambda kind: kind[1])


class AuditFilterForm(GovukForm):
    """The audit log's filters: a GET form, so a filtered view has an address to share."""

    person = forms.CharField(label=_("Person"), required=False, max_length=255,
                             help_text=_("Their email address, or part of it"))
    action = forms.ChoiceField(label=_("Action"), required=False)
    object_type = forms.ChoiceField(label=_("Kind of object"), required=False)
    object = forms.CharField(label=_("Object"), required=False, max_length=255,
                             help_text=_("Its number, or part of its name"))
    since = forms.DateField(label=_("On or after"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    until = forms.DateField(label=_("On or before"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        action = self.fields["action"]
        kind = self.fields["object_type"]
        assert isinstance(action, forms.ChoiceField) and isinstance(kind, forms.ChoiceField)
        action.choices = [("", _("Any action")), *((a.value, a.value) for a in audit.Action)]
        kind.choices = [("", _("Any kind")), *object_kinds()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("Choose a date on or after the first one."))
        return data

    def filters(self) -> AuditFilters:
        """The valid filters (an invalid form filters nothing)."""
        if not self.is_valid():
            return AuditFilters()
        data = self.cleaned_data
        return AuditFilters(person=data["person"].strip(), action=data["action"],
                            object_type=data["object_type"], object_text=data["object"].strip(),
                            since=data["since"], until=data["until"])
