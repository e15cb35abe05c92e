"""The forums' limits, each overridable in settings (read when used, so tests can too).

- ``FORUMS_EDIT_WINDOW_MINUTES`` (60): how long an author may edit a post.
- ``FORUMS_NEW_ACCOUNT_DAYS`` (7): accounts younger than this are "new"...
- ``FORUMS_NEW_ACCOUNT_POSTS_PER_HOUR`` (5): ...and may post (threads and replies)
  this many times an hour, which blunts spam from freshly made accounts without
  slowing anyone who has been around a week.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from commonground.accounts.models import User


def edit_window() -> datetime.timedelta:
    return datetime.timedelta(minutes=getattr(settings, "FORUMS_EDIT_WINDOW_MINUTES", 60))


def new_account_days() -> int:
    return int(getattr(settings, "FORUMS_NEW_ACCOUNT_DAYS", 7))


def new_account_posts_per_hour() -> int:
    return int(getattr(settings, "FORUMS_NEW_ACCOUNT_POSTS_PER_HOUR", 5))


def is_new_account(user: User) -> bool:
    return bool(timezone.now() - user.date_joined < datetime.timedelta(days=new_account_days()))


def can_still_edit(post: Any) -> bool:
    return bool(timezone.now() - post.created_at <= edit_window())
