"""Common Ground's search engine: one interface over SQLite FTS5 and PostgreSQL.

    from commonground.search import (
        index_document, remove_document, register_access_provider, search)

Apps index what they own (``index_document``; ``kind`` + ``key`` is unique, so
calling it again replaces the document) and remove it when it is withdrawn. A
document is "public" or carries an access key; apps that hand out keys register a
provider from ``AppConfig.ready()``. ``search(user, q, filters=..., page=...)``
returns only what ``user`` may see, filtered inside the query before paging.
The engine follows ``django.db.connection.vendor``. See docs/search.md.

The functions below import the models lazily, because Django imports this package
(an installed app) before models may be loaded.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from commonground.search.access import PUBLIC, register_access_provider
from commonground.search.kinds import kind_label, register_kind_label
from commonground.search.results import QueryInfo, SearchHit, SearchResults

__all__ = ["PUBLIC", "FACETS", "QueryInfo", "SearchHit", "SearchResults", "index_document",
           "kind_label", "register_access_provider", "register_kind_label", "remove_document",
           "search"]

if TYPE_CHECKING:
    from commonground.core.actors import Actor

FACETS = ("type", "theme", "issue", "action", "family_group", "region", "year")


def index_document(*, kind: str, key: str, title: str, body: str, url: str,
                   facets: dict[str, list[str]] | None = None, access: str = "public",
                   published: datetime.date | None = None) -> None:
    from commonground.search import indexing

    indexing.index_document(kind=kind, key=key, title=title, body=body, url=url,
                            facets=facets, access=access, published=published)


def remove_document(*, kind: str, key: str) -> None:
    from commonground.search import indexing

    indexing.remove_document(kind=kind, key=key)


def search(user: Actor, q: str, *, filters: dict[str, list[str]] | None = None,
           page: int = 1, per_page: int = 20) -> SearchResults:
    from commonground.search import searching

    return searching.search(user, q, filters=filters, page=page, per_page=per_page)
