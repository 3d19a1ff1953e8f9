"""The composition root of the long-running commands: settings in, connected parts out.

``rasad run`` and ``rasad crawl`` check the catalog and topics, migrate, sync them into the
tables, open one pool, and hand the parts to the daemon or to one pass of crawls.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from rasad import __version__
from rasad.alerts.matcher import AlertPolicy, TopicMatcher
from rasad.alerts.topics import Topic, configured_topics
from rasad.crawler.catalog import Source, catalog
from rasad.storage.database import (
    ConnectionWatch,
    configured_database_url,
    connect,
    describe_url,
    open_pool,
)
from rasad.storage.migrate import migrate
from rasad.storage.outbox import TopicEntry, sync_topics
from rasad.storage.sources import SourceEntry, sync_sources

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from collections.abc import Callable

    from psycopg_pool import ConnectionPool

    from rasad.config.settings import Settings
    from rasad.crawler.run import CrawlReport


@dataclass(frozen=True)
class Runtime:
    """Everything a crawl needs, checked and connected: catalog, topics, pool, matcher."""

    settings: Settings
    sources: tuple[Source, ...]
    topics: tuple[Topic, ...]
    pool: ConnectionPool
    matcher: TopicMatcher
    watch: ConnectionWatch

    def close(self) -> None:
        self.pool.close()


def open_runtime(settings: Settings, max_pool_size: int = 8) -> Runtime:
    """Check the catalog and topics, then migrate, sync and connect (files first: a bad file
    is refused before the database is touched)."""
    sources = catalog(settings)
    checked_topics = configured_topics(settings, (source.id for source in sources))
    log.info(
        "catalog %s: %d sources, %d enabled; topics %s: %d",
        settings.catalog or "(bundled)",
        len(sources),
        sum(1 for source in sources if source.enabled),
        settings.topics or "(none)",
        len(checked_topics),
    )
    if settings.database_url is None:
        log.info("database: the embedded PostgreSQL in %s", settings.embedded_pgdata)
    url = configured_database_url(settings)
    log.info("database: %s", describe_url(url))
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
    watch = ConnectionWatch()
    return Runtime(
        settings=settings,
        sources=sources,
        topics=checked_topics,
        pool=open_pool(url, max_size=max_pool_size, watch=watch),
        matcher=TopicMatcher(checked_topics, created_at, policy),
        watch=watch,
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
        crawler = SourceCrawler(
            settings, runtime.pool, process_owner(), runtime.matcher, runtime.watch
        )

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

    log.info(
        "rasad %s starting; settings: %s",
        __version__,
        settings.source_file or "no settings file (defaults and the environment)",
    )
    runtime = open_runtime(settings)
    log.info("emails: %s; log: stderr", _mail_route(settings))
    daemon = Daemon(
        settings=settings,
        sources=[source for source in runtime.sources if source.enabled],
        pool=runtime.pool,
        owner=process_owner(),
        matcher=runtime.matcher,
        watch=runtime.watch,
    )
    try:
        run_on_reactor(daemon.run)
    finally:
        runtime.close()


def _mail_route(settings: Settings) -> str:
    """Where alert emails go, without the SMTP password."""
    from rasad.alerts.deliver import SmtpServer

    if settings.smtp_url:
        return f"SMTP server {SmtpServer.from_url(settings.smtp_url)}"
    return f".eml files in {settings.outbox_dir}"


def process_owner() -> str:
    """A name for this process in leases: host and pid, so an operator can tell who holds one."""
    # A random part too: containers on one host name may all be pid 1.
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
