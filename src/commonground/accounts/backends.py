"""Signing in, and reading the signed-in user back on each request.

Every signed-in page checks the user's memberships (``access.memberships``), so the user
is read together with them: one query where Django's ``ModelBackend`` and the check took
two, each a round trip to the database on every request of an officer or a partner.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from commonground.accounts.access import remember_memberships
from commonground.accounts.models import Membership, Organisation, User

# The columns get_user reads, worked out once per process rather than on every request:
# each model's fields by attribute name (what from_db takes), and the lookups that reach
# them from the user.
_USER = [f.attname for f in User._meta.concrete_fields]
_MEMBERSHIP = [f.attname for f in Membership._meta.concrete_fields]
_ORGANISATION = [f.attname for f in Organisation._meta.concrete_fields]
_LOOKUPS = [*(f.name for f in User._meta.concrete_fields),
            *(f"memberships__{f.name}" for f in Membership._meta.concrete_fields),
            *(f"memberships__organisation__{f.name}"
              for f in Organisation._meta.concrete_fields)]
_MEMBER_AT = len(_USER)
_ORGANISATION_AT = _MEMBER_AT + len(_MEMBERSHIP)


class MembershipBackend(ModelBackend):
    """Django's ModelBackend (email and password, active users only), reading the user
    with their memberships. Settings list ModelBackend after it only to read back
    sessions signed in before it existed, which name that backend's path."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> User | None:
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None and password is not None:
            # The backends after this one would only check the same password again.
            raise PermissionDenied
        return user

    def get_user(self, user_id: int) -> User | None:
        # One row per membership (or one row of NULLs after the user's own columns),
        # each built into its model as a queryset would (Model.from_db).
        rows = list(User._default_manager.filter(pk=user_id)
                    .order_by("memberships__pk").values_list(*_LOOKUPS))
        if not rows:
            return None
        db = User._default_manager.db
        user = User.from_db(db, _USER, rows[0][:_MEMBER_AT])
        if not self.user_can_authenticate(user):
            return None
        found = []
        for row in rows:
            if row[_MEMBER_AT] is None:  # a user without memberships: the row of NULLs
                continue
            membership = Membership.from_db(db, _MEMBERSHIP, row[_MEMBER_AT:_ORGANISATION_AT])
            membership.user = user
            membership.organisation = Organisation.from_db(db, _ORGANISATION,
                                                           row[_ORGANISATION_AT:])
            found.append(membership)
        remember_memberships(user, found)
        return user
