"""The limits every input from the network is held to, named once and used everywhere.

A crawler that reads what strangers send must bound each thing it reads before reading it:
bytes on the wire, bytes after decompression, characters kept. The figures are far above
what real outlets send (the largest fixture page is 0.6 MB of HTML and 7,500 characters of
text; the sitemap protocol itself caps a sitemap at 50 MB) and far below what would hurt
the daemon or the database.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any, TypeVar, cast

MIB = 1024 * 1024

# An article page, section page or robots.txt: on the wire and after Content-Encoding alike
# (Scrapy's DOWNLOAD_MAXSIZE covers both), and the same for `rasad extract URL`. Extraction
# time grows with the page (a page of nothing but links takes trafilatura about 9 s per MB
# on this machine), so the cap is also what one hostile page may cost.
PAGE_MAX_BYTES = 4 * MIB
PAGE_WARN_BYTES = 2 * MIB
# A feed (RSS, Atom, JSON Feed), downloaded and, for a .gz file, decompressed.
FEED_MAX_BYTES = 10 * MIB
# A sitemap, downloaded and, for a sitemap.xml.gz, decompressed: the protocol's own cap.
SITEMAP_MAX_BYTES = 50 * MIB

# RFC 9309 2.5: a crawler must read at least the first 500 KiB of a robots.txt; the rest
# may be ignored.
ROBOTS_PARSED_BYTES = 500 * 1024

# Scrapy's URLLENGTH_LIMIT default, the longest URL browsers have accepted: longer links in
# a feed or sitemap are dropped.
URL_MAX_CHARS = 2083

# What an article keeps. A longer title is page chrome or an attack; a longer text is stored
# cut at a word boundary with the article's ``text_truncated`` flag set.
TITLE_MAX_CHARS = 500
BYLINE_MAX_CHARS = 200
TEXT_MAX_CHARS = 100_000
# Search terms are analysed from at most this prefix of "title\ntext", so one huge article
# can neither exceed PostgreSQL's 1 MB tsvector nor slow every search that reaches it. It is
# all an article may store: what is kept is what is found, for search and topics alike.
INDEXED_TEXT_MAX_CHARS = TITLE_MAX_CHARS + 1 + TEXT_MAX_CHARS


TextFunction = TypeVar("TextFunction", bound=Callable[[str], Any])


def cached_when_short(max_chars: int, maxsize: int) -> Callable[[TextFunction], TextFunction]:
    """Memoise a function of one text, for texts of at most ``max_chars`` characters.

    Pages repeat their short texts (class names, captions, chrome lines), so a cache of them
    pays; a longer text is computed each time, so a hostile page cannot fill the cache with
    megabytes: it holds at most ``maxsize`` x ``max_chars`` characters.
    """

    def decorate(function: TextFunction) -> TextFunction:
        cached = lru_cache(maxsize=maxsize)(function)

        @wraps(function)
        def call(text: str) -> Any:
            return cached(text) if len(text) <= max_chars else function(text)

        return cast("TextFunction", call)

    return decorate
