"""Every input has a limit: one crawl of an outlet that sends decompression bombs (as files and
as Content-Encoding), entity bombs, a feed body naming a local file, HTML and JSON where a
feed or an article belongs, and an article far longer than any news article. The crawl must
finish, keep what is good, and say for each bad thing what it was."""

from __future__ import annotations

import gzip
import json
import os
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
from outlets.build import CLINIC, FAMILIES, HOL, MARKETS, PRISONS, WHEAT, robots, write_catalog
from outlets.hostile import (
    MIB,
    article_page,
    encoded_bomb,
    entity_bomb,
    sitemap,
    zeros_gzip,
)
from outlets.server import HTML, OutletServer, Response

from rasad.config.limits import (
    PAGE_MAX_BYTES,
    SITEMAP_MAX_BYTES,
    TEXT_MAX_CHARS,
    TITLE_MAX_CHARS,
)

if TYPE_CHECKING:
    import subprocess
    from collections.abc import Iterator

    from outlets.build import Story

BOMB_BYTES = 100 * MIB  # inflated: above every limit (pages 4 MiB, sitemaps 50 MiB)
# Letters that are neither clitics nor suffixes, so every made-up word stays its own term.
_LETTERS = "ثجحخدذرزسشصضطظعغق"


def long_story(words: int) -> Story:
    """A story of ``words`` distinct made-up Arabic words, in paragraphs of 40."""
    made_up = []
    for n in range(words):
        letters = []
        for _ in range(5):
            n, index = divmod(n, len(_LETTERS))
            letters.append(_LETTERS[index])
        made_up.append("".join(letters))
    paragraphs = tuple(" ".join(made_up[i : i + 40]) for i in range(0, words, 40))
    return HOL.__class__("نص طويل جدا", "كاتب", "صورة", paragraphs)


@dataclass
class Crawl:
    outlet: OutletServer
    result: subprocess.CompletedProcess[str]
    database_url: str
    env: dict[str, str]

    def warned(self, url_path: str, reason: str) -> bool:
        url = self.outlet.url(url_path)
        return any(url in line and reason in line for line in self.result.stderr.splitlines())

    def failed_pages(self) -> dict[str, str]:
        with psycopg.connect(self.database_url) as conn:
            rows = conn.execute("SELECT url, reason FROM seen_urls WHERE outcome = 'failed'")
            return {url.removeprefix(self.outlet.base): reason for url, reason in rows}

    def article(self, title: str) -> tuple[str, str, bool] | None:
        with psycopg.connect(self.database_url) as conn:
            return conn.execute(
                "SELECT title, text, text_truncated FROM articles WHERE title LIKE %s",
                (title[:40] + "%",),
            ).fetchone()


def json_feed(urls: list[str]) -> Response:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "جيسون",
        "items": [{"id": url, "url": url, "content_text": "خبر"} for url in urls],
    }
    return Response(body=json.dumps(feed).encode(), content_type="application/feed+json")


@pytest.fixture(scope="module")
def crawl(
    tmp_path_factory: pytest.TempPathFactory, server_url: str, template_database: str
) -> Iterator[Crawl]:
    folder = tmp_path_factory.mktemp("limits")
    name = f"rasad_limits_{os.getpid()}"
    create_database(server_url, name, template=template_database)
    with OutletServer(host="127.0.0.21") as outlet:
        url = outlet.url
        story_pages = {"/news/ok": HOL, "/news/json-feed": MARKETS, "/news/laughs": CLINIC}
        story_pages |= {"/news/from-disk": WHEAT, "/news/laughs-sitemap": FAMILIES}
        # (lxml stops reading the entity-bomb sitemap at the entity: laughs-sitemap is lost.)
        for path, story in story_pages.items():
            outlet.route(path, article_page(url(path), story))
        outlet.route("/news/long", article_page(url("/news/long"), long_story(90_000)))
        outlet.route("/news/long-title", article_page(url("/news/long-title"), PRISONS,
                                                      title="عنوان " * 5000))  # fmt: skip
        outlet.route("/news/json-body", Response(body=b'{"title": "x"}', content_type="application/json"))  # fmt: skip
        outlet.route("/news/huge", Response(body=b"<html>" + b" " * (PAGE_MAX_BYTES + MIB), content_type=HTML))  # fmt: skip
        for encoding in ("gzip", "deflate", "br"):
            outlet.route(f"/news/{encoding}-bomb", encoded_bomb(encoding, BOMB_BYTES))
        listed = ["/news/ok", "/news/long", "/news/long-title", "/news/json-body", "/news/huge"]
        listed += ["/news/gzip-bomb", "/news/deflate-bomb", "/news/br-bomb"]
        outlet.route(
            "/sitemap-ok.xml.gz",
            Response(body=gzip.compress(sitemap([url(p) for p in listed]).body),
                     content_type="application/x-gzip"),
        )  # fmt: skip
        outlet.route(
            "/sitemap-bomb.xml.gz",
            Response(body=zeros_gzip(BOMB_BYTES), content_type="application/x-gzip"),
        )
        outlet.route("/sitemap-encoded-bomb.xml", encoded_bomb("gzip", BOMB_BYTES))
        outlet.route(
            "/sitemap-laughs.xml",
            Response(
                body=entity_bomb(
                    "urlset",
                    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    f"<url><loc>{url('/news/')}&lol9;</loc></url>"
                    f"<url><loc>{url('/news/laughs-sitemap')}</loc></url></urlset>",
                ),
                content_type="application/xml",
            ),
        )
        outlet.route(
            "/feed-laughs.xml",
            Response(
                body=entity_bomb(
                    "rss",
                    '<rss version="2.0"><channel><title>&lol9;</title>'
                    f"<item><title>&lol9;</title><link>{url('/news/laughs')}</link></item>"
                    "</channel></rss>",
                ),
                content_type="application/rss+xml",
            ),
        )
        disk_feed = folder / "feed-on-disk.xml"
        disk_feed.write_text(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>disk</title>'
            f"<item><link>{url('/news/from-disk')}</link></item></channel></rss>"
        )
        outlet.route(
            "/feed-path.xml",
            Response(body=str(disk_feed).encode(), content_type="application/rss+xml"),
        )
        outlet.route("/feed-html.xml", Response(body=b"<!DOCTYPE html><html><body>home</body></html>"))  # fmt: skip
        outlet.route("/feed.json", json_feed([url("/news/json-feed")]))
        outlet.route("/robots.txt", robots("User-agent: *\nAllow: /\n"))
        feeds = ["/feed-laughs.xml", "/feed-path.xml", "/feed-html.xml", "/feed.json"]
        sitemaps = ["/sitemap-ok.xml.gz", "/sitemap-bomb.xml.gz", "/sitemap-encoded-bomb.xml"]
        sitemaps += ["/sitemap-laughs.xml"]
        catalog = write_catalog(
            folder / "sources.toml",
            [
                {
                    "id": "limits",
                    "name": "حدود",
                    "homepage": url("/"),
                    "feeds": [url(p) for p in feeds],
                    "sitemaps": [url(p) for p in sitemaps],
                }
            ],
        )
        env = crawl_environment(with_database(server_url, name), folder / "data", catalog)
        result = run_rasad(env, "crawl")
        yield Crawl(outlet, result, with_database(server_url, name), env)
    drop_database(server_url, name)


