"""Boilerplate learned per outlet: lines repeated across many of one source's latest articles.

The general rules (``boilerplate.py``) know what boilerplate looks like anywhere; an outlet's
own masthead line, disclaimer or «تابعونا» block in words no rule knows is recognised by
repetition instead. Each stored article's lines are fingerprinted (digits masked, so
«العدد 1204» and «العدد 1205» are one line) and the fingerprints of the source's last
``WINDOW_ARTICLES`` articles are kept (``storage.line_keys``). A line is the outlet's
boilerplate when it is in at least ``MIN_ARTICLES`` of them and in ``MIN_SHARE`` of the
window; it is then taken out of new articles of that source.

Why these numbers (``benchmarks/learned_boilerplate.py`` measures them): a sentence two
articles really share (a quote, a syndicated paragraph) is typically in two or three of an
outlet's articles, so four is the least count that never takes one; the share keeps a
background paragraph an outlet repeats through a week's coverage of one story (five, ten
articles of the last hundred) out, while an outlet's own block is in nearly all of them.

Cold start: the window is read once per crawl (``load_source_lines``) and grows with every
article the crawl stores, so a new outlet's first crawl learns from its own pages; the
articles stored before a line reached the threshold are cleaned in the transaction of the
article that made it reach it (``forget_in_stored``), so they end as clean as the rest.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
from collections import Counter, deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rasad.alerts.analysis import analyse_document, tsvector_literal
from rasad.crawler.extract import content_hash
from rasad.storage.line_keys import recent_line_keys, rewrite_text, stored_texts

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from psycopg import Connection

    from rasad.storage.line_keys import ArticleLineKeys

WINDOW_ARTICLES = 100
MIN_ARTICLES = 4
MIN_SHARE = 0.2
_DIGITS = re.compile(r"\d+")


def line_key(line: str) -> int:
    """The fingerprint of a line: digits masked, 64 bits (a PostgreSQL bigint).

    Not folded: an outlet's block comes out of its templates letter for letter, and folding
    every line of every article would cost more than the rest of this module.
    """
    normal = _DIGITS.sub("0", " ".join(line.split()))
    digest = hashlib.blake2b(normal.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def text_line_keys(text: str) -> list[int]:
    """The fingerprint of each line of an article's text, in order."""
    return [line_key(line) for line in text.split("\n")]


@dataclass(frozen=True)
class Verdict:
    """What the window says of one article's lines: ``known`` were boilerplate before it,
    ``learned`` become boilerplate with it (their earlier copies are to be cleaned too)."""

    known: frozenset[int]
    learned: frozenset[int]

    @property
    def boilerplate(self) -> frozenset[int]:
        return self.known | self.learned


class SourceLines:
    """One source's window of line fingerprints: read once per crawl, grown as it stores."""

    def __init__(
        self,
        source_id: str,
        recent: Iterable[ArticleLineKeys] = (),
        *,
        window: int = WINDOW_ARTICLES,
        min_articles: int = MIN_ARTICLES,
        min_share: float = MIN_SHARE,
    ) -> None:
        self.source_id = source_id
        self.window = window
        self.min_articles = min_articles
        self.min_share = min_share
        self._window: deque[tuple[int, frozenset[int]]] = deque()
        self._counts: Counter[int] = Counter()
        # The boilerplate lines already taken out of each article of the window (what was
        # known when it was stored or cleaned): the others are still in its stored text.
        self._removed: dict[int, frozenset[int]] = {}
        self._lock = threading.Lock()
        # Held by ingest from judging a page to remembering it: the crawl pipeline ingests in
        # worker threads, and pages judged side by side would not see each other.
        self.storing = threading.Lock()
        # Nothing is assumed of the articles stored before: the first article of a crawl that
        # holds known boilerplate looks at them once (one query), so an article a crawl stored
        # while another page was being judged is cleaned by the next.
        for row in recent:
            self._add(row.article_id, frozenset(row.line_keys))

    def judge(self, keys: Iterable[int]) -> Verdict:
        """Which of a new article's line fingerprints are the outlet's boilerplate."""
        distinct = frozenset(keys)
        with self._lock:
            before = self._threshold(len(self._window))
            after = self._threshold(len(self._window) + 1)
            known = frozenset(k for k in distinct if self._counts[k] >= before)
            learned = frozenset(k for k in distinct - known if self._counts[k] + 1 >= after)
        return Verdict(known, learned)

    def boilerplate(self) -> frozenset[int]:
        """Every fingerprint the window holds as boilerplate now."""
        with self._lock:
            threshold = self._threshold(len(self._window))
            return frozenset(k for k, n in self._counts.items() if n >= threshold)

    def stale(self, boilerplate: frozenset[int]) -> list[int]:
        """The stored articles of the window whose text still holds lines of ``boilerplate``
        (stored before the lines were learned, or while another page was being judged)."""
        with self._lock:
            return [
                article
                for article, lines in self._window
                if (lines & boilerplate) - self._removed.get(article, frozenset())
            ]

    def remember(self, article_id: int, keys: Iterable[int], removed: frozenset[int]) -> None:
        """Add a stored article's fingerprints and the boilerplate left out of it (after its
        transaction committed)."""
        with self._lock:
            self._add(article_id, frozenset(keys))
            self._removed[article_id] = removed

    def cleaned(self, article_ids: Iterable[int], boilerplate: frozenset[int]) -> None:
        """Record that ``boilerplate`` is out of these stored articles now (after commit)."""
        with self._lock:
            for article in article_ids:
                self._removed[article] = self._removed.get(article, frozenset()) | boilerplate

    def _add(self, article_id: int, keys: frozenset[int]) -> None:
        self._window.append((article_id, keys))
        self._counts.update(keys)
        if len(self._window) > self.window:
            gone, keys = self._window.popleft()
            self._counts.subtract(keys)
            self._removed.pop(gone, None)

    def _threshold(self, articles: int) -> int:
        return max(self.min_articles, math.ceil(self.min_share * articles))


def load_source_lines(conn: Connection, source_id: str) -> SourceLines:
    """The source's window as stored: what a crawl starts from."""
    return SourceLines(source_id, recent_line_keys(conn, source_id, WINDOW_ARTICLES))


def without_lines(text: str, keys: Sequence[int], boilerplate: frozenset[int]) -> str:
    """``text`` without its lines whose fingerprint (``keys``, in line order) is boilerplate."""
    lines = text.split("\n")
    return "\n".join(line for line, key in zip(lines, keys, strict=True) if key not in boilerplate)


def forget_in_stored(
    conn: Connection, lines: SourceLines, boilerplate: frozenset[int]
) -> list[int]:
    """Take ``boilerplate`` out of the stored articles of the window that still hold some of
    it (text, hash and search terms); returns the articles looked at, for ``lines.cleaned``
    once the transaction committed."""
    stale = lines.stale(boilerplate)
    for stored in stored_texts(conn, stale) if stale else ():
        text = without_lines(stored.text, text_line_keys(stored.text), boilerplate)
        if text != stored.text and text.strip():
            terms = tsvector_literal(analyse_document(f"{stored.title}\n{text}"))
            rewrite_text(conn, stored.id, text, content_hash(text), terms)
    return stale
