"""``rasad crawl`` end to end: local outlets crawled into a real PostgreSQL, checked as rows,
as what the command prints, and as the requests the outlets received."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING

import psycopg
import pytest
from harness import (
    crawl_environment,
    create_database,
    drop_database,
    run_rasad,
    with_database,
)
from outlets.build import AGENCY_CREDIT, BOILERPLATE, Outlets, build_outlets

from rasad.crawler.urls import canonical_url

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

TOPICS = """
[[topic]]
id = "hol"
name = "مخيم الهول"
query = '"مخيم الهول" AND داعش'
recipients = ["analyst@example.org"]
"""


@dataclass
class Crawled:
    outlets: Outlets
    env: dict[str, str]
    database_url: str
    first: subprocess.CompletedProcess[str]
    second: subprocess.CompletedProcess[str]
    after_first: dict[str, int]  # requests per URL after the first pass


def request_counts(outlets: Outlets) -> dict[str, int]:
    counts: dict[str, int] = {}
    for server in (outlets.alpha, outlets.beta, outlets.gamma):
        with server.lock:
            for target, count in server.requests.items():
                counts[server.url(target)] = count
    return counts


@pytest.fixture(scope="module")
def crawled(
    tmp_path_factory: pytest.TempPathFactory, server_url: str, template_database: str
) -> Iterator[Crawled]:
    folder = tmp_path_factory.mktemp("crawl")
    name = f"rasad_crawl_{os.getpid()}"
    create_database(server_url, name, template=template_database)
    (folder / "topics.toml").write_text(TOPICS, encoding="utf-8")
    with build_outlets(folder) as outlets:
        env = crawl_environment(
            with_database(server_url, name),
            folder / "data",
            outlets.catalog_path,
            RASAD_TOPICS=str(folder / "topics.toml"),
        )
        first = run_rasad(env, "crawl")
        after_first = request_counts(outlets)
        second = run_rasad(env, "crawl")
        yield Crawled(outlets, env, with_database(server_url, name), first, second, after_first)
    drop_database(server_url, name)


def rows(crawled: Crawled, query: str, *params: object) -> list[tuple]:
    with psycopg.connect(crawled.database_url) as conn:
        return conn.execute(query, params).fetchall()


def test_the_first_pass_prints_a_summary_per_source_and_exits_0(crawled: Crawled) -> None:
    assert crawled.first.returncode == 0, crawled.first.stderr
    table = [
        [cell.strip() for cell in line.strip().strip("│").split("│")]
        for line in crawled.first.stdout.splitlines()
        if line.startswith("│")
    ]
    status = {cells[0]: cells[1] for cells in table}
    assert status == {"alpha": "ok", "beta": "ok", "gamma": "refused"}
    assert "Traceback" not in crawled.first.stderr


def test_every_article_is_stored_once_with_clean_text(crawled: Crawled) -> None:
    stored = {
        url: (title, byline, text)
        for url, title, byline, text in rows(
            crawled, "SELECT canonical_url, title, byline, text FROM articles"
        )
    }
    assert len(stored) == len(crawled.outlets.unique_articles)
    by_title = {title: (byline, text) for title, byline, text in stored.values()}
    for url in crawled.outlets.unique_articles:
        article = crawled.outlets.articles[url]
        byline, text = by_title[article.title]
        # Of a syndicated pair, whichever copy was fetched first is the stored one.
        copies = [crawled.outlets.articles[u] for u in crawled.outlets.syndicated]
        bylines = {c.byline for c in copies} if article in copies else {article.byline}
        # An agency credit («إعداد: وكالات») names no author: no byline is stored for it.
        assert byline in {None if b == AGENCY_CREDIT else b for b in bylines}
        for paragraph in article.paragraphs:
            assert paragraph in text
        assert article.caption not in text
        for boilerplate in BOILERPLATE:
            assert boilerplate not in text


def test_the_syndicated_copy_is_recorded_as_a_duplicate(crawled: Crawled) -> None:
    copy, original = crawled.outlets.syndicated
    outcomes = dict(rows(crawled, "SELECT canonical_url, outcome FROM seen_urls"))
    pair = [outcomes[canonical_url(copy)], outcomes[canonical_url(original)]]
    assert sorted(pair) == ["article", "duplicate"]


def test_tracking_parameters_and_amp_copies_lead_to_one_article(crawled: Crawled) -> None:
    outlets = crawled.outlets
    urls = {url for (url,) in rows(crawled, "SELECT canonical_url FROM articles")}
    assert all("utm_" not in url and "/amp/" not in url for url in urls)
    amp_article = outlets.articles[outlets.amp_canonical]
    assert rows(crawled, "SELECT count(*) FROM articles WHERE title = %s", amp_article.title) == [
        (1,)
    ]
    assert crawled.after_first[outlets.repeated_in_feed] == 1


def test_robots_txt_is_obeyed_and_section_noise_is_not_followed(crawled: Crawled) -> None:
    for url in crawled.outlets.disallowed:
        assert crawled.after_first.get(url, 0) == 0
    beta = crawled.outlets.beta
    requested = set(beta.requests)
    for href in crawled.outlets.section_noise:
        if href.startswith("/") and beta.url(href) != crawled.outlets.beta_section:
            assert href not in requested


def test_the_windows_1256_page_is_decoded(crawled: Crawled) -> None:
    article = crawled.outlets.articles[crawled.outlets.windows_1256]
    (text,) = rows(crawled, "SELECT text FROM articles WHERE title = %s", article.title)[0]
    assert article.paragraphs[0] in text


def test_broken_pages_are_counted_and_the_refusing_outlet_is_marked(crawled: Crawled) -> None:
    health = {
        row[0]: row[1:]
        for row in rows(
            crawled,
            "SELECT id, last_failed, refused_at IS NOT NULL, consecutive_failures, last_error FROM sources",
        )
    }
    assert health["alpha"][0] == 0  # the second pass requested nothing that could fail
    assert health["gamma"][1] is True
    assert health["gamma"][2] == 2
    assert "403" in health["gamma"][3]
    # Refused once per pass, not retried.
    assert crawled.after_first[crawled.outlets.gamma_feed] == 1
    assert crawled.after_first[crawled.outlets.not_found] == 1


def test_the_second_pass_downloads_no_article_page(crawled: Crawled) -> None:
    assert crawled.second.returncode == 0, crawled.second.stderr
    after_second = request_counts(crawled.outlets)
    for url in crawled.outlets.articles:
        assert after_second.get(url) == crawled.after_first.get(url), url
    # The feed was asked conditionally and answered 304.
    feed_status = rows(
        crawled, "SELECT last_status FROM feeds WHERE url = %s", crawled.outlets.alpha_feed
    )
    assert feed_status == [(304,)]


def test_topic_matches_are_recorded_for_the_matching_stories(crawled: Crawled) -> None:
    matched = {
        title
        for (title,) in rows(
            crawled,
            "SELECT a.title FROM topic_matches m JOIN articles a ON a.id = m.article_id",
        )
    }
    hits = [crawled.outlets.articles[url] for url in crawled.outlets.topic_hits]
    # A syndicated copy is one story: one match per distinct text, under either copy's title.
    assert len(matched) == len({article.text for article in hits}) >= 2
    assert matched <= {article.title for article in hits}


def test_sources_shows_the_counters_of_the_last_crawl(crawled: Crawled) -> None:
    result = run_rasad(crawled.env, "sources", "--json")
    assert result.returncode == 0, result.stderr
    health = {row["id"]: row for row in json.loads(result.stdout)}
    assert health["gamma"]["consecutive_failures"] == 2
    assert health["alpha"]["articles"] + health["beta"]["articles"] == len(
        crawled.outlets.unique_articles
    )


def test_crawl_exits_1_when_every_source_failed(crawled: Crawled) -> None:
    result = run_rasad(crawled.env, "crawl", "gamma")
    assert result.returncode == 1
    assert "gamma" in result.stdout
    assert "403" in result.stdout


def test_an_unknown_source_is_one_sentence_and_exit_2(crawled: Crawled, tmp_path: Path) -> None:
    result = run_rasad(crawled.env, "crawl", "nosuch")
    assert result.returncode == 2
    assert result.stderr.strip() == "rasad: no source 'nosuch' in the catalog (see `rasad sources`)"
