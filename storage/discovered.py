"""When and where Rasad first saw each article link, and the date the feed or sitemap gave it.

An undated article is judged by these facts (``alerts.matcher``): the link's first sighting
stands in for the publication time, and a link found on the source's first successful crawl
is back catalogue, never an alert.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from psycopg.rows import class_row, scalar_row

if TYPE_CHECKING:
    from collections.abc import Sequence

    from psycopg import Connection


@dataclass(frozen=True)
class FoundLink:
    """An article link as discovery found it: where, and the date stated beside it."""

    canonical_url: str
    found_in: str  # "feed", "sitemap" or "section"
    stated_at: datetime | None = None
    stated_date_only: bool = False


@dataclass(frozen=True)
class Discovery:
    """What Rasad knows of how it came to a link (one row of ``discovered_urls``)."""

    canonical_url: str
    found_in: str
    stated_at: datetime | None
    stated_date_only: bool
    first_seen_at: datetime
    first_crawl: bool


def is_first_crawl(conn: Connection, source_id: str) -> bool:
    """True while the source has never been crawled successfully."""
    succeeded = (
        conn.cursor(row_factory=scalar_row)
        .execute("SELECT last_success_at IS NOT NULL FROM sources WHERE id = %s", (source_id,))
        .fetchone()
    )
    return not succeeded


def record_discovered(
    conn: Connection, source_id: str, links: Sequence[FoundLink], first_crawl: bool
) -> dict[str, Discovery]:
    """Remember links not seen before; the row of each link (this sighting or an earlier one)."""
    if not links:
        return {}
    with conn.transaction(), conn.cursor() as cur:
        cur.executemany(
            """
            INSERT INTO discovered_urls
                (canonical_url, source_id, found_in, stated_at, stated_date_only, first_crawl)
            VALUES (%s, %s, %s, %s, %s, %s)
            ON CONFLICT (canonical_url) DO NOTHING
            """,
            [
                (
                    link.canonical_url,
                    source_id,
                    link.found_in,
                    link.stated_at,
                    link.stated_date_only,
                    first_crawl,
                )
                for link in links
            ],
        )
    rows = (
        conn.cursor(row_factory=class_row(Discovery))
        .execute(
            """
            SELECT canonical_url, found_in, stated_at, stated_date_only, first_seen_at,
                   first_crawl
            FROM discovered_urls WHERE canonical_url = ANY(%s)
            """,
            ([link.canonical_url for link in links],),
        )
        .fetchall()
    )
    return {row.canonical_url: row for row in rows}


def forget_discovered(conn: Connection, older_than_days: int) -> int:
    """Remove sightings older than ``older_than_days``; the articles keep their ``found_at``."""
    with conn.transaction():
        cursor = conn.execute(
            "DELETE FROM discovered_urls WHERE first_seen_at < now() - make_interval(days => %s)",
            (older_than_days,),
        )
    return cursor.rowcount
