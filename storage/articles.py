"""Writing articles once, and reading them back.

An article is stored in one transaction: the article row, its cluster, the seen-URL record, and
whatever the caller adds through ``on_new`` (topic matches and outbox rows), so a crash leaves
either all of it or none. Unique keys on ``canonical_url`` and ``content_hash`` make the insert
idempotent across daemons: the loser of a race finds the winner's row and records a duplicate.

An article with a near-duplicate signature joins the cluster of an earlier copy of its story
(another outlet's rewrite of the same wire copy), found and locked as ``storage.clusters``
explains; it is still stored, as a new article of that cluster.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from psycopg.rows import class_row, scalar_row

from rasad.storage.clusters import (
    ClusterSignature,
    join_cluster,
    lock_band_keys,
    matching_cluster,
    open_cluster,
    save_signature,
    send_story_lookup,
)
from rasad.storage.database import pipelined_transaction

if TYPE_CHECKING:
    from psycopg import Connection

    from rasad.storage.discovered import Discovery


class Outcome(enum.StrEnum):
    NEW = "new"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class NewArticle:
    """An extracted article, ready to store. ``terms`` is a tsvector literal of analysed terms.

    Without a ``signature`` the article is never matched to other copies of its story: it
    opens a cluster of its own.
    """

    source_id: str
    url: str
    canonical_url: str
    title: str
    byline: str | None
    published_at: datetime | None
    language: str | None
    text: str
    content_hash: str
    terms: str
    signature: ClusterSignature | None = None
    # The text was cut at the text limit (config/limits.py).
    text_truncated: bool = False
    # Other canonical URLs the page was reached by (the feed's link, before redirects).
    seen_as: tuple[str, ...] = ()
    # Where published_at was stated (meta, json-ld, feed, sitemap, text, url), and whether it
    # is a day without a time (local midnight).
    published_at_source: str | None = None
    published_date_only: bool = False
    # When Rasad first saw the link, and how it came to it (None outside a crawl).
    found_at: datetime | None = None
    discovery: Discovery | None = None


@dataclass(frozen=True)
class StoreResult:
    outcome: Outcome
    article_id: int
    cluster_id: int
    duplicate_reason: str | None = None


@dataclass(frozen=True)
class ArticleRow:
    """An article as analysts read it (the JSON fields of DESIGN.md, plus rank).

    ``outlets`` is the number of outlets that carried the article's story (its cluster).
    """

    id: int
    url: str
    canonical_url: str
    source: str
    title: str
    byline: str | None
    published_at: datetime | None
    fetched_at: datetime
    text: str
    language: str | None
    content_hash: str
    cluster_id: int
    rank: float = 0.0
    outlets: int = 1


OnNew = Callable[["Connection", StoreResult, NewArticle], None]


@contextmanager
def _page_transaction(conn: Connection) -> Iterator[None]:
    """The transaction that records what became of one fetched page, in a pipeline: BEGIN goes
    out with the first statements, COMMIT with the last, and the server is waited for only
    where an answer is read (``storage.database.pipelined_transaction``).

    The commit does not wait for the disk (a flush took 0.8 ms of the 3.4 ms a store cost).
    A crash of the server within that moment loses the whole transaction, which is then as if
    the page had never been fetched: the next crawl fetches it again. Nothing of an article
    was emailed by then, since claiming an alert commits synchronously and so flushes the log
    up to there, this transaction's commit included.
    """
    with pipelined_transaction(conn):
        conn.execute("SET LOCAL synchronous_commit = off")
        yield


def store_article(
    conn: Connection, article: NewArticle, on_new: OnNew | None = None
) -> StoreResult:
    """Store ``article`` unless its URL or text is already stored; one transaction either way."""
    return store_signed(conn, article.signature, lambda: article, on_new)


def store_signed(
    conn: Connection,
    signature: ClusterSignature | None,
    finish: Callable[[], NewArticle],
    on_new: OnNew | None = None,
) -> StoreResult:
    """As :func:`store_article`, for an article that ``finish`` completes (its search terms
    analysed) while the server looks up the earlier copies of its story by ``signature``."""
    with _page_transaction(conn):
        lookup = None
        if signature is not None:
            lock_band_keys(conn, signature)
            lookup = send_story_lookup(conn, signature)
        article = finish()  # while the server takes the locks and looks up the story
        matched_cluster = matching_cluster(lookup) if lookup is not None else None
        inserted = (
            conn.cursor(row_factory=class_row(_Inserted))
            .execute(
                """
            INSERT INTO articles (source_id, url, canonical_url, title, byline, published_at,
                                  published_at_source, published_date_only, found_at,
                                  language, text, content_hash, cluster_id, terms,
                                  text_truncated)
            VALUES (%(source_id)s, %(url)s, %(canonical_url)s, %(title)s, %(byline)s,
                    %(published_at)s, %(published_at_source)s, %(published_date_only)s,
                    %(found_at)s, %(language)s, %(text)s, %(content_hash)s,
                    coalesce(%(matched_cluster)s, nextval('clusters_id_seq')), %(terms)s::tsvector,
                    %(text_truncated)s)
            ON CONFLICT DO NOTHING
            RETURNING id, cluster_id
            """,
                {**article.__dict__, "matched_cluster": matched_cluster},
            )
            .fetchone()
        )
        if inserted is None:
            result = _existing(conn, article)
            _record_seen(conn, article, result)
            return result
        article_id, cluster_id = inserted.id, inserted.cluster_id
        result = StoreResult(Outcome.NEW, article_id, cluster_id)
        # The writes that follow need no answer from the server: they go out together, with
        # the COMMIT (what on_new reads still waits for the server).
        if matched_cluster is None:
            open_cluster(conn, cluster_id, article_id, article.source_id, article.published_at)
        else:
            join_cluster(conn, cluster_id, article.source_id, article.published_at)
        if signature is not None:
            save_signature(conn, article_id, signature)
        _record_seen(conn, article, result)
        if on_new is not None:
            on_new(conn, result, article)
        return result


@dataclass(frozen=True)
class _Inserted:
    id: int
    cluster_id: int


@dataclass(frozen=True)
class _Conflict:
    id: int
    cluster_id: int
    same_url: bool


def _existing(conn: Connection, article: NewArticle) -> StoreResult:
    row = (
        conn.cursor(row_factory=class_row(_Conflict))
        .execute(
            """
        SELECT id, cluster_id, canonical_url = %s AS same_url
        FROM articles WHERE canonical_url = %s OR content_hash = %s
        ORDER BY (canonical_url = %s) DESC LIMIT 1
        """,
            (article.canonical_url,) * 2 + (article.content_hash, article.canonical_url),
        )
        .fetchone()
    )
    if row is None:  # the conflicting row was deleted in between; vanishingly rare
        raise RuntimeError(f"article {article.canonical_url} conflicted with a row that is gone")
    reason = "same canonical URL" if row.same_url else "same text as another URL"
    return StoreResult(Outcome.DUPLICATE, row.id, row.cluster_id, reason)


def _record_seen(conn: Connection, article: NewArticle, result: StoreResult) -> None:
    """Remember the article's canonical URL and every other key it was reached by (the link
    as the feed gave it, before redirects and rel=canonical), so none is downloaded again."""
    outcome = "article" if result.outcome is Outcome.NEW else "duplicate"
    keys = dict.fromkeys((article.canonical_url, *article.seen_as))
    with conn.cursor() as cur:
        cur.executemany(
            """
            INSERT INTO seen_urls (canonical_url, source_id, url, outcome, article_id, reason)
            VALUES (%s, %s, %s, %s, %s, %s)
            ON CONFLICT (canonical_url) DO UPDATE SET
                outcome = excluded.outcome, article_id = excluded.article_id,
                reason = excluded.reason, checked_at = now(), failures = 0, retry_at = NULL
            -- a page once too short, or once failing, is an article now
            WHERE seen_urls.outcome IN ('skipped', 'failed')
            """,
            [
                (
                    key,
                    article.source_id,
                    article.url,
                    outcome if key == article.canonical_url else "duplicate",
                    result.article_id,
                    result.duplicate_reason if key == article.canonical_url else "another URL",
                )
                for key in keys
            ],
        )


def record_skipped(
    conn: Connection, source_id: str, url: str, canonical_urls: Iterable[str], reason: str
) -> None:
    """Remember a page that is no article under every key it was reached by."""
    with _page_transaction(conn), conn.cursor() as cur:
        cur.executemany(
            """
            INSERT INTO seen_urls (canonical_url, source_id, url, outcome, reason)
            VALUES (%s, %s, %s, 'skipped', %s)
            ON CONFLICT (canonical_url) DO UPDATE SET
                outcome = 'skipped', reason = excluded.reason, checked_at = now(),
                failures = 0, retry_at = NULL
            WHERE seen_urls.outcome IN ('skipped', 'failed')
            """,
            [(key, source_id, url, reason) for key in dict.fromkeys(canonical_urls)],
        )


# A page that could not be stored is asked again after this long, then after twice as long
# each time it fails again, up to a week: a broken page costs a few requests a week, never
# one per crawl, and a page fixed by its outlet is still picked up.
RETRY_FAILED_AFTER = "1 hour"
RETRY_FAILED_AT_MOST = "7 days"


def record_failed(
    conn: Connection, source_id: str, url: str, canonical_urls: Iterable[str], reason: str
) -> None:
    """Remember a page that could not be stored, with why, and when to try it again."""
    with _page_transaction(conn), conn.cursor() as cur:
        cur.executemany(
            """
            INSERT INTO seen_urls (canonical_url, source_id, url, outcome, reason, failures,
                                   retry_at)
            VALUES (%(key)s, %(source)s, %(url)s, 'failed', %(reason)s, 1,
                    now() + %(first)s::interval)
            ON CONFLICT (canonical_url) DO UPDATE SET
                outcome = 'failed', reason = excluded.reason, checked_at = now(),
                failures = seen_urls.failures + 1,
                retry_at = now() + least(%(first)s::interval * 2 ^ seen_urls.failures,
                                         %(most)s::interval)
            WHERE seen_urls.outcome IN ('skipped', 'failed')
            """,
            [
                {
                    "key": key,
                    "source": source_id,
                    "url": url,
                    "reason": reason,
                    "first": RETRY_FAILED_AFTER,
                    "most": RETRY_FAILED_AT_MOST,
                }
                for key in dict.fromkeys(canonical_urls)
            ],
        )


# A page skipped for being short may be a breaking-news stub that grows into an article, or
# a maintenance page: it is downloaded again after this long, for this long after first seen.
RECHECK_SHORT_AFTER = "1 hour"
RECHECK_SHORT_DURING = "2 days"


def seen_urls(conn: Connection, canonical_urls: Iterable[str]) -> set[str]:
    """The subset of ``canonical_urls`` fetched before and not due for another look: a
    failed page is due at its ``retry_at``, a short page as RECHECK_SHORT_AFTER says."""
    wanted = list(canonical_urls)
    if not wanted:
        return set()
    rows = (
        conn.cursor(row_factory=scalar_row)
        .execute(
            """
        SELECT canonical_url FROM seen_urls
        WHERE canonical_url = ANY(%s)
          AND NOT (outcome = 'skipped' AND reason LIKE 'not an article%%'
                   AND checked_at < now() - %s::interval
                   AND first_seen_at > now() - %s::interval)
          AND NOT (outcome = 'failed' AND retry_at <= now())
        """,
            (wanted, RECHECK_SHORT_AFTER, RECHECK_SHORT_DURING),
        )
        .fetchall()
    )
    return set(rows)
