"""One downloaded page to a clean Arabic article, or to the reason it is not one.

``extract_page`` is the first stage of the crawl pipeline and all of ``rasad extract``:

    bytes --decode (encoding.py)--> text --lxml, once--> tree --read the page's metadata-->
      --prepare_tree (boilerplate.py: catalog drop selectors, captions, read-also blocks)
      --trafilatura (the article block, from the tree: no second parse)
      --clean_text (boilerplate.py: masthead, byline, prompt, promo lines)
      --> ExtractedArticle | SkippedPage

Title, byline, canonical URL and publication time come from the page's own markup (the
visible <h1>, JSON-LD and meta tags, rel=canonical), read once before anything is removed.
trafilatura's metadata pass is not used: it costs as much as the extraction itself (author
and tag heuristics), and htmldate is called only for the rare page that declares no date.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura
from lxml import etree
from lxml.etree import ParserError, XPath

from rasad.alerts.analysis import ARABIC_LETTER, without_invisible_marks
from rasad.config.errors import ExtractionError
from rasad.config.limits import BYLINE_MAX_CHARS, TEXT_MAX_CHARS, TITLE_MAX_CHARS
from rasad.crawler.boilerplate import clean_text, prepare_tree, strip_unread
from rasad.crawler.bylines import first_name, marked_bylines
from rasad.crawler.dates import PUBLISHED_KEYS, DiscoveryHint, PublicationDate, publication_date
from rasad.crawler.encoding import decode_html
from rasad.crawler.landmarks import Landmarks, find_landmarks
from rasad.crawler.leads import standfirst
from rasad.crawler.titles import headline
from rasad.crawler.urls import canonical_url, same_site
from rasad.crawler.wording import site_keys

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.html import HtmlElement

    from rasad.crawler.catalog import Source

__all__ = [
    "TRAFILATURA_OPTIONS",
    "ExtractedArticle",
    "SkippedPage",
    "content_hash",
    "extract_page",
]

logger = logging.getLogger(__name__)

# Measured on the fixture pages: favor_precision keeps comment prompts, "most read" lists and
# the BBC cookie banner out, loses no body paragraph, and halves trafilatura's time (fewer
# fallback passes). Tables stay: results and figures are article text. The first pass adds
# fast=True (see _main_text); benchmarks/extract_store.py compares with these same options.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "deduplicate": False,
    "with_metadata": False,
}
MIN_ARTICLE_WORDS = 30
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# As trafilatura parses a page it is given as text: without HTML comments and processing
# instructions, which no rule reads and every later pass would walk past.
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
# Every element an HtmlElement, chosen in C: lxml.html's own lookup is a Python call each time
# an element is touched from Python (here and in trafilatura's passes, ~1800 a page), only to
# give <form>, <input>, <select>, <textarea> and <label> classes whose extras no rule uses.
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement,
        comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity,
    )
)
# Below this many words, the fast pass may have missed the article body (see _main_text).
FULL_PASS_BELOW_WORDS = 80
LISTING_MIN_LINKS = 40
_LISTING_MAX_WORDS = 100
_PARAGRAPH_MIN_WORDS = 25
_ARABIC_SHARE = 0.5
_LANGUAGE_SAMPLE_CHARS = 2000
# Languages written in Arabic script: an explicit lang attribute is trusted for them (a page
# in Persian is not Arabic), while "en-US" on an Arabic page is a theme's default.
_ARABIC_SCRIPT_LANGUAGES = frozenset({"fa", "ur", "ps", "ku", "ckb", "sd", "ug"})
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "byl")
_DESCRIPTION_KEYS = ("og:description", "description", "twitter:description")
_META_KEYS = frozenset(
    {"og:title", "twitter:title", "og:site_name", "application-name", "og:url", "og:locale"}
    | set(PUBLISHED_KEYS)
    | set(_AUTHOR_KEYS)
    | set(_DESCRIPTION_KEYS)
)

_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")

_TITLE = XPath("//title/text()")
_UNLINKED_TEXT = XPath(
    "//body//text()[not(ancestor::a or parent::script or parent::style or parent::noscript)]"
)
_LINKS = XPath("count(//a[@href])")
_CANONICAL = XPath("//link[@rel='canonical' or @rel='Canonical']/@href")
_JSON_LD = XPath("//script[@type='application/ld+json']/text()")
# meta tags, and RDFa/microdata attributes on any element (<time itemprop=datePublished>).
# Reached from the attributes: libxml2 finds //@content in half the time it tests
# //*[@content] element by element (measured: 0.07 against 0.14 ms a page); same node-set.
_DECLARED = XPath("(//@content | //@datetime)/parent::*[@property or @name or @itemprop]")


@dataclass(frozen=True)
class ExtractedArticle:
    """A page that is an Arabic article, cleaned."""

    url: str
    canonical_url: str
    title: str
    byline: str | None
    published_at: datetime | None
    text: str
    language: str
    site_name: str | None
    content_hash: str
    # Where the publication time was stated: meta, json-ld, feed, sitemap, text or url.
    published_at_source: str | None = None
    # The page states a day without a time: published_at is local midnight of that day.
    published_date_only: bool = False
    # The text was longer than TEXT_MAX_CHARS and is cut there, at a word boundary.
    text_truncated: bool = False


@dataclass(frozen=True)
class SkippedPage:
    """A page that was read but is not an article Rasad keeps, and why."""

    url: str
    reason: str


def extract_page(
    body: bytes,
    url: str,
    source: Source | None = None,
    *,
    http_encoding: str | None = None,
    fetched_at: datetime | None = None,
    hint: DiscoveryHint | None = None,
) -> ExtractedArticle | SkippedPage:
    """Turn the bytes of one downloaded page into an article or a skip with its reason.

    ``fetched_at`` (now by default) anchors relative dates («منذ 3 ساعات»); ``hint`` is the
    date of the feed item or sitemap entry that led to the page. Raises ExtractionError only
    when the bytes cannot be read as an HTML page at all.
    """
    _, html = decode_html(
        body, declared=source.encoding if source else None, http_encoding=http_encoding
    )
    tree = _parse(html, url)
    landmarks = find_landmarks(tree)
    page = _read_page(tree, url, source, fetched_at or datetime.now(UTC), hint, landmarks)
    hints = prepare_tree(tree, landmarks, source.drop if source else ())
    # Dates are read by now (from the markup, the feed and the visible line): what no reader
    # of the page needs further (scripts, navigation, footers) need not be copied.
    strip_unread(tree)
    text = _main_text(tree, url)
    if lead := standfirst(landmarks, text, page.title, page.description):
        text = f"{lead}\n{text}"
    cleaned = clean_text(text, title=page.title, hints=hints, site=page.site)
    if reason := _skip_reason(page, cleaned.text):
        logger.debug("skipping %s: %s", url, reason)
        return SkippedPage(url, reason)
    text = shortened(_storable(cleaned.text), TEXT_MAX_CHARS)
    byline = first_name((*page.authors, cleaned.byline, *page.marked_bylines), page.site)
    return ExtractedArticle(
        url=url,
        canonical_url=canonical_url(page.canonical or url),
        title=shortened(_storable(page.title), TITLE_MAX_CHARS),
        byline=shortened(_storable(byline), BYLINE_MAX_CHARS) if byline else None,
        published_at=page.published.moment if page.published else None,
        text=text,
        language="ar",
        site_name=page.site_name,
        content_hash=content_hash(text),
        published_at_source=page.published.source if page.published else None,
        published_date_only=bool(page.published and page.published.date_only),
        text_truncated=len(text) < len(cleaned.text),
    )


# C0 control characters but tab and newline: PostgreSQL refuses NUL in text, and the others
# reach a page only through escapes (JSON-LD's "\u0000"), never as words. Removed by one
# regular expression: on a text without any (nearly all) it is a scan, a tenth of the cost of
# a str.translate over the same text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")


def _storable(text: str) -> str:
    return _CONTROL.sub("", text)


def shortened(text: str, max_chars: int) -> str:
    """``text`` cut to at most ``max_chars``, at the last space before the limit if any."""
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    if text[max_chars].isspace():
        return cut.rstrip()
    words = cut.rsplit(None, 1)
    # At the last space, unless that drops more than half (one giant "word").
    return words[0] if len(words) == 2 and len(words[0]) > max_chars // 2 else cut


def _main_text(tree: HtmlElement, url: str) -> str:
    """trafilatura's text of the page, in its fast mode unless that finds little.

    Fast mode skips the fallback extractors (readability, jusText) that trafilatura compares
    its result with: they cost as much again as the main pass and changed no fixture page.
    They exist for pages where the main pass finds little, so a short result gets the full pass.
    """
    text = trafilatura.extract(tree, url=url, fast=True, **TRAFILATURA_OPTIONS) or ""
    if (
        len(text.split()) < FULL_PASS_BELOW_WORDS
        and _words_outside_links(tree) >= MIN_ARTICLE_WORDS
    ):
        text = trafilatura.extract(tree, url=url, **TRAFILATURA_OPTIONS) or ""
    return text


def _words_outside_links(tree: HtmlElement) -> int:
    # A page whose text is all links (a section page, a tag page) holds no article for the
    # full pass to find; there it would cost readability and jusText for nothing.
    return sum(len(text.split()) for text in _UNLINKED_TEXT(tree))


def content_hash(text: str) -> str:
    """sha256 of the text after NFC and whitespace collapsing: same words, same hash."""
    normal = " ".join(unicodedata.normalize("NFC", without_invisible_marks(text)).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def _parse(html: str, url: str) -> HtmlElement:
    if not html.strip():
        raise ExtractionError(f"{url}: the page is empty")
    if "\x00" in html[:1024]:
        raise ExtractionError(f"{url}: not an HTML page (binary content)")
    # lxml refuses a str that still carries an XML declaration with an encoding (XHTML pages
    # start with one); the text is decoded already, so the declaration has nothing to say.
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        return lxml.html.document_fromstring(html, parser=_PARSER)
    except (ParserError, ValueError) as exc:
        raise ExtractionError(f"{url}: the page cannot be parsed as HTML ({exc})") from None


# --- the page's own metadata --------------------------------------------------------------


@dataclass(frozen=True)
class _Page:
    """What is read from the markup before any element is removed."""

    url: str
    title: str
    site_name: str | None
    canonical: str | None
    published: PublicationDate | None
    lang: str
    links: int
    authors: tuple[str, ...] = ()
    marked_bylines: tuple[str, ...] = ()
    site: frozenset[str] = frozenset()  # the outlet's names, as wording.credits compares them
    description: str | None = None


def _read_page(
    tree: HtmlElement,
    url: str,
    source: Source | None,
    fetched_at: datetime,
    hint: DiscoveryHint | None,
    landmarks: Landmarks,
) -> _Page:
    meta, linked_data = declared_values(tree)
    site_name = meta.get("og:site_name") or meta.get("application-name")
    site_name = site_name or (source.name if source else None)
    titles = (meta.get("og:title"), meta.get("twitter:title"), *_TITLE(tree)[:1])
    site_names = _site_names(url, source, meta, site_name)
    site = site_keys(site_names)
    return _Page(
        url=url,
        title=headline(tree, titles, site_names),
        site_name=site_name,
        canonical=_declared_canonical(tree, meta.get("og:url"), url),
        published=publication_date(
            tree,
            url,
            source,
            fetched_at=fetched_at,
            meta=meta,
            linked_data=linked_data,
            hint=hint,
        ),
        lang=_lang(tree.get("lang") or meta.get("og:locale") or ""),
        links=int(_LINKS(tree)),
        authors=(*_json_ld_authors(linked_data), *(meta.get(key, "") for key in _AUTHOR_KEYS)),
        marked_bylines=tuple(marked_bylines(landmarks, site)),
        site=site,
        description=next((meta[key] for key in _DESCRIPTION_KEYS if meta.get(key)), None),
    )


def declared_values(tree: HtmlElement) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """What the page declares: meta values by key (meta tags, RDFa, microdata) and its
    JSON-LD objects."""
    return _declared(tree), list(_json_ld(tree))


def _declared(tree: HtmlElement) -> dict[str, str]:
    """The first value of each metadata key we read, from meta tags, RDFa and microdata."""
    found: dict[str, str] = {}
    for element in _DECLARED(tree):
        value = element.get("content") or element.get("datetime") or ""
        for attribute in ("property", "name", "itemprop"):
            key = (element.get(attribute) or "").lower()
            if key in _META_KEYS and value.strip() and key not in found:
                found[key] = " ".join(value.split())
    return found


def _json_ld(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in _JSON_LD(tree):
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):
            continue  # a CMS's broken JSON-LD is common; absurdly nested JSON is hostile
        yield from _ld_objects(data)


def _ld_objects(data: object) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item)
    elif isinstance(data, dict):
        yield data
        yield from _ld_objects(data.get("@graph"))


def _json_ld_authors(objects: list[dict[str, Any]]) -> Iterator[str]:
    for item in objects:
        authors = item.get("author")
        for author in authors if isinstance(authors, list) else [authors]:
            name = author.get("name") if isinstance(author, dict) else author
            if isinstance(name, str):
                yield name


def _lang(declared: str) -> str:
    return declared.replace("_", "-").split("-")[0].strip().lower()


def _site_names(
    url: str, source: Source | None, meta: dict[str, str], site_name: str | None
) -> list[str]:
    names = [site_name or "", meta.get("og:site_name", ""), meta.get("application-name", "")]
    if source:
        names += [source.name, source.name_en, source.domain]
    names.append((urlsplit(url).hostname or "").removeprefix("www."))
    return [name for name in names if name]


def _declared_canonical(tree: HtmlElement, og_url: str | None, url: str) -> str | None:
    # A saved page (file://) has no site of its own: trust what it declares.
    local = urlsplit(url).scheme not in ("http", "https")
    for href in (*_CANONICAL(tree), og_url):
        if not href or not href.strip():
            continue
        absolute = urljoin(url, href.strip())
        if urlsplit(absolute).scheme not in ("http", "https"):
            continue
        if local or (same_site(absolute, url) and not _is_homepage(absolute, url)):
            return absolute
    return None


def _is_homepage(candidate: str, url: str) -> bool:
    # Some CMS templates point every page's canonical at the homepage.
    return urlsplit(candidate).path in ("", "/") and urlsplit(url).path not in ("", "/")


# --- skips --------------------------------------------------------------------------------


def _skip_reason(page: _Page, text: str) -> str:
    words = text.split()
    language = _language(text, page.lang)
    if words and language != "ar":
        return f"not Arabic (language {language})"
    if _looks_like_listing(page, text):
        return f"listing page: {page.links} links, little text"
    if len(words) < MIN_ARTICLE_WORDS:
        return f"not an article: {len(words)} words of text"
    return ""


def _looks_like_listing(page: _Page, text: str) -> bool:
    # A section page's text, if trafilatura keeps any, is headlines and teasers: many links
    # and no line long enough to be a paragraph.
    if page.links < LISTING_MIN_LINKS or len(text.split()) >= _LISTING_MAX_WORDS:
        return False
    return all(len(line.split()) < _PARAGRAPH_MIN_WORDS for line in text.splitlines())


def _language(text: str, declared: str) -> str:
    # Rasad needs "Arabic or not", which the script answers; the lang attribute is wrong
    # too often to decide alone (beirutobserver's Arabic page says en-US).
    sample = text[:_LANGUAGE_SAMPLE_CHARS]  # the script of a page shows in its start
    arabic = len(ARABIC_LETTER.findall(sample))
    latin = len(_LATIN_LETTER.findall(sample))
    if arabic and arabic >= _ARABIC_SHARE * (arabic + latin):
        return declared if declared in _ARABIC_SCRIPT_LANGUAGES else "ar"
    if declared and declared != "ar":
        return declared
    return "und, Latin script" if latin else "und"
