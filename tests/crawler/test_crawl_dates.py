"""Pages that state no date, crawled from a local outlet: dated by the feed item or news-sitemap
entry that led to them, and alerted on only when their link appeared after the topic existed,
never from the source's first crawl."""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.utils import format_datetime
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
import pytest
from harness import crawl_environment, create_database, drop_database, with_database
from outlets.build import distinct_texts, write_catalog
from outlets.server import OutletServer, Response
from psycopg_pool import ConnectionPool
from test_crawl import run_rasad

from rasad.alerts.deliver import deliver_due
from rasad.config.settings import Settings

if TYPE_CHECKING:
    from collections.abc import Iterator

TOPIC = """
[[topic]]
id = "hol"
name = "مخيم الهول"
query = '"مخيم الهول"'
recipients = ["analyst@example.org"]
"""
FEED_DATE = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
SITEMAP_DATE = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)


def undated_page(number: int, paragraphs: tuple[str, ...]) -> Response:
    """An article page with no date anywhere: no meta, no JSON-LD, no date line, none in its
    URL. Every page is about the camp, so every one matches the topic; the sentence naming the
    camp differs from page to page, or the outlet's learned boilerplate would take it out."""
    first, *rest = paragraphs
    lines = [f"من مخيم الهول: {first}", *rest]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in lines)
    text = f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>تقرير دلتا {number}</title></head><body>
