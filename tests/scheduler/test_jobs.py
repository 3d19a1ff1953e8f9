"""The daemon's periodic jobs on a real database: health flags, operator email, retention."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pytest
from psycopg_pool import ConnectionPool

from rasad.config.settings import Settings
from rasad.scheduler.jobs import apply_retention, check_health
from rasad.storage.articles import record_skipped
from rasad.storage.sources import CrawlRecord, SourceEntry, claim_source, finish_crawl, sync_sources

if TYPE_CHECKING:
    from pathlib import Path

    import psycopg

FAILED = CrawlRecord(
    0, 0, 0, 0, 1, "http://x/rss answered HTTP 503", refused=False, succeeded=False
)
GOOD = CrawlRecord(3, 2, 0, 1, 0, None, refused=False, succeeded=True)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, operator_email="ops@example.org", retention_days=30)


def crawl(db: psycopg.Connection, record: CrawlRecord) -> None:
    db.execute("UPDATE sources SET next_crawl_at = NULL")
    db.commit()
    assert claim_source(db, "alpha", "test", 60)
    finish_crawl(db, "alpha", "test", record)


@pytest.fixture
def alpha(db: psycopg.Connection) -> psycopg.Connection:
    sync_sources(db, [SourceEntry("alpha", "ألفا", "https://alpha.example/", 15, True)])
    return db


def flag(db: psycopg.Connection) -> tuple[object, object]:
    row = db.execute("SELECT flagged_at, flag_reason FROM sources WHERE id = 'alpha'").fetchone()
    db.commit()
    return row


def test_a_failing_source_is_flagged_once_and_the_operator_told(
    alpha: psycopg.Connection,
    pool: ConnectionPool,
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    for _ in range(2):
        crawl(alpha, FAILED)
    assert check_health(pool, settings) == []
    crawl(alpha, FAILED)
    with caplog.at_level(logging.ERROR):
        (change,) = check_health(pool, settings)
    assert change.source_id == "alpha"
    assert "failed 3 times in a row" in change.reason
    assert (
        "source alpha flagged: failed 3 times in a row: http://x/rss answered HTTP 503"
        in caplog.text
    )
    # Once: the next checks say nothing more, and one email is owed to the operator.
    crawl(alpha, FAILED)
    assert check_health(pool, settings) == []
    emails = alpha.execute("SELECT kind, recipient, subject FROM outbox").fetchall()
    assert emails == [("operator", "ops@example.org", "رصد: مصدر متوقف — ألفا (alpha)")]


def test_a_flagged_source_is_unflagged_when_it_recovers(
    alpha: psycopg.Connection, pool: ConnectionPool, settings: Settings
) -> None:
    for _ in range(3):
        crawl(alpha, FAILED)
    check_health(pool, settings)
    assert flag(alpha)[0] is not None
    crawl(alpha, GOOD)
    (change,) = check_health(pool, settings)
    assert change.reason == "recovered"
    assert flag(alpha) == (None, None)


def test_failing_sources_back_off_exponentially(alpha: psycopg.Connection) -> None:
    waits = []
    for _ in range(3):
        crawl(alpha, FAILED)
        (wait,) = alpha.execute(
            "SELECT extract(epoch FROM next_crawl_at - now()) / 60 FROM sources"
        ).fetchone()
        waits.append(round(float(wait)))
    assert waits == [30, 60, 120]
    crawl(alpha, GOOD)
    (wait,) = alpha.execute(
        "SELECT extract(epoch FROM next_crawl_at - now()) / 60 FROM sources"
    ).fetchone()
    assert round(float(wait)) == 15


def test_a_silent_source_is_flagged(
    alpha: psycopg.Connection, pool: ConnectionPool, settings: Settings
) -> None:
    crawl(alpha, CrawlRecord(1, 0, 1, 0, 0, None, refused=False, succeeded=True))
    alpha.execute("UPDATE sources SET created_at = now() - interval '1 day'")
    alpha.commit()
    (change,) = check_health(pool, settings)
    assert change.reason.startswith("no new article for 12 intervals")


def test_retention_forgets_old_skipped_pages_only(
    alpha: psycopg.Connection, pool: ConnectionPool, settings: Settings
) -> None:
    for url in ("https://alpha.example/tag/1", "https://alpha.example/tag/2"):
        record_skipped(alpha, "alpha", url, [url], "listing page")
    alpha.execute(
        "UPDATE seen_urls SET first_seen_at = now() - interval '40 days' WHERE url LIKE '%/1'"
    )
    alpha.commit()
    assert apply_retention(pool, settings) == 1
    left = alpha.execute("SELECT url FROM seen_urls").fetchall()
    assert left == [("https://alpha.example/tag/2",)]


def test_a_stopping_daemon_gives_its_leases_back(alpha: psycopg.Connection) -> None:
    from rasad.storage.sources import release_leases

    assert claim_source(alpha, "alpha", "host:1:abc", 600)
    alpha.execute("UPDATE sources SET next_crawl_at = NULL")
    alpha.commit()
    assert not claim_source(alpha, "alpha", "host:2:def", 600)  # held
    assert release_leases(alpha, "host:1:abc") == 1
    assert claim_source(alpha, "alpha", "host:2:def", 600)


def test_retention_forgets_old_link_sightings_only(
    alpha: psycopg.Connection, pool: ConnectionPool, settings: Settings
) -> None:
    from rasad.storage.discovered import FoundLink, record_discovered

    links = [FoundLink(f"https://alpha.example/news/{n}", "feed") for n in (1, 2)]
    record_discovered(alpha, "alpha", links, first_crawl=False)
    alpha.execute(
        "UPDATE discovered_urls SET first_seen_at = now() - interval '40 days'"
        " WHERE canonical_url LIKE '%/1'"
    )
    alpha.commit()
    assert apply_retention(pool, settings) == 1
    left = alpha.execute("SELECT canonical_url FROM discovered_urls").fetchall()
    assert left == [("https://alpha.example/news/2",)]
