"""Who may see and act on the background work page: platform administrators only (it
shows the service's workers, scheduled jobs and undelivered email of every council)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext as _

from commonground.core.errors import NotAuthenticated, NotFound

if TYPE_CHECKING:
    from commonground.core.actors import Actor


def require_platform_admin(user: Actor) -> AbstractBaseUser:
    if not isinstance(user, AbstractBaseUser) or not user.is_authenticated:
        raise NotAuthenticated(_("Sign in to see this page."))
    if not getattr(user, "is_superuser", False):
        # Not "forbidden": the page's existence is nobody else's business.
        raise NotFound(_("Page not found"))
    return user
