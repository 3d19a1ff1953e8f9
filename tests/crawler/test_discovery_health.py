"""Honest health: a feed, sitemap or section page that answers but cannot be read is a failed
discovery with its reason, not a success; ``rasad sources`` and ``rasad status`` say so."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from harness import (
    crawl_environment,
    create_database,
    drop_database,
    run_rasad,
    with_database,
)
from outlets.build import XML, page, urlset, write_catalog
from outlets.server import OutletServer, Response

from rasad.crawler.discovery import UnreadableDocument, feed_links, sitemap_links

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

HTML_PAGE = "<!DOCTYPE html><html><body><h1>الصفحة الرئيسية</h1><p>مرحبا</p></body></html>"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (HTML_PAGE.encode(), "is an HTML page, not a feed"),
        (b"", "is no readable feed"),
        (b"{not: xml}", "is no readable feed"),
    ],
)
def test_a_feed_that_does_not_parse_is_unreadable(body: bytes, reason: str) -> None:
    with pytest.raises(UnreadableDocument, match=reason):
        feed_links(body, "https://outlet.example/rss")


def test_an_empty_feed_is_a_feed() -> None:
    assert feed_links(b'<rss version="2.0"><channel><title>x</title></channel></rss>', "u") == []


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (HTML_PAGE.encode(), r"is no sitemap \(its root element is <html>\)"),
        (b"not xml at all", "is no readable XML"),
        (b"<urlset><url><loc>http", "is no readable XML"),  # cut short: «http» is no link
    ],
)
def test_a_sitemap_that_does_not_parse_is_unreadable(body: bytes, reason: str) -> None:
    with pytest.raises(UnreadableDocument, match=reason):
        sitemap_links(body, "https://outlet.example/sitemap.xml")


def test_a_truncated_urlset_still_gives_its_links() -> None:
    body = b'<?xml version="1.0"?><urlset><url><loc>https://o.example/1</loc></url>'
    assert [link.url for link in sitemap_links(body, "u").articles] == ["https://o.example/1"]


@pytest.fixture
def outlet() -> Iterator[OutletServer]:
    server = OutletServer()
    # The outlet moved to a CMS that answers its old feed and sitemap URLs with a web page and
    # with broken XML; its article pages are still there.
    server.route("/rss", page(HTML_PAGE))
    server.route("/sitemap.xml", Response(body=b"<urlset><url><loc>http", content_type=XML))
    server.route("/good.xml", Response(body=urlset([], datetime.now(UTC)), content_type=XML))
    yield server
    server.stop()


def test_a_crawl_whose_feed_turned_to_html_fails_with_the_reason(
    outlet: OutletServer, tmp_path: Path, server_url: str, template_database: str
) -> None:
    name = f"rasad_discovery_{os.getpid()}"
    create_database(server_url, name, template=template_database)
    catalog = write_catalog(
        tmp_path / "sources.toml",
        [
            {"id": "moved", "name": "منتقل", "homepage": outlet.url("/"),
             "feeds": [outlet.url("/rss")], "sitemaps": [outlet.url("/sitemap.xml")]},
            {"id": "quiet", "name": "هادئ", "homepage": outlet.url("/"),
             "sitemaps": [outlet.url("/good.xml")]},
        ],
    )  # fmt: skip
    env = crawl_environment(with_database(server_url, name), tmp_path / "data", catalog)
    try:
        crawl = run_rasad(env, "crawl", "moved")
        sources = json.loads(run_rasad(env, "sources", "--json").stdout)
        quiet = run_rasad(env, "crawl", "quiet")
        status = run_rasad(env, "status").stdout
    finally:
        drop_database(server_url, name)

    assert crawl.returncode == 1
    assert "moved" in crawl.stdout
    moved = next(row for row in sources if row["id"] == "moved")
    assert (moved["health"], moved["consecutive_failures"]) == ("failing", 1)
    assert moved["last_success_at"] is None
    assert moved["last_error"] == f"{outlet.url('/rss')} is an HTML page, not a feed" or moved[
        "last_error"
    ].startswith(f"{outlet.url('/sitemap.xml')} is no readable XML (")
    # An empty sitemap is read: nothing new, and no failure.
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
    assert "1 healthy, 1 failing, 0 flagged" in status
