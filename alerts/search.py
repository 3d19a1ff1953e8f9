"""Searching stored articles with the topic query language: ``rasad search``, ``rasad export``,
``rasad topics test`` and the web pages.

PostgreSQL finds the page (see ``rasad.storage.search`` for how it stays fast deep into the
results). The matched words come from the stored terms of each hit, read back for the query's
words only and matched by the same ``Query`` as at ingest, so search and alerts keep one
analysis; the snippet runs the analysis on the text as published (``rasad.alerts.snippet``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from psycopg.rows import scalar_row

from rasad.alerts.query import Not, Phrase, Query, parse_query
from rasad.alerts.snippet import Segment, snippet
from rasad.config.errors import SearchError
from rasad.config.fields import did_you_mean
from rasad.storage import search as storage
from rasad.storage.search import ArticleFilter, Delivery, FoundArticle, Position

if TYPE_CHECKING:
    from collections.abc import Iterator

    import psycopg

    from rasad.alerts.query import Node
    from rasad.alerts.topics import Topic
    from rasad.storage.articles import ArticleRow

SORTS = ("relevance", "date")
MAX_LIMIT = 10_000


@dataclass(frozen=True)
class SearchRequest:
    """What to search for. An empty ``query`` is allowed with a ``topic``: its matches."""

    query: str
    sources: tuple[str, ...] = ()
    topic: str | None = None  # only this topic's matches (hits carry delivery status)
    since: datetime | None = None  # aware
    until: datetime | None = None
    sort: str = "relevance"  # or "date"
    collapse: bool = True  # one hit per cluster, with its outlet count
    limit: int = 20
    after: str | None = None  # opaque cursor from a previous SearchPage


@dataclass(frozen=True)
class SearchHit:
    """A stored article that matched, the query's words it contains, and the passage around them.

    ``deliveries`` (topic searches only): the emails that carried the match; ``alert`` says
    whether the match was emailed at all, or why not.
    """

    article: ArticleRow
    matched_terms: list[str]
    snippet: list[Segment]
    alert: str | None = None
    deliveries: tuple[Delivery, ...] = field(default=())


@dataclass(frozen=True)
class SearchPage:
    hits: list[SearchHit]
    next_cursor: str | None


def search(conn: psycopg.Connection, request: SearchRequest) -> SearchPage:
    """One page of stored articles matching ``request``; a bad query, source, topic or cursor
    raises a RasadError with one sentence."""
    query = _checked(conn, request)
    article_filter = _filter(request, query)
    cursor = _read_cursor(request)
    if query is None or request.sort == "date":
        rows = storage.newest(conn, article_filter, cursor.after, request.limit)
        following = rows[-1] if len(rows) == request.limit else None
        next_cursor = _write_cursor(request, after=following) if following else None
    else:
        rows, next_cursor = _ranked_page(conn, request, article_filter, cursor)
    return SearchPage(_hits(conn, query, rows), next_cursor)


def _checked(conn: psycopg.Connection, request: SearchRequest) -> Query | None:
    if request.sort not in SORTS:
        raise SearchError(f"sort must be one of {', '.join(SORTS)}, got '{request.sort}'")
    if not 1 <= request.limit <= MAX_LIMIT:
        raise SearchError(f"limit must be between 1 and {MAX_LIMIT}, got {request.limit}")
    check_sources(conn, request.sources)
    if request.topic is not None:
        check_topic(conn, request.topic)
    if not request.query.strip():
        if request.topic is None:
            raise SearchError("a search needs a query (or a topic whose matches to list)")
        return None
    return parse_query(request.query)


def check_sources(conn: psycopg.Connection, sources: tuple[str, ...]) -> None:
    """Refuse a source id that no stored source has, naming the nearest."""
    if not sources:
        return
    known = conn.cursor(row_factory=scalar_row).execute("SELECT id FROM sources").fetchall()
    for source in sources:
        if source not in known:
            raise SearchError(
                f"no source '{source}'{did_you_mean(source, known)} (see `rasad sources`)"
            )


def check_topic(conn: psycopg.Connection, topic: str) -> None:
    """Refuse a topic id that the database has never seen, naming the nearest."""
    known = conn.cursor(row_factory=scalar_row).execute("SELECT id FROM topics").fetchall()
    if topic not in known:
        raise SearchError(f"no topic '{topic}'{did_you_mean(topic, known)} in the database")


def _filter(request: SearchRequest, query: Query | None) -> ArticleFilter:
    return ArticleFilter(
        tsquery=query.to_tsquery() if query is not None else None,
        sources=request.sources,
        since=request.since,
        until=request.until,
        collapse=request.collapse,
        topic=request.topic,
    )


def export_articles(conn: psycopg.Connection, request: SearchRequest) -> Iterator[FoundArticle]:
    """Every article the request selects, newest first, streamed (limit and cursor ignored).

    Call inside a transaction: the rows come through a server-side cursor.
    """
    if request.query.strip():
        query = _checked(conn, request)
    else:  # an export may select by source, topic and dates alone
        query = None
        check_sources(conn, request.sources)
        if request.topic is not None:
            check_topic(conn, request.topic)
    return storage.stream(conn, _filter(request, query))


# -- ranked pages: tiers of the newest matches, each ranked ----------------------------------


def _ranked_page(
    conn: psycopg.Connection, request: SearchRequest, article_filter: ArticleFilter, cursor: _Cursor
) -> tuple[list[FoundArticle], str | None]:
    """A page in relevance order, crossing into the next tier when one runs out."""
    rows: list[FoundArticle] = []
    tier_start, after = cursor.tier_start, cursor.after
    while True:
        tier = storage.ranked(conn, article_filter, tier_start, after, request.limit - len(rows))
        rows.extend(tier.rows)
        if len(rows) == request.limit:
            last = rows[-1]
            position = Position(last.sort_at or last.fetched_at, last.id, last.rank)
            return rows, _write_cursor(request, after=position, tier_start=tier_start)
        if not tier.full or tier.end is None:
            return rows, None
        tier_start, after = tier.end, None


# -- hits: matched terms from the stored vector, snippets, deliveries ------------------------


def _hits(
    conn: psycopg.Connection, query: Query | None, rows: list[FoundArticle]
) -> list[SearchHit]:
    matched = _matched_terms(conn, query, rows) if query is not None else {}
    by_match: dict[int, list[Delivery]] = {}
    match_ids = [row.match_id for row in rows if row.match_id is not None]
    if match_ids:
        for delivery in storage.deliveries(conn, match_ids):
            by_match.setdefault(delivery.match_id, []).append(delivery)
    hits = []
    for row in rows:
        terms = matched.get(row.id) if query is not None else None
        if terms is None:
            terms = list(row.matched_terms or [])
        hits.append(
            SearchHit(
                row,
                terms,
                snippet(row.text, terms),
                row.alert,
                tuple(by_match.get(row.match_id, ())) if row.match_id is not None else (),
            )
        )
    return hits


def _matched_terms(
    conn: psycopg.Connection, query: Query, rows: list[FoundArticle]
) -> dict[int, list[str]]:
    """Each row's matched words and phrases, as ``Query.matched_terms`` finds them at ingest:
    the parts of the query that match outside a NOT, each tested against the stored terms
    with its own tsquery (the same answers, by the agreement of Query and its tsquery)."""
    parts = list(_parts(query.root, negated=False))
    flags = storage.matching_parts(
        conn, [row.id for row in rows], [part.to_tsquery() for part, _ in parts]
    )
    return {
        article_id: list(
            dict.fromkeys(
                part.text
                for (part, negated), match in zip(parts, found, strict=True)
                if match and not negated
            )
        )
        for article_id, found in flags.items()
    }


def _parts(node: Node, negated: bool) -> Iterator[tuple[Phrase, bool]]:
    """The query's words and phrases in order, each with whether a NOT stands above it."""
    if isinstance(node, Phrase):
        yield node, negated
    elif isinstance(node, Not):
        yield from _parts(node.operand, not negated)
    else:
        for operand in node.operands:
            yield from _parts(operand, negated)


