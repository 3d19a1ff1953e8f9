"""Extraction-quality signals per source, over the last 24 hours and the 7 days before them.

From the rows the crawl writes anyway (articles with their word counts, bylines and dates;
the seen-URL records of skipped pages), one statement per health run refreshes a row per
source in ``source_quality``; ``rasad.scheduler.quality`` judges the figures and the health
job flags a source whose extraction changed sharply.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from psycopg.rows import class_row

from rasad.storage.sources import HealthChange

if TYPE_CHECKING:
    from collections.abc import Sequence

    from psycopg import Connection


@dataclass(frozen=True)
class Quality:
    """One source's counts: ``day_*`` over the last 24 h, ``week_*`` over the 7 days before."""

    source_id: str
    name: str
    day_skipped: int
    day_articles: int
    day_median_words: int | None
    day_dated: int
    day_bylined: int
    week_skipped: int
    week_articles: int
    week_median_words: int | None
    week_dated: int
    week_bylined: int
    flag_kind: str | None = None


_REFRESH = """
WITH recent AS (
    SELECT source_id, fetched_at > now() - interval '24 hours' AS day, words,
           published_at IS NOT NULL AS dated, byline IS NOT NULL AS bylined
    FROM articles WHERE fetched_at > now() - interval '8 days'
), stored AS (
    SELECT source_id,
           count(*) FILTER (WHERE day) AS day_articles,
           percentile_disc(0.5) WITHIN GROUP (ORDER BY words) FILTER (WHERE day)
               AS day_median_words,
           count(*) FILTER (WHERE day AND dated) AS day_dated,
           count(*) FILTER (WHERE day AND bylined) AS day_bylined,
           count(*) FILTER (WHERE NOT day) AS week_articles,
           percentile_disc(0.5) WITHIN GROUP (ORDER BY words) FILTER (WHERE NOT day)
               AS week_median_words,
           count(*) FILTER (WHERE NOT day AND dated) AS week_dated,
           count(*) FILTER (WHERE NOT day AND bylined) AS week_bylined
    FROM recent GROUP BY source_id
), skipped AS (
    -- a page is recorded under each URL it was reached by: counted once, by its own URL
    SELECT source_id,
           count(DISTINCT url) FILTER (WHERE first_seen_at > now() - interval '24 hours')
               AS day_skipped,
           count(DISTINCT url) FILTER (WHERE first_seen_at <= now() - interval '24 hours')
               AS week_skipped
    FROM seen_urls
    WHERE outcome = 'skipped' AND first_seen_at > now() - interval '8 days'
    GROUP BY source_id
)
INSERT INTO source_quality AS q (
    source_id, computed_at, day_skipped, day_articles, day_median_words, day_dated,
    day_bylined, week_skipped, week_articles, week_median_words, week_dated, week_bylined)
SELECT s.id, now(), coalesce(k.day_skipped, 0), coalesce(a.day_articles, 0),
       a.day_median_words, coalesce(a.day_dated, 0), coalesce(a.day_bylined, 0),
       coalesce(k.week_skipped, 0), coalesce(a.week_articles, 0), a.week_median_words,
       coalesce(a.week_dated, 0), coalesce(a.week_bylined, 0)
FROM sources s
LEFT JOIN stored a ON a.source_id = s.id
LEFT JOIN skipped k ON k.source_id = s.id
ON CONFLICT (source_id) DO UPDATE SET
    computed_at = excluded.computed_at, day_skipped = excluded.day_skipped,
    day_articles = excluded.day_articles, day_median_words = excluded.day_median_words,
    day_dated = excluded.day_dated, day_bylined = excluded.day_bylined,
    week_skipped = excluded.week_skipped, week_articles = excluded.week_articles,
    week_median_words = excluded.week_median_words, week_dated = excluded.week_dated,
    week_bylined = excluded.week_bylined
"""


def refresh_quality(conn: Connection) -> list[Quality]:
    """Recount every source's signals; the enabled sources' rows, by id."""
    conn.execute(_REFRESH)
    with conn.cursor(row_factory=class_row(Quality)) as cur:
        return cur.execute(
            """
            SELECT q.source_id, s.name, q.day_skipped, q.day_articles, q.day_median_words,
                   q.day_dated, q.day_bylined, q.week_skipped, q.week_articles,
                   q.week_median_words, q.week_dated, q.week_bylined, s.flag_kind
            FROM source_quality q JOIN sources s ON s.id = q.source_id
            WHERE s.enabled ORDER BY q.source_id
            """
        ).fetchall()


def flag_for_quality(conn: Connection, source_id: str, reason: str) -> HealthChange | None:
    """Flag a source whose extraction changed, unless it is flagged already (for any reason)."""
    with conn.cursor(row_factory=class_row(HealthChange)) as cur:
        return cur.execute(
            """
            UPDATE sources SET flagged_at = now(), flag_reason = %(reason)s,
                               flag_kind = 'quality'
            WHERE id = %(id)s AND flagged_at IS NULL
            RETURNING id AS source_id, name, flag_reason AS reason
            """,
            {"id": source_id, "reason": reason},
        ).fetchone()


def unflag_for_quality(conn: Connection, source_ids: Sequence[str]) -> list[HealthChange]:
    """Clear the quality flag of sources whose signals are back to normal."""
    with conn.cursor(row_factory=class_row(HealthChange)) as cur:
        return cur.execute(
            """
            UPDATE sources SET flagged_at = NULL, flag_reason = NULL, flag_kind = NULL
            WHERE flag_kind = 'quality' AND id = ANY(%s)
            RETURNING id AS source_id, name, 'recovered' AS reason
            """,
            (list(source_ids),),
        ).fetchall()
