"""What the audit log keeps of the forums (core.audit.privacy).

Groups, threads and posts are protected: a row keeps their ids, never a title, a body
or a reason (which may quote the post), and a platform administrator reads the rows of
the groups, threads and posts the forums' access rules let them open, so a private
group's discussions and members stay its own.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet

from commonground.core import audit
from commonground.forums.access import groups_seen_by, posts_read_by, threads_read_by

_SAFE_KEYS = ("visibility", "user", "role", "group", "thread", "post", "report",
              "thread_hidden")


def _names(objects: Any, field: str) -> Any:
    """Names for the audit log page: the group's name or thread's title, for the ids the
    reader may open (``objects(reader)``), read now rather than stored in the row."""
    def names(reader: Any, ids: list[str]) -> dict[str, str]:
        found: QuerySet[Model] = objects(reader).filter(pk__in=[int(i) for i in ids
                                                                if i.isdigit()])
        return {str(pk): name for pk, name in found.values_list("pk", field)}
    return names


def register() -> None:
    audit.protect("forums.group", noun="Forum group", safe_keys=_SAFE_KEYS,
                  visible=groups_seen_by, names=_names(groups_seen_by, "name"))
    audit.protect("forums.thread", noun="Forum thread", safe_keys=_SAFE_KEYS,
                  visible=threads_read_by, names=_names(threads_read_by, "title"))
    audit.protect("forums.post", noun="Forum post", safe_keys=_SAFE_KEYS, visible=posts_read_by)
