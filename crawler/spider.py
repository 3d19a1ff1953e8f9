"""The one generic spider: an outlet's feeds, sitemaps and sections lead to its article pages.

An outlet is data (its catalog entry), so there is no spider class per outlet. Discovery by
kind lives in :mod:`rasad.crawler.discovery`; this class turns found links into requests for
the pages not fetched before, and article responses into items for the ingest pipeline.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

import scrapy
import sentry_sdk
from scrapy import signals
from scrapy.exceptions import DownloadCancelledError
from scrapy.spidermiddlewares.httperror import HttpError

from rasad.config.limits import FEED_MAX_BYTES, SITEMAP_MAX_BYTES
from rasad.crawler.boundary import BlockedRequest
from rasad.crawler.context import FailedPage, PageItem
from rasad.crawler.discovery import (
    DatedLink,
    UnreadableDocument,
    expand_date_template,
    feed_links,
    section_links,
    sitemap_links,
)
from rasad.crawler.formats import Document, discovery_document, html_problem, json_feed_links
from rasad.crawler.robots import RobotsTxtUnreachable
from rasad.crawler.urls import canonical_url
from rasad.storage.articles import seen_urls
from rasad.storage.database import connection_lost, off_the_loop
from rasad.storage.discovered import Discovery, FoundLink, is_first_crawl, record_discovered
from rasad.storage.feeds import FeedValidators, feed_validators, save_feed_fetch

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterable

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure

    from rasad.crawler.context import CrawlContext

log = logging.getLogger(__name__)

T = TypeVar("T")

# What a feed or sitemap lists: article links with their dates, and sub-sitemaps.
_Listed = tuple[list[DatedLink], list[str]]

# Statuses that mean "this outlet does not want us", as opposed to "this page is broken".
REFUSAL_STATUSES = frozenset({401, 403, 429, 451})


class OutletSpider(scrapy.Spider):
    name = "outlet"

    def __init__(self, context: CrawlContext, **kwargs: Any) -> None:
        super().__init__(name=f"outlet:{context.source.id}", **kwargs)
        self.context = context
        self.source = context.source
        self._queued: set[str] = set()
        # Links found while the source has never been crawled successfully are back catalogue.
        self._first_crawl = False
        self._invalid_links: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> OutletSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # A bound method: Scrapy's dispatcher keeps only a weak reference to handlers.
        crawler.signals.connect(spider.on_spider_error, signal=signals.spider_error)
        return spider

    def on_spider_error(self, failure: Failure, response: Response, spider: scrapy.Spider) -> None:
        """A bug in a callback: counted, logged, and sent to Sentry tagged with the source."""
        if connection_lost(failure.value):  # an outage, said once by the watch: no bug
            self.context.watch.report_lost(failure.value)
            return
        self.context.counters.failed += 1
        self.context.counters.last_error = f"{response.url}: {failure.type.__name__} in the spider"
        sentry_sdk.capture_exception(failure.value, tags={"source": self.source.id})
        log.warning(
            "source %s: spider error on %s: %s", self.source.id, response.url, failure.value
        )

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self._first_crawl = await self._db(is_first_crawl, self.source.id)
        for url in self.source.feeds:
            validators = await self._db(feed_validators, url)
            yield scrapy.Request(
                url,
                callback=self.parse_feed,
                errback=self.discovery_failed,
                headers=_conditional_headers(validators),
                meta={"handle_httpstatus_list": [304], "download_maxsize": FEED_MAX_BYTES},
                dont_filter=True,
            )
        for template in self.source.sitemaps:
            for url in expand_date_template(template, self.source.timezone):
                yield self._sitemap_request(url)
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
        document = discovery_document(response.body, FEED_MAX_BYTES)
        if document.kind is None:
            # Its validators are not kept: a broken feed must not pass for an unchanged one.
            self._discovery_problem(feed_url, document.problem)
            return
        listed = self._listed(document, feed_url)
        if listed is None:
            return  # its validators are not kept: a broken feed must not pass for unchanged
        validators = FeedValidators(
            etag=_header(response, b"ETag"), last_modified=_header(response, b"Last-Modified")
        )
        await self._db(save_feed_fetch, self.source.id, feed_url, response.status, validators)
        async for request in self._requests_for(listed, feed_url, _found_in(document)):
            yield request

    async def parse_sitemap(self, response: Response) -> AsyncIterator[scrapy.Request]:
        document = discovery_document(response.body, SITEMAP_MAX_BYTES)
        if document.kind is None:
            self._discovery_problem(response.url, document.problem)
            return
        if (listed := self._listed(document, response.url)) is not None:
            async for request in self._requests_for(listed, response.url, _found_in(document)):
                yield request

    def _listed(self, document: Document, url: str) -> _Listed | None:
        """The article links and sub-sitemaps a feed or sitemap lists (outlets list feeds as
        sitemaps too), or None when it cannot be read: a failure of discovery, with its reason."""
        try:
            if document.kind == "sitemap":
                found = sitemap_links(document.body, url, self.source.timezone)
                return found.articles, found.sitemaps
            if document.kind == "json feed":
                links = json_feed_links(document.body)
                if links is None:
                    raise UnreadableDocument("is JSON but not a JSON Feed")
                return [DatedLink(link) for link in links], []
            return feed_links(document.body, url), []
        except UnreadableDocument as exc:
            self._discovery_problem(url, str(exc))
            return None

    async def _requests_for(
        self, listed: _Listed, url: str, found_in: str
    ) -> AsyncIterator[scrapy.Request]:
        articles, sitemaps = listed
        self.context.counters.discovery_ok += 1
        for sitemap in self._requestable([DatedLink(link) for link in sitemaps], url):
            yield self._sitemap_request(sitemap.url)
        for request in await self._article_requests(self._requestable(articles, url), found_in):
            yield request

    async def parse_section(
        self, response: Response, pattern: Any
    ) -> AsyncIterator[scrapy.Request]:
        if problem := html_problem(response.headers.get(b"Content-Type"), response.body):
            self._discovery_problem(response.url, f"is {problem}")
            return
        try:
            found = section_links(response, pattern)
        except UnreadableDocument as exc:
            self._discovery_problem(response.url, str(exc))
            return
        self.context.counters.discovery_ok += 1
        links = self._requestable([DatedLink(url) for url in found], response.url)
        for request in await self._article_requests(links, "section"):
            yield request

    def parse_article(self, response: Response) -> Iterable[PageItem | FailedPage]:
        self.context.counters.fetched += 1
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        if problem := html_problem(content_type, response.body):
            reason = f"{response.url}: {problem}"
            self._count_failure(reason)
            yield FailedPage(response.url, reason, response.meta.get("rasad_link_key"))
            return
        yield PageItem(
            url=response.url,
            http_encoding=_charset(content_type),
            body=response.body,
            link_key=response.meta.get("rasad_link_key"),
            discovery=response.meta.get("rasad_discovery"),
            fetched_at=datetime.now(UTC),
        )

    async def _article_requests(
        self, links: Iterable[DatedLink], found_in: str
    ) -> list[scrapy.Request]:
        """Requests for the article URLs not fetched before, in this crawl or any earlier one.

        Each unseen link is remembered with where it was found and the date stated beside it
        (``discovered_urls``); that record travels with the request to the ingest step.
        """
        fresh: dict[str, DatedLink] = {}
        for link in links:
            canonical = canonical_url(link.url)
            if canonical not in self._queued and canonical not in fresh:
                fresh[canonical] = link
        if not fresh:
            return []
        already = await self._db(seen_urls, list(fresh))
        unseen = {c: link for c, link in fresh.items() if c not in already}
        found = [
            FoundLink(c, found_in, link.stated_at, link.date_only) for c, link in unseen.items()
        ]
        discovered = await self._db(record_discovered, self.source.id, found, self._first_crawl)
        room = self.context.max_articles - len(self._queued)
        wanted = list(unseen.items())[: max(room, 0)]
        self.context.counters.already_seen += len(fresh) - len(wanted)
        self._queued.update(c for c, _ in wanted)
        return [
            scrapy.Request(
                link.url,
                callback=self.parse_article,
                errback=self.article_failed,
                meta={
                    "rasad_link_key": key,
                    "rasad_discovery": _with_stated_date(discovered.get(key), link),
                },
            )
            for key, link in wanted
        ]

    def _sitemap_request(self, url: str) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_sitemap,
            errback=self.discovery_failed,
            meta={"download_maxsize": SITEMAP_MAX_BYTES},
        )

    def _requestable(self, links: Iterable[DatedLink], found_in: str) -> list[DatedLink]:
        """The links that are URLs at all; a hostile feed's garbage is logged once and left.
        (Which of them may be fetched is the network boundary's business, at download.)"""
        kept = []
        for link in links:
            url = link.url
            try:
                canonical_url(url)
                scrapy.Request(url)
            except ValueError as exc:
                if url not in self._invalid_links:
                    self._invalid_links.add(url)
                    log.warning(
                        "source %s: %s lists %r, not a valid URL (%s)",
                        self.source.id, found_in, url[:200], exc,
                    )  # fmt: skip
                continue
            kept.append(link)
        return kept

    def discovery_failed(self, failure: Failure) -> None:
        self._failed(failure, discovery=True)

    def article_failed(self, failure: Failure) -> Iterable[FailedPage]:
        reason = self._failed(failure, discovery=False)
        if reason and _is_page_fault(failure):
            # The page itself is at fault, not the outlet or the network: remembered with its
            # reason and asked again later with backoff, not on every crawl.
            request = failure.request
            yield FailedPage(request.url, reason, request.meta.get("rasad_link_key"))

    def _discovery_problem(self, url: str, problem: str | None) -> None:
        """A feed or sitemap that answered but is not one: a failure of discovery."""
        reason = f"{url} {problem}"
        self.context.counters.discovery_failed += 1
        self._count_failure(reason)
        log.warning("source %s: %s", self.source.id, reason)

    def _failed(self, failure: Failure, *, discovery: bool) -> str | None:
        """Count a failed request and return why, or None when it is no failure."""
        counters = self.context.counters
        url = failure.request.url if hasattr(failure, "request") else "?"
        if failure.check(HttpError):
            status = failure.value.response.status
            if status in REFUSAL_STATUSES:
                counters.refused += 1
            reason = f"{url} answered HTTP {status}"
        elif failure.check(BlockedRequest, RobotsTxtUnreachable):
            reason = failure.getErrorMessage()
        else:
            reason = f"{url} failed: {failure.getErrorMessage() or failure.type.__name__}"
        if failure.check(scrapy.exceptions.IgnoreRequest) and "Forbidden by robots.txt" in reason:
            return None  # robots.txt said no: obeyed, not a failure
        if discovery:
            counters.discovery_failed += 1
        self._count_failure(reason)
        log.info("source %s: %s", self.source.id, reason)
        return reason

    def _count_failure(self, reason: str) -> None:
        self.context.counters.failed += 1
        self.context.counters.last_error = reason

    async def _db(self, function: Callable[..., T], *args: object) -> T:
        return await off_the_loop(self.context.pool, function, *args)


def _with_stated_date(discovery: Discovery | None, link: DatedLink) -> Discovery | None:
    """The link's record, with the date this sighting states when the first one stated none."""
    if discovery is None or discovery.stated_at is not None or link.stated_at is None:
        return discovery
    return replace(discovery, stated_at=link.stated_at, stated_date_only=link.date_only)


def _is_page_fault(failure: Failure) -> bool:
    """A failure of the page itself (an error status, too big, a redirect loop), as opposed
    to a refusal by the outlet, the network boundary or robots.txt, or a network outage."""
    if failure.check(HttpError):
        return failure.value.response.status not in REFUSAL_STATUSES
    if failure.check(BlockedRequest, RobotsTxtUnreachable):
        return False
    return bool(failure.check(scrapy.exceptions.IgnoreRequest, DownloadCancelledError))


def _found_in(document: Document) -> str:
    """Where a link was found, by what the document is (outlets list feeds as sitemaps too)."""
    return "sitemap" if document.kind == "sitemap" else "feed"


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
