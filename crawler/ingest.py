"""One downloaded page through extract -> clean -> dedup -> store: the path every page takes.

The crawl pipeline calls :func:`ingest_page` for each article page it downloads; ``rasad
extract`` calls :func:`rasad.crawler.extract.extract_page`, the same first step, and prints.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rasad.alerts.analysis import AnalysedDocument, analyse_article, tsvector_literal
from rasad.crawler.extract import ExtractedArticle, extract_page
from rasad.crawler.neardup import cluster_signature
from rasad.crawler.urls import canonical_url
from rasad.storage.articles import NewArticle, Outcome, record_skipped, store_article

if TYPE_CHECKING:
    from psycopg import Connection

    from rasad.alerts.matcher import TopicMatcher
    from rasad.crawler.catalog import Source
    from rasad.storage.articles import StoreResult


@dataclass(frozen=True)
class IngestResult:
    """What became of one page: ``new``, ``duplicate`` or ``skipped``, with the reason."""

    outcome: str
    url: str
    article_id: int | None = None
    reason: str | None = None


def ingest_page(
    conn: Connection,
    body: bytes,
    url: str,
    source: Source,
    *,
    http_encoding: str | None = None,
    link_key: str | None = None,
    matcher: TopicMatcher | None = None,
) -> IngestResult:
    """Extract the page at ``url`` and store it once; topics are matched in that transaction.

    ``link_key`` is the canonical form of the link the crawl followed, which may differ from
    the page's own (a redirect, a short link, rel=canonical): both are remembered as seen.
    """
    extracted = extract_page(body, url, source, http_encoding=http_encoding)
    keys = tuple(key for key in (link_key, canonical_url(url)) if key)
    if not isinstance(extracted, ExtractedArticle):
        record_skipped(conn, source.id, url, keys, extracted.reason)
        return IngestResult("skipped", url, reason=extracted.reason)
    # Analysed once: the same terms are stored for search and matched against the topics.
    document = analyse_article(extracted.title, extracted.text)

    def match_topics(conn: Connection, stored: StoreResult, article: NewArticle) -> None:
        if matcher is not None and matcher.topics:
            matcher.match(conn, stored, article, document)

    article = replace(new_article(extracted, source.id, document), seen_as=keys)
    result = store_article(conn, article, match_topics)
    if result.outcome is Outcome.DUPLICATE:
        return IngestResult("duplicate", url, result.article_id, result.duplicate_reason)
    return IngestResult("new", url, result.article_id)


def new_article(
    extracted: ExtractedArticle, source_id: str, document: AnalysedDocument | None = None
) -> NewArticle:
    """The storage record of an extracted article, with its analysed terms and the signature
    that finds other outlets' copies of its story (the body only: outlets change headlines)."""
    return NewArticle(
        source_id=source_id,
        url=extracted.url,
        canonical_url=extracted.canonical_url,
        title=extracted.title,
        byline=extracted.byline,
        published_at=extracted.published_at,
        language=extracted.language,
        text=extracted.text,
        content_hash=extracted.content_hash,
        terms=tsvector_literal(document or analyse_article(extracted.title, extracted.text)),
        signature=cluster_signature(extracted.text),
    )
