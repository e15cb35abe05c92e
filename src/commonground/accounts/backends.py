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
from commonground.core.cached_sql import CachedSQL, columns

# The columns get_user reads, worked out once per process rather than on every request.
_USER = columns(User)
_MEMBERSHIP = columns(Membership, via="memberships__")
_ORGANISATION = columns(Organisation, via="memberships__organisation__")
_MEMBER_AT = len(_USER.attnames)
_ORGANISATION_AT = _MEMBER_AT + len(_MEMBERSHIP.attnames)
# One row per membership (or one row of NULLs after the user's own columns); its SQL is
# built once per process, since building it cost twice as much CPU as running it.
_WITH_MEMBERSHIPS = CachedSQL(User, lambda user_id: (
    User._default_manager.filter(pk=user_id).order_by("memberships__pk")
    .values_list(*_USER.lookups, *_MEMBERSHIP.lookups, *_ORGANISATION.lookups)))


# The backend's dotted path, as sessions and ``login(backend=...)`` name it.
BACKEND = f"{__name__}.MembershipBackend"


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
        # Each row's parts are built into their models as a queryset would (from_db).
        rows = _WITH_MEMBERSHIPS.rows(user_id)
        if not rows:
            return None
        db = User._default_manager.db
        user = _USER.build(rows[0], 0, db)
        if not self.user_can_authenticate(user):
            return None
        found = []
        for row in rows:
            if row[_MEMBER_AT] is None:  # a user without memberships: the row of NULLs
                continue
            membership = _MEMBERSHIP.build(row, _MEMBER_AT, db)
            membership.user = user
            membership.organisation = _ORGANISATION.build(row, _ORGANISATION_AT, db)
            found.append(membership)
        remember_memberships(user, found)
        return user
