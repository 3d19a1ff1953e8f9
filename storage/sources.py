"""The sources table: the catalog's outlets as rows, with their health."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from psycopg.rows import class_row, dict_row, scalar_row
from psycopg.types.json import Jsonb

if TYPE_CHECKING:
    from psycopg import Connection


@dataclass(frozen=True)
class SourceEntry:
    """What the sources table needs to know of a catalog entry."""

    id: str
    name: str
    homepage: str
    interval_minutes: float
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


# The keys source_health adds for the extraction-quality signals (storage.quality).
QUALITY_KEYS = (
    "quality_computed_at",
    "pages_24h", "skipped_share_24h", "median_words_24h", "dated_share_24h", "byline_share_24h",
    "pages_7d", "skipped_share_7d", "median_words_7d", "dated_share_7d", "byline_share_7d",
)  # fmt: skip


def source_health(conn: Connection) -> list[dict[str, object]]:
    """Every source with its health, the counters of its last crawl and its extraction-quality
    signals (None until the health job first computed them), by id."""
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(
            """
            SELECT s.id, s.name, s.enabled, s.interval_minutes, s.last_attempt_at,
                   s.last_success_at, s.consecutive_failures, s.last_error, s.refused_at,
                   s.last_fetched, s.last_new, s.last_duplicates, s.last_skipped, s.last_failed,
                   s.last_skip_reasons, s.last_new_at, s.flagged_at, s.flag_reason,
                   (SELECT count(*) FROM articles a WHERE a.source_id = s.id) AS articles,
                   (SELECT count(*) FROM articles a WHERE a.source_id = s.id
                      AND a.fetched_at > now() - interval '24 hours') AS articles_24h,
                   s.flag_kind,
                   -- the extraction-quality signals, named as in analyst_source_health
                   q.computed_at AS quality_computed_at,
                   q.day_articles + q.day_skipped AS pages_24h,
                   round(q.day_skipped::numeric
                         / nullif(q.day_articles + q.day_skipped, 0), 3)::float8
                       AS skipped_share_24h,
                   q.day_median_words AS median_words_24h,
                   round(q.day_dated::numeric / nullif(q.day_articles, 0), 3)::float8
                       AS dated_share_24h,
                   round(q.day_bylined::numeric / nullif(q.day_articles, 0), 3)::float8
                       AS byline_share_24h,
                   q.week_articles + q.week_skipped AS pages_7d,
                   round(q.week_skipped::numeric
                         / nullif(q.week_articles + q.week_skipped, 0), 3)::float8
                       AS skipped_share_7d,
                   q.week_median_words AS median_words_7d,
                   round(q.week_dated::numeric / nullif(q.week_articles, 0), 3)::float8
                       AS dated_share_7d,
                   round(q.week_bylined::numeric / nullif(q.week_articles, 0), 3)::float8
                       AS byline_share_7d
            FROM sources s
            LEFT JOIN source_quality q ON q.source_id = s.id
            ORDER BY s.id
            """
        )
        return cur.fetchall()


def claim_source(conn: Connection, source_id: str, owner: str, lease_seconds: int) -> bool:
    """Take the crawl of ``source_id`` for ``owner`` if it is due and nobody holds it.

    One UPDATE decides, so of several daemons asking at once exactly one gets True; the others
    skip the round. ``next_crawl_at`` moves to the end of the interval at once, so a daemon
    whose own timer fires a minute later finds the source already done. A lease that outlives
    a killed daemon expires by itself.
    """
    with conn.transaction():
        row = (
            conn.cursor(row_factory=scalar_row)
            .execute(
                """
            UPDATE sources
               SET lease_owner = %(owner)s,
                   lease_expires_at = now() + make_interval(secs => %(lease)s),
                   last_attempt_at = now(),
                   next_crawl_at = now() + interval_minutes * interval '1 minute'
             WHERE id = %(id)s
               AND (lease_expires_at IS NULL OR lease_expires_at < now())
               -- slack of a tenth of the interval (at most 5 s): timers of two daemons, or a
               -- jittered timer, never fire exactly when the interval ends
               AND (next_crawl_at IS NULL OR next_crawl_at <= now()
                    + least(interval '5 seconds', interval_minutes * interval '6 seconds'))
            RETURNING id
            """,
                {"owner": owner, "lease": lease_seconds, "id": source_id},
            )
            .fetchone()
        )
    return row is not None


def renew_lease(conn: Connection, source_id: str, owner: str, lease_seconds: int) -> bool:
    """Extend ``owner``'s lease of ``source_id`` (the heartbeat of a running crawl); False when
    the lease is no longer ``owner``'s (it expired and another daemon took the source)."""
    with conn.transaction():
        cursor = conn.execute(
            "UPDATE sources SET lease_expires_at = now() + make_interval(secs => %s)"
            " WHERE id = %s AND lease_owner = %s",
            (lease_seconds, source_id, owner),
        )
    return cursor.rowcount == 1