# -- cursors --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cursor:
    after: Position | None = None
    tier_start: Position | None = None


def _fingerprint(request: SearchRequest) -> str:
    """What a cursor is valid for: the same query, filters, order and collapse."""
    key = json.dumps(
        [
            request.query,
            sorted(request.sources),
            request.topic,
            request.since.isoformat() if request.since else None,
            request.until.isoformat() if request.until else None,
            request.sort,
            request.collapse,
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _position_json(position: Position | None) -> list[Any] | None:
    if position is None:
        return None
    return [position.sort_at.isoformat(), position.id, position.rank]


def _write_cursor(
    request: SearchRequest, *, after: FoundArticle | Position, tier_start: Position | None = None
) -> str:
    if isinstance(after, FoundArticle):
        after = Position(after.sort_at or after.fetched_at, after.id)
    body = json.dumps(
        {
            "for": _fingerprint(request),
            "after": _position_json(after),
            "tier": _position_json(tier_start),
        },
        separators=(",", ":"),
    ).encode()
    check = hashlib.sha256(body).digest()[:6]
    return base64.urlsafe_b64encode(body + check).decode().rstrip("=")


def _read_cursor(request: SearchRequest) -> _Cursor:
    if request.after is None:
        return _Cursor()
    damaged = SearchError("the --after cursor is damaged: use one that a search printed")
    try:
        raw = base64.urlsafe_b64decode(request.after + "=" * (-len(request.after) % 4))
        body, check = raw[:-6], raw[-6:]
        if hashlib.sha256(body).digest()[:6] != check:
            raise damaged
        payload = json.loads(body)
        if payload["for"] != _fingerprint(request):
            raise SearchError(
                "the --after cursor belongs to another search: repeat the search it came from"
            )
        return _Cursor(_position(payload["after"]), _position(payload["tier"]))
    except (binascii.Error, ValueError, KeyError, TypeError, IndexError):
        raise damaged from None


def _position(value: list[Any] | None) -> Position | None:
    if value is None:
        return None
    at, article_id, rank = value
    moment = datetime.fromisoformat(at)
    if moment.tzinfo is None or not isinstance(article_id, int):
        raise ValueError("a cursor position needs an aware time and an article id")
    return Position(moment, article_id, float(rank) if rank is not None else None)


# -- rasad topics test ----------------------------------------------------------------------


def topic_or_query(
    topics: tuple[Topic, ...], query_or_topic_id: str
) -> tuple[Query, str, str | None]:
    """The query ``rasad topics test`` tries: a topic's (by id), or the text as a query.

    An ascii slug that names no topic is refused with the nearest id rather than searched
    for: topic ids are ascii slugs, and an analyst's query words are Arabic.
    """
    for topic in topics:
        if topic.id == query_or_topic_id:
            return topic.query, f"topic '{topic.id}' ({topic.name})", topic.id
    if _looks_like_id(query_or_topic_id):
        ids = [topic.id for topic in topics]
        raise SearchError(
            f"no topic '{query_or_topic_id}'{did_you_mean(query_or_topic_id, ids)} in the "
            "topics file (a query of Latin words alone is taken for a topic id: quote a word "
            "in it, like '\"word\"', to search for it)"
        )
    return parse_query(query_or_topic_id), "query", None


def _looks_like_id(text: str) -> bool:
    return bool(text) and text.isascii() and all(ch.isalnum() or ch in "-_" for ch in text)


def try_topic(
    conn: psycopg.Connection,
    topics: tuple[Topic, ...],
    query_or_topic_id: str,
    since: datetime | None = None,
    limit: int = 50,
) -> tuple[str, list[SearchHit]]:
    """What a topic (by id) or a query would match among stored articles; nothing is sent.

    For a topic, each hit says whether its story was matched and emailed, and to whom.
    """
    query, label, topic_id = topic_or_query(topics, query_or_topic_id)
    request = SearchRequest(query.text, since=since, sort="date", limit=limit)
    page = search(conn, request)
    if topic_id is None:
        return label, page.hits
    return label, _with_topic_status(conn, topic_id, page.hits)


def _with_topic_status(
    conn: psycopg.Connection, topic_id: str, hits: list[SearchHit]
) -> list[SearchHit]:
    """The hits with the topic's recorded match of their story, if any, and its emails."""
    matches = storage.topic_matches_of_clusters(
        conn, topic_id, [hit.article.cluster_id for hit in hits]
    )
    emails: dict[int, list[Delivery]] = {}
    for delivery in storage.deliveries(conn, [m.match_id for m in matches.values()]):
        emails.setdefault(delivery.match_id, []).append(delivery)
    result = []
    for hit in hits:
        match = matches.get(hit.article.cluster_id)
        alert = match.alert if match else "not matched yet (the daemon matches new articles)"
        sent = tuple(emails.get(match.match_id, ())) if match else ()
        result.append(SearchHit(hit.article, hit.matched_terms, hit.snippet, alert, sent))
    return result
