"""Boilerplate learned per outlet: an outlet's own repeated block, in words no rule knows, is
left out of what Rasad stores for it; sentences a few articles really share are kept."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import psycopg
from harness import (
    crawl_environment,
    create_database,
    drop_database,
    run_rasad,
    with_database,
)
from outlets.build import XML, BlockOutlet, block_outlet, page, urlset, write_catalog
from outlets.server import OutletServer, Response

from rasad.alerts.analysis import analyse_document
from rasad.crawler.catalog import Source
from rasad.crawler.extract import ExtractedArticle, extract_page
from rasad.crawler.ingest import ingest_page
from rasad.crawler.learned import SourceLines, load_source_lines, text_line_keys
from rasad.storage.sources import SourceEntry, sync_sources

if TYPE_CHECKING:
    from pathlib import Path

HORIZON = Source(id="horizon", name="الأفق", homepage="https://horizon.example/")


def _stored(db: psycopg.Connection) -> dict[str, str]:
    return dict(db.execute("SELECT canonical_url, text FROM articles").fetchall())


def _ingest(db: psycopg.Connection, outlet: BlockOutlet, lines: SourceLines) -> None:
    sync_sources(db, [SourceEntry("horizon", "الأفق", HORIZON.homepage, 15, True)])
    for url, html in outlet.pages:
        assert ingest_page(db, html.encode(), url, HORIZON, learned=lines).outcome == "new"


def test_the_rules_alone_keep_the_block() -> None:
    outlet = block_outlet(3, "https://horizon.example")
    for url, html in outlet.pages:
        article = extract_page(html.encode(), url, HORIZON)
        assert isinstance(article, ExtractedArticle)
        assert all(line in article.text for line in outlet.block)


def test_a_block_on_every_page_is_learned_and_left_out_of_every_article(
    db: psycopg.Connection,
) -> None:
    outlet = block_outlet(12, "https://horizon.example")

    _ingest(db, outlet, SourceLines("horizon"))

    stored = _stored(db)
    assert len(stored) == 12
    for article in outlet.articles:
        text = stored[article.url]
        assert not [line for line in outlet.block if line in text]
        # Every true paragraph is kept, the quote three articles share among them.
        assert [p for p in article.paragraphs if p not in text] == []
    assert sum(outlet.shared[0] in text for text in stored.values()) == 2  # articles 3 and 9


def test_the_first_articles_are_cleaned_once_the_block_is_known(db: psycopg.Connection) -> None:
    outlet = block_outlet(4, "https://horizon.example")
    lines = SourceLines("horizon")
    sync_sources(db, [SourceEntry("horizon", "الأفق", HORIZON.homepage, 15, True)])
    for url, html in outlet.pages[:3]:
        ingest_page(db, html.encode(), url, HORIZON, learned=lines)
    assert all(outlet.block[0] in text for text in _stored(db).values())
    # A word only the block holds, as the analysis stores it: the search terms follow the text.
    (block_term,) = analyse_document("شركاءنا").sorted_terms
    before = [row[0] for row in db.execute("SELECT terms::text FROM articles")]
    assert all(f"'{block_term}'" in terms for terms in before)

    url, html = outlet.pages[3]
    ingest_page(db, html.encode(), url, HORIZON, learned=lines)

    texts = db.execute("SELECT text, content_hash, terms::text FROM articles").fetchall()
    assert len(texts) == 4
    assert not [text for text, _, _ in texts if outlet.block[0] in text]
    assert not [terms for _, _, terms in texts if f"'{block_term}'" in terms]
    assert len({digest for _, digest, _ in texts}) == 4


def test_articles_stored_before_the_block_was_known_are_cleaned_by_the_next_crawl(
    db: psycopg.Connection,
) -> None:
    outlet = block_outlet(8, "https://horizon.example")
    sync_sources(db, [SourceEntry("horizon", "الأفق", HORIZON.homepage, 15, True)])
    # Judged at once, as a crawl's worker threads may: none of them sees the others.
    for url, html in outlet.pages[:5]:
        ingest_page(db, html.encode(), url, HORIZON, learned=SourceLines("horizon"))
    assert all(outlet.block[0] in text for text in _stored(db).values())

    lines = load_source_lines(db, "horizon")  # the next crawl
    for url, html in outlet.pages[5:]:
        ingest_page(db, html.encode(), url, HORIZON, learned=lines)

    assert not [text for text in _stored(db).values() if outlet.block[0] in text]


def test_the_window_is_read_back_from_what_is_stored_and_kept_to_its_size(
    db: psycopg.Connection,
) -> None:
    outlet = block_outlet(8, "https://horizon.example")

    _ingest(db, outlet, SourceLines("horizon", window=5))

    rows = db.execute("SELECT count(*) FROM article_line_keys WHERE source_id = 'horizon'")
    assert rows.fetchone()[0] == 5
    fresh = load_source_lines(db, "horizon")
    verdict = fresh.judge(text_line_keys("\n".join(outlet.block)))
    assert verdict.known == frozenset(text_line_keys("\n".join(outlet.block)))


def test_a_crawl_learns_the_block_of_a_new_outlet(
    tmp_path: Path, server_url: str, template_database: str
) -> None:
    name = f"rasad_learn_{os.getpid()}"
    create_database(server_url, name, template=template_database)
    server = OutletServer()
    try:
        outlet = block_outlet(8, server.base)
        for url, html in outlet.pages:
            server.route(url.removeprefix(server.base), page(html))
        urls = [url for url, _ in outlet.pages]
        server.route(
            "/sitemap.xml",
            Response(body=urlset(urls, outlet.articles[0].published_at), content_type=XML),
        )
        catalog = write_catalog(
            tmp_path / "sources.toml",
            [{"id": "horizon", "name": "الأفق", "homepage": server.url("/"),
              "sitemaps": [server.url("/sitemap.xml")], "article_pattern": "/news/"}],
        )  # fmt: skip
        env = crawl_environment(with_database(server_url, name), tmp_path / "data", catalog)
        result = run_rasad(env, "crawl")
        assert result.returncode == 0, result.stderr
        with psycopg.connect(with_database(server_url, name)) as conn:
            texts = [row[0] for row in conn.execute("SELECT text FROM articles")]
    finally:
        server.stop()
        drop_database(server_url, name)
    assert len(texts) == 8
    assert not [text for text in texts if outlet.block[1] in text]
