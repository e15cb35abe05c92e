"""Who acts or asks, as a type ``core`` can name without importing ``accounts``: a user
(Django's base class stands for our ``User``), the public (anonymous), or ``None`` for the
system itself. Import it under ``TYPE_CHECKING``: Django loads ``core`` before any model
class may be defined, and the alias needs two of them."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

    Actor: TypeAlias = AbstractBaseUser | AnonymousUser | None
