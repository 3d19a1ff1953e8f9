"""The line fingerprints of each source's latest articles, from which its boilerplate is learned.

``rasad.crawler.learned`` decides what a fingerprint is and when a line is boilerplate; this
module keeps the window of fingerprints (one row per article, the source's last ``keep``
articles) and rewrites a stored article's text when lines of it turn out to be boilerplate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from psycopg.rows import class_row

if TYPE_CHECKING:
    from collections.abc import Sequence

    from psycopg import Connection


@dataclass(frozen=True)
class ArticleLineKeys:
    """The distinct line fingerprints of one stored article."""

    article_id: int
    line_keys: list[int]


@dataclass(frozen=True)
class StoredText:
    id: int
    title: str
    text: str


def recent_line_keys(conn: Connection, source_id: str, keep: int) -> list[ArticleLineKeys]:
    """The fingerprints of the source's last ``keep`` articles, oldest first."""
    with conn.cursor(row_factory=class_row(ArticleLineKeys)) as cur:
        rows = cur.execute(
            "SELECT article_id, line_keys FROM article_line_keys WHERE source_id = %s"
            " ORDER BY article_id DESC LIMIT %s",
            (source_id, keep),
        ).fetchall()
    return rows[::-1]


def save_line_keys(
    conn: Connection, source_id: str, article_id: int, line_keys: Sequence[int], keep: int
) -> None:
    """Record an article's fingerprints and forget those that fell out of the source's window.

    Meant for the article's own transaction: the window moves with what is stored.
    """
    # One round trip: the DELETE sees the table as before the INSERT, so the source keeps its
    # ``keep`` latest older rows and the new one.
    conn.execute(
        """
        WITH added AS (
            INSERT INTO article_line_keys (article_id, source_id, line_keys)
            VALUES (%(article)s, %(source)s, %(keys)s) ON CONFLICT (article_id) DO NOTHING)
        DELETE FROM article_line_keys
        WHERE source_id = %(source)s AND article_id < (
            SELECT min(article_id) FROM (
                SELECT article_id FROM article_line_keys WHERE source_id = %(source)s
                ORDER BY article_id DESC LIMIT %(keep)s) AS window_)
        """,
        {"article": article_id, "source": source_id, "keys": list(line_keys), "keep": keep - 1},
    )


def stored_texts(conn: Connection, article_ids: Sequence[int]) -> list[StoredText]:
    """Titles and texts of stored articles, locked until the transaction ends."""
    with conn.cursor(row_factory=class_row(StoredText)) as cur:
        return cur.execute(
            "SELECT id, title, text FROM articles WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
            (list(article_ids),),
        ).fetchall()


def rewrite_text(
    conn: Connection, article_id: int, text: str, content_hash: str, terms: str
) -> bool:
    """Replace a stored article's text (and its hash and search terms); False when another
    article holds that text already, in which case nothing changes."""
    cursor = conn.execute(
        """
        UPDATE articles SET text = %(text)s, content_hash = %(hash)s, terms = %(terms)s::tsvector
        WHERE id = %(id)s
          AND NOT EXISTS (SELECT 1 FROM articles WHERE content_hash = %(hash)s AND id <> %(id)s)
        """,
        {"id": article_id, "text": text, "hash": content_hash, "terms": terms},
    )
    return cursor.rowcount == 1
