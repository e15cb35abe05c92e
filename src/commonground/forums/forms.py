"""Forms of the forum pages, validated at the edge; services make the changes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from commonground.core.forms import GovukForm
from commonground.forums.models import Visibility

MARKDOWN_HELP = ("You can use Markdown: **bold**, *italic*, [a link](https://example.org), "
                 "lists starting with -, and > for quotes. Mention a member of the group "
                 "with @ and their full name, like @Olivia Okafor.")


class GroupForm(GovukForm):
    name = forms.CharField(label=_("Name of the group"), max_length=120)
    summary = forms.CharField(label=_("What the group is for"), max_length=300,
                              help_text=_("One sentence, shown in the list of groups."))
    visibility = forms.ChoiceField(label=_("Who can see the group"), choices=Visibility.choices,
                                   widget=forms.RadioSelect, initial=Visibility.OPEN)
    about = forms.CharField(
        label=_("Information for members (optional)"), required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Shown at the top of the group's page: purpose, useful links, contacts. "
                  "Markdown is allowed."))


class AboutForm(GovukForm):
    summary = forms.CharField(label=_("What the group is for"), max_length=300,
                              help_text=_("One sentence, shown in the list of groups."))
    summary_cy = forms.CharField(label=_("What the group is for, in Welsh (optional)"),
                                 max_length=300, required=False,
                                 widget=forms.TextInput(attrs={"lang": "cy"}))
    about = forms.CharField(
        label=_("Information for members"), required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Shown at the top of the group's page: purpose, useful links, contacts. "
                  "Markdown is allowed."))
    about_cy = forms.CharField(
        label=_("Information for members, in Welsh (optional)"), required=False,
        widget=forms.Textarea(attrs={"rows": 12, "lang": "cy"}),
        help_text=_("Readers of the Welsh pages see it; without it they see the English."))


class ThreadForm(GovukForm):
    title = forms.CharField(label=_("Title"), max_length=150)
    body = forms.CharField(label=_("Your post"), widget=forms.Textarea(attrs={"rows": 10}),
                           help_text=MARKDOWN_HELP)


class ReplyForm(GovukForm):
    body = forms.CharField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=MARKDOWN_HELP)


class EditPostForm(GovukForm):
    body = forms.CharField(label=_("Your post"), widget=forms.Textarea(attrs={"rows": 10}),
                           help_text=MARKDOWN_HELP)

    def __init__(self, *args: Any, with_title: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_title:
            self.fields = {"title": forms.CharField(label=_("Title"), max_length=150),
                           **self.fields}
            self._style_widgets()


class ReportForm(GovukForm):
    reason = forms.CharField(
        label=_("What is wrong with this post?"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: it is abusive, it shares someone's personal details, or it "
                  "is advertising. Only the group's moderators see your report."))


class HideForm(GovukForm):
    reason = forms.CharField(
        label=_("Why are you hiding this post?"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The author is emailed this reason, and sees it beside their post."))


class AddMemberForm(GovukForm):
    email = forms.EmailField(label=_("Email address of the person to add"),
                             help_text=_("They need a Common Ground account already."))


class SearchForm(GovukForm):
    q = forms.CharField(label=_("Search the forums"), max_length=300, required=False)
