"""Where someone lands after signing in, when no page asked for them (``?next=``).

People come to do their work: a council's officers and administrators to the tensions
dashboard, its analysts to their council's profile, moderators to the moderation queue;
everyone else to the home page, which starts each journey. The pages are named, not
imported, so accounts depends on no other app; a section that is not installed is skipped.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from commonground.accounts.access import memberships
from commonground.accounts.models import OrganisationKind, Role, User


def _url(name: str, *args: str) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def landing_page(user: User) -> str:
    councils = [m for m in memberships(user)
                if m.organisation.kind == OrganisationKind.COUNCIL]
    choices: list[str] = []
    if any(m.role in (Role.OFFICER, Role.ADMIN) for m in councils):
        choices.append(_url("tensions:index"))
    analyst = next((m for m in councils if m.role == Role.ANALYST
                    and m.organisation.area_code), None)
    if analyst is not None:
        choices.append(_url("places:detail", analyst.organisation.area_code))
    if user.is_moderator:
        choices.append(_url("library:moderation"))
    return next((url for url in choices if url), reverse("core:home"))
