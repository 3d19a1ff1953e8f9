"""The daemon's periodic jobs besides crawling: delivery, source health, retention.

Each is a plain function over a connection pool (run in a worker thread, since psycopg's
pool is synchronous); the daemon wraps them in Sentry cron check-ins.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from rasad.alerts.deliver import DeliveryReport, deliver_due
from rasad.scheduler.quality import quality_problem
from rasad.storage.discovered import forget_discovered
from rasad.storage.outbox import new_message_id, queue_operator_email
from rasad.storage.quality import flag_for_quality, refresh_quality, unflag_for_quality
from rasad.storage.sources import (
    HealthChange,
    flag_unhealthy_sources,
    forget_skipped_pages,
    unflag_recovered_sources,
)

if TYPE_CHECKING:
    from psycopg import Connection
    from psycopg_pool import ConnectionPool

    from rasad.config.settings import Settings

log = logging.getLogger(__name__)

DELIVER_EVERY_SECONDS = 10.0
HEALTH_EVERY_SECONDS = 60.0
RETENTION_EVERY_SECONDS = 24 * 3600.0


def deliver(pool: ConnectionPool, settings: Settings) -> DeliveryReport:
    """Send the emails that are due."""
    return deliver_due(pool, settings)


def check_health(pool: ConnectionPool, settings: Settings) -> list[HealthChange]:
    """Flag sources that keep failing, fall silent or whose extraction changed sharply, once;
    unflag them when they recover."""
    # One transaction: a flag is never set without the operator's email being owed with it.
    with pool.connection() as conn, conn.transaction():
        flagged = flag_unhealthy_sources(
            conn, settings.flag_after_failures, settings.flag_after_silent_intervals
        )
        recovered = unflag_recovered_sources(conn)
        quality_flagged, quality_recovered = _check_quality(conn)
        for change in flagged:
            _tell_operator(conn, settings, change, "مصدر متوقف")
        for change in quality_flagged:
            _tell_operator(conn, settings, change, "تغير استخراج مصدر")
        for change in recovered + quality_recovered:
            log.warning("source %s recovered", change.source_id)
    return flagged + quality_flagged + recovered + quality_recovered


def _tell_operator(conn: Connection, settings: Settings, change: HealthChange, what: str) -> None:
    # ERROR: an operator should look; Sentry turns this record into an event.
    log.error("source %s flagged: %s", change.source_id, change.reason)
    if settings.operator_email:
        queue_operator_email(
            conn,
            settings.operator_email,
            f"رصد: {what} — {change.name} ({change.source_id})",
            f"Rasad flagged source '{change.source_id}' ({change.name}): {change.reason}.\n"
            "It is crawled again on its schedule, with backoff, and unflagged when it"
            " recovers.\n",
            new_message_id(settings.mail_domain),
        )


def _check_quality(conn: Connection) -> tuple[list[HealthChange], list[HealthChange]]:
    """Recount the quality signals; flag a source on a sharp change, clear the flag after."""
    problems = {q.source_id: quality_problem(q) for q in refresh_quality(conn)}
    flagged = [
        change
        for source_id, reason in problems.items()
        if reason and (change := flag_for_quality(conn, source_id, reason))
    ]
    recovered = unflag_for_quality(conn, [s for s, reason in problems.items() if not reason])
    return flagged, recovered


def apply_retention(pool: ConnectionPool, settings: Settings) -> int:
    """Forget old records of non-article pages and old link sightings (Rasad keeps no raw
    HTML to remove; an article keeps when its link was first seen)."""
    if settings.retention_days is None:
        return 0
    with pool.connection() as conn:
        removed = forget_skipped_pages(conn, settings.retention_days)
        sightings = forget_discovered(conn, settings.retention_days)
    if removed or sightings:
        log.info(
            "retention: forgot %d skipped pages and %d link sightings older than %d days",
            removed,
            sightings,
            settings.retention_days,
        )
    return removed + sightings
