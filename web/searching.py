"""The one place the web calls search: today's ``alerts.search`` behind the coming contract.

Search is being rebuilt with ``SearchRequest``/``SearchPage`` and ``search(conn, request)``
(several sources, a topic, a sort, cursors). Until that lands this module offers the same
names over today's storage search, so the switch is this module's deletion and one import.
It pages by offset and filters topics and extra sources over a widened window: enough for
the pages and their tests, not for a large archive.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from psycopg.rows import scalar_row

from rasad.alerts.query import parse_query
from rasad.alerts.search import SearchHit, explain_hit
from rasad.config.errors import TopicError
from rasad.storage.articles import SearchFilter, search_articles

if TYPE_CHECKING:
    from psycopg import Connection

__all__ = ["SearchHit", "SearchPage", "SearchRequest", "search"]

_WINDOW_FACTOR = 5  # how much wider the window is when a filter thins it after the query


@dataclass(frozen=True)
class SearchRequest:
    query: str
    sources: tuple[str, ...] = ()
    topic: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    sort: str = "relevance"
    collapse: bool = True
    limit: int = 20
    after: str | None = None


@dataclass(frozen=True)
class SearchPage:
    hits: list[SearchHit]
    next_cursor: str | None


def search(conn: Connection, request: SearchRequest) -> SearchPage:
    """One page of hits for ``request``; TopicError for a bad query or cursor."""
    parsed = parse_query(request.query)
    offset = _offset(request.after)
    wanted = offset + request.limit + 1
    widen = request.topic is not None or len(request.sources) > 1 or request.sort == "date"
    base = SearchFilter(
        parsed.to_tsquery(),
        request.sources[0] if len(request.sources) == 1 else None,
        request.since,
        request.until,
        wanted * (_WINDOW_FACTOR if widen else 1),
        request.collapse,
    )
    rows = search_articles(conn, base)
    if len(request.sources) > 1:
        rows = [row for row in rows if row.source in request.sources]
    if request.topic is not None:
        clusters = _topic_clusters(conn, request.topic)
        rows = [row for row in rows if row.cluster_id in clusters]
    if request.sort == "date":
        rows.sort(key=lambda r: (r.published_at or r.fetched_at, r.id), reverse=True)
    window = rows[offset:wanted]
    more = len(window) > request.limit
    hits = [explain_hit(parsed, row) for row in window[: request.limit]]
    return SearchPage(hits, _cursor(offset + request.limit) if more else None)


def _topic_clusters(conn: Connection, topic: str) -> set[int]:
    with conn.cursor(row_factory=scalar_row) as cur:
        return set(
            cur.execute(
                "SELECT cluster_id FROM analyst_matches WHERE topic = %s", (topic,)
            ).fetchall()
        )


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o{offset}".encode()).decode().rstrip("=")


def _offset(cursor: str | None) -> int:
    if cursor is None:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        offset = int(text[1:]) if text.startswith("o") else -1
    except (binascii.Error, UnicodeDecodeError, ValueError):
        offset = -1
    if not 0 <= offset <= 10_000:
        raise TopicError("the page cursor is not one this search gave out")
    return offset
