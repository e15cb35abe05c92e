"""How many queries a request really makes, counted as they run.

Django's ``CaptureQueriesContext`` reads its queries from the connection's log when they
are asked for, not when the block ends: ``len(captured)`` is a slice of
``connection.queries_log`` by the positions the block started and ended at. Every
request's ``request_started`` signal empties that log, so counting after more requests
(survey_results_bench.py read it after its 30 timed requests) slices an emptied log and
says 0 for a warm request of 4. The log is also a deque of at most 9,000 entries while
DEBUG is on, so once full it stops growing and a block counts 0 again. A wrapper on
every connection keeps each statement as it is sent, whatever happens to the log after.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any


@contextmanager
def counted() -> Iterator[list[str]]:
    """The SQL of every statement sent inside the block, on any database connection of
    this thread (``executemany`` is one)."""
    from django.db import connections

    statements: list[str] = []

    def count(execute: Callable[..., Any], sql: str, *rest: Any) -> Any:
        statements.append(sql)
        return execute(sql, *rest)

    with ExitStack() as stack:
        for connection in connections.all():
            stack.enter_context(connection.execute_wrapper(count))
        yield statements
