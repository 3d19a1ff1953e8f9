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
from rasad.storage.database import off_the_loop
from rasad.storage.sources import CrawlRecord, claim_source, finish_crawl, force_claim_source

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine

    from psycopg_pool import ConnectionPool

    from rasad.alerts.matcher import TopicMatcher
    from rasad.config.settings import Settings
    from rasad.crawler.catalog import Source

log = logging.getLogger(__name__)

T = TypeVar("T")

# The lease outlives the longest crawl (Scrapy closes a crawl after its CLOSESPIDER_TIMEOUT).
_LEASE_MARGIN_SECONDS = 120


@dataclass(frozen=True)
class CrawlReport:
    """One source's crawl: ``ok``, ``failed``, ``refused``, or ``busy`` (held by another daemon)."""

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
    ) -> None:
        self.settings = settings
        self.pool = pool
        self.owner = owner
        self.matcher = matcher
        self.runner = AsyncCrawlerRunner({"TWISTED_REACTOR": ASYNCIO_REACTOR})

    async def crawl(self, source: Source, *, force: bool = False) -> CrawlReport:
        """Crawl ``source`` if this process wins its lease (``force``: even if not due yet)."""
        started = time.monotonic()
        config = scrapy_settings(self.settings, source)
        lease_seconds = config["CLOSESPIDER_TIMEOUT"] + _LEASE_MARGIN_SECONDS
        claim = force_claim_source if force else claim_source
        if not await self._db(claim, source.id, self.owner, lease_seconds):
            return CrawlReport(source.id, "busy", CrawlCounters(), 0.0)
        context = CrawlContext(
            source,
            self.pool,
            self.settings.max_articles_per_crawl,
            self.matcher,
            learned=await self._db(load_source_lines, source.id),
        )
        try:
            # Events raised anywhere in this crawl (spider, pipeline, storage) carry the source.
            with sentry_sdk.isolation_scope() as scope:
                scope.set_tag("source", source.id)
                await self.runner.crawl(Crawler(OutletSpider, config), context=context)
        finally:
            # Recorded even when the crawl raised, so the lease is released and the error shown.
            status = _status(context.counters)
            await self._db(finish_crawl, source.id, self.owner, _record(context.counters, status))
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
        await self.runner.stop()

    async def _db(self, function: Callable[..., T], *args: object) -> T:
        return await off_the_loop(self.pool, function, *args)


def _status(counters: CrawlCounters) -> str:
    if counters.all_refused:
        return "refused"
    return "ok" if counters.succeeded else "failed"


def _error(counters: CrawlCounters, status: str) -> str | None:
    """One line for the operator: what went wrong, or None when the crawl went well."""
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
    if report.status != "ok":
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
