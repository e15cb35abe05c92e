"""Heartbeats of running workers and schedulers, and which of them are alive.

Each process writes its row when it starts, refreshes ``seen_at`` every
``BEAT_SECONDS`` from a thread of its own (so a long task does not silence it), and
deletes the row when it stops cleanly. A process is taken as alive while its row is
fresher than ``STALE_SECONDS``, except on the reader's own host, where a row whose
process is gone (or whose pid is now the reader's own, as in a restarted container) is
dead at once: that is what lets a worker restarted after a crash fail its predecessor's
half-done tasks immediately rather than after a timeout.
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
import threading
from collections.abc import Callable

from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.crypto import get_random_string

from commonground.background.models import Heartbeat, ProcessKind

logger = logging.getLogger(__name__)
BEAT_SECONDS = 10
# Generous, because on SQLite a heartbeat waits while a long import holds the write lock.
STALE_SECONDS = 120


def new_process_id(kind: str) -> str:
    return f"{kind}-{socket.gethostname()[:30]}-{os.getpid()}-{get_random_string(8)}"


def _pid_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True


def is_alive(beat: Heartbeat, now: datetime.datetime, *, me: str = "") -> bool:
    if beat.process_id == me:
        return True
    if beat.host == socket.gethostname() and (beat.pid == os.getpid()
                                              or not _pid_running(beat.pid)):
        return False
    return beat.seen_at >= now - datetime.timedelta(seconds=STALE_SECONDS)


def alive(kind: str | None = None, *, me: str = "",
          now: datetime.datetime | None = None) -> list[Heartbeat]:
    now = now or timezone.now()
    beats = Heartbeat.objects.all() if kind is None else Heartbeat.objects.filter(kind=kind)
    return [b for b in beats if is_alive(b, now, me=me)]


class Beating:
    """A process's heartbeat: ``start()`` writes the row and starts the thread, which
    calls ``also`` (if given) every ``also_every`` beats; ``stop()`` ends both."""

    def __init__(self, kind: ProcessKind, *, queues: str = "", process_id: str = "",
                 also: Callable[[], object] | None = None, also_every: int = 6) -> None:
        self.kind, self.queues = kind, queues
        self.process_id = process_id or new_process_id(kind)
        self.also, self.also_every = also, also_every
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        now = timezone.now()
        Heartbeat.objects.update_or_create(process_id=self.process_id, defaults={
            "kind": self.kind, "host": socket.gethostname()[:255], "pid": os.getpid(),
            "queues": self.queues[:200], "started_at": now, "seen_at": now})
        self._thread = threading.Thread(target=self._run, name=f"{self.kind}-heartbeat",
                                        daemon=True)
        self._thread.start()

    def beat(self) -> None:
        Heartbeat.objects.filter(process_id=self.process_id).update(seen_at=timezone.now())

    def _run(self) -> None:
        beats = 0
        try:
            while not self._stopped.wait(BEAT_SECONDS):
                beats += 1
                try:
                    self.beat()
                    if self.also is not None and beats % self.also_every == 0:
                        self.also()
                except DatabaseError:
                    # A busy or briefly unreachable database: try again next beat.
                    logger.warning("Heartbeat of %s could not be written", self.process_id,
                                   exc_info=True)
        finally:
            connection.close()

    def stop(self) -> None:
        self._stopped.set()
        if self._thread is not None:
            self._thread.join(timeout=BEAT_SECONDS)
        Heartbeat.objects.filter(process_id=self.process_id).delete()
