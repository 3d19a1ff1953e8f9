"""What a downloaded body is, checked before it is read as an article, a feed or a sitemap.

Only an HTML or XHTML page becomes an article (a JSON answer at an article URL is not one),
and only RSS, Atom, RDF, JSON Feed or a sitemap is read for links: an outlet that answers a
feed URL with its homepage or an error page has a broken feed, which is worth a clear
failure rather than a silent "no links". A gzip file (``sitemap.xml.gz``) is decompressed
as a stream, up to a limit, never whole.
"""

from __future__ import annotations

import json
import re
import struct
from dataclasses import dataclass

from scrapy.utils.gz import gunzip

from rasad.config.limits import MIB

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_SNIFF_BYTES = 4096
_BLANK = b" \t\r\n\x0c"
_BOM = b"\xef\xbb\xbf"
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body")
# The first element of an XML document, past its declaration, comments, processing
# instructions and a DOCTYPE (with an internal subset, as an entity bomb has).
_PROLOG = re.compile(
    rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>|\s+)*", re.DOTALL | re.I
)
_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")
SITEMAP_ROOTS = frozenset({"urlset", "sitemapindex"})
FEED_ROOTS = frozenset({"rss", "feed", "rdf"})  # RSS 0.9x/2.0, Atom, RSS 1.0 (rdf:RDF)
_JSON_FEED_VERSIONS = ("https://jsonfeed.org/version/", "http://jsonfeed.org/version/")


def mime_type(content_type: str | bytes | None) -> str:
    """``text/html`` of ``text/html; charset=utf-8``; empty when there is none."""
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    return (content_type or "").split(";", 1)[0].strip().lower()


def html_problem(content_type: str | bytes | None, body: bytes) -> str | None:
    """Why ``body`` is not an HTML page to extract; None when it is one.

    A declared HTML or XHTML type is trusted (extraction still refuses binary bytes); a
    missing type is decided by the body, as browsers sniff it.
    """
    mime = mime_type(content_type)
    if mime in HTML_TYPES:
        return None
    if not mime and _looks_like_html(body):
        return None
    return f"not an HTML page (content type {mime or 'missing'})"


def _looks_like_html(body: bytes) -> bool:
    head = body[:_SNIFF_BYTES].removeprefix(_BOM).lstrip(_BLANK).lower()
    return head.startswith(b"<") and any(marker in head for marker in _HTML_MARKERS)


@dataclass(frozen=True)
class Document:
    """A discovery body: ``kind`` is ``sitemap``, ``feed``, ``json feed``, or None with why."""

    kind: str | None
    body: bytes
    problem: str | None = None


def discovery_document(body: bytes, max_bytes: int) -> Document:
    """What a feed or sitemap URL answered: decompressed if gzipped (to ``max_bytes`` at
    most), and recognised by its root element, or refused with the reason."""
    if body[:2] == b"\x1f\x8b":
        try:
            # Scrapy's size-capped gunzip, the one its SitemapSpider uses: read in chunks,
            # stopped past the cap, so a small bomb never becomes gigabytes in memory.
            body = gunzip(body, max_size=max_bytes)
        except ValueError:  # scrapy's _DecompressionMaxSizeExceeded
            return Document(None, b"", f"decompresses to more than {max_bytes // MIB} MiB")
        except (OSError, EOFError, struct.error):
            return Document(None, b"", "is not a readable gzip file")
    head = body[:_SNIFF_BYTES].removeprefix(_BOM).lstrip(_BLANK)
    if head.startswith(b"{"):
        return Document("json feed", body)
    prolog = _PROLOG.match(head)
    root = _ROOT.match(head, prolog.end() if prolog else 0)
    name = root.group(1).decode("ascii").rsplit(":", 1)[-1].lower() if root else ""
    if name in SITEMAP_ROOTS:
        return Document("sitemap", body)
    if name in FEED_ROOTS:
        return Document("feed", body)
    return Document(None, body, f"is not a feed or sitemap ({_describe(name, head)})")


def _describe(root: str, head: bytes) -> str:
    if root == "html" or _looks_like_html(head):
        return "an HTML page"
    if root:
        return f"an XML document of <{root}>"
    return "no XML, RSS, Atom or JSON Feed"


def json_feed_links(body: bytes) -> list[str] | None:
    """The item URLs of a JSON Feed (jsonfeed.org, versions 1 and 1.1), in feed order; None
    when the body is not one. Written here because feedparser reads no JSON Feed."""
    try:
        feed = json.loads(body)
    except (ValueError, RecursionError):  # broken or absurdly nested JSON
        return None
    version = feed.get("version") if isinstance(feed, dict) else None
    items = feed.get("items") if isinstance(feed, dict) else None
    if not isinstance(version, str) or not version.startswith(_JSON_FEED_VERSIONS):
        return None
    if not isinstance(items, list):
        return None
    links = []
    for item in items:
        link = (item.get("url") or item.get("id")) if isinstance(item, dict) else None
        if isinstance(link, str) and link.startswith(("http://", "https://")):
            links.append(link)
    return links
