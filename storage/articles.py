"""Writing articles once, and reading them back.

An article is stored in one transaction: the article row, its cluster, the seen-URL record, and
whatever the caller adds through ``on_new`` (topic matches and outbox rows), so a crash leaves
either all of it or none. Unique keys on ``canonical_url`` and ``content_hash`` make the insert
idempotent across daemons: the loser of a race finds the winner's row and records a duplicate.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from psycopg.rows import class_row

if TYPE_CHECKING:
    from psycopg import Connection


class Outcome(enum.StrEnum):
    NEW = "new"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class NewArticle:
    """An extracted article, ready to store. ``terms`` is a tsvector literal of analysed terms."""

    source_id: str
    url: str
    canonical_url: str
    title: str
    byline: str | None
    published_at: datetime | None
    language: str | None
    text: str
    content_hash: str
    terms: str


@dataclass(frozen=True)
class StoreResult:
    outcome: Outcome
    article_id: int
    cluster_id: int
    duplicate_reason: str | None = None


@dataclass(frozen=True)
class ArticleRow:
    """An article as analysts read it (the JSON fields of DESIGN.md, plus rank)."""

    id: int
    url: str
    canonical_url: str
    source: str
    title: str
    byline: str | None
    published_at: datetime | None
    fetched_at: datetime
    text: str
    language: str | None
    content_hash: str
    cluster_id: int
    rank: float = 0.0


OnNew = Callable[["Connection", StoreResult, NewArticle], None]


def store_article(
    conn: Connection, article: NewArticle, on_new: OnNew | None = None
) -> StoreResult:
    """Store ``article`` unless its URL or text is already stored; one transaction either way."""
    with conn.transaction():
        inserted = conn.execute(
            """
            INSERT INTO articles (source_id, url, canonical_url, title, byline, published_at,
                                  language, text, content_hash, cluster_id, terms)
            VALUES (%(source_id)s, %(url)s, %(canonical_url)s, %(title)s, %(byline)s,
                    %(published_at)s, %(language)s, %(text)s, %(content_hash)s,
                    nextval('clusters_id_seq'), %(terms)s::tsvector)
            ON CONFLICT DO NOTHING
            RETURNING id, cluster_id
            """,
            article.__dict__,
        ).fetchone()
        if inserted is None:
            result = _existing(conn, article)
            _record_seen(conn, article, result)
            return result
        article_id, cluster_id = inserted
        conn.execute(
            """
            INSERT INTO clusters (id, first_article_id, first_published_at, last_published_at)
            VALUES (%s, %s, %s, %s)
            """,
            (cluster_id, article_id, article.published_at, article.published_at),
        )
        result = StoreResult(Outcome.NEW, article_id, cluster_id)
        _record_seen(conn, article, result)
        if on_new is not None:
            on_new(conn, result, article)
        return result


def _existing(conn: Connection, article: NewArticle) -> StoreResult:
    row = conn.execute(
        """
        SELECT id, cluster_id, canonical_url = %s AS same_url
        FROM articles WHERE canonical_url = %s OR content_hash = %s
        ORDER BY (canonical_url = %s) DESC LIMIT 1
        """,
        (article.canonical_url,) * 2 + (article.content_hash, article.canonical_url),
    ).fetchone()
    if row is None:  # the conflicting row was deleted in between; vanishingly rare
        raise RuntimeError(f"article {article.canonical_url} conflicted with a row that is gone")
    article_id, cluster_id, same_url = row
    reason = "same canonical URL" if same_url else "same text as another URL"
    return StoreResult(Outcome.DUPLICATE, article_id, cluster_id, reason)


def _record_seen(conn: Connection, article: NewArticle, result: StoreResult) -> None:
    outcome = "article" if result.outcome is Outcome.NEW else "duplicate"
    conn.execute(
        """
        INSERT INTO seen_urls (canonical_url, source_id, url, outcome, article_id, reason)
        VALUES (%s, %s, %s, %s, %s, %s)
        ON CONFLICT (canonical_url) DO NOTHING
        """,
        (
            article.canonical_url,
            article.source_id,
            article.url,
            outcome,
            result.article_id,
            result.duplicate_reason,
        ),
    )


def record_skipped(
    conn: Connection, source_id: str, url: str, canonical_url: str, reason: str
) -> None:
    """Remember a page that is no article, so it is not downloaded again."""
    with conn.transaction():
        conn.execute(
            """
            INSERT INTO seen_urls (canonical_url, source_id, url, outcome, reason)
            VALUES (%s, %s, %s, 'skipped', %s)
            ON CONFLICT (canonical_url) DO NOTHING
            """,
            (canonical_url, source_id, url, reason),
        )


def seen_urls(conn: Connection, canonical_urls: Iterable[str]) -> set[str]:
    """The subset of ``canonical_urls`` already fetched (stored, duplicate or skipped)."""
    wanted = list(canonical_urls)
    if not wanted:
        return set()
    rows = conn.execute(
        "SELECT canonical_url FROM seen_urls WHERE canonical_url = ANY(%s)", (wanted,)
    ).fetchall()
    return {row[0] for row in rows}


@dataclass(frozen=True)
class SearchFilter:
    tsquery: str | None = None
    source_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 20


def search_articles(conn: Connection, search: SearchFilter) -> list[ArticleRow]:
    """Articles matching ``search.tsquery`` (analysed terms), best first; newest first without one."""
    with conn.cursor(row_factory=class_row(ArticleRow)) as cur:
        cur.execute(
            """
            SELECT a.id, a.url, a.canonical_url, a.source_id AS source, a.title, a.byline,
                   a.published_at, a.fetched_at, a.text, a.language, a.content_hash,
                   a.cluster_id,
                   CASE WHEN %(q)s::text IS NULL THEN 0
                        ELSE ts_rank_cd(a.terms, %(q)s::tsquery) END AS rank
            FROM articles a
            WHERE (%(q)s::text IS NULL OR a.terms @@ %(q)s::tsquery)
              AND (%(source)s::text IS NULL OR a.source_id = %(source)s)
              AND (%(since)s::timestamptz IS NULL
                   OR coalesce(a.published_at, a.fetched_at) >= %(since)s)
              AND (%(until)s::timestamptz IS NULL
                   OR coalesce(a.published_at, a.fetched_at) < %(until)s)
            ORDER BY rank DESC, coalesce(a.published_at, a.fetched_at) DESC, a.id DESC
            LIMIT %(limit)s
            """,
            {
                "q": search.tsquery,
                "source": search.source_id,
                "since": search.since,
                "until": search.until,
                "limit": search.limit,
            },
        )
        return cur.fetchall()
