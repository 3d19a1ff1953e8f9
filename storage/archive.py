"""Reading the archive as analysts see it: an article with its cluster, topics and emails.

What `rasad web` shows beside search. Every query here reads the analyst views (migrations
0005, 0006, 0013) and never a table, so the pages work under the read-only analyst role.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from psycopg.rows import class_row, dict_row

from rasad.storage.search import Delivery, deliveries

if TYPE_CHECKING:
    from collections.abc import Iterable

    from psycopg import Connection


@dataclass(frozen=True)
class StoredArticle:
    """One article with its outlet and the size of its cluster (the analyst_articles view)."""

    id: int
    source: str
    source_name: str
    url: str
    canonical_url: str
    title: str
    byline: str | None
    published_at: datetime | None
    fetched_at: datetime
    language: str | None
    text: str
    content_hash: str
    cluster_id: int
    cluster_articles: int
    cluster_outlets: int


@dataclass(frozen=True)
class ClusterCopy:
    """Another outlet's article of the same story."""

    id: int
    source: str
    source_name: str
    title: str
    canonical_url: str
    published_at: datetime | None


@dataclass(frozen=True)
class TopicMatch:
    """A story a topic matched, the article it matched through, and the emails it went out in.

    ``alert`` is ``emailed`` or why it was not (a story published before the topic existed).
    """

    id: int
    topic: str
    topic_name: str
    cluster_id: int
    article_id: int
    source: str
    title: str
    canonical_url: str
    published_at: datetime | None
    matched_terms: list[str]
    matched_at: datetime
    alert: str
    deliveries: tuple[Delivery, ...] = ()


@dataclass(frozen=True)
class TopicSummary:
    topic: str
    name: str
    query: str
    mode: str
    recipients: list[str]
    created_at: datetime
    enabled: bool
    matches: int
    last_matched_at: datetime | None


@dataclass(frozen=True)
class MatchCursor:
    """Where a page of a topic's matches ended: the sort time and id of its last match."""

    newest: datetime
    id: int


@dataclass(frozen=True)
class MatchPage:
    matches: list[TopicMatch]
    next: MatchCursor | None = field(default=None)


_ARTICLE = """
SELECT article_id AS id, source, source_name, url, canonical_url, title, byline, published_at,
       fetched_at, language, text, content_hash, cluster_id, cluster_articles, cluster_outlets
FROM analyst_articles WHERE article_id = %s
"""


def stored_article(conn: Connection, article_id: int) -> StoredArticle | None:
    with conn.cursor(row_factory=class_row(StoredArticle)) as cur:
        return cur.execute(_ARTICLE, (article_id,)).fetchone()


def cluster_copies(conn: Connection, cluster_id: int, except_id: int) -> list[ClusterCopy]:
    """The other articles of a cluster, earliest published first."""
    with conn.cursor(row_factory=class_row(ClusterCopy)) as cur:
        return cur.execute(
            """
            SELECT article_id AS id, source, source_name, title, canonical_url, published_at
            FROM analyst_articles WHERE cluster_id = %s AND article_id <> %s
            ORDER BY published_at NULLS LAST, article_id
            """,
            (cluster_id, except_id),
        ).fetchall()


def cluster_outlets(conn: Connection, cluster_ids: Iterable[int]) -> dict[int, list[str]]:
    """The source ids that carried each cluster, for search results shown one per story."""
    with conn.cursor(row_factory=dict_row) as cur:
        rows = cur.execute(
            "SELECT cluster_id, sources FROM analyst_clusters WHERE cluster_id = ANY(%s)",
            (list(cluster_ids),),
        ).fetchall()
    return {row["cluster_id"]: row["sources"] for row in rows}


_MATCHES = """
SELECT match_id AS id, topic, topic_name, cluster_id, article_id, source, title, canonical_url,
       published_at, matched_terms, matched_at, alert
FROM analyst_matches
"""


def cluster_matches(conn: Connection, cluster_id: int) -> list[TopicMatch]:
    """The topics that matched a story, each with the emails it went out in."""
    with conn.cursor(row_factory=class_row(TopicMatch)) as cur:
        rows = cur.execute(
            _MATCHES + " WHERE cluster_id = %s ORDER BY topic", (cluster_id,)
        ).fetchall()
    return _with_deliveries(conn, rows)


def topic_matches(
    conn: Connection, topic: str, limit: int, after: MatchCursor | None = None
) -> MatchPage:
    """A topic's matches newest first (by publication, else by match time), a page at a time.

    Matches of stories published before the topic existed are among them: their ``alert``
    says they were not emailed.
    """
    with conn.cursor(row_factory=class_row(TopicMatch)) as cur:
        rows = cur.execute(
            _MATCHES
            + """
            WHERE topic = %(topic)s
              AND (%(newest)s::timestamptz IS NULL
                   OR (coalesce(published_at, matched_at), match_id) < (%(newest)s, %(id)s))
            ORDER BY coalesce(published_at, matched_at) DESC, match_id DESC
            LIMIT %(limit)s
            """,
            {
                "topic": topic,
                "newest": after.newest if after else None,
                "id": after.id if after else None,
                "limit": limit + 1,
            },
        ).fetchall()
    more = len(rows) > limit
    rows = _with_deliveries(conn, rows[:limit])
    last = rows[-1] if more else None
    return MatchPage(
        rows, MatchCursor(last.published_at or last.matched_at, last.id) if last else None
    )


def _with_deliveries(conn: Connection, matches: list[TopicMatch]) -> list[TopicMatch]:
    by_match: dict[int, list[Delivery]] = {}
    for delivery in deliveries(conn, [match.id for match in matches]) if matches else ():
        by_match.setdefault(delivery.match_id, []).append(delivery)
    return [replace(match, deliveries=tuple(by_match.get(match.id, ()))) for match in matches]


_TOPICS = """
SELECT topic, name, query, mode, recipients, created_at, enabled, matches, last_matched_at
FROM analyst_topics
"""


def topic_summaries(conn: Connection) -> list[TopicSummary]:
    """Every topic, enabled ones first, by id."""
    with conn.cursor(row_factory=class_row(TopicSummary)) as cur:
        return cur.execute(_TOPICS + " ORDER BY enabled DESC, topic").fetchall()


def topic_summary(conn: Connection, topic: str) -> TopicSummary | None:
    with conn.cursor(row_factory=class_row(TopicSummary)) as cur:
        return cur.execute(_TOPICS + " WHERE topic = %s", (topic,)).fetchone()


def source_health(conn: Connection) -> list[dict[str, Any]]:
    """Every source's health row, keyed as ``storage.sources.source_health`` keys it."""
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(
            """
            SELECT source AS id, name, enabled, interval_minutes, last_attempt_at,
                   last_success_at, consecutive_failures, last_error, last_error_at, refused_at,
                   last_fetched, last_new, last_duplicates, last_skipped, last_failed,
                   last_skip_reasons, last_new_at, flagged_at, flag_reason, articles,
                   articles_24h
            FROM analyst_source_health ORDER BY source
            """
        ).fetchall()
