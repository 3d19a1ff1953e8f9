"""Feed validators (ETag, Last-Modified) kept between crawls for conditional GETs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from psycopg.rows import class_row

if TYPE_CHECKING:
    from psycopg import Connection


@dataclass(frozen=True)
class FeedValidators:
    etag: str | None = None
    last_modified: str | None = None


def feed_validators(conn: Connection, url: str) -> FeedValidators:
    row = (
        conn.cursor(row_factory=class_row(FeedValidators))
        .execute("SELECT etag, last_modified FROM feeds WHERE url = %s", (url,))
        .fetchone()
    )
    return row or FeedValidators()


def save_feed_fetch(
    conn: Connection, source_id: str, url: str, status: int, validators: FeedValidators | None
) -> None:
    """Remember a feed fetch; ``validators`` None keeps the stored ones (a 304 or an error)."""
    with conn.transaction():
        conn.execute(
            """
            INSERT INTO feeds (url, source_id, etag, last_modified, last_status, last_fetched_at)
            VALUES (%(url)s, %(source)s, %(etag)s, %(lm)s, %(status)s, now())
            ON CONFLICT (url) DO UPDATE SET
                last_status = excluded.last_status, last_fetched_at = excluded.last_fetched_at,
                etag = CASE WHEN %(keep)s THEN feeds.etag ELSE excluded.etag END,
                last_modified = CASE WHEN %(keep)s THEN feeds.last_modified
                                     ELSE excluded.last_modified END
            """,
            {
                "url": url,
                "source": source_id,
                "etag": validators.etag if validators else None,
                "lm": validators.last_modified if validators else None,
                "status": status,
                "keep": validators is None,
            },
        )