def test_the_crawl_finishes_and_keeps_the_good_articles(crawl: Crawl) -> None:
    assert crawl.result.returncode == 0, crawl.result.stderr
    assert "Traceback" not in crawl.result.stderr
    for story in (HOL, MARKETS, CLINIC):
        assert crawl.article(story.title), story.title


def test_a_gzip_file_that_inflates_past_the_limit_is_refused_unread(crawl: Crawl) -> None:
    assert crawl.warned("/sitemap-bomb.xml.gz", "decompresses to more than 50 MiB")


def test_content_encoding_bombs_stop_at_the_limit(crawl: Crawl) -> None:
    failed = crawl.failed_pages()
    expected = f"exceeded DOWNLOAD_MAXSIZE ({PAGE_MAX_BYTES} B) during decompression"
    for encoding in ("gzip", "deflate", "br"):
        assert expected in failed[f"/news/{encoding}-bomb"]
    assert crawl.outlet.count("/sitemap-encoded-bomb.xml") == 1
    assert f"DOWNLOAD_MAXSIZE ({SITEMAP_MAX_BYTES} B)" in crawl.result.stderr


def test_a_page_over_the_size_limit_is_not_downloaded_whole(crawl: Crawl) -> None:
    reason = crawl.failed_pages()["/news/huge"]
    assert f"larger than download max size ({PAGE_MAX_BYTES})" in reason


def test_entities_are_not_expanded(crawl: Crawl) -> None:
    # feedparser still reads the feed's plain link; lxml stops the sitemap at the entity.
    assert crawl.article(CLINIC.title)
    assert crawl.outlet.count("/sitemap-laughs.xml") == 1
    with psycopg.connect(crawl.database_url) as conn:
        assert conn.execute(
            "SELECT count(*) FROM seen_urls WHERE url LIKE '%lollol%'"
        ).fetchone() == (0,)


def test_a_feed_body_naming_a_local_file_is_not_read_from_disk(crawl: Crawl) -> None:
    assert crawl.outlet.count("/news/from-disk") == 0
    assert crawl.warned("/feed-path.xml", "is not a feed or sitemap")


def test_html_at_a_feed_url_is_a_discovery_failure_with_its_reason(crawl: Crawl) -> None:
    assert crawl.warned("/feed-html.xml", "is not a feed or sitemap (an HTML page)")


def test_a_json_feed_is_read(crawl: Crawl) -> None:
    assert crawl.article(MARKETS.title)


def test_json_at_an_article_url_is_no_article(crawl: Crawl) -> None:
    reason = crawl.failed_pages()["/news/json-body"]
    assert "not an HTML page (content type application/json)" in reason


def test_a_long_text_is_stored_truncated_with_its_flag_and_stays_findable(crawl: Crawl) -> None:
    title, text, truncated = crawl.article("نص طويل جدا")
    assert truncated is True
    assert len(text) <= TEXT_MAX_CHARS
    first_word = text.split()[0]
    found = run_rasad(crawl.env, "search", first_word, "--format", "json")
    assert found.returncode == 0, found.stderr
    assert [hit["title"] for hit in json.loads(found.stdout)["hits"]] == [title]


def test_a_long_title_is_cut(crawl: Crawl) -> None:
    with psycopg.connect(crawl.database_url) as conn:
        (title,) = conn.execute(
            "SELECT title FROM articles WHERE url LIKE '%/news/long-title'"
        ).fetchone()
    assert 0 < len(title) <= TITLE_MAX_CHARS
