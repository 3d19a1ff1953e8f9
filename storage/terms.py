"""Rewriting the analysed terms stored with articles, in batches, when the analysis changes.

Batches are read in id order after the last id done (keyset pagination: no offset to skip
over), and each batch's terms are written in one statement that touches only the rows whose
terms differ, so a run can stop anywhere and be run again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from psycopg.rows import class_row, scalar_row

if TYPE_CHECKING:
    from psycopg import Connection


@dataclass(frozen=True)
class ArticleText:
    id: int
    title: str
    text: str


def count_articles(conn: Connection) -> int:
    with conn.cursor(row_factory=scalar_row) as cur:
        return cur.execute("SELECT count(*) FROM articles").fetchone() or 0


def articles_after(conn: Connection, after_id: int, limit: int) -> list[ArticleText]:
    """The next ``limit`` articles by id, after ``after_id``."""
    with conn.cursor(row_factory=class_row(ArticleText)) as cur:
        return cur.execute(
            "SELECT id, title, text FROM articles WHERE id > %s ORDER BY id LIMIT %s",
            (after_id, limit),
        ).fetchall()


def replace_terms(conn: Connection, terms_by_id: dict[int, str]) -> int:
    """Store each article's terms (tsvector literals); how many rows changed."""
    cur = conn.execute(
        """
        UPDATE articles AS a SET terms = n.terms::tsvector
        FROM unnest(%s::bigint[], %s::text[]) AS n (id, terms)
        WHERE a.id = n.id AND a.terms IS DISTINCT FROM n.terms::tsvector
        """,
        (list(terms_by_id), list(terms_by_id.values())),
    )
    return cur.rowcount
