"""Putting a task on the queue from inside a service's transaction.

``enqueue_on_commit(task, *args)`` is how services start background work. With the
database backend on the default database (the default configuration) the task row is
written in the caller's transaction: it commits or rolls back with the data it is about,
and no crash between commit and enqueue can lose it. With any other backend (the
immediate one the tests use, or a queue outside the database) the task is enqueued once
the transaction commits, so it never runs on rows that are not committed, or rolled back.
Arguments must be JSON: pass ids, not objects.
"""

from __future__ import annotations

from typing import Any

from django.db import DEFAULT_DB_ALIAS, router, transaction
from django_tasks.base import Task


def stores_in_database(task: Task[Any, Any]) -> bool:
    """Does ``task``'s backend keep its queue in our default database?"""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    return (isinstance(task.get_backend(), DatabaseBackend)
            and router.db_for_write(DBTaskResult) == DEFAULT_DB_ALIAS)


def enqueue_on_commit(task: Task[Any, Any], *args: Any, **kwargs: Any) -> None:
    """Enqueue ``task(*args, **kwargs)`` with the caller's transaction (see the module's
    docstring)."""
    if stores_in_database(task):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
