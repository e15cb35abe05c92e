"""Writers to a SQLite database file taking turns, so none waits much longer than the rest.

SQLite lets one writer in at a time; the others wait in its busy handler, which sleeps
and retries (1 ms growing to 100 ms a try) and so lets a waiter lose to newcomers again
and again: under a stream of tension reports that gave a p99 of ~900 ms while the median
was 37 ms. A blocking ``flock`` queues writers in the kernel and wakes the next one as
soon as the lock is free. PostgreSQL needs none of this: its writers do not block each
other on different rows, so there this is a no-op.

Used today around the hottest write (public report intake); any write path under load
can use it the same way: ``with sqlite_write_turn(), transaction.atomic(): ...``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

try:
    import fcntl
except ImportError:  # not on Windows; SQLite writers then queue in SQLite alone
    fcntl = None  # type: ignore[assignment]

_turn = threading.Lock()
_lock_files: dict[str, int] = {}


@contextmanager
def sqlite_write_turn() -> Iterator[None]:
    """Take this process's and thread's turn to write before BEGIN (SQLite files only).

    The thread lock is needed because threads of one process share the lock file's
    descriptor.
    """
    name = str(connection.settings_dict.get("NAME") or "")
    # Inside a caller's transaction the write lock may already be held: taking a turn
    # then could deadlock with a process holding the turn and waiting for that lock.
    if connection.vendor != "sqlite" or fcntl is None or not name or ":memory:" in name \
            or "mode=memory" in name or connection.in_atomic_block:
        yield
        return
    fd = _lock_files.get(name)
    if fd is None:
        fd = _lock_files.setdefault(name, os.open(name + ".write-lock",
                                                  os.O_RDWR | os.O_CREAT, 0o600))
    with _turn:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
