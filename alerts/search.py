"""``rasad search``: the topic query language over stored articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rasad.alerts.query import parse_query
from rasad.storage.articles import ArticleRow, SearchFilter, search_articles
from rasad.storage.database import connect

if TYPE_CHECKING:
    from datetime import datetime


def search(
    database_url: str,
    query: str,
    source_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 20,
) -> list[ArticleRow]:
    """Stored articles matching ``query``, best first (a malformed query raises TopicError)."""
    tsquery = parse_query(query).to_tsquery()
    with connect(database_url) as conn:
        return search_articles(conn, SearchFilter(tsquery, source_id, since, until, limit))
