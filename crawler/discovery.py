"""Finding article links: in feeds, sitemaps and section pages. Pure functions over bytes."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import feedparser
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.sitemap import Sitemap

if TYPE_CHECKING:
    import re

    from scrapy.http import Response

log = logging.getLogger(__name__)

# A sitemap index of a big outlet lists years of monthly sitemaps; the newest few hold today's news.
MAX_SUB_SITEMAPS = 5


def feed_links(body: bytes, feed_url: str) -> list[str]:
    """Article links of an RSS/Atom feed, in feed order.

    feedparser is lenient on purpose: outlets serve feeds with bad entities and unescaped
    ampersands (SANA, for one), and a "bozo" feed with entries is still a feed.
    """
    # A file object, never bytes: feedparser opens bytes that name a path as that file, so a
    # feed body of "/etc/passwd" (or "/dev/zero") would be read from the local disk.
    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": feed_url})
    if parsed.bozo and not parsed.entries:
        log.warning("feed %s could not be read: %s", feed_url, parsed.get("bozo_exception"))
    links = []
    for entry in parsed.entries:
        link = entry.get("link") or entry.get("id")
        if isinstance(link, str) and link.startswith(("http://", "https://")):
            links.append(link)
    return links


@dataclass(frozen=True)
class SitemapLinks:
    articles: list[str]
    sitemaps: list[str]


def sitemap_links(body: bytes, sitemap_url: str) -> SitemapLinks:
    """Article URLs of a urlset, or the newest sub-sitemaps of a sitemap index.

    ``body`` is decompressed already (``formats.discovery_document``); Scrapy's Sitemap
    parses without resolving entities or reaching the network.
    """
    try:
        sitemap = Sitemap(body)
    except Exception as exc:  # noqa: BLE001 - lxml raises several types for broken XML
        log.warning("sitemap %s could not be read: %s", sitemap_url, exc)
        return SitemapLinks([], [])
    entries = list(sitemap)
    if sitemap.type == "sitemapindex":
        newest = sorted(entries, key=lambda e: e.get("lastmod", ""), reverse=True)
        return SitemapLinks([], [e["loc"] for e in newest[:MAX_SUB_SITEMAPS] if "loc" in e])
    return SitemapLinks([e["loc"] for e in entries if "loc" in e], [])


def section_links(response: Response, pattern: re.Pattern[str] | None) -> list[str]:
    """Links of a listing page that have the outlet's article shape."""
    extractor = LinkExtractor(unique=True)
    links = [link.url for link in extractor.extract_links(response)]
    if pattern is None:
        return links
    return [url for url in links if pattern.search(url)]


def expand_date_template(
    template: str, timezone: str | None, now: datetime | None = None
) -> list[str]:
    """A dated sitemap URL for today and yesterday in the outlet's time zone.

    ``{yyyy}`` is the year, ``{m}``/``{d}`` month and day without padding, ``{mm}``/``{dd}``
    with it. A URL without placeholders comes back as it is.
    """
    if "{" not in template:
        return [template]
    now = (now or datetime.now(UTC)).astimezone(ZoneInfo(timezone or "UTC"))
    days: list[date] = [now.date(), now.date() - timedelta(days=1)]
    return [
        template.format(
            yyyy=f"{day.year:04d}",
            m=day.month,
            d=day.day,
            mm=f"{day.month:02d}",
            dd=f"{day.day:02d}",
        )
        for day in days
    ]
