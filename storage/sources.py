"""The sources table: the catalog's outlets as rows, with their health."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from psycopg.rows import dict_row

if TYPE_CHECKING:
    from psycopg import Connection


@dataclass(frozen=True)
class SourceEntry:
    """What the sources table needs to know of a catalog entry."""

    id: str
    name: str
    homepage: str
    interval_minutes: int
    enabled: bool


def sync_sources(conn: Connection, entries: Iterable[SourceEntry]) -> None:
    """Insert new catalog entries and refresh changed ones; health columns are kept.

    A source removed from the catalog keeps its row (its articles refer to it) but is disabled.
    """
    entries = list(entries)
    with conn.transaction():
        with conn.cursor() as cur:
            cur.executemany(
                """
                INSERT INTO sources (id, name, homepage, interval_minutes, enabled)
                VALUES (%s, %s, %s, %s, %s)
                ON CONFLICT (id) DO UPDATE SET
                    name = excluded.name, homepage = excluded.homepage,
                    interval_minutes = excluded.interval_minutes, enabled = excluded.enabled
                """,
                [(e.id, e.name, e.homepage, e.interval_minutes, e.enabled) for e in entries],
            )
        conn.execute(
            "UPDATE sources SET enabled = false WHERE NOT (id = ANY(%s))",
            ([e.id for e in entries],),
        )


def source_health(conn: Connection) -> list[dict[str, object]]:
    """Every source with its health and the counters of its last crawl, by id."""
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(
            """
            SELECT s.id, s.name, s.enabled, s.interval_minutes, s.last_attempt_at,
                   s.last_success_at, s.consecutive_failures, s.last_error, s.refused_at,
                   s.last_fetched, s.last_new, s.last_duplicates, s.last_skipped, s.last_failed,
                   (SELECT count(*) FROM articles a WHERE a.source_id = s.id) AS articles,
                   (SELECT count(*) FROM articles a WHERE a.source_id = s.id
                      AND a.fetched_at > now() - interval '24 hours') AS articles_24h
            FROM sources s
            ORDER BY s.id
            """
        )
        return cur.fetchall()
