"""The one way to fetch each protected library object for a user.

Published case studies and resources are public. Anything else (waiting for
moderation, returned, hidden) is seen only by its author, moderators and platform
admins; everyone else gets NotFound, so probing addresses reveals nothing. Changing
a contribution is for its author (not once hidden) and for moderators.
"""

from __future__ import annotations

from typing import Any, TypeVar

from commonground.accounts.access import memberships, require_user
from commonground.accounts.types import Visitor
from commonground.core.errors import PermissionDenied, not_found
from commonground.library.models import CaseStudy, Resource, Status

C = TypeVar("C", CaseStudy, Resource)


def is_moderator(user: Visitor) -> bool:
    return bool(user is not None and user.is_authenticated
                and (user.is_moderator or user.is_superuser))


def is_practitioner(user: Visitor) -> bool:
    """Members of any organisation, moderators and admins may contribute."""
    if user is None or not user.is_authenticated:
        return False
    return is_moderator(user) or bool(memberships(user))


def require_moderator(user: Visitor) -> Any:
    user = require_user(user)
    if not is_moderator(user):
        raise PermissionDenied("Only a moderator can do this.")
    return user


def require_practitioner(user: Visitor) -> Any:
    user = require_user(user)
    if not is_practitioner(user):
        raise PermissionDenied(
            "Only practitioners (members of a council or partner organisation) can contribute.")
    return user


def is_author(user: Visitor, obj: CaseStudy | Resource) -> bool:
    return bool(user is not None and user.is_authenticated and obj.author_id == user.pk)


def _get(model: type[C], label: str, user: Visitor, slug: str, write: bool) -> C:
    obj = model.objects.filter(slug=slug).first()
    if obj is None:
        raise not_found(label)
    if obj.status != Status.PUBLISHED and not (is_author(user, obj) or is_moderator(user)):
        raise not_found(label)
    if write:
        user = require_user(user)
        if is_moderator(user):
            return obj
        if not is_author(user, obj):
            raise PermissionDenied(f"Only the author or a moderator can change this {label}.")
        if obj.status == Status.HIDDEN:
            raise PermissionDenied(f"A moderator has hidden this {label}; it cannot be changed.")
    return obj


def get_case_study_for_user(user: Visitor, slug: str, *, write: bool = False) -> CaseStudy:
    return _get(CaseStudy, "case study", user, slug, write)


def get_resource_for_user(user: Visitor, slug: str, *, write: bool = False) -> Resource:
    return _get(Resource, "resource", user, slug, write)
