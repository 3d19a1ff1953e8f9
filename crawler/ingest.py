"""One downloaded page through extract -> clean -> dedup -> store: the path every page takes.

The crawl pipeline calls :func:`ingest_page` for each article page it downloads; ``rasad
extract`` calls :func:`rasad.crawler.extract.extract_page`, the same first step, and prints.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rasad.alerts.analysis import AnalysedDocument, analyse_document, tsvector_literal
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
from rasad.storage.articles import NewArticle, Outcome, record_skipped, store_article
from rasad.storage.line_keys import save_line_keys

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
    learned: SourceLines | None = None,
) -> IngestResult:
    """Extract the page at ``url`` and store it once; topics are matched in that transaction.

    ``link_key`` is the canonical form of the link the crawl followed, which may differ from
    the page's own (a redirect, a short link, rel=canonical): both are remembered as seen.
    ``learned`` is the source's window of line fingerprints (read once per crawl): lines it
    holds as the outlet's boilerplate are left out, and the window grows with the article.
    """
    extracted = extract_page(body, url, source, http_encoding=http_encoding)
    seen_as = tuple(key for key in (link_key, canonical_url(url)) if key)
    if not isinstance(extracted, ExtractedArticle):
        record_skipped(conn, source.id, url, seen_as, extracted.reason)
        return IngestResult("skipped", url, reason=extracted.reason)
    if learned is None:
        return _store(conn, extracted, source, seen_as, matcher, None)
    # One page of a source at a time from here (extraction above runs side by side): each
    # page is judged by a window that holds every page stored before it.
    with learned.storing:
        return _store(conn, extracted, source, seen_as, matcher, learned)


def _store(
    conn: Connection,
    extracted: ExtractedArticle,
    source: Source,
    seen_as: tuple[str, ...],
    matcher: TopicMatcher | None,
    learned: SourceLines | None,
) -> IngestResult:
    url = extracted.url
    line_keys = text_line_keys(extracted.text)
    verdict = learned.judge(line_keys) if learned else Verdict(frozenset(), frozenset())
    article_or_skip = (
        _without_boilerplate(extracted, line_keys, verdict.boilerplate)
        if verdict.boilerplate
        else extracted
    )
    if not isinstance(article_or_skip, ExtractedArticle):
        record_skipped(conn, source.id, url, seen_as, article_or_skip.reason)
        return IngestResult("skipped", url, reason=article_or_skip.reason)
    # Analysed once: the same terms are stored for search and matched against the topics.
    document = analyse_document(f"{article_or_skip.title}\n{article_or_skip.text}")
    cleaned: list[int] = []

    def on_new(conn: Connection, stored: StoreResult, article: NewArticle) -> None:
        # The window moves in the article's own transaction: rows and fingerprints agree.
        window = learned.window if learned is not None else WINDOW_ARTICLES
        save_line_keys(conn, source.id, stored.article_id, set(line_keys), window)
        if learned is not None and verdict.boilerplate:
            # Earlier articles stored before these lines were known lose them now.
            cleaned.extend(forget_in_stored(conn, learned, verdict.boilerplate))
        if matcher is not None and matcher.topics:
            matcher.match(conn, stored, article, document)

    article = replace(new_article(article_or_skip, source.id, document), seen_as=seen_as)
    result = store_article(conn, article, on_new)
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
        terms=tsvector_literal(
            document or analyse_document(f"{extracted.title}\n{extracted.text}")
        ),
        signature=cluster_signature(extracted.text),
    )
