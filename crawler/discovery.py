"""Finding article links: in feeds, sitemaps and section pages. Pure functions over bytes."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import feedparser
from lxml import etree
from scrapy.http import TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.sitemap import Sitemap

from rasad.crawler.datelines import parse_machine_date

if TYPE_CHECKING:
    import time
    from typing import Any

    from lxml.etree import _Element
    from scrapy.http import Response

# A sitemap index of a big outlet lists years of monthly sitemaps; the newest few hold today's news.
MAX_SUB_SITEMAPS = 5
_SITEMAP_ROOTS = frozenset({"urlset", "sitemapindex"})
_HTML_START = re.compile(rb"\s*(?:<!doctype\s+html|<html)", re.IGNORECASE)


class UnreadableDocument(ValueError):
    """A feed, sitemap or section page that answered but could not be read, and why: a failure
    of discovery, not an empty one (an outlet's new CMS serving HTML where the feed was)."""


@dataclass(frozen=True)
class DatedLink:
    """An article link with the date its feed item or sitemap entry gives (None if none)."""

    url: str
    stated_at: datetime | None = None
    date_only: bool = False


def feed_links(body: bytes, feed_url: str) -> list[DatedLink]:
    """Article links of an RSS/Atom feed, in feed order, with each item's date.

    feedparser is lenient on purpose: outlets serve feeds with bad entities and unescaped
    ampersands (SANA, for one), and a "bozo" feed with entries is still a feed.
    """
    # A file object, never bytes: feedparser opens bytes that name a path as that file, so a
    # feed body of "/etc/passwd" (or "/dev/zero") would be read from the local disk.
    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": feed_url})
    # No entries and no feed format recognised: HTML, junk or an empty body, not an empty feed.
    if not parsed.entries and not parsed.get("version"):
        if _HTML_START.match(body):
            raise UnreadableDocument("is an HTML page, not a feed")
        problem = parsed.get("bozo_exception") or "neither RSS nor Atom"
        raise UnreadableDocument(f"is no readable feed ({problem})")
    links = []
    for entry in parsed.entries:
        link = entry.get("link") or entry.get("id")
        if isinstance(link, str) and link.startswith(("http://", "https://")):
            # feedparser gives published/updated as UTC struct_time, whatever the feed's zone.
            stamp = entry.get("published_parsed") or entry.get("updated_parsed")
            links.append(DatedLink(link, _utc(stamp)))
    return links


def _utc(stamp: time.struct_time | None) -> datetime | None:
    return datetime(*stamp[:6], tzinfo=UTC) if stamp else None


@dataclass(frozen=True)
class SitemapLinks:
    articles: list[DatedLink]
    sitemaps: list[str]


class _NewsSitemap(Sitemap):
    """Scrapy's sitemap reader, which keeps only an entry's direct children, plus the
    <news:publication_date> nested in a Google News entry's <news:news>."""

    __slots__ = ()

    def _process_sitemap_element(self, elem: _Element) -> dict[str, Any] | None:
        # Read before Scrapy's reader clears the element to keep memory flat.
        published = [(child.text or "").strip() for child in elem.iter("{*}publication_date")]
        entry = super()._process_sitemap_element(elem)
        if entry is not None and published:
            entry["publication_date"] = published[0]
        return entry


def sitemap_links(body: bytes, sitemap_url: str, timezone: str | None = None) -> SitemapLinks:
    """Article URLs of a urlset with each entry's date (news publication date, else lastmod;
    a bare day is local to ``timezone``), or the newest sub-sitemaps of a sitemap index.

    ``body`` is decompressed already (``formats.discovery_document``); Scrapy's Sitemap
    parses without resolving entities or reaching the network.
    """
    try:
        sitemap = _NewsSitemap(body)
    except Exception as exc:  # noqa: BLE001 - lxml raises several types for broken XML
        raise UnreadableDocument(f"is no readable XML ({str(exc) or type(exc).__name__})") from None
    if sitemap.type not in _SITEMAP_ROOTS:
        raise UnreadableDocument(f"is no sitemap (its root element is <{sitemap.type}>)")
    # Scrapy's parser recovers what it can of broken XML; what it recovers counts only when it
    # is a URL (a body cut short can leave «<loc>http»), and nothing recovered from XML that is
    # not well formed is a failure, not an empty sitemap.
    entries = [e for e in sitemap if "loc" in e]
    readable = any(e["loc"].startswith(("http://", "https://")) for e in entries)
    if not readable and (problem := _xml_problem(body)):
        raise UnreadableDocument(f"is no readable XML ({problem})")
    if sitemap.type == "sitemapindex":
        newest = sorted(entries, key=lambda e: e.get("lastmod", ""), reverse=True)
        return SitemapLinks([], [e["loc"] for e in newest[:MAX_SUB_SITEMAPS] if "loc" in e])
    zone = ZoneInfo(timezone or "UTC")
    return SitemapLinks([_sitemap_link(e, zone) for e in entries if "loc" in e], [])


def _sitemap_link(entry: dict[str, Any], zone: ZoneInfo) -> DatedLink:
    stated = entry.get("publication_date") or entry.get("lastmod") or ""
    parsed = parse_machine_date(stated, zone) if stated else None
    if parsed is None:
        return DatedLink(entry["loc"])
    return DatedLink(entry["loc"], parsed[0], date_only=not parsed[1])


def _xml_problem(body: bytes) -> str | None:
    """Why ``body`` is not well-formed XML, or None; entities and the network stay off."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        return str(exc) or "not well formed"
    return None


def section_links(response: Response, pattern: re.Pattern[str] | None) -> list[str]:
    """Links of a listing page that have the outlet's article shape."""
    if not isinstance(response, TextResponse):
        raise UnreadableDocument("is no HTML page")
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
