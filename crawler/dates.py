"""Publication dates: every place a page or its feed states one, in the order of trust.

:func:`publication_date` answers for one page, read from the tree before any boilerplate is
removed, and says where the answer came from (``PublicationDate.source``):

1. ``meta`` / ``json-ld``: what the page declares in its markup (meta tags, RDFa, microdata,
   JSON-LD datePublished);
2. ``feed`` / ``sitemap``: the date of the feed item or news-sitemap entry that led to the page
   (the discovery hint, carried with the request);
3. ``text``: the visible date line near the headline, read by :mod:`rasad.crawler.datelines`;
4. ``url``: a date in the page's address (``/2026/11/22/``).

The first place with a time of day wins. A place that gives only a day is kept, and a later
place with a time on that same day refines it. A time without an offset is the outlet's local
time (the catalog's ``timezone``); an outlet known to stamp local time with a wrong offset
(``ignore_declared_offset``) has its declared offset dropped. A date later than the fetch
(beyond a small tolerance) is refused wherever it comes from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from lxml.etree import XPath

from rasad.alerts.analysis import normalize
from rasad.crawler.datelines import (
    MONTH_NAMES,
    WEEKDAY_NAMES,
    DateMention,
    parse_machine_date,
    read_date_line,
)

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import tzinfo

    from lxml.html import HtmlElement

    from rasad.crawler.catalog import Source

__all__ = ["DiscoveryHint", "PublicationDate", "publication_date"]

# Where pages declare their publication time, most trusted first. htmldate reads meta tags
# too, but drops the time of day of «...T09:23:13Z» (youm7) and never reads RDFa on body
# elements (assabah's <span property="dc:date" content="2019-02-08T00:00:00+01:00">).
PUBLISHED_KEYS = (
    "article:published_time",
    "datepublished",
    "og:published_time",
    "dc:date",
    "dcterms:created",
    "dcterms:issued",
    "dc.date.issued",
    "schema:datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "sailthru.date",
    "parsely-pub-date",
)
# Where a publication time may come from, as stored in articles.published_at_source.
SOURCES = ("meta", "json-ld", "feed", "sitemap", "text", "url")

# The calendar words the text rules (boilerplate.py) know a date line by.
WEEKDAYS = WEEKDAY_NAMES
MONTHS = tuple(name for names in MONTH_NAMES.values() for name in names if not name.isascii())
TIME_WORDS = ("صباحا", "مساء", "مساءا", "ص", "م", "ظهرا", "الساعة", "بتوقيت", "غرينتش")

# A page may be dated a little after its fetch by clock skew or a zone mistake; further ahead
# it is a scheduled event or a typo, not a publication.
FUTURE_TOLERANCE = timedelta(hours=1)


@dataclass(frozen=True)
class PublicationDate:
    """When a page was published (aware UTC; a date without a time is local midnight of that
    day in the outlet's zone, ``date_only``) and where it was stated (one of ``SOURCES``)."""

    moment: datetime
    source: str
    date_only: bool = False


@dataclass(frozen=True)
class DiscoveryHint:
    """The date the feed item or news-sitemap entry that led to a page gave it."""

    moment: datetime
    source: str  # "feed" or "sitemap"
    date_only: bool = False


def publication_date(
    tree: HtmlElement,
    url: str,
    source: Source | None,
    *,
    fetched_at: datetime,
    meta: dict[str, str],
    linked_data: list[dict[str, Any]],
    hint: DiscoveryHint | None = None,
) -> PublicationDate | None:
    """The page's publication moment and its provenance, or None when nothing states one.

    ``meta`` and ``linked_data`` are the page's declared values (read once by the extractor);
    the visible text is read only when the places before it gave no time of day.
    """
    zone = ZoneInfo(source.timezone) if source else UTC
    ignore_offset = bool(source and source.ignore_declared_offset)
    places = (
        lambda: _declared(meta, linked_data, zone, ignore_offset),
        lambda: PublicationDate(hint.moment, hint.source, hint.date_only) if hint else None,
        lambda: visible_date(tree, zone, fetched_at),
        lambda: url_date(url, zone),
    )
    best: PublicationDate | None = None
    for place in places:
        found = place()
        if found is None or _in_future(found, fetched_at, zone):
            continue
        if not found.date_only:
            if best is None or _same_day(best, found, zone):
                return found
            return best
        best = best or found
    return best


def _in_future(found: PublicationDate, fetched_at: datetime, zone: tzinfo) -> bool:
    if found.date_only:
        return found.moment.astimezone(zone).date() > fetched_at.astimezone(zone).date()
    return found.moment > fetched_at + FUTURE_TOLERANCE


def _same_day(day: PublicationDate, timed: PublicationDate, zone: tzinfo) -> bool:
    return day.moment.astimezone(zone).date() == timed.moment.astimezone(zone).date()


# --- declared in the markup ---------------------------------------------------------------


def _declared(
    meta: dict[str, str], linked_data: list[dict[str, Any]], zone: tzinfo, ignore_offset: bool
) -> PublicationDate | None:
    """The publication time the page declares, most trusted key first; a value with a time
    of day beats a bare date (beirutobserver gives both)."""
    values = [(meta.get(key), "meta") for key in PUBLISHED_KEYS]
    values += [(item.get("datePublished"), "json-ld") for item in linked_data]
    found = []
    for value, place in values:
        if isinstance(value, str) and (parsed := _declared_moment(value, zone, ignore_offset)):
            found.append(PublicationDate(parsed[0], place, date_only=not parsed[1]))
    timed = [date for date in found if not date.date_only]
    return (timed or found or [None])[0]


def _declared_moment(value: str, zone: tzinfo, ignore_offset: bool) -> tuple[datetime, bool] | None:
    value = value.strip()
    if ignore_offset:
        # The outlet writes its local wall-clock time with a wrong offset (youm7: «09:23:13Z»
        # on a page that shows 09:23 ص Cairo time): keep the clock, read it in the zone.
        value = _OFFSET.sub("", value)
    parsed = parse_machine_date(value, zone)
    if parsed is None or parsed[0] < _EARLIEST:
        return None
    return parsed


_OFFSET = re.compile(r"(?:[zZ]|[+-]\d{2}:?\d{2})$")
_EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)


