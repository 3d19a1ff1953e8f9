"""The item pipeline: every downloaded article page goes through :func:`ingest_page`."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

import psycopg
import sentry_sdk
from scrapy.exceptions import DropItem

from rasad.config.errors import ExtractionError
from rasad.crawler.context import FailedPage
from rasad.crawler.ingest import IngestResult, ingest_page, record_failed_page
from rasad.storage.database import connection_lost, off_the_loop, retry_later

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from rasad.crawler.context import CrawlContext, PageItem

log = logging.getLogger(__name__)


class IngestPipeline:
    """Extract, clean, deduplicate and store one page, off the event loop."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IngestPipeline:
        return cls(crawler)

    @property
    def context(self) -> CrawlContext:
        return self.crawler.spider.context

    async def process_item(self, item: PageItem | FailedPage) -> dict[str, Any]:
        context = self.context
        if isinstance(item, FailedPage):  # counted by the spider; remembered here
            await self._remember_failure(item.url, item.link_key, item.reason)
            raise DropItem(item.reason, log_level="DEBUG")
        try:
            result = await asyncio.to_thread(self._ingest, context, item)
        except ExtractionError as exc:
            # An unreadable page (binary, empty): the outlet's problem or ours, worth a look.
            context.counters.failed += 1
            context.counters.last_error = str(exc)
            sentry_sdk.capture_exception(exc, tags={"source": context.source.id})
            log.warning("source %s: %s", context.source.id, exc)
            await self._remember_failure(item.url, item.link_key, str(exc))
            raise DropItem(str(exc), log_level="WARNING") from exc
        except (psycopg.DataError, psycopg.errors.ProgramLimitExceeded) as exc:
            # The database refuses this page's data (a text too long for a tsvector): it would
            # be refused again, so it is remembered as failed rather than fetched every crawl.
            reason = f"{item.url}: refused by the database: {exc.__class__.__name__}"
            context.counters.failed += 1
            context.counters.last_error = reason
            log.warning("source %s: %s (%s)", context.source.id, reason, exc)
            await self._remember_failure(item.url, item.link_key, reason)
            raise DropItem(reason, log_level="WARNING") from exc
        except psycopg.Error as exc:
            # Either way the page is not recorded as seen: the next crawl fetches it again.
            if retry_later(exc):
                if connection_lost(exc):
                    context.watch.report_lost(exc)
                raise DropItem(f"not stored for now: {exc}", log_level="DEBUG") from exc
            # The server refused the statement: a bug, an error for the operator and Sentry.
            context.counters.failed += 1
            context.counters.last_error = f"{item.url}: database error: {exc.__class__.__name__}"
            with sentry_sdk.new_scope() as scope:
                scope.set_tag("source", context.source.id)
                log.error(
                    "source %s: could not store %s: %s",
                    context.source.id,
                    item.url,
                    exc,
                    exc_info=exc,
                )
            raise DropItem(f"not stored: {exc}", log_level="DEBUG") from exc
        counters = context.counters
        if result.outcome == "new":
            counters.new += 1
            return {"url": result.url, "article_id": result.article_id}
        if result.outcome == "duplicate":
            counters.duplicates += 1
        else:
            counters.skipped += 1
            # Counted by kind ("listing page", "not an article"), without the page's figures.
            kind = (result.reason or "unknown").split(":")[0]
            counters.skip_reasons[kind] = counters.skip_reasons.get(kind, 0) + 1
        raise DropItem(f"{result.outcome}: {result.url} ({result.reason})", log_level="DEBUG")

    async def _remember_failure(self, url: str, link_key: str | None, reason: str) -> None:
        context = self.context
        try:
            await off_the_loop(
                context.pool, record_failed_page, context.source.id, url, link_key, reason
            )
        except psycopg.Error as exc:  # the database is away: the page is simply asked again
            log.warning(
                "source %s: could not remember %s as failed: %s", context.source.id, url, exc
            )

    @staticmethod
    def _ingest(context: CrawlContext, item: PageItem) -> IngestResult:
        with context.pool.connection() as conn:
            return ingest_page(
                conn,
                item.body,
                item.url,
                context.source,
                http_encoding=item.http_encoding,
                link_key=item.link_key,
                matcher=context.matcher,
                discovery=item.discovery,
                fetched_at=item.fetched_at,
                learned=context.learned,
            )
