"""What a page and its JSON twin both show, gathered once: search results with their outlets,
an article with its cluster and topics, a topic with its matches, the sources' health.

Routes (``web.pages``, ``web.api``) call these with a pooled connection and only shape the
answer; nothing here writes.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rasad.alerts.search import SearchHit, SearchRequest, search
from rasad.config.errors import SearchError
from rasad.config.files import ID_SHAPE
from rasad.config.times import parse_time_spec
from rasad.scheduler.status import never_crawled
from rasad.storage import archive

if TYPE_CHECKING:
    from psycopg import Connection

    from rasad.crawler.catalog import Source

MAX_SOURCES_PER_SEARCH = 100
TOPIC_PAGE_SIZE = 50


@dataclass(frozen=True)
class SearchForm:
    """A search as typed in the form or the API's query string, before it is checked."""

    q: str = ""
    source: tuple[str, ...] = ()
    topic: str | None = None
    since: str | None = None
    until: str | None = None
    sort: str = "relevance"
    all: bool = False
    limit: int = 20
    after: str | None = None

    def request(self, timezone: str) -> SearchRequest:
        """The search to run, dates read in ``timezone``; RasadError with one sentence."""
        if len(self.source) > MAX_SOURCES_PER_SEARCH:
            raise SearchError(f"at most {MAX_SOURCES_PER_SEARCH} sources in one search")
        for value in (*self.source, *([self.topic] if self.topic else [])):
            if not ID_SHAPE.match(value):
                raise SearchError(f"'{value[:64]}' is not a source or topic id")
        return SearchRequest(
            query=self.q,
            sources=tuple(dict.fromkeys(self.source)),
            topic=self.topic or None,
            since=parse_time_spec(self.since).resolve(timezone) if self.since else None,
            until=parse_time_spec(self.until).resolve(timezone) if self.until else None,
            sort=self.sort,
            collapse=not self.all,
            limit=self.limit,
            after=self.after or None,
        )

    def params(self, after: str | None = None) -> list[tuple[str, str]]:
        """The form as query parameters, for the link to the next page."""
        pairs = [("q", self.q)] + [("source", s) for s in self.source]
        for key in ("topic", "since", "until"):
            if getattr(self, key):
                pairs.append((key, getattr(self, key)))
        if self.sort != "relevance":
            pairs.append(("sort", self.sort))
        if self.all:
            pairs.append(("all", "true"))
        if self.limit != SearchForm.limit:
            pairs.append(("limit", str(self.limit)))
        return pairs + ([("after", after)] if after else [])


@dataclass(frozen=True)
class Result:
    """A search hit with the outlets that carried its story."""

    hit: SearchHit
    outlets: list[str]


@dataclass(frozen=True)
class Results:
    results: list[Result]
    next_cursor: str | None


def run_search(conn: Connection, form: SearchForm, timezone: str) -> Results:
    page = search(conn, form.request(timezone))
    outlets = archive.cluster_outlets(conn, {hit.article.cluster_id for hit in page.hits})
    return Results(
        [
            Result(hit, outlets.get(hit.article.cluster_id, [hit.article.source]))
            for hit in page.hits
        ],
        page.next_cursor,
    )


@dataclass(frozen=True)
class ArticleView:
    article: archive.StoredArticle
    copies: list[archive.ClusterCopy]
    matches: list[archive.TopicMatch]


def article_view(conn: Connection, article_id: int) -> ArticleView | None:
    article = archive.stored_article(conn, article_id)
    if article is None:
        return None
    return ArticleView(
        article,
        archive.cluster_copies(conn, article.cluster_id, article.id),
        archive.cluster_matches(conn, article.cluster_id),
    )


@dataclass(frozen=True)
class TopicView:
    topic: archive.TopicSummary
    matches: list[archive.TopicMatch]
    next_cursor: str | None = field(default=None)


def topic_view(
    conn: Connection, topic_id: str, after: str | None, limit: int = TOPIC_PAGE_SIZE
) -> TopicView | None:
    topic = archive.topic_summary(conn, topic_id)
    if topic is None:
        return None
    page = archive.topic_matches(conn, topic_id, limit, _match_cursor(after))
    return TopicView(topic, page.matches, _cursor_text(page.next) if page.next else None)


def _cursor_text(cursor: archive.MatchCursor) -> str:
    raw = json.dumps([cursor.newest.isoformat(), cursor.id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _match_cursor(text: str | None) -> archive.MatchCursor | None:
    if not text:
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        newest, match_id = json.loads(raw)
        cursor = archive.MatchCursor(datetime.fromisoformat(newest), int(match_id))
    except (binascii.Error, ValueError, TypeError):
        cursor = None
    if cursor is None or cursor.newest.tzinfo is None or not 0 < cursor.id < 2**63:
        raise SearchError("the page cursor is not one this topic gave out")
    return cursor


def sources_view(conn: Connection, catalog: tuple[Source, ...]) -> list[dict[str, Any]]:
    """The catalog's sources with their health; then sources the database has beyond it."""
    known = {row["id"]: row for row in archive.source_health(conn)}
    rows = [known.pop(source.id, None) or never_crawled(source) for source in catalog]
    return rows + list(known.values())
