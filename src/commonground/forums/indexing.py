"""Threads in the site's search (commonground.search): what is indexed, and who may find it.

One search document per thread: kind "forum_thread", key the thread's id, the title,
the plain text of its visible posts, and facets for the region (regional forums),
the year, and the library actions its posts link to (``/library/actions/<slug>/``),
which lets an action's page list the threads that mention it. Threads of open groups
are public to search; those of closed and private groups carry the access key
"forum-group:<id>", which only the group's members hold (access.search_access_keys).
A hidden thread is removed. Services call ``index_thread`` inside their transaction,
so the index changes exactly when the posts do.
"""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone

from commonground.core.markdown import plain_text
from commonground.forums.models import Thread, Visibility
from commonground.search import index_document, remove_document

KIND = "forum_thread"
MAX_BODY_CHARS = 200_000
ACTION_LINK = re.compile(r"/library/actions/([a-z0-9]+(?:-[a-z0-9]+)*)/")


def access_key(thread: Thread) -> str:
    group = thread.group
    return "public" if group.visibility == Visibility.OPEN else f"forum-group:{group.pk}"


def action_slugs(text: str) -> list[str]:
    return sorted(set(ACTION_LINK.findall(text)))


def index_thread(thread: Thread) -> None:
    if thread.is_hidden:
        remove_document(kind=KIND, key=str(thread.pk))
        return
    bodies = list(thread.posts.filter(hidden_at__isnull=True).values_list("body", flat=True))
    group = thread.group
    facets = {
        "action": action_slugs("\n".join(bodies)),
        "year": [str(timezone.localdate(thread.created_at).year)],
    }
    if group.region_name:
        facets["region"] = [group.region_name]
    index_document(
        kind=KIND, key=str(thread.pk), title=thread.title,
        body="\n\n".join(plain_text(b) for b in bodies)[:MAX_BODY_CHARS],
        url=reverse("forums:thread", args=[thread.pk]),
        facets=facets, access=access_key(thread),
        published=timezone.localdate(thread.created_at),
    )


def remove_thread(thread: Thread) -> None:
    remove_document(kind=KIND, key=str(thread.pk))
