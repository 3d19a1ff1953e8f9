"""What the pages and the API take from a request: a pooled connection, ids and filters,
bounded in length and range before any of them reaches a query."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from psycopg import Connection

from rasad.config.files import ID_SHAPE
from rasad.web.reading import SearchForm

# A page of results is at most this long, and a query at most this many characters: a search
# typed by a person is far shorter, and a longer one only costs the server.
MAX_LIMIT = 100
MAX_QUERY_CHARS = 1000


def connection(request: Request) -> Iterator[Connection]:
    """A pooled connection for one request (read-only by its session settings)."""
    with request.app.state.pool.connection() as conn:
        yield conn


Conn = Annotated[Connection, Depends(connection)]
ArticleId = Annotated[int, Path(ge=1, le=2**63 - 1)]
TopicId = Annotated[str, Path(pattern=ID_SHAPE.pattern)]


def search_filters(
    source: Annotated[list[str], Query(description="Only these source ids (repeatable).")] = [],  # noqa: B006
    topic: Annotated[
        str | None, Query(max_length=64, description="Only stories this topic matched.")
    ] = None,
    since: Annotated[
        str | None,
        Query(
            max_length=64, description="Published at or after: 2026-11-22, 2026-11-22T09:30, 7d."
        ),
    ] = None,
    until: Annotated[str | None, Query(max_length=64, description="Published before.")] = None,
    sort: Annotated[str, Query(pattern="^(relevance|date)$")] = "relevance",
    all: Annotated[bool, Query(description="Every copy, not one result per story.")] = False,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    after: Annotated[
        str | None, Query(max_length=200, description="The next_cursor of the previous page.")
    ] = None,
) -> SearchForm:
    """The search filters shared by the page and the API (the form sends empty fields)."""
    return SearchForm(
        source=tuple(s for s in source if s),
        topic=topic or None,
        since=since or None,
        until=until or None,
        sort=sort,
        all=all,
        limit=limit,
        after=after or None,
    )


Filters = Annotated[SearchForm, Depends(search_filters)]
