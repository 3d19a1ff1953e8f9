"""The JSON API beside the pages, described at /api/openapi.json.

Articles carry the JSON fields of DESIGN.md (``url``, ``canonical_url``, ``source``, ``title``,
``byline``, ``published_at`` in UTC, ``text``, ``language``, ``content_hash``, ``cluster_id``)
plus their ``id``; search takes the filters of ``rasad search`` and pages by cursor. Every
error is ``{"error": "one sentence"}``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from rasad.scheduler.status import health_state
from rasad.storage import archive
from rasad.web.params import MAX_QUERY_CHARS, ArticleId, Conn, Filters, TopicId
from rasad.web.reading import article_view, run_search, sources_view, topic_view


class Error(BaseModel):
    error: str = Field(description="What went wrong, in one sentence.")


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Error, "description": "The request is malformed."},
    401: {"model": Error, "description": "web_auth is set and the request did not sign in."},
    503: {"model": Error, "description": "The database is unreachable or too slow."},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Error, "description": "No such id."}}

router = APIRouter(prefix="/api", responses=ERRORS)


class Article(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    url: str
    canonical_url: str
    source: str
    title: str
    byline: str | None
    published_at: datetime | None = Field(description="UTC; null when the page gave no date.")
    fetched_at: datetime
    text: str
    language: str | None
    content_hash: str
    cluster_id: int


class Segment(BaseModel):
    text: str
    matched: bool = Field(description="Whether this is a word the query matched.")


class Delivery(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    recipient: str
    kind: str = Field(description="alert or digest")
    status: str = Field(description="pending, sending, retry, sent or failed")
    attempts: int
    due_at: datetime
    sent_at: datetime | None
    last_error: str | None


class Hit(Article):
    outlets: int = Field(description="How many outlets carried the story.")
    outlet_sources: list[str] = Field(description="The source ids that carried the story.")
    matched: list[str] = Field(description="The query's words and phrases the article has.")
    snippet: list[Segment]
    alert: str | None = Field(
        None, description="With `topic`: `emailed`, or why the match was not emailed."
    )
    deliveries: list[Delivery] = Field([], description="With `topic`: the match's emails.")


class SearchResults(BaseModel):
    hits: list[Hit]
    next_cursor: str | None = Field(description="Pass as `after` for the next page.")


class Match(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    topic: str
    topic_name: str
    cluster_id: int
    article_id: int
    source: str
    title: str
    canonical_url: str
    published_at: datetime | None
    matched_terms: list[str]
    matched_at: datetime
    alert: str = Field(description="`emailed`, or why the match was not emailed.")
    deliveries: list[Delivery]


class ClusterCopy(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    source: str
    source_name: str
    title: str
    canonical_url: str
    published_at: datetime | None


class ArticleDetail(Article):
    source_name: str
    cluster_articles: int
    cluster_outlets: int
    other_articles: list[ClusterCopy] = Field(description="The story's copies in other outlets.")
    matches: list[Match] = Field(description="The topics that matched the story.")


class Topic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str = Field(validation_alias="topic")
    name: str
    query: str
    mode: str
    recipients: list[str]
    created_at: datetime
    enabled: bool
    matches: int
    last_matched_at: datetime | None


class TopicMatches(BaseModel):
    topic: Topic
    matches: list[Match] = Field(description="Newest first, emailed or not.")
    next_cursor: str | None


class Source(BaseModel):
    """A source's health, as ``rasad sources --json`` prints it, with a one-word ``health``."""

    model_config = ConfigDict(extra="allow")

    id: str
    name: str
    enabled: bool
    health: str = Field(description="ok, failing, flagged, disabled or not yet crawled")
    interval_minutes: float
    last_attempt_at: datetime | None
    last_success_at: datetime | None
    last_new_at: datetime | None
    consecutive_failures: int
    last_error: str | None
    flagged_at: datetime | None
    flag_reason: str | None
    last_fetched: int
    last_new: int
    last_duplicates: int
    last_skipped: int
    last_failed: int
    last_skip_reasons: dict[str, int]
    articles: int
    articles_24h: int


@router.get("/search", response_model=SearchResults)
def search(
    request: Request,
    conn: Conn,
    filters: Filters,
    q: Annotated[
        str,
        Query(
            max_length=MAX_QUERY_CHARS,
            description="A query in the topic language; may be empty with `topic`.",
        ),
    ] = "",
) -> SearchResults:
    """Stored articles matching a query, best first or newest first; with `topic`, that
    topic's matches (narrowed by the query if one is given), each with its emails."""
    results = run_search(conn, replace(filters, q=q), request.app.state.settings.timezone)
    hits = [
        Hit.model_validate(
            {
                **_fields(result.hit.article),
                "outlets": result.hit.article.outlets,
                "outlet_sources": result.outlets,
                "matched": result.hit.matched_terms,
                "snippet": [{"text": t, "matched": m} for t, m in result.hit.snippet],
                "alert": result.hit.alert,
                "deliveries": result.hit.deliveries,
            }
        )
        for result in results.results
    ]
    return SearchResults(hits=hits, next_cursor=results.next_cursor)


def _fields(article: object) -> dict[str, Any]:
    return {name: getattr(article, name) for name in Article.model_fields}


@router.get("/articles/{article_id}", response_model=ArticleDetail, responses=NOT_FOUND)
def article(conn: Conn, article_id: ArticleId) -> ArticleDetail:
    """One article with its cluster's other articles and the topics that matched its story."""
    view = article_view(conn, article_id)
    if view is None:
        raise HTTPException(404, "There is no article with this id.")
    return ArticleDetail.model_validate(
        {
            **view.article.__dict__,
            "other_articles": view.copies,
            "matches": view.matches,
        }
    )


@router.get("/topics", response_model=list[Topic])
def topics(conn: Conn) -> list[Topic]:
    """Every topic, with how many stories it matched."""
    return [Topic.model_validate(topic) for topic in archive.topic_summaries(conn)]


@router.get("/topics/{topic_id}", response_model=TopicMatches, responses=NOT_FOUND)
def topic(
    conn: Conn,
    topic_id: TopicId,
    after: Annotated[str | None, Query(max_length=200)] = None,
) -> TopicMatches:
    """A topic and its matches newest first, with the delivery of each to each recipient."""
    view = topic_view(conn, topic_id, after)
    if view is None:
        raise HTTPException(404, "There is no topic with this id.")
    return TopicMatches(
        topic=Topic.model_validate(view.topic),
        matches=[Match.model_validate(match) for match in view.matches],
        next_cursor=view.next_cursor,
    )


@router.get("/sources", response_model=list[Source])
def sources(request: Request, conn: Conn) -> list[Source]:
    """The catalog's sources with their health and the counters of their last crawl."""
    rows = sources_view(conn, request.app.state.catalog)
    return [Source.model_validate({**row, "health": health_state(row)}) for row in rows]
