"""What ``rasad status`` and ``rasad sources`` show: the catalog's sources with their health,
and the archive and the outbox at a glance. Read-only: nothing is synced or written."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING

from rasad.crawler.catalog import Source, catalog
from rasad.storage.database import connect, migrated_database_url
from rasad.storage.outbox import outbox_counts, unsent_emails
from rasad.storage.sources import QUALITY_KEYS, article_counts
from rasad.storage.sources import source_health as source_health_rows

if TYPE_CHECKING:
    from rasad.config.settings import Settings


def health_state(row: dict[str, object]) -> str:
    """The one word both ``rasad sources`` and ``rasad status`` say of a source's health."""
    if not row["enabled"]:
        return "disabled"
    if row["flagged_at"]:
        return "flagged"
    # A crawl that is still running, or that a stopping daemon cut short, is neither a
    # success nor a failure: until one crawl has ended either way, nothing is known.
    if row["last_success_at"] is None and not row["consecutive_failures"]:
        return "not yet crawled"
    if row["consecutive_failures"]:
        return "failing"
    return "ok"


def source_health(settings: Settings) -> list[dict[str, object]]:
    """Every source of the catalog with its health as the database knows it; ``health`` is
    :func:`health_state`'s word for it."""
    with connect(migrated_database_url(settings)) as conn:
        known = {row["id"]: row for row in source_health_rows(conn)}
    rows = [known.get(source.id) or never_crawled(source) for source in catalog(settings)]
    return [{**row, "health": health_state(row)} for row in rows]


def never_crawled(source: Source) -> dict[str, object]:
    """The health row of a source no daemon has synced yet."""
    return {
        "id": source.id, "name": source.name, "enabled": source.enabled,
        "interval_minutes": source.interval_minutes, "last_attempt_at": None,
        "last_success_at": None, "consecutive_failures": 0, "last_error": None,
        "refused_at": None, "last_fetched": 0, "last_new": 0, "last_duplicates": 0,
        "last_skipped": 0, "last_failed": 0, "last_skip_reasons": {}, "last_new_at": None,
        "flagged_at": None, "flag_reason": None, "articles": 0, "articles_24h": 0,
        "flag_kind": None, **dict.fromkeys(QUALITY_KEYS),
    }  # fmt: skip


def status(settings: Settings) -> dict[str, object]:
    """Articles, the catalog's sources and emails at a glance."""
    health = [row for row in source_health(settings) if row["enabled"]]
    with connect(migrated_database_url(settings)) as conn:
        articles, emails = article_counts(conn), outbox_counts(conn)
        unsent = [asdict(email) for email in unsent_emails(conn)]
    states = [row["health"] for row in health]
    return {
        "articles": articles,
        "sources": {
            "enabled": len(health),
            # the words of `rasad sources`: a flagged source is not healthy, whatever its crawls
            "healthy": states.count("ok"),
            "failing": states.count("failing"),
            "flagged": states.count("flagged"),
            "never_crawled": states.count("not yet crawled"),
            "last_crawl_at": max(
                (r["last_attempt_at"] for r in health if r["last_attempt_at"]), default=None
            ),
        },
        "flagged": [[r["id"], r["flag_reason"]] for r in health if r["flagged_at"]],
        "emails": emails,
        # failed for good (with why), and held by a problem on the operator's side
        "unsent": unsent,
    }
