"""The one place where Rasad's Settings and a Source become Scrapy settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rasad.config.limits import PAGE_MAX_BYTES, PAGE_WARN_BYTES, URL_MAX_CHARS
from rasad.crawler.network import source_origins

if TYPE_CHECKING:
    from rasad.config.settings import Settings
    from rasad.crawler.catalog import Source

ASYNCIO_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

# Transient server trouble is retried; 403 and 429 are refusals and are not (Scrapy retries
# 429 by default, which turns a "slow down" into three more requests).
_RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408]


def scrapy_settings(settings: Settings, source: Source) -> dict[str, Any]:
    """Scrapy settings for one crawl of ``source``: polite by Scrapy's own machinery."""
    return {
        "BOT_NAME": "rasad",
        "USER_AGENT": settings.user_agent,
        "DEFAULT_REQUEST_HEADERS": {
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "Accept-Language": "ar,en;q=0.5",
        },
        "ROBOTSTXT_OBEY": True,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": max(settings.crawl_delay_seconds, 0.1),
        "AUTOTHROTTLE_MAX_DELAY": 60.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "DOWNLOAD_DELAY": settings.crawl_delay_seconds,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": settings.concurrent_requests_per_domain,
        "DOWNLOAD_TIMEOUT": 30,
        # On the wire and after Content-Encoding (HttpCompressionMiddleware checks both);
        # feed and sitemap requests raise it for themselves (request meta download_maxsize).
        "DOWNLOAD_MAXSIZE": PAGE_MAX_BYTES,
        "DOWNLOAD_WARNSIZE": PAGE_WARN_BYTES,
        "URLLENGTH_LIMIT": URL_MAX_CHARS,
        # Only http and https have a handler: a file:// or ftp:// link has nothing to run it,
        # whatever the boundary middleware before it says.
        "DOWNLOAD_HANDLERS": {"file": None, "data": None, "s3": None, "ftp": None},
        # Through a proxy the outlet's name is resolved where Rasad cannot check its address.
        "HTTPPROXY_ENABLED": False,
        "DOWNLOADER_MIDDLEWARES": {
            "rasad.crawler.boundary.NetworkBoundaryMiddleware": 50,
            "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
            "rasad.crawler.robots.CachedRobotsTxtMiddleware": 100,
        },
        "RASAD_ORIGINS": sorted(source_origins(source)),
        "RASAD_PRIVATE_NETWORK": source.private_network,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": 2,
        "RETRY_HTTP_CODES": _RETRY_HTTP_CODES,
        "COOKIES_ENABLED": False,
        # No listening ports in a daemon: neither the telnet console nor Scrapy's remote
        # control server (one per crawl, on by default since Scrapy 2.19).
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        # A source that hangs must not hold its lease for ever: the crawl is closed after
        # its own interval, and the next one starts from what was stored.
        "CLOSESPIDER_TIMEOUT": max(300, int(source.interval_minutes * 60)),
        "TWISTED_REACTOR": ASYNCIO_REACTOR,
        # Rasad configures logging at the root; Scrapy's records propagate to it.
        "LOG_ENABLED": False,
        "STATS_DUMP": False,
        "ITEM_PIPELINES": {"rasad.crawler.pipeline.IngestPipeline": 300},
        "RASAD_SOURCE_ID": source.id,
        "RASAD_MAX_ARTICLES": settings.max_articles_per_crawl,
    }