# --- the visible date line ----------------------------------------------------------------

# Short text nodes with a digit (Latin, Arabic-Indic or Persian) or a relative-time word: the
# only ones that can hold a date line. Text inside scripts, footers, sidebars, navigation and
# captions never counts. XPath picks the short texts in C, so that no Python loop walks the
# page; the few dozen it returns are then filtered in Python (_candidates): XPath's translate()
# and ancestor:: tests cost twice as much as that (measured: 0.55 against 0.30 ms a page).
_DATE_HINT = re.compile("[0-9٠-٩۰-۹]|منذ|أمس|امس|قبل")
_UNREAD_TAGS = (
    "script", "style", "noscript", "footer", "aside", "nav", "figcaption", "select", "textarea",
    "h1",
)  # fmt: skip
MAX_LINE_CHARS = 200
# The headline and the short texts in one node-set, in document order: the texts before and
# after the headline fall apart at it (libxml2's following:: axis is several times slower).
_HEADLINE_AND_TEXTS = XPath(
    "(//h1[normalize-space()])[1] | //body//text()"
    f"[string-length(normalize-space()) > 2][string-length() < {MAX_LINE_CHARS}]"
)
_TEXT_LENGTH = XPath("string-length(normalize-space())")
_LINE_TEXTS = XPath(".//text()[not(ancestor::script or ancestor::style)]")
_STAMPS = XPath("descendant-or-self::*/@datetime | descendant-or-self::*/@title")
# Lines looked at past the headline: the date line sits in the article's header, and what
# comes far below it is body text, comments and related items.
MAX_LINES_AFTER_HEADLINE = 25

