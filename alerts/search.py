"""Searching stored articles with the topic query language: ``rasad search`` and ``topics test``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rasad.alerts.analysis import analyse_document
from rasad.alerts.query import Query, parse_query
from rasad.alerts.snippet import Segment, snippet
from rasad.storage.articles import ArticleRow, SearchFilter, search_articles
from rasad.storage.database import connect

if TYPE_CHECKING:
    from datetime import datetime

    from rasad.alerts.topics import Topic


@dataclass(frozen=True)
class SearchHit:
    """A stored article that matched, the query's words it contains, and the passage around them."""

    article: ArticleRow
    matched_terms: list[str]
    snippet: list[Segment]


def search(
    database_url: str,
    query: str,
    source_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 20,
    *,
    collapse: bool = True,
) -> list[SearchHit]:
    """Stored articles matching ``query``, best first (a malformed query raises TopicError).

    PostgreSQL finds and ranks them by the stored terms; the matched words and the snippet
    come from the same analysis run again on each hit's text.
    """
    parsed = parse_query(query)
    with connect(database_url) as conn:
        rows = search_articles(
            conn, SearchFilter(parsed.to_tsquery(), source_id, since, until, limit)
        )
    return [explain_hit(parsed, row) for row in rows]


def explain_hit(query: Query, row: ArticleRow) -> SearchHit:
    terms = query.matched_terms(analyse_document(f"{row.title}\n{row.text}"))
    return SearchHit(row, terms, snippet(row.text, terms))


def try_topic(
    database_url: str,
    topics: tuple[Topic, ...],
    query_or_topic_id: str,
    since: datetime | None = None,
    limit: int = 50,
) -> tuple[str, list[SearchHit]]:
    """What a topic (by id) or a query would match among stored articles; nothing is sent.

    PostgreSQL finds the candidates through the stored terms; each is then matched again in
    Python on its analysed text, as at ingest, to tell which words matched.
    """
    query, label = _topic_query(topics, query_or_topic_id)
    with connect(database_url) as conn:
        rows = search_articles(conn, SearchFilter(query.to_tsquery(), None, since, None, limit))
    return label, [explain_hit(query, row) for row in rows]


def _topic_query(topics: tuple[Topic, ...], query_or_topic_id: str) -> tuple[Query, str]:
    for topic in topics:
        if topic.id == query_or_topic_id:
            return topic.query, f"topic '{topic.id}' ({topic.name})"
    return parse_query(query_or_topic_id), "query"