@dataclass(frozen=True)
class RoundState:
    """Why a crawl could not be claimed: when the round is due, and who holds the lease."""

    due_in_seconds: float  # zero or less: due now
    holder: str | None  # the owner of a lease that has not expired


def round_state(conn: Connection, source_id: str) -> RoundState:
    with conn.cursor(row_factory=class_row(RoundState)) as cur:
        state = cur.execute(
            """
            SELECT coalesce(extract(epoch FROM next_crawl_at - now()), 0)::float AS due_in_seconds,
                   CASE WHEN lease_expires_at > now() THEN lease_owner END AS holder
            FROM sources WHERE id = %s
            """,
            (source_id,),
        ).fetchone()
    return state or RoundState(0.0, None)


def force_claim_source(conn: Connection, source_id: str, owner: str, lease_seconds: int) -> bool:
    """Like :func:`claim_source` for a crawl asked for by hand: due or not, unless it is held."""
    with conn.transaction():
        conn.execute(
            "UPDATE sources SET next_crawl_at = NULL WHERE id = %s "
            "AND (lease_expires_at IS NULL OR lease_expires_at < now())",
            (source_id,),
        )
    return claim_source(conn, source_id, owner, lease_seconds)


@dataclass(frozen=True)
class CrawlRecord:
    """The outcome of one crawl of one source, as kept on its row."""

    fetched: int
    new: int
    duplicates: int
    skipped: int
    failed: int
    error: str | None
    refused: bool
    succeeded: bool
    skip_reasons: dict[str, int] = field(default_factory=dict)


# A failing source waits interval * 2^failures, capped, instead of hammering the outlet.
_MAX_BACKOFF_FACTOR = 32


def finish_crawl(conn: Connection, source_id: str, owner: str, record: CrawlRecord) -> None:
    """Record the crawl's counters and health, release the lease, and set the next crawl."""
    with conn.transaction():
        conn.execute(
            """
            UPDATE sources SET
                last_fetched = %(fetched)s, last_new = %(new)s,
                last_duplicates = %(duplicates)s, last_skipped = %(skipped)s,
                last_failed = %(failed)s, last_skip_reasons = %(skip_reasons)s,
                last_success_at = CASE WHEN %(succeeded)s THEN now() ELSE last_success_at END,
                last_new_at = CASE WHEN %(new)s > 0 THEN now() ELSE last_new_at END,
                consecutive_failures = CASE WHEN %(succeeded)s THEN 0
                                            ELSE consecutive_failures + 1 END,
                last_error = CASE WHEN %(succeeded)s THEN NULL ELSE %(error)s END,
                last_error_at = CASE WHEN %(succeeded)s THEN last_error_at ELSE now() END,
                refused_at = CASE WHEN %(refused)s THEN now() ELSE refused_at END,
                lease_owner = NULL, lease_expires_at = NULL,
                -- on success the cadence is kept from the start of this crawl
                next_crawl_at = CASE WHEN %(succeeded)s
                    THEN greatest(now(), last_attempt_at + interval_minutes * interval '1 minute')
                    ELSE now() + interval_minutes * interval '1 minute'
                         * least(power(2, consecutive_failures + 1)::int, %(cap)s) END
            WHERE id = %(id)s AND lease_owner = %(owner)s
            """,
            {
                **record.__dict__,
                "skip_reasons": Jsonb(record.skip_reasons),
                "id": source_id,
                "owner": owner,
                "cap": _MAX_BACKOFF_FACTOR,
            },
        )


