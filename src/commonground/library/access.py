"""The one way to fetch each protected library object for a user.

Published case studies and resources are public. Anything else (waiting for
moderation, returned, hidden) is seen only by its author, moderators and platform
admins; everyone else gets NotFound, so probing addresses reveals nothing. Changing
a contribution is for its author (not once hidden) and for moderators.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
        raise PermissionDenied(_("Only a moderator can do this."))
    return user


def require_practitioner(user: Visitor) -> Any:
    user = require_user(user)
    if not is_practitioner(user):
        raise PermissionDenied(
            _("Only practitioners (members of a council or partner organisation) can "
              "contribute."))
    return user


def is_author(user: Visitor, obj: CaseStudy | Resource) -> bool:
    return bool(user is not None and user.is_authenticated and obj.author_id == user.pk)


NOUNS = {CaseStudy: gettext_lazy("case study"), Resource: gettext_lazy("resource")}
NOT_YOURS = {CaseStudy: gettext_lazy("Only the author or a moderator can change this case study."),
             Resource: gettext_lazy("Only the author or a moderator can change this resource.")}
HIDDEN = {CaseStudy: gettext_lazy("A moderator has hidden this case study; it cannot be changed."),
          Resource: gettext_lazy("A moderator has hidden this resource; it cannot be changed.")}


def _get(model: type[C], user: Visitor, slug: str, write: bool) -> C:
    label = NOUNS[model]
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
            raise PermissionDenied(str(NOT_YOURS[model]))
        if obj.status == Status.HIDDEN:
            raise PermissionDenied(str(HIDDEN[model]))
    return obj


def get_case_study_for_user(user: Visitor, slug: str, *, write: bool = False) -> CaseStudy:
    return _get(CaseStudy, user, slug, write)


def get_resource_for_user(user: Visitor, slug: str, *, write: bool = False) -> Resource:
    return _get(Resource, user, slug, write)
