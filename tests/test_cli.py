"""The command line as a user meets it: what it prints, its exit status, and the rows behind it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
import pytest

from rasad.alerts.analysis import analyse_article, tsvector_literal
from rasad.crawler.catalog import load_catalog
from rasad.crawler.ingest import ingest_page
from rasad.storage.sources import SourceEntry, sync_sources

if TYPE_CHECKING:
    from conftest import Rasad

PAGES = Path(__file__).parent / "crawler" / "pages"
SEED_PAGE = PAGES / "elbalad-isis-families.html"
SEED_URL = "https://www.elbalad.news/6000001"

TOPICS = """
[[topic]]
id = "isis-detainees"
name = "معتقلو داعش ومخيمات الشمال السوري"
query = '(داعش OR "تنظيم الدولة") AND (سجون OR معتقل* OR مخيم)'
recipients = ["analyst@example.org"]
"""


@pytest.fixture
def stored(database_url: str) -> str:
    """The seed page and a page of another topic, stored as the pipeline stores them."""
    elbalad = next(s for s in load_catalog() if s.id == "elbalad")
    with psycopg.connect(database_url) as conn:
        sync_sources(conn, [SourceEntry("elbalad", elbalad.name, elbalad.homepage, 15, True)])
        ingest_page(conn, SEED_PAGE.read_bytes(), SEED_URL, elbalad)
        ingest_page(
            conn,
            (PAGES / "cp1256-bread-prices.html").read_bytes(),
            "https://www.elbalad.news/6000002",
            elbalad,
        )
    return database_url


def test_extract_prints_the_clean_article(rasad: Rasad) -> None:
    result = rasad("extract", str(SEED_PAGE), "--source", "elbalad")
    assert result.exit_code == 0, result.stderr
    title, _byline, published, _url, blank, first = result.stdout.splitlines()[:6]
    assert title == "title: بعد فرار عائلات داعش من سجون سوريا.. أين التحالف الدولي؟"
    assert published.startswith("published: 20")
    assert blank == ""
    assert first.startswith("سنوات من القتال في سوريا")
    assert "الإشراف العام" not in result.stdout


def test_extract_json_has_the_design_fields(rasad: Rasad) -> None:
    result = rasad("extract", str(SEED_PAGE), "--json")
    assert result.exit_code == 0, result.stderr
    article = json.loads(result.stdout)
    assert set(article) == {
        "url",
        "canonical_url",
        "source",
        "title",
        "byline",
        "published_at",
        "text",
        "language",
        "content_hash",
        "cluster_id",
        "published_at_source",
        "published_date_only",
    }
    assert article["language"] == "ar"
    assert article["text"].startswith("سنوات من القتال في سوريا")
    assert article["published_at"].endswith("Z")


def test_extract_of_a_listing_page_says_why_it_is_skipped(rasad: Rasad) -> None:
    result = rasad("extract", str(PAGES / "listing-arab-news.html"))
    assert result.exit_code == 1
    assert result.stderr.startswith("rasad: skipped ")
    assert "listing page" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "nosuch.html"], "rasad: nosuch.html: no such file\n"),
        (
            ["extract", str(SEED_PAGE), "--source", "nosuch"],
            "rasad: no source 'nosuch' in the catalog",
        ),
        (["search", "(داعش"], "rasad: query: unbalanced '(' at position 1"),
        (["search", "داعش AND"], "rasad: query: 'AND' at position 6 has nothing after it"),
    ],
)
def test_user_mistakes_are_one_sentence_and_exit_2(
    rasad: Rasad, args: list[str], message: str
) -> None:
    result = rasad(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_a_bad_catalog_is_refused_naming_file_source_and_key(rasad: Rasad, tmp_path: Path) -> None:
    catalog = tmp_path / "sources.toml"
    catalog.write_text(
        '[[source]]\nid = "youm7"\nname = "اليوم السابع"\nhomepage = "https://www.youm7.com/"\ninterval = "15m"\n',
        encoding="utf-8",
    )
    rasad.env["RASAD_CATALOG"] = str(catalog)
    result = rasad("sources")
    assert result.exit_code == 2
    assert result.stderr == (
        "rasad: sources.toml: source 'youm7': key 'interval' must be a number from 1 to 10080, got '15m'\n"
    )


def test_a_bad_settings_file_is_refused(rasad: Rasad, tmp_path: Path) -> None:
    config = tmp_path / "rasad.toml"
    config.write_text('smtp_url = "http://user:hunter2@mail.example"\n', encoding="utf-8")
    result = rasad("--config", str(config), "status")
    assert result.exit_code == 2
    assert "key 'smtp_url' must start with smtp://" in result.stderr
    assert "hunter2" not in result.stderr


def test_a_bad_topics_file_stops_the_start_naming_topic_and_position(
    rasad: Rasad, tmp_path: Path
) -> None:
    topics = tmp_path / "topics.toml"
    topics.write_text(TOPICS.replace("(سجون OR", "(سجون OR (مخيم"), encoding="utf-8")
    rasad.env["RASAD_TOPICS"] = str(topics)
    result = rasad("run")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "rasad: topics.toml: topic 'isis-detainees': query: unbalanced '('"
    )


def test_an_unreachable_database_is_one_sentence_without_the_password(rasad: Rasad) -> None:
    rasad.env["RASAD_DATABASE_URL"] = "postgresql://rasad:hunter2@127.0.0.1:1/rasad"
    result = rasad("search", "داعش")
    assert result.exit_code == 3
    assert result.stderr.startswith("rasad: cannot reach PostgreSQL at 127.0.0.1:1/rasad")
    assert "hunter2" not in result.stderr


def test_search_finds_arabic_forms_in_every_format(rasad: Rasad, stored: str) -> None:
    table = rasad("search", "سجون")
    assert table.exit_code == 0, table.stderr
    assert "بعد فرار عائلات داعش" in table.stdout
    found = json.loads(rasad("search", "السجون", "--format", "json").stdout)["hits"]
    assert [hit["url"] for hit in found] == [SEED_URL]
    assert found[0]["source"] == "elbalad"
    assert found[0]["matched"] == ["السجون"]
    assert "**السجون**" in found[0]["snippet"]
    rows = list(csv.DictReader(io.StringIO(rasad("search", "داعش", "--format", "csv").stdout)))
    assert [row["url"] for row in rows] == [SEED_URL]
    assert rasad("search", "داعش", "--since", "2100-01-01").stdout.strip() == "no matching articles"


def test_search_reads_since_in_the_timezone_setting_and_labels_times(
    rasad: Rasad, stored: str
) -> None:
    rasad.env["RASAD_TIMEZONE"] = "Asia/Damascus"
    recent = rasad("search", "داعش", "--since", "100000d")
    assert recent.exit_code == 0, recent.stderr
    assert "published (Asia/Damascus, +03)" in recent.stdout
    assert "بعد فرار عائلات داعش" in recent.stdout
    assert rasad("search", "داعش", "--since", "1h").stdout.strip() == "no matching articles"
    bad = rasad("search", "داعش", "--since", "yesterday")
    assert bad.exit_code == 2
    assert "'yesterday' is not a date like 2026-11-22" in bad.stderr


def test_topics_test_shows_matching_articles_and_why(
    rasad: Rasad, stored: str, tmp_path: Path
) -> None:
    topics = tmp_path / "topics.toml"
    topics.write_text(TOPICS, encoding="utf-8")
    rasad.env["RASAD_TOPICS"] = str(topics)
    result = rasad("topics", "test", "isis-detainees")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(
        "topic 'isis-detainees' (معتقلو داعش ومخيمات الشمال السوري): 1 matching"
    )
    assert "داعش" in result.stdout
    assert "سجون" in result.stdout
    with psycopg.connect(stored) as conn:
        assert conn.execute("SELECT count(*) FROM outbox").fetchone() == (0,)


def test_db_commands(rasad: Rasad, database_url: str) -> None:
    assert rasad("db", "url").stdout.strip() == database_url
    assert rasad("db", "migrate").stdout.strip() == "database is up to date"


STALE_TERMS = "UPDATE articles SET terms = %s::tsvector"


def test_db_reanalyse_brings_stored_terms_to_the_current_analysis(
    rasad: Rasad, stored: str
) -> None:
    with psycopg.connect(stored) as conn:  # the terms an older analysis left behind
        conn.execute(STALE_TERMS, ("'سجون':1",))
    assert rasad("search", "داعش").stdout.strip() == "no matching articles"

    result = rasad("db", "reanalyse", "--batch-size", "1")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "analysed 1 of 2 articles, 1 rewritten",
        "analysed 2 of 2 articles, 2 rewritten",
    ]
    assert result.stdout.strip() == "2 articles analysed again, 2 with new terms"
    assert "بعد فرار عائلات داعش" in rasad("search", "داعش").stdout
    with psycopg.connect(stored) as conn:
        rows = conn.execute("SELECT title, text, terms::text FROM articles").fetchall()
        for title, text, terms in rows:
            literal = tsvector_literal(analyse_article(title, text))
            assert conn.execute("SELECT %s::tsvector::text", (literal,)).fetchone() == (terms,)
        first = STALE_TERMS + " WHERE id = (SELECT min(id) FROM articles)"
        conn.execute(first, ("'سجون':1",))

    again = rasad("db", "reanalyse")  # idempotent; an interrupted run is simply run again
    assert again.stdout.strip() == "2 articles analysed again, 1 with new terms"
    assert rasad("db", "reanalyse").stdout.strip() == "2 articles analysed again, 0 with new terms"
    assert rasad("db", "reanalyse", "--batch-size", "0").exit_code == 2


def test_status_and_sources_after_start(rasad: Rasad) -> None:
    status = rasad("status")
    assert status.exit_code == 0, status.stderr
    assert "articles: 0 stored" in status.stdout
    assert "emails: 0 pending" in status.stdout
    sources = json.loads(rasad("sources", "--json").stdout)
    assert len(sources) == len(load_catalog())
    assert {"id", "last_success_at", "consecutive_failures", "articles_24h"} <= set(sources[0])
    assert {"health", "median_words_24h", "dated_share_7d", "skipped_share_24h"} <= set(sources[0])
    assert sources[0]["health"] == "not yet crawled"


def test_a_source_whose_only_crawl_was_cut_short_is_not_called_healthy(
    rasad: Rasad, database_url: str
) -> None:
    from rasad.storage.sources import CrawlRecord, claim_source, finish_interrupted_crawl

    cut_short = CrawlRecord(0, 0, 0, 0, 1, None, refused=False, succeeded=False)
    with psycopg.connect(database_url) as conn:
        sync_sources(
            conn, [SourceEntry("youm7", "اليوم السابع", "https://www.youm7.com/", 15, True)]
        )
        assert claim_source(conn, "youm7", "test", 60)
        finish_interrupted_crawl(conn, "youm7", "test", cut_short)
    assert "0 healthy, 0 failing, 0 flagged" in rasad("status").stdout
    rows = json.loads(rasad("sources", "--json").stdout)
    assert next(row for row in rows if row["id"] == "youm7")["health"] == "not yet crawled"


def test_a_silent_source_that_crawls_fine_is_flagged_not_healthy(
    rasad: Rasad, database_url: str
) -> None:
    from rasad.storage.sources import CrawlRecord, claim_source, finish_crawl

    fine = CrawlRecord(3, 0, 3, 0, 0, None, refused=False, succeeded=True)
    with psycopg.connect(database_url) as conn:
        sync_sources(
            conn, [SourceEntry("youm7", "اليوم السابع", "https://www.youm7.com/", 15, True)]
        )
        assert claim_source(conn, "youm7", "test", 60)
        finish_crawl(conn, "youm7", "test", fine)
        conn.execute(
            "UPDATE sources SET flagged_at = now(), flag_reason = 'no new article for 12 intervals'"
        )
    status = rasad("status").stdout
    assert "0 healthy, 0 failing, 1 flagged" in status
    youm7 = next(line for line in rasad("sources").stdout.splitlines() if "youm7" in line)
    assert "FLAGGED" in youm7


def test_a_flagged_source_stands_out_in_sources_and_status(rasad: Rasad, database_url: str) -> None:
    from rasad.storage.sources import (
        CrawlRecord,
        claim_source,
        finish_crawl,
        flag_unhealthy_sources,
    )

    failed = CrawlRecord(0, 0, 0, 0, 1, "https://www.youm7.com/rss answered HTTP 403", True, False)
    with psycopg.connect(database_url) as conn:
        sync_sources(
            conn, [SourceEntry("youm7", "اليوم السابع", "https://www.youm7.com/", 15, True)]
        )
        for _ in range(3):
            conn.execute("UPDATE sources SET next_crawl_at = NULL")
            conn.commit()
            assert claim_source(conn, "youm7", "test", 60)
            finish_crawl(conn, "youm7", "test", failed)
        flag_unhealthy_sources(conn, failures=3, silent_intervals=12)
    table = rasad("sources").stdout
    youm7 = next(line for line in table.splitlines() if "youm7" in line)
    assert "FLAGGED" in youm7
    assert "failed 3 times in a row" in youm7
    status = rasad("status").stdout
    # One word per source, the same in both commands: flagged, not failing and not healthy.
    assert "0 healthy, 0 failing, 1 flagged" in status
    rows = json.loads(rasad("sources", "--json").stdout)
    assert next(row for row in rows if row["id"] == "youm7")["health"] == "flagged"
    assert json.loads(rasad("status", "--json").stdout)["sources"]["flagged"] == 1
    assert (
        "flagged: youm7: failed 3 times in a row: https://www.youm7.com/rss answered HTTP 403"
        in status
    )


@pytest.mark.parametrize(
    ("env", "args", "message"),
    [
        (
            {"RASAD_DATABASE_URL": "postgresql://rasad:se%cret@127.0.0.1/rasad"},
            ["status"],
            "rasad: environment variable RASAD_DATABASE_URL is not a valid URL for PostgreSQL",
        ),
        (
            {"RASAD_DATABASE_URL": "postgresql://rasad:secret@127.0.0.1:99999/rasad"},
            ["status"],
            "rasad: environment variable RASAD_DATABASE_URL is not a valid URL",
        ),
        (
            {"RASAD_ALERT_BURST_MINUTES": "inf"},
            ["status"],
            "rasad: environment variable RASAD_ALERT_BURST_MINUTES must be a number from 0 to 1440",
        ),
        ({}, ["extract", "http://[bad/"], "rasad: http://[bad/: not a valid URL"),
    ],
)
def test_odd_input_is_one_sentence_without_secrets(
    rasad: Rasad, env: dict[str, str], args: list[str], message: str
) -> None:
    rasad.env.update(env)
    result = rasad(*args)
    assert result.exit_code in (2, 3)
    assert result.stderr.startswith(message) or message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "cret" not in result.stderr


def test_a_catalog_that_is_not_utf8_is_refused(rasad: Rasad, tmp_path: Path) -> None:
    catalog = tmp_path / "sources.toml"
    catalog.write_bytes('[[source]]\nid = "x"\nname = "صدى"\n'.encode("cp1256"))
    rasad.env["RASAD_CATALOG"] = str(catalog)
    result = rasad("sources")
    assert result.exit_code == 2
    assert result.stderr == f"rasad: {catalog}: not UTF-8 text\n"


def test_search_on_a_database_never_migrated_answers(rasad: Rasad, empty_database_url: str) -> None:
    rasad.env["RASAD_DATABASE_URL"] = empty_database_url
    result = rasad("search", "داعش")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "no matching articles"


def test_read_only_commands_leave_the_daemons_configuration_alone(
    rasad: Rasad, database_url: str, tmp_path: Path
) -> None:
    with psycopg.connect(database_url) as conn:
        sync_sources(conn, [SourceEntry("local", "محلي", "https://local.example/", 5, True)])
    for command in (["status"], ["sources"], ["search", "داعش"]):
        assert rasad(*command).exit_code == 0
    with psycopg.connect(database_url) as conn:
        rows = conn.execute("SELECT id, enabled FROM sources").fetchall()
    assert rows == [("local", True)]