# Blocks whose dates belong to other articles or to the day of the visit.
_OTHER_DATES_CLASS = re.compile(
    r"related|read-?also|readalso|read_also|aussi|more-?news|more-?stories|most-?read|"
    r"mostread|popular|trending|latest|widget|sidebar|footer|copyright|ticker|breaking|"
    r"marquee|header-?top|top-?bar|today|weather|prayer|comment|caption|breadcrumb|"
    r"recommend|yarpp|newsletter|menu|navbar",
    re.IGNORECASE,
)
_OTHER_DATES_HEADING = re.compile(
    "^(?:"
    + "|".join(
        normalize(label)
        for label in (
            "اقرأ أيضا", "اقرأ المزيد", "إقرأ أيضا", "ذات صلة", "أخبار ذات صلة",
            "مواضيع ذات صلة", "مقالات ذات صلة", "أخبار متعلقة", "الأكثر قراءة",
            "الأكثر مشاهدة", "الأكثر تداولا", "آخر الأخبار", "الأحدث", "أحدث الأخبار",
            "المزيد من", "قد يعجبك", "شاهد أيضا", "اقرأ كذلك", "مقالات أخرى", "أخبار أخرى",
        )
    )
    + ")"
)  # fmt: skip
_ANCESTORS_CHECKED = 6
_HEADING_CHARS = 40


def visible_date(tree: HtmlElement, zone: tzinfo, fetched_at: datetime) -> PublicationDate | None:
    """The date line near the headline: the first one after it (or, failing that, the nearest
    before it) that states a publication date; an update time only when nothing else is said.

    Dates in blocks of other articles (related, most read, latest), in the site's header
    («today» is the visit's date) and in running text are passed over.
    """
    updated: PublicationDate | None = None
    for mention, before_headline in _mentions(tree, zone, fetched_at):
        found = PublicationDate(mention.moment, "text", mention.date_only)
        if _in_future(found, fetched_at, zone):
            continue
        if before_headline and found.date_only and _is_visit_day(found, fetched_at, zone):
            continue  # a header's «today», not the article's day
        if mention.role == "updated":
            updated = updated or found
            continue
        return found
    return updated


def _is_visit_day(found: PublicationDate, fetched_at: datetime, zone: tzinfo) -> bool:
    return found.moment.astimezone(zone).date() == fetched_at.astimezone(zone).date()


def _mentions(
    tree: HtmlElement, zone: tzinfo, fetched_at: datetime
) -> Iterator[tuple[DateMention, bool]]:
    """The dates of each candidate line, best line first, with whether it precedes the
    headline; within a line the publication comes before a plain date, then an update."""
    found = _candidates(tree)
    at = next((i for i, node in enumerate(found) if not isinstance(node, str)), None)
    stop = set(found[at].iterancestors()) if at is not None else set()
    before = found[:at] if at is not None else []
    after = found[at + 1 :] if at is not None else found
    lines = [(text, False) for text in after[:MAX_LINES_AFTER_HEADLINE]]
    lines += [(text, True) for text in reversed(before)]
    done: set[HtmlElement] = set()  # the elements themselves: lxml keeps a proxy while held
    for text, before_headline in lines:
        element = text.getparent()
        if element is not None and text.is_tail:  # the text after <br>, <a>...: its container's
            element = element.getparent()
        if element is None or _other_dates(element, stop):
            continue
        if _TEXT_LENGTH(element) > MAX_LINE_CHARS:
            # A short text inside a long element (a line of a paragraph): the line is itself.
            block, line = None, str(text)
        else:
            block = _line_block(element, stop)
            if block in done:
                continue
            done.add(block)
            line = "\n".join(t for t in _LINE_TEXTS(block) if t.strip())
        for mention in _block_mentions(block, line, zone, fetched_at):
            yield mention, before_headline


