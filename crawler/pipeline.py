"""The item pipeline: every downloaded article page goes through :func:`ingest_page`."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

import psycopg
import sentry_sdk
from scrapy.exceptions import DropItem

from rasad.config.errors import ExtractionError
from rasad.crawler.ingest import IngestResult, ingest_page

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

    async def process_item(self, item: PageItem) -> dict[str, Any]:
        context = self.context
        try:
            result = await asyncio.to_thread(self._ingest, context, item)
        except ExtractionError as exc:
            # An unreadable page (binary, empty): the outlet's problem or ours, worth a look.
            context.counters.failed += 1
            context.counters.last_error = str(exc)
            sentry_sdk.capture_exception(exc, tags={"source": context.source.id})
            log.warning("source %s: %s", context.source.id, exc)
            raise DropItem(str(exc), log_level="WARNING") from exc
        except psycopg.Error as exc:
            # The page is not recorded as seen, so the next crawl fetches it again: nothing lost.
            context.counters.failed += 1
            context.counters.last_error = f"{item.url}: database error: {exc.__class__.__name__}"
            log.warning("source %s: could not store %s: %s", context.source.id, item.url, exc)
            raise DropItem(f"not stored: {exc}", log_level="WARNING") from exc
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
                learned=context.learned,
            )
