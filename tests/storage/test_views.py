"""The documented SQL views answer as the CLI does, over rows the store step wrote."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rasad.crawler.catalog import load_catalog
from rasad.crawler.ingest import ingest_page
from rasad.storage.outbox import TopicEntry, record_match, sync_topics
from rasad.storage.sources import SourceEntry, sync_sources

if TYPE_CHECKING:
    import psycopg

from pathlib import Path

PAGE = Path(__file__).parents[1] / "crawler" / "pages" / "elbalad-isis-families.html"


def test_the_views_show_articles_stories_matches_and_health(db: psycopg.Connection) -> None:
    elbalad = next(s for s in load_catalog() if s.id == "elbalad")
    sync_sources(db, [SourceEntry("elbalad", elbalad.name, elbalad.homepage, 15, True)])
    result = ingest_page(db, PAGE.read_bytes(), "https://www.elbalad.news/6000001", elbalad)
    sync_topics(db, [TopicEntry("isis", "معتقلو داعش", "داعش", "immediate", ("a@example.org",))])
    cluster_id = db.execute("SELECT cluster_id FROM articles").fetchone()[0]
    with db.transaction():
        record_match(db, "isis", cluster_id, result.article_id, ["داعش"], "emailed")

    article = db.execute(
        "SELECT source, source_name, cluster_articles, cluster_outlets FROM analyst_articles"
    ).fetchone()
    assert article == ("elbalad", "صدى البلد", 1, 1)
    story = db.execute(
        "SELECT title, first_source, articles, sources FROM analyst_clusters"
    ).fetchone()
    assert story == (
        "بعد فرار عائلات داعش من سجون سوريا.. أين التحالف الدولي؟",
        "elbalad",
        1,
        ["elbalad"],
    )
    match = db.execute(
        "SELECT topic_name, source, matched_terms, alert FROM analyst_matches"
    ).fetchone()
    assert match == ("معتقلو داعش", "elbalad", ["داعش"], "emailed")
    health = db.execute(
        "SELECT source, enabled, articles, articles_24h FROM analyst_source_health"
    ).fetchone()
    assert health == ("elbalad", True, 1, 1)
