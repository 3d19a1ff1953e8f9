"""Crawling sources: one Scrapy crawl per source, under the source's lease in PostgreSQL."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

import sentry_sdk
from scrapy.crawler import AsyncCrawlerRunner, Crawler

from rasad.crawler.context import CrawlContext, CrawlCounters
from rasad.crawler.learned import load_source_lines
from rasad.crawler.scrapy_settings import ASYNCIO_REACTOR, scrapy_settings
from rasad.crawler.spider import OutletSpider
from rasad.storage.database import ConnectionWatch, connection_lost, off_the_loop, retry_later
from rasad.storage.sources import (
    CrawlRecord,
    claim_source,
    finish_crawl,
    finish_interrupted_crawl,
    force_claim_source,
    renew_lease,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine

    from psycopg_pool import ConnectionPool

    from rasad.alerts.matcher import TopicMatcher
    from rasad.config.settings import Settings
    from rasad.crawler.catalog import Source

log = logging.getLogger(__name__)

T = TypeVar("T")

# A crawl's lease is short and renewed by a heartbeat while the crawl runs, so the sources of
# a daemon killed mid-crawl are free for the others within a minute, however long crawls are.
LEASE_SECONDS = 60
HEARTBEAT_SECONDS = 15
# Why Scrapy closed a crawl that did not end by itself: the daemon stopping, or the lease gone.
_INTERRUPTIONS = frozenset({"shutdown", "lease lost"})


@dataclass(frozen=True)
class CrawlReport:
    """One source's crawl: ``ok``, ``failed``, ``refused``, ``interrupted`` (cut short by a
    stopping daemon: no failure of the source), or ``busy`` (not claimed: held, or not due)."""

    source_id: str
    status: str
    counters: CrawlCounters
    seconds: float
    error: str | None = None


def install_asyncio_reactor() -> None:
    """Scrapy and APScheduler share one asyncio loop through Twisted's asyncio reactor."""
    from scrapy.utils.reactor import install_reactor

    install_reactor(ASYNCIO_REACTOR)


class SourceCrawler:
    """Crawls sources one lease at a time; shared by ``rasad crawl`` and the daemon."""

    def __init__(
        self,
        settings: Settings,
        pool: ConnectionPool,
        owner: str,
        matcher: TopicMatcher | None = None,
        watch: ConnectionWatch | None = None,
    ) -> None:
        self.settings = settings
        self.pool = pool
        self.owner = owner
        self.matcher = matcher
        self.watch = watch or ConnectionWatch()
        self.runner = AsyncCrawlerRunner({"TWISTED_REACTOR": ASYNCIO_REACTOR})
        self.stopping = False

    async def crawl(self, source: Source, *, force: bool = False) -> CrawlReport:
        """Crawl ``source`` if this process wins its lease (``force``: even if not due yet)."""
        started = time.monotonic()
        claim = force_claim_source if force else claim_source
        if not await self._db(claim, source.id, self.owner, LEASE_SECONDS):
            return CrawlReport(source.id, "busy", CrawlCounters(), 0.0)
        context = CrawlContext(
            source,
            self.pool,
            self.settings.max_articles_per_crawl,
            self.matcher,
            watch=self.watch,
            learned=await self._db(load_source_lines, source.id),
        )
        crawler = Crawler(OutletSpider, scrapy_settings(self.settings, source))
        heartbeat = asyncio.ensure_future(self._keep_lease(source.id, crawler))
        try:
            # Events raised anywhere in this crawl (spider, pipeline, storage) carry the source.
            with sentry_sdk.isolation_scope() as scope:
                scope.set_tag("source", source.id)
                await self.runner.crawl(crawler, context=context)
        finally:
            # Recorded even when the crawl raised, so the lease is released and the error shown.
            heartbeat.cancel()
            reason = crawler.stats.get_value("finish_reason") if crawler.stats else None
            interrupted = reason in _INTERRUPTIONS or (reason is None and self.stopping)
            status = "interrupted" if interrupted else _status(context.counters)
            await self._finish(source.id, _record(context.counters, status), interrupted)
        report = CrawlReport(
            source.id,
            status,
            context.counters,
            time.monotonic() - started,
            _error(context.counters, status),
        )
        _log_report(report)
        return report

    async def stop(self) -> None:
        """Close running crawls: pages in hand are finished, nothing new is started."""
        self.stopping = True
        await self.runner.stop()

    async def _keep_lease(self, source_id: str, crawler: Crawler) -> None:
        """Renew the lease while the crawl runs; close the crawl if another daemon took it."""
        while True:
            await asyncio.sleep(HEARTBEAT_SECONDS)
            try:
                held = await self._db(renew_lease, source_id, self.owner, LEASE_SECONDS)
            except Exception as exc:
                if not connection_lost(exc):
                    raise
                self.watch.report_lost(exc)  # the next beat tries again
                continue
            if not held:
                log.warning(
                    "source %s: the lease of this crawl expired and another daemon took the "
                    "source; closing this crawl",
                    source_id,
                )
                await crawler.engine.close_spider_async(reason="lease lost")
                return

    async def _finish(self, source_id: str, record: CrawlRecord, interrupted: bool) -> None:
        """Record the crawl; while the database is away, try again until the lease would have
        expired (then the next crawl records its own)."""
        finish = finish_interrupted_crawl if interrupted else finish_crawl
        deadline = time.monotonic() + LEASE_SECONDS
        while True:
            try:
                await self._db(finish, source_id, self.owner, record)
                return
            except Exception as exc:
                if not retry_later(exc) or time.monotonic() > deadline:
                    raise
                if connection_lost(exc):
                    self.watch.report_lost(exc)
                await asyncio.sleep(2)

    async def _db(self, function: Callable[..., T], *args: object) -> T:
        return await off_the_loop(self.pool, function, *args)