<h1>تقرير من مخيم الهول رقم {number}</h1>
<div class="story">
{body}</div></body></html>"""
    return Response(body=text.encode())


def rss(items: list[tuple[str, datetime | None]]) -> Response:
    entries = "".join(
        f"<item><title>خبر</title><link>{link}</link>"
        + (f"<pubDate>{format_datetime(date)}</pubDate>" if date else "")
        + "</item>"
        for link, date in items
    )
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>دلتا</title>{entries}</channel></rss>'
    return Response(body=body.encode(), content_type="application/rss+xml")


def news_sitemap(items: list[tuple[str, datetime | None]]) -> Response:
    entries = "".join(
        f"<url><loc>{link}</loc>"
        + (
            "<news:news><news:publication>"
            "<news:name>دلتا</news:name><news:language>ar</news:language></news:publication>"
            f"<news:publication_date>{date.isoformat()}</news:publication_date>"
            "<news:title>خبر</news:title></news:news>"
            if date
            else ""
        )
        + "</url>"
        for link, date in items
    )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"{entries}</urlset>"
    )
    return Response(body=body.encode(), content_type="application/xml")


@dataclass
class Crawls:
    server: OutletServer
    database_url: str
    data_dir: Path
    first_crawl_output: str
    second_crawl_output: str

    def url(self, number: int) -> str:
        return self.server.url(f"/news/{number}")

    def rows(self, query: str, *params: object) -> list[tuple]:
        with psycopg.connect(self.database_url) as conn:
            return conn.execute(query, params).fetchall()

    def article(self, number: int) -> tuple:
        found = self.rows(
            "SELECT a.published_at, a.published_at_source, m.alert, a.found_at, a.id"
            " FROM articles a LEFT JOIN topic_matches m ON m.article_id = a.id"
            " WHERE a.canonical_url = %s",
            self.url(number),
        )
        assert len(found) == 1, self.url(number)
        return found[0]


@pytest.fixture(scope="module")
def crawls(
    tmp_path_factory: pytest.TempPathFactory, server_url: str, template_database: str
) -> Iterator[Crawls]:
    folder = tmp_path_factory.mktemp("dates")
    name = f"rasad_dates_{os.getpid()}"
    create_database(server_url, name, template=template_database)
    texts = distinct_texts(6, seed=77)
    server = OutletServer({f"/news/{n}": undated_page(n, texts[n - 1]) for n in range(1, 7)})
    try:
        link = server.url
        server.route("/rss.xml", rss([(link("/news/1"), FEED_DATE), (link("/news/2"), None)]))
        server.route(
            "/news-sitemap.xml",
            news_sitemap([(link("/news/3"), SITEMAP_DATE), (link("/news/4"), None)]),
        )
        catalog = write_catalog(
            folder / "sources.toml",
            [
                {
                    "id": "delta",
                    "name": "دلتا",
                    "homepage": link("/"),
                    "feeds": [link("/rss.xml")],
                    "sitemaps": [link("/news-sitemap.xml")],
                    "timezone": "Africa/Cairo",
                    "interval": 1,
                }
            ],
        )
        (folder / "topics.toml").write_text(TOPIC, encoding="utf-8")
        database_url = with_database(server_url, name)
        env = crawl_environment(
            database_url, folder / "data", catalog, RASAD_TOPICS=str(folder / "topics.toml")
        )
        first = run_rasad(env, "crawl")
        assert first.returncode == 0, first.stderr
        # Later, the outlet lists two more undated pages, one in each place.
        server.route("/rss.xml", rss([(link("/news/5"), None), (link("/news/1"), FEED_DATE)]))
        server.route("/news-sitemap.xml", news_sitemap([(link("/news/6"), None)]))
        second = run_rasad(env, "crawl")
        assert second.returncode == 0, second.stderr
        yield Crawls(server, database_url, folder / "data", first.stdout, second.stdout)
    finally:
        server.stop()
        drop_database(server_url, name)


def test_a_page_without_a_date_takes_the_date_of_the_feed_item_that_led_to_it(
    crawls: Crawls,
) -> None:
    published, source, *_ = crawls.article(1)
    assert (published, source) == (FEED_DATE, "feed")


def test_a_page_without_a_date_takes_its_news_sitemap_publication_date(crawls: Crawls) -> None:
    published, source, *_ = crawls.article(3)
    assert (published, source) == (SITEMAP_DATE, "sitemap")


@pytest.mark.parametrize("number", [2, 4])
def test_an_undated_page_on_a_first_crawl_is_stored_and_matched_but_not_emailed(
    crawls: Crawls, number: int
) -> None:
    published, source, alert, found_at, article_id = crawls.article(number)
    assert (published, source) == (None, None)
    assert alert == "not emailed: no date, found on a first crawl"
    assert found_at is not None
    owed = crawls.rows(
        "SELECT count(*) FROM outbox_matches om JOIN topic_matches m ON m.id = om.match_id"
        " WHERE m.article_id = %s",
        article_id,
    )
    assert owed == [(0,)]


def test_links_are_remembered_with_where_and_when_they_were_first_seen(crawls: Crawls) -> None:
    seen = {
        url: (found_in, stated_at, first_crawl)
        for url, found_in, stated_at, first_crawl in crawls.rows(
            "SELECT canonical_url, found_in, stated_at, first_crawl FROM discovered_urls"
        )
    }
    assert seen == {
        crawls.url(1): ("feed", FEED_DATE, True),
        crawls.url(2): ("feed", None, True),
        crawls.url(3): ("sitemap", SITEMAP_DATE, True),
        crawls.url(4): ("sitemap", None, True),
        crawls.url(5): ("feed", None, False),
        crawls.url(6): ("sitemap", None, False),
    }


@pytest.mark.parametrize("number", [5, 6])
def test_an_undated_page_found_after_the_topic_existed_is_emailed_as_found_by_rasad(
    crawls: Crawls, number: int
) -> None:
    published, source, alert, found_at, _ = crawls.article(number)
    assert (published, source, alert) == (None, None, "emailed")
    settings = Settings(data_dir=crawls.data_dir, database_url=crawls.database_url)
    with ConnectionPool(crawls.database_url, min_size=1, max_size=2) as pool:
        deliver_due(pool, settings)
    emails = [
        message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in sorted((crawls.data_dir / "outbox").glob("*.eml"))
    ]
    texts = [m.get_body(("plain",)).get_content() for m in emails]
    mine = [t for t in texts if crawls.url(number) in t]
    assert len(mine) == 1
    assert "لا يذكر الخبر وقت نشره؛ وجده رصد: " in mine[0]
    assert f"{found_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC" in mine[0]
    assert "نُشر" not in mine[0]
