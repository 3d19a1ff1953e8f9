"""robots.txt as RFC 9309 asks, cached per origin between crawls.

Scrapy's RobotsTxtMiddleware fetches robots.txt once per crawl and treats every answer the
same: a 503 page is parsed as rules (usually allowing everything) and a network error
allows everything. Rasad crawls each outlet every few minutes, so this subclass keeps what
robots.txt said in PostgreSQL for as long as the RFC allows, and applies its failure rules:

* 2xx: the rules (the first 500 KiB), kept for the response's ``max-age``, at most 24 hours;
* 4xx: no robots.txt, everything allowed, kept as long;
* 5xx or no answer: everything disallowed, kept a few minutes, then asked again.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import Request
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler, load_object
from twisted.internet.defer import Deferred

from rasad.config.limits import PAGE_MAX_BYTES, ROBOTS_PARSED_BYTES
from rasad.crawler.boundary import BlockedRequest
from rasad.crawler.network import origin
from rasad.storage.database import off_the_loop
from rasad.storage.robots import RobotsEntry, cached_robots, save_robots

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.robotstxt import RobotParser

log = logging.getLogger(__name__)

# RFC 9309 2.4: a cached robots.txt should not be used for more than 24 hours.
KEEP_AT_MOST_SECONDS = 24 * 3600
# How long "unreachable, so nothing is allowed" stands before robots.txt is asked again:
# long enough that a failing outlet is not asked every minute, short enough that a
# recovered one is crawled again soon.
KEEP_UNREACHABLE_SECONDS = 5 * 60
# Hand-written rather than a cache library: only max-age and no-store matter here.
_MAX_AGE = re.compile(rb"max-age\s*=\s*\"?(\d+)", re.IGNORECASE)
_NO_STORE = re.compile(rb"no-store|no-cache", re.IGNORECASE)


class RobotsTxtUnreachable(IgnoreRequest):
    """The outlet's robots.txt answered 5xx or not at all: nothing may be fetched for now."""


class _DisallowAll:
    """The parser stand-in of an unreachable robots.txt."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


class CachedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware with RFC 9309's failure rules and a cross-crawl cache."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._unreachable_errors = (
            *(load_object(e) for e in crawler.settings.getlist("RETRY_EXCEPTIONS")),
            DownloadCancelledError,  # larger than the page limit
            IgnoreRequest,  # decompressed beyond the page limit (HttpCompressionMiddleware)
        )

    async def robot_parser(self, request: Request) -> RobotParser | None:  # type: ignore[override]
        netloc = urlparse_cached(request).netloc
        if netloc not in self._parsers:
            waiting: Deferred[RobotParser | None] = Deferred()
            self._parsers[netloc] = waiting
            parser = None
            try:
                parser = await self._parser_for(request)
            finally:
                # Requests to this host wait on the Deferred: it fires whatever happened.
                self._parsers[netloc] = parser
                waiting.callback(parser)
        parser = self._parsers[netloc]
        if isinstance(parser, Deferred):
            return await maybe_deferred_to_future(parser)
        return parser

    def process_request_2(self, rp: RobotParser | None, request: Request) -> None:
        if isinstance(rp, _DisallowAll):
            raise RobotsTxtUnreachable(f"{request.url} not fetched: {rp.reason}")
        super().process_request_2(rp, request)

    async def _parser_for(self, request: Request) -> RobotParser | None:
        url_origin = origin(request.url)
        if url_origin is None:
            return None  # not http(s): the network boundary refuses it before this
        pool = self.crawler.spider.context.pool  # type: ignore[union-attr]
        entry = await off_the_loop(pool, cached_robots, url_origin)
        if entry is not None:
            self._stats.inc_value("robotstxt/cached")
        else:
            fetched = await self._fetch(request)
            if fetched is None:
                return None
            entry, keep_seconds = fetched
            await off_the_loop(pool, save_robots, url_origin, entry, keep_seconds)
        return self._parser(entry, url_origin)

    async def _fetch(self, request: Request) -> tuple[RobotsEntry, float] | None:
        """robots.txt of the request's host, and how long its answer may be kept."""
        parts = urlparse_cached(request)
        robots_request = Request(
            f"{parts.scheme}://{parts.netloc}/robots.txt",
            priority=self.DOWNLOAD_PRIORITY,
            meta={"dont_obey_robotstxt": True, "download_maxsize": PAGE_MAX_BYTES},
            callback=NO_CALLBACK,
        )
        self._stats.inc_value("robotstxt/request_count")
        try:
            response = await self.crawler.engine.download_async(robots_request)
        except BlockedRequest:
            return None  # the boundary refused it (and logged why): the pages are refused too
        except self._unreachable_errors as exc:
            log.info("robots.txt of %s could not be fetched: %s", parts.netloc, exc)
            return RobotsEntry("unreachable"), KEEP_UNREACHABLE_SECONDS
        self._stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        return _entry(response), _keep_seconds(response)

    def _parser(self, entry: RobotsEntry, url_origin: str) -> RobotParser | _DisallowAll:
        if entry.policy == "unreachable":
            answer = f"HTTP {entry.status}" if entry.status else "no answer"
            return _DisallowAll(f"robots.txt of {url_origin} is unreachable ({answer})")
        body = entry.body if entry.policy == "rules" else b""
        return build_from_crawler(self._parserimpl, self.crawler, body)


def _entry(response: Response) -> RobotsEntry:
    if 200 <= response.status < 300:
        return RobotsEntry("rules", response.body[:ROBOTS_PARSED_BYTES], response.status)
    if 400 <= response.status < 500:
        return RobotsEntry("allow", status=response.status)
    return RobotsEntry("unreachable", status=response.status)


def _keep_seconds(response: Response) -> float:
    if not 200 <= response.status < 500:
        return KEEP_UNREACHABLE_SECONDS
    cache_control = response.headers.get(b"Cache-Control") or b""
    if _NO_STORE.search(cache_control):
        return 0
    max_age = _MAX_AGE.search(cache_control)
    if max_age is None:
        return KEEP_AT_MOST_SECONDS
    return min(int(max_age.group(1)), KEEP_AT_MOST_SECONDS)
