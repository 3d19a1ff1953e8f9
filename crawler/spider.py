"""The one generic spider: an outlet's feeds, sitemaps and sections lead to its article pages.

An outlet is data (its catalog entry), so there is no spider class per outlet. Discovery by
kind lives in :mod:`rasad.crawler.discovery`; this class turns found links into requests for
the pages not fetched before, and article responses into items for the ingest pipeline.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, TypeVar

import scrapy
import sentry_sdk
from scrapy import signals
from scrapy.spidermiddlewares.httperror import HttpError

from rasad.crawler.context import PageItem
from rasad.crawler.discovery import (
    UnreadableDocument,
    expand_date_template,
    feed_links,
    section_links,
    sitemap_links,
)
from rasad.crawler.urls import canonical_url
from rasad.storage.articles import seen_urls
from rasad.storage.database import off_the_loop
from rasad.storage.feeds import FeedValidators, feed_validators, save_feed_fetch

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterable

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure

    from rasad.crawler.context import CrawlContext

log = logging.getLogger(__name__)

T = TypeVar("T")

# Statuses that mean "this outlet does not want us", as opposed to "this page is broken".
REFUSAL_STATUSES = frozenset({401, 403, 429, 451})


class OutletSpider(scrapy.Spider):
    name = "outlet"

    def __init__(self, context: CrawlContext, **kwargs: Any) -> None:
        super().__init__(name=f"outlet:{context.source.id}", **kwargs)
        self.context = context
        self.source = context.source
        self._queued: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> OutletSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # A bound method: Scrapy's dispatcher keeps only a weak reference to handlers.
        crawler.signals.connect(spider.on_spider_error, signal=signals.spider_error)
        return spider

    def on_spider_error(self, failure: Failure, response: Response, spider: scrapy.Spider) -> None:
        """A bug in a callback: counted, logged, and sent to Sentry tagged with the source."""
        self.context.counters.failed += 1
        self.context.counters.last_error = f"{response.url}: {failure.type.__name__} in the spider"
        sentry_sdk.capture_exception(failure.value, tags={"source": self.source.id})
        log.warning(
            "source %s: spider error on %s: %s", self.source.id, response.url, failure.value
        )

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.source.feeds:
            validators = await self._db(feed_validators, url)
            yield scrapy.Request(
                url,
                callback=self.parse_feed,
                errback=self.discovery_failed,
                headers=_conditional_headers(validators),
                meta={"handle_httpstatus_list": [304]},
                dont_filter=True,
            )
        for template in self.source.sitemaps:
            for url in expand_date_template(template, self.source.timezone):
                yield scrapy.Request(
                    url, callback=self.parse_sitemap, errback=self.discovery_failed
                )
        for section in self.source.sections:
            yield scrapy.Request(
                section.url,
                callback=self.parse_section,
                errback=self.discovery_failed,
                cb_kwargs={"pattern": section.article_pattern or self.source.article_pattern},
            )

    async def parse_feed(self, response: Response) -> AsyncIterator[scrapy.Request]:
        feed_url = response.request.url
        if response.status == 304:
            # Unchanged since the last fetch: nothing to parse, nothing to store.
            self.context.counters.feeds_not_modified += 1
            await self._db(save_feed_fetch, self.source.id, feed_url, 304, None)
            return
        try:
            links = feed_links(response.body, feed_url)
        except UnreadableDocument as exc:
            # Its validators are not kept: a broken feed must not pass for an unchanged one.
            self._unreadable(feed_url, exc)
            return
        validators = FeedValidators(
            etag=_header(response, b"ETag"), last_modified=_header(response, b"Last-Modified")
        )
        await self._db(save_feed_fetch, self.source.id, feed_url, response.status, validators)
        self.context.counters.discovery_ok += 1
        for request in await self._article_requests(links):
            yield request

    async def parse_sitemap(self, response: Response) -> AsyncIterator[scrapy.Request]:
        try:
            found = sitemap_links(response.body, response.url)
        except UnreadableDocument as exc:
            self._unreadable(response.url, exc)
            return
        self.context.counters.discovery_ok += 1
        for url in found.sitemaps:
            yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.discovery_failed)
        for request in await self._article_requests(found.articles):
            yield request

    async def parse_section(
        self, response: Response, pattern: Any
    ) -> AsyncIterator[scrapy.Request]:
        try:
            links = section_links(response, pattern)
        except UnreadableDocument as exc:
            self._unreadable(response.url, exc)
            return
        self.context.counters.discovery_ok += 1
        for request in await self._article_requests(links):
            yield request

    def parse_article(self, response: Response) -> Iterable[PageItem]:
        self.context.counters.fetched += 1
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        yield PageItem(
            url=response.url,
            http_encoding=_charset(content_type),
            body=response.body,
            link_key=response.meta.get("rasad_link_key"),
        )

    async def _article_requests(self, urls: Iterable[str]) -> list[scrapy.Request]:
        """Requests for the article URLs not fetched before, in this crawl or any earlier one."""
        fresh: dict[str, str] = {}
        for url in urls:
            canonical = canonical_url(url)
            if canonical not in self._queued and canonical not in fresh:
                fresh[canonical] = url
        if not fresh:
            return []
        already = await self._db(seen_urls, list(fresh))
        room = self.context.max_articles - len(self._queued)
        wanted = [(c, u) for c, u in fresh.items() if c not in already][: max(room, 0)]
        self.context.counters.already_seen += len(fresh) - len(wanted)
        self._queued.update(c for c, _ in wanted)
        return [
            scrapy.Request(
                url,
                callback=self.parse_article,
                errback=self.article_failed,
                meta={"rasad_link_key": key},
            )
            for key, url in wanted
        ]

    def _unreadable(self, url: str, problem: UnreadableDocument) -> None:
        """A feed, sitemap or section page that answered but could not be read: discovery
        failed, with the reason (a source whose only feed turned to HTML fails, then is flagged)."""
        counters = self.context.counters
        counters.failed += 1
        counters.discovery_failed += 1
        counters.last_error = f"{url} {problem}"
        log.warning("source %s: %s", self.source.id, counters.last_error)

    def discovery_failed(self, failure: Failure) -> None:
        self._failed(failure, discovery=True)

    def article_failed(self, failure: Failure) -> None:
        self._failed(failure, discovery=False)

    def _failed(self, failure: Failure, *, discovery: bool) -> None:
        counters = self.context.counters
        url = failure.request.url if hasattr(failure, "request") else "?"
        if failure.check(HttpError):
            status = failure.value.response.status
            if status in REFUSAL_STATUSES:
                counters.refused += 1
            reason = f"{url} answered HTTP {status}"
        else:
            reason = f"{url} failed: {failure.getErrorMessage() or failure.type.__name__}"
        if failure.check(scrapy.exceptions.IgnoreRequest) and "robots.txt" in reason:
            return  # robots.txt said no: obeyed, not a failure
        counters.failed += 1
        if discovery:
            counters.discovery_failed += 1
        counters.last_error = reason
        log.info("source %s: %s", self.source.id, reason)

    async def _db(self, function: Callable[..., T], *args: object) -> T:
        return await off_the_loop(self.context.pool, function, *args)


def _conditional_headers(validators: FeedValidators) -> dict[str, str]:
    # Send both validators: servers differ in which one they honour (RFC 9110 lets a server
    # prefer If-None-Match), and one that ignores both simply answers 200 as before.
    headers = {}
    if validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    return headers


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None