def _status(counters: CrawlCounters) -> str:
    if counters.all_refused:
        return "refused"
    return "ok" if counters.succeeded else "failed"


def _error(counters: CrawlCounters, status: str) -> str | None:
    """One line for the operator: what went wrong, or None when the crawl went well (or was
    only cut short by a stopping daemon)."""
    if status == "refused":
        return f"refused by the outlet ({counters.last_error})"
    if status == "failed":
        return counters.last_error or "no feed, sitemap or section page answered in time"
    return None


def _record(counters: CrawlCounters, status: str) -> CrawlRecord:
    return CrawlRecord(
        fetched=counters.fetched,
        new=counters.new,
        duplicates=counters.duplicates,
        skipped=counters.skipped,
        failed=counters.failed,
        error=_error(counters, status),
        refused=counters.refused > 0,
        succeeded=status == "ok",
        skip_reasons=dict(counters.skip_reasons),
    )


def _log_report(report: CrawlReport) -> None:
    c = report.counters
    log.info(
        "crawled source %s: %s in %.1fs: fetched=%d new=%d duplicates=%d skipped=%d failed=%d",
        report.source_id,
        report.status,
        report.seconds,
        c.fetched,
        c.new,
        c.duplicates,
        c.skipped,
        c.failed,
    )
    if report.status not in ("ok", "interrupted"):
        log.warning("source %s: crawl %s: %s", report.source_id, report.status, report.error)


def run_on_reactor(main: Callable[[], Coroutine[object, object, T]]) -> T:
    """Run ``main()`` to completion on Twisted's asyncio reactor, then stop it.

    Twisted's reactor cannot be restarted, so this is called once per process (a command).
    """
    install_asyncio_reactor()
    from twisted.internet import reactor

    outcome: dict[str, object] = {}

    async def wrapper() -> None:
        try:
            outcome["value"] = await main()
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller below
            outcome["error"] = exc
        finally:
            reactor.stop()

    reactor.callWhenRunning(lambda: asyncio.ensure_future(wrapper()))
    reactor.run(installSignalHandlers=False)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