def _candidates(tree: HtmlElement) -> list[Any]:
    """The first non-empty <h1> and the texts that may be date lines, in document order."""
    found: list[Any] = []
    for node in _HEADLINE_AND_TEXTS(tree):
        if isinstance(node, str):
            if not _DATE_HINT.search(node):
                continue
            # The element a text node sits in: a tail's is its element's parent.
            holder = node.getparent()
            if node.is_tail:
                holder = holder.getparent()
            unread = next(holder.iterancestors(_UNREAD_TAGS), None)
            if holder.tag in _UNREAD_TAGS or unread is not None:
                continue
        found.append(node)
    return found


_ROLE_ORDER = {"published": 0, "plain": 1, "relative": 2, "updated": 3}


def _block_mentions(
    block: HtmlElement | None, line: str, zone: tzinfo, fetched_at: datetime
) -> list[DateMention]:
    mentions = sorted(read_date_line(line, zone, fetched_at), key=lambda m: _ROLE_ORDER[m.role])
    if block is None or not mentions:
        return mentions
    stamp = _stamp(block, zone)
    if stamp is not None and _refines(stamp, mentions[0], zone):
        # «منذ 3 ساعات» with title="2026-11-22 09:30": the markup holds the exact moment.
        return [DateMention(stamp, False, mentions[0].role), *mentions[1:]]
    return mentions


def _stamp(block: HtmlElement, zone: tzinfo) -> datetime | None:
    for value in _STAMPS(block):
        parsed = parse_machine_date(str(value), zone)
        if parsed is not None and parsed[1]:
            return parsed[0]
    return None


def _refines(stamp: datetime, mention: DateMention, zone: tzinfo) -> bool:
    if mention.role == "relative":
        return abs(stamp - mention.moment) <= timedelta(days=1)
    return (
        mention.date_only
        and stamp.astimezone(zone).date() == mention.moment.astimezone(zone).date()
    )


def _line_block(element: HtmlElement, stop: set[HtmlElement]) -> HtmlElement:
    """The largest short block around ``element``: a date and its time often sit in sibling
    spans or cells (<td>2024/12/08</td><td>14:22</td>), a label in the span before them."""
    block = element
    while True:
        parent = block.getparent()
        if parent is None or parent in stop or parent.tag in ("body", "html"):
            return block
        if _TEXT_LENGTH(parent) > MAX_LINE_CHARS:
            return block
        block = parent


def _other_dates(element: HtmlElement, stop: set[HtmlElement]) -> bool:
    """True when ``element`` sits in a block of other articles' dates (by class or id, or
    under a heading such as «اقرأ أيضا»), up to the article's own container."""
    node: HtmlElement | None = element
    for _ in range(_ANCESTORS_CHECKED):
        if node is None or node in stop or node.tag in ("body", "html"):
            return False
        names = f"{node.get('class', '')} {node.get('id', '')}"
        if names.strip() and _OTHER_DATES_CLASS.search(names):
            return True
        if _is_other_dates_heading(node.getprevious()):
            return True
        children = list(node)
        if len(children) > 1 and _is_other_dates_heading(children[0]):
            return True
        node = node.getparent()
    return False


def _is_other_dates_heading(element: HtmlElement | None) -> bool:
    if element is None or not isinstance(element.tag, str):
        return False
    if _TEXT_LENGTH(element) > _HEADING_CHARS:  # counted in C: no Python copy of a big block
        return False
    text = " ".join(element.text_content().split())
    return bool(_OTHER_DATES_HEADING.match(normalize(text)))


# --- the address --------------------------------------------------------------------------

_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?=[/-]|$)")


def url_date(url: str, zone: tzinfo) -> PublicationDate | None:
    """A day in the page's path (``/2026/11/22/slug``), as the outlet's local day."""
    match = _URL_DATE.search(url.split("?")[0])
    if match is None:
        return None
    try:
        day = datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=UTC).date()
    except ValueError:
        return None
    moment = datetime.combine(day, time(0, 0), zone).astimezone(UTC)
    return PublicationDate(moment, "url", date_only=True)
