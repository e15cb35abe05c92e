"""Who is asking, as types: a signed-in ``User``, or anyone at all (``Visitor``).

Access functions answer both (the public gets ``NotFound`` or ``NotAuthenticated``), so
they take a ``Visitor``. Services act for a signed-in user and take a ``User``; views
behind ``login_required`` say so with ``SignedInRequest``, whose ``user`` is a ``User``.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from commonground.accounts.models import User

Visitor = User | AnonymousUser


class SignedInRequest(HttpRequest):
    """A request that reached a view behind ``login_required`` (or the API's token
    check): ``login_required`` sends everyone else to the sign-in page first."""

    user: User