def finish_interrupted_crawl(
    conn: Connection, source_id: str, owner: str, record: CrawlRecord
) -> None:
    """Release the lease of a crawl cut short by a stopping daemon: no failure, no error, and
    the round due at once, for whichever daemon runs next; only a new article is noted."""
    with conn.transaction():
        conn.execute(
            """
            UPDATE sources SET
                last_new_at = CASE WHEN %(new)s > 0 THEN now() ELSE last_new_at END,
                lease_owner = NULL, lease_expires_at = NULL, next_crawl_at = now()
            WHERE id = %(id)s AND lease_owner = %(owner)s
            """,
            {"new": record.new, "id": source_id, "owner": owner},
        )


def article_counts(conn: Connection) -> dict[str, object]:
    """Articles stored, in all and in the last 24 hours, and when the newest was fetched,
    for ``rasad status``."""
    with conn.cursor(row_factory=dict_row) as cur:
        counts = cur.execute(
            "SELECT count(*) AS total,"
            " count(*) FILTER (WHERE fetched_at > now() - interval '24 hours') AS last_24h,"
            " max(fetched_at) AS newest_fetched_at"
            " FROM articles"
        ).fetchone()
    return dict(counts or {"total": 0, "last_24h": 0, "newest_fetched_at": None})


@dataclass(frozen=True)
class HealthChange:
    source_id: str
    name: str
    reason: str


def flag_unhealthy_sources(
    conn: Connection, failures: int, silent_intervals: int
) -> list[HealthChange]:
    """Flag sources that failed ``failures`` times in a row or stored nothing new for
    ``silent_intervals`` of their intervals; each is returned once, when it is flagged."""
    with conn.transaction(), conn.cursor(row_factory=class_row(HealthChange)) as cur:
        return cur.execute(
            """
            WITH unhealthy AS (
                SELECT id, CASE
                    WHEN consecutive_failures >= %(failures)s THEN
                        'failed ' || consecutive_failures || ' times in a row: '
                        || coalesce(last_error, 'no error recorded')
                    ELSE 'no new article for ' || %(silent)s || ' intervals (since '
                        || to_char(coalesce(last_new_at, created_at) AT TIME ZONE 'UTC',
                                   'YYYY-MM-DD HH24:MI') || ' UTC)'
                    END AS reason
                FROM sources
                WHERE enabled AND flagged_at IS NULL AND last_attempt_at IS NOT NULL
                  AND (consecutive_failures >= %(failures)s
                       OR coalesce(last_new_at, created_at)
                          < now() - %(silent)s * interval_minutes * interval '1 minute')
                FOR UPDATE SKIP LOCKED
            )
            UPDATE sources s SET flagged_at = now(), flag_reason = u.reason
            FROM unhealthy u WHERE s.id = u.id
            RETURNING s.id AS source_id, s.name, u.reason
            """,
            {"failures": failures, "silent": silent_intervals},
        ).fetchall()


def unflag_recovered_sources(conn: Connection) -> list[HealthChange]:
    """Clear the flag of sources whose last crawl succeeded and stored something new since."""
    with conn.transaction(), conn.cursor(row_factory=class_row(HealthChange)) as cur:
        return cur.execute(
            """
            UPDATE sources SET flagged_at = NULL, flag_reason = NULL
            WHERE flagged_at IS NOT NULL AND consecutive_failures = 0
              AND last_new_at > flagged_at
              -- a quality flag clears when the quality signals recover (storage.quality)
              AND flag_kind IS DISTINCT FROM 'quality'
            RETURNING id AS source_id, name, 'recovered' AS reason
            """
        ).fetchall()


def forget_skipped_pages(conn: Connection, older_than_days: int) -> int:
    """Remove the record of non-article pages older than ``older_than_days``; returns how many.

    Articles, duplicates (they point at an article), matches and emails are never touched.
    """
    with conn.transaction():
        cursor = conn.execute(
            "DELETE FROM seen_urls WHERE outcome IN ('skipped', 'failed')"
            " AND first_seen_at < now() - make_interval(days => %s)",
            (older_than_days,),
        )
    return cursor.rowcount


def release_leases(conn: Connection, owner: str) -> int:
    """Give back the leases ``owner`` still holds (a daemon stopping with crawls unfinished),
    so other daemons need not wait for them to expire; returns how many."""
    with conn.transaction():
        cursor = conn.execute(
            "UPDATE sources SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = %s",
            (owner,),
        )
    return cursor.rowcount
