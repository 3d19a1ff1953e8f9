"""One downloaded page through extract -> clean -> dedup -> store: the path every page takes.

The crawl pipeline calls :func:`ingest_page` for each article page it downloads; ``rasad
extract`` calls :func:`rasad.crawler.extract.extract_page`, the same first step, and prints.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from rasad.alerts.analysis import AnalysedDocument, analyse_article, tsvector_literal
from rasad.config.limits import INDEXED_TEXT_MAX_CHARS
from rasad.crawler.dates import DiscoveryHint
from rasad.crawler.extract import (
    MIN_ARTICLE_WORDS,
    ExtractedArticle,
    SkippedPage,
    content_hash,
    extract_page,
)
from rasad.crawler.learned import (
    WINDOW_ARTICLES,
    SourceLines,
    Verdict,
    forget_in_stored,
    text_line_keys,
    without_lines,
)
from rasad.crawler.neardup import cluster_signature
from rasad.crawler.urls import canonical_url
from rasad.storage.articles import (
    NewArticle,
    Outcome,
    record_failed,
    record_skipped,
    store_signed,
)
from rasad.storage.line_keys import save_line_keys

if TYPE_CHECKING:
    from datetime import datetime

    from psycopg import Connection

    from rasad.alerts.matcher import TopicMatcher
    from rasad.crawler.catalog import Source
    from rasad.storage.articles import StoreResult
    from rasad.storage.clusters import ClusterSignature
    from rasad.storage.discovered import Discovery


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
    discovery: Discovery | None = None,
    fetched_at: datetime | None = None,
    learned: SourceLines | None = None,
) -> IngestResult:
    """Extract the page at ``url`` and store it once; topics are matched in that transaction.

    ``link_key`` is the canonical form of the link the crawl followed, which may differ from
    the page's own (a redirect, a short link, rel=canonical): both are remembered as seen.
    ``discovery`` says how Rasad came to the link: the feed or sitemap date beside it is a
    publication date for a page that states none, and an undated article is alerted on by it.
    ``learned`` is the source's window of line fingerprints (read once per crawl): lines it
    holds as the outlet's boilerplate are left out, and the window grows with the article.
    """
    extracted = extract_page(
        body,
        url,
        source,
        http_encoding=http_encoding,
        fetched_at=fetched_at,
        hint=discovery_hint(discovery),
    )
    keys = page_keys(url, link_key)
    if not isinstance(extracted, ExtractedArticle):
        record_skipped(conn, source.id, url, keys, extracted.reason)
        return IngestResult("skipped", url, reason=extracted.reason)
    page = _Page(extracted, source, keys, matcher, discovery)
    if learned is None:
        return _store(conn, page, None)
    # One page of a source at a time from here (extraction above runs side by side): each
    # page is judged by a window that holds every page stored before it.
    with learned.storing:
        return _store(conn, page, learned)


@dataclass(frozen=True)
class _Page:
    """An extracted page on its way into storage, with what storing it needs."""

    extracted: ExtractedArticle
    source: Source
    seen_as: tuple[str, ...]
    matcher: TopicMatcher | None
    discovery: Discovery | None


def _store(conn: Connection, page: _Page, learned: SourceLines | None) -> IngestResult:
    extracted, source, url = page.extracted, page.source, page.extracted.url
    line_keys = text_line_keys(extracted.text)
    verdict = learned.judge(line_keys) if learned else Verdict(frozenset(), frozenset())
    article_or_skip = (
        _without_boilerplate(extracted, line_keys, verdict.boilerplate)
        if verdict.boilerplate
        else extracted
    )
    if not isinstance(article_or_skip, ExtractedArticle):
        record_skipped(conn, source.id, url, page.seen_as, article_or_skip.reason)
        return IngestResult("skipped", url, reason=article_or_skip.reason)
    signature = cluster_signature(article_or_skip.text)
    # Analysed once, on first use: while the server looks up the story by the signature
    # (finish), then the same terms are matched against the topics (on_new).
    document = cache(lambda: analysed(article_or_skip))

    def finish() -> NewArticle:
        return replace(
            new_article(article_or_skip, source.id, document(), signature),
            seen_as=page.seen_as,
            discovery=page.discovery,
            found_at=page.discovery.first_seen_at if page.discovery else None,
        )

    cleaned: list[int] = []

    def on_new(conn: Connection, stored: StoreResult, article: NewArticle) -> None:
        # The window moves in the article's own transaction: rows and fingerprints agree.
        window = learned.window if learned is not None else WINDOW_ARTICLES
        save_line_keys(conn, source.id, stored.article_id, set(line_keys), window)
        if learned is not None and verdict.boilerplate:
            # Earlier articles stored before these lines were known lose them now.
            cleaned.extend(forget_in_stored(conn, learned, verdict.boilerplate))
        if page.matcher is not None and page.matcher.topics:
            page.matcher.match(conn, stored, article, document())

    result = store_signed(conn, signature, finish, on_new)
    if result.outcome is Outcome.DUPLICATE:
        return IngestResult("duplicate", url, result.article_id, result.duplicate_reason)
    if learned is not None:
        learned.remember(result.article_id, line_keys, verdict.boilerplate)
        learned.cleaned(cleaned, verdict.boilerplate)
    return IngestResult("new", url, result.article_id)


def _without_boilerplate(
    extracted: ExtractedArticle, line_keys: list[int], boilerplate: frozenset[int]
) -> ExtractedArticle | SkippedPage:
    text = without_lines(extracted.text, line_keys, boilerplate)
    words = len(text.split())
    if words < MIN_ARTICLE_WORDS:
        reason = f"not an article: {words} words besides the outlet's repeated lines"
        return SkippedPage(extracted.url, reason)
    return replace(extracted, text=text, content_hash=content_hash(text))


def page_keys(url: str, link_key: str | None) -> tuple[str, ...]:
    """The seen-URL keys of a page: the link followed to it and its own canonical URL."""
    return tuple(dict.fromkeys(key for key in (link_key, canonical_url(url)) if key))


def record_failed_page(
    conn: Connection, source_id: str, url: str, link_key: str | None, reason: str
) -> None:
    """Remember a page that could not be stored under every key it was reached by."""
    record_failed(conn, source_id, url, page_keys(url, link_key), reason)


def analysed(extracted: ExtractedArticle) -> AnalysedDocument:
    """The article's terms, from a bounded prefix of its title and text (config/limits.py)."""
    return analyse_article(extracted.title, extracted.text[:INDEXED_TEXT_MAX_CHARS])


def new_article(
    extracted: ExtractedArticle,
    source_id: str,
    document: AnalysedDocument | None = None,
    signature: ClusterSignature | None = None,
) -> NewArticle:
    """The storage record of an extracted article, with its analysed terms and the signature
    that finds other outlets' copies of its story (the body only: outlets change headlines);
    either is computed here unless given."""
    return NewArticle(
        source_id=source_id,
        url=extracted.url,
        canonical_url=extracted.canonical_url,
        title=extracted.title,
        byline=extracted.byline,
        published_at=extracted.published_at,
        published_at_source=extracted.published_at_source,
        published_date_only=extracted.published_date_only,
        language=extracted.language,
        text=extracted.text,
        content_hash=extracted.content_hash,
        terms=tsvector_literal(document or analysed(extracted)),
        signature=signature or cluster_signature(extracted.text),
        text_truncated=extracted.text_truncated,
    )


def discovery_hint(discovery: Discovery | None) -> DiscoveryHint | None:
    """The date a feed item or news-sitemap entry gave the link, as a publication-date hint."""
    if discovery is None or discovery.stated_at is None or discovery.found_in == "section":
        return None
    return DiscoveryHint(discovery.stated_at, discovery.found_in, discovery.stated_date_only)
