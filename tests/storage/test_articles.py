"""Storing articles once: rows in PostgreSQL after new, duplicate and skipped pages."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime

import psycopg
import pytest

from rasad.storage.articles import (
    NewArticle,
    Outcome,
    record_skipped,
    seen_urls,
    store_article,
)
from rasad.storage.search import ArticleFilter, newest
from rasad.storage.sources import SourceEntry, sync_sources

ARTICLE = NewArticle(
    source_id="alpha",
    url="https://alpha.example/news/1?utm_source=x",
    canonical_url="https://alpha.example/news/1",
    title="فرار عائلات من مخيم الهول",
    byline="أحمد",
    published_at=datetime(2026, 11, 1, 9, 30, tzinfo=UTC),
    language="ar",
    text="نص الخبر الأول عن المخيم.",
    content_hash="a" * 64,
    terms="'مخيم':1 'الهول':2",
)


def add_sources(db: psycopg.Connection) -> None:
    sync_sources(
        db,
        [
            SourceEntry("alpha", "ألفا", "https://alpha.example/", 15, True),
            SourceEntry("beta", "بيتا", "https://beta.example/", 15, True),
        ],
    )


def count(db: psycopg.Connection, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_new_article_gets_its_row_its_cluster_and_a_seen_url(db: psycopg.Connection) -> None:
    add_sources(db)
    result = store_article(db, ARTICLE)
    assert result.outcome is Outcome.NEW
    row = db.execute(
        "SELECT canonical_url, title, cluster_id, published_at FROM articles WHERE id = %s",
        (result.article_id,),
    ).fetchone()
    assert row == (ARTICLE.canonical_url, ARTICLE.title, result.cluster_id, ARTICLE.published_at)
    first = db.execute("SELECT first_article_id FROM clusters WHERE id = %s", (result.cluster_id,))
    assert first.fetchone()[0] == result.article_id
    assert seen_urls(db, [ARTICLE.canonical_url, "https://alpha.example/news/2"]) == {
        ARTICLE.canonical_url
    }


def test_the_same_canonical_url_is_stored_once(db: psycopg.Connection) -> None:
    add_sources(db)
    first = store_article(db, ARTICLE)
    again = store_article(db, replace(ARTICLE, text="نص معدل", content_hash="b" * 64))
    assert again.outcome is Outcome.DUPLICATE
    assert again.article_id == first.article_id
    assert again.duplicate_reason == "same canonical URL"
    assert count(db, "articles") == 1


def test_identical_text_from_another_url_is_recorded_against_the_first(
    db: psycopg.Connection,
) -> None:
    add_sources(db)
    first = store_article(db, ARTICLE)
    copy = replace(
        ARTICLE,
        source_id="beta",
        url="https://beta.example/n/9",
        canonical_url="https://beta.example/n/9",
    )
    again = store_article(db, copy)
    assert again.outcome is Outcome.DUPLICATE
    assert again.duplicate_reason == "same text as another URL"
    assert count(db, "articles") == 1
    seen = db.execute(
        "SELECT outcome, article_id FROM seen_urls WHERE canonical_url = %s", (copy.canonical_url,)
    ).fetchone()
    assert seen == ("duplicate", first.article_id)


def test_a_failure_in_the_same_transaction_leaves_nothing_behind(db: psycopg.Connection) -> None:
    add_sources(db)

    def fail(*_: object) -> None:
        raise RuntimeError("the matcher broke")

    with pytest.raises(RuntimeError, match="the matcher broke"):
        store_article(db, ARTICLE, on_new=fail)
    assert count(db, "articles") == 0
    assert count(db, "clusters") == 0
    assert count(db, "seen_urls") == 0


def test_skipped_pages_are_remembered(db: psycopg.Connection) -> None:
    add_sources(db)
    record_skipped(
        db, "alpha", "https://alpha.example/tag/x", ["https://alpha.example/tag/x"], "listing page"
    )
    row = db.execute("SELECT outcome, reason FROM seen_urls").fetchone()
    assert row == ("skipped", "listing page")


def test_the_link_that_led_to_an_article_is_remembered_too(db: psycopg.Connection) -> None:
    # A feed links to /a/1; the page says its canonical URL is /news/1.
    add_sources(db)
    store_article(db, replace(ARTICLE, seen_as=("https://alpha.example/a/1",)))
    wanted = ["https://alpha.example/a/1", ARTICLE.canonical_url, "https://alpha.example/a/2"]
    assert seen_urls(db, wanted) == {"https://alpha.example/a/1", ARTICLE.canonical_url}


def test_a_page_too_short_is_looked_at_again_later_a_listing_never(db: psycopg.Connection) -> None:
    add_sources(db)
    stub, listing = "https://alpha.example/news/9", "https://alpha.example/tag/9"
    record_skipped(db, "alpha", stub, [stub], "not an article: 12 words of text")
    record_skipped(db, "alpha", listing, [listing], "listing page: 80 links, little text")
    assert seen_urls(db, [stub, listing]) == {stub, listing}
    db.execute("UPDATE seen_urls SET checked_at = now() - interval '2 hours'")
    assert seen_urls(db, [stub, listing]) == {listing}
    # The stub has grown into an article: stored, and seen as such from now on.
    store_article(db, replace(ARTICLE, canonical_url=stub))
    assert db.execute(
        "SELECT outcome FROM seen_urls WHERE canonical_url = %s", (stub,)
    ).fetchone() == ("article",)
    assert seen_urls(db, [stub]) == {stub}


def test_two_writers_racing_on_one_story_store_it_once(database_url: str) -> None:
    with psycopg.connect(database_url) as conn:
        add_sources(conn)
    results = []

    def write(source_id: str, url: str) -> None:
        with psycopg.connect(database_url) as conn:
            results.append(
                store_article(conn, replace(ARTICLE, source_id=source_id, canonical_url=url))
            )

    threads = [
        threading.Thread(target=write, args=("alpha", "https://alpha.example/news/1")),
        threading.Thread(target=write, args=("beta", "https://beta.example/n/1")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.outcome for r in results) == [Outcome.DUPLICATE, Outcome.NEW]
    with psycopg.connect(database_url) as conn:
        assert count(conn, "articles") == 1


def test_search_filters_by_terms_source_and_dates(db: psycopg.Connection) -> None:
    add_sources(db)
    store_article(db, ARTICLE)
    other = replace(
        ARTICLE,
        source_id="beta",
        canonical_url="https://beta.example/n/2",
        content_hash="c" * 64,
        terms="'سجن':1",
        published_at=datetime(2026, 10, 1, tzinfo=UTC),
    )
    store_article(db, other)

    def sources(**filters: object) -> list[str]:
        return [r.source for r in newest(db, ArticleFilter(**filters), None, 20)]  # type: ignore[arg-type]

    assert sources(tsquery="'مخيم'") == ["alpha"]
    assert sources(sources=("beta",)) == ["beta"]
    assert sources(sources=("alpha", "beta")) == ["alpha", "beta"]
    since = datetime(2026, 10, 15, tzinfo=UTC)
    assert sources(since=since) == ["alpha"]
    assert sources(until=since) == ["beta"]


def test_a_long_text_is_stored_compressed_with_lz4_and_read_back_whole(
    db: psycopg.Connection,
) -> None:
    try:
        with db.transaction():
            db.execute("SET LOCAL default_toast_compression = lz4")
    except psycopg.errors.InvalidParameterValue:
        pytest.skip("this PostgreSQL server was built without lz4")
    add_sources(db)
    text = "\n".join(f"الفقرة {n}: نص طويل عن مخيم الهول والعائلات فيه." for n in range(400))
    result = store_article(db, replace(ARTICLE, text=text))
    row = db.execute(
        "SELECT pg_column_compression(text), text FROM articles WHERE id = %s",
        (result.article_id,),
    ).fetchone()
    assert row == ("lz4", text)
