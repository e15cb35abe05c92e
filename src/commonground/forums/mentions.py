"""@mentions: "@Olivia Okafor" in a post names a member of the thread's group.

People have no user names here, only full names, so a mention is "@" followed by up
to four words, and it names the member whose full name is the longest run of those
words (case aside): "@Olivia Okafor can you help" finds Olivia Okafor. Only members
of the group can be mentioned, which also keeps mentions to people who can read the
thread. An email address ("name@example.org") is not a mention.
"""

from __future__ import annotations

import re
from typing import Any

from django.db.models.functions import Lower

from commonground.forums.models import Group, GroupMembership, MemberStatus

MAX_WORDS = 4
_NAME_WORD = r"[^\W\d_][\w'’-]*"
_MENTION = re.compile(rf"(?<![\w@.])@({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,{MAX_WORDS - 1}}})")


def _word_runs(text: str) -> list[list[str]]:
    """For each mention, its candidate names from longest to shortest."""
    runs = []
    for match in _MENTION.finditer(text):
        words = match.group(1).split()
        runs.append([" ".join(words[:n]).lower() for n in range(len(words), 0, -1)])
    return runs


def mentioned_members(text: str, group: Group) -> list[Any]:
    """The active members of ``group`` that ``text`` mentions, in order of mention."""
    runs = _word_runs(text)
    if not runs:
        return []
    candidates = {name for run in runs for name in run}
    members = {
        m.lname: m.user
        for m in GroupMembership.objects.filter(group=group, status=MemberStatus.ACTIVE,
                                                user__is_active=True)
        .select_related("user").annotate(lname=Lower("user__full_name"))
        .filter(lname__in=candidates)
    }
    found: list[Any] = []
    for run in runs:
        user = next((members[name] for name in run if name in members), None)
        if user is not None and user not in found:
            found.append(user)
    return found
