"""What one crawl of one source carries: its source, the database, and its counters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rasad.storage.database import ConnectionWatch

if TYPE_CHECKING:
    from datetime import datetime

    from psycopg_pool import ConnectionPool

    from rasad.alerts.matcher import TopicMatcher
    from rasad.crawler.catalog import Source
    from rasad.crawler.learned import SourceLines
    from rasad.storage.discovered import Discovery


@dataclass
class CrawlCounters:
    """Counts of one crawl, kept on the source row at its end and printed by ``rasad crawl``."""

    fetched: int = 0
    new: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: int = 0
    refused: int = 0
    already_seen: int = 0
    feeds_not_modified: int = 0
    discovery_ok: int = 0
    discovery_failed: int = 0
    last_error: str | None = None
    skip_reasons: dict[str, int] = field(default_factory=dict)

    @property
    def all_refused(self) -> bool:
        """The outlet refused everything it was asked (403/429), so nothing was learnt."""
        return self.refused > 0 and self.discovery_ok == 0 and self.fetched == 0

    @property
    def succeeded(self) -> bool:
        """Discovery worked at least once (a 304 counts), whatever became of the pages."""
        return self.discovery_ok + self.feeds_not_modified > 0


@dataclass(frozen=True)
class PageItem:
    """A downloaded article page on its way to the pipeline.

    The body stays out of ``repr``: Scrapy logs an item that failed, and a page's text
    belongs neither in the log nor in Sentry.
    """

    url: str
    http_encoding: str | None
    body: bytes = field(repr=False)
    # The canonical form of the link that led here, which the seen-URL filter looks up.
    link_key: str | None = None
    # How Rasad came to the link: where it was found, when first, the date stated beside it.
    discovery: Discovery | None = None
    fetched_at: datetime | None = None


@dataclass(frozen=True)
class FailedPage:
    """An article page that could not be stored, on its way to be remembered as failed
    (and asked again later, with backoff) by the pipeline."""

    url: str
    reason: str
    link_key: str | None = None


@dataclass
class CrawlContext:
    source: Source
    pool: ConnectionPool
    max_articles: int
    matcher: TopicMatcher | None = None
    # The source's learned boilerplate, read once at the start of the crawl.
    learned: SourceLines | None = None
    counters: CrawlCounters = field(default_factory=CrawlCounters)
    # where a lost database connection is reported (once per outage, not once per page)
    watch: ConnectionWatch = field(default_factory=ConnectionWatch)
