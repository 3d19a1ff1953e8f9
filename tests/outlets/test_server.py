"""Quick checks that the fixture outlets behave as the crawl tests assume they do."""

from __future__ import annotations

import tomllib
import urllib.request
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING
from urllib.error import HTTPError

import feedparser
import pytest

from rasad.crawler.catalog import load_catalog

from .build import BOILERPLATE, Outlets, build_big_outlet, build_outlets
from .server import OutletServer, Response

if TYPE_CHECKING:
    from collections.abc import Iterator
    from email.message import Message
    from pathlib import Path


@pytest.fixture
def outlets(tmp_path: Path) -> Iterator[Outlets]:
    with build_outlets(tmp_path) as built:
        yield built


def fetch(
    url: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, Message, bytes]:
    """(status, headers, body) of one request, errors included."""
    request = urllib.request.Request(url, headers=headers or {}, method=method)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


def test_conditional_get_answers_304_without_body(outlets: Outlets) -> None:
    status, headers, body = fetch(outlets.alpha_feed)
    assert status == 200
    assert body
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert fetch(outlets.alpha_feed, {"If-None-Match": etag})[::2] == (304, b"")
    assert fetch(outlets.alpha_feed, {"If-Modified-Since": modified})[::2] == (304, b"")
    # A stale validator gets the whole feed again.
    assert fetch(outlets.alpha_feed, {"If-None-Match": '"old"'})[0] == 200
    assert outlets.alpha.count(outlets.alpha_feed) == 4


def test_requests_are_counted_per_path_and_query(outlets: Outlets) -> None:
    fetch(outlets.tracking_url)
    fetch(outlets.tracking_clean)
    fetch(outlets.tracking_clean, method="HEAD")
    assert outlets.alpha.count(outlets.tracking_url) == 1
    assert outlets.alpha.count(outlets.tracking_clean) == 2
    assert [entry[0] for entry in outlets.alpha.log] == ["GET", "GET", "HEAD"]
    assert outlets.alpha.log[0][2]["host"] == outlets.alpha.url("").removeprefix("http://")


def test_head_sends_headers_only() -> None:
    with OutletServer({"/x": Response(body=b"12345", content_type="text/plain")}) as server:
        status, headers, body = fetch(server.url("/x"), method="HEAD")
    assert (status, headers["Content-Length"], headers["Content-Type"], body) == (
        200,
        "5",
        "text/plain",
        b"",
    )


def test_windows_1256_page_declares_its_charset_only_in_the_header(outlets: Outlets) -> None:
    status, headers, body = fetch(outlets.windows_1256)
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=windows-1256"
    assert b"charset" not in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    article = outlets.articles[outlets.windows_1256]
    assert all(paragraph in body.decode("windows-1256") for paragraph in article.paragraphs)


def test_robots(outlets: Outlets) -> None:
    assert b"Disallow: /private/" in fetch(outlets.alpha.url("/robots.txt"))[2]
    assert fetch(outlets.beta.url("/robots.txt"))[2] == b"User-agent: *\nAllow: /\n"


def test_gamma_refuses_everything(outlets: Outlets) -> None:
    for path in ("/robots.txt", "/feed.xml", "/"):
        status, _, body = fetch(outlets.gamma.url(path))
        assert status == 403
        assert b"Forbidden" in body


def test_feed_needs_a_lenient_parser(outlets: Outlets) -> None:
    body = fetch(outlets.alpha_feed)[2]
    with pytest.raises(ET.ParseError):
        ET.fromstring(body)  # noqa: S314 - our own fixture
    links = [entry.link for entry in feedparser.parse(body).entries]
    assert outlets.tracking_url in links
    assert links.count(outlets.repeated_in_feed) == 2
    assert set(outlets.disallowed) <= set(links)


def test_dated_sitemaps_answer_today_and_yesterday_only(outlets: Outlets) -> None:
    today, yesterday = outlets.beta_dated_sitemaps
    assert fetch(today)[0] == fetch(yesterday)[0] == 200
    assert fetch(outlets.beta.url("/sitemap/2001/1/1.xml"))[0] == 404


def test_facts_hold(outlets: Outlets) -> None:
    copy, original = outlets.syndicated
    assert outlets.articles[copy].text == outlets.articles[original].text
    assert len({a.text for a in outlets.articles.values()}) == len(outlets.unique_articles)
    assert outlets.topic_hits
    assert outlets.topic_misses
    page = fetch(outlets.amp_canonical)[2].decode()
    assert all(chrome in page for chrome in BOILERPLATE[:4])
    assert f'content="{outlets.articles[outlets.amp_canonical].title} - ألفا نيوز"' in page
    amp = fetch(outlets.amp_url)[2].decode()
    assert '<link rel="canonical" href="/news/1005">' in amp
    sources = {source.id: source for source in load_catalog(outlets.catalog_path)}
    assert sorted(sources) == ["alpha", "beta", "gamma"]
    assert all(sources["beta"].is_article_url(url) for url in outlets.section_articles)
    noise = [outlets.beta.url(href) for href in outlets.section_noise if href.startswith("/")]
    assert not any(sources["beta"].is_article_url(url) for url in noise)


def test_big_outlet_pages_are_distinct(tmp_path: Path) -> None:
    with_delay = 0.01
    server, catalog = build_big_outlet(250, with_delay, tmp_path)
    with server:
        index = fetch(server.url("/sitemap_index.xml"))[2]
        assert index.count(b"<sitemap>") == 3
        first, second = fetch(server.url("/news/1"))[2], fetch(server.url("/news/250"))[2]
    assert first != second
    assert tomllib.loads(catalog.read_text(encoding="utf-8"))["source"][0]["id"] == "big"
