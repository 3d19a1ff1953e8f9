"""robots.txt under load and failure: kept between crawls as RFC 9309 allows, so an idle outlet
is not asked for it on every crawl, and its failures handled as the RFC says (4xx: no rules;
5xx: nothing allowed, asked again soon). Two ``rasad crawl`` passes; the outlets count every
request they get."""

from __future__ import annotations

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
from outlets.build import EXAMS, HOL, ROJ, WEATHER, robots, write_catalog
from outlets.hostile import article_page, sitemap
from outlets.server import OutletServer, Response

if TYPE_CHECKING:
    import subprocess
    from collections.abc import Iterator

# Each outlet's robots.txt answer, and the story its sitemap lists at /news/1.
ANSWERS = {
    "idle": (robots("User-agent: *\nAllow: /\n"), HOL),
    "closed": (robots("User-agent: *\nDisallow: /news/\n"), ROJ),
    "missing": (Response(404, b"<html><body>Not Found</body></html>"), WEATHER),
    "down": (Response(503, b"<html><body>Overloaded</body></html>"), EXAMS),
    "uncached": (
        Response(body=b"User-agent: *\nAllow: /\n", content_type="text/plain",
                 headers={"Cache-Control": "max-age=0"}),
        HOL,
    ),
}  # fmt: skip


@dataclass
class TwoCrawls:
    outlets: dict[str, OutletServer]
    first: subprocess.CompletedProcess[str]
    second: subprocess.CompletedProcess[str]
    after_first: dict[str, tuple[int, int]]  # outlet -> (robots.txt requests, article requests)
    database_url: str

    def after_second(self, outlet: str) -> tuple[int, int]:
        return _counts(self.outlets[outlet])


def _counts(server: OutletServer) -> tuple[int, int]:
    return server.count("/robots.txt"), server.count("/news/1")


@pytest.fixture(scope="module")
def crawls(
    tmp_path_factory: pytest.TempPathFactory, server_url: str, template_database: str
) -> Iterator[TwoCrawls]:
    folder = tmp_path_factory.mktemp("robots")
    name = f"rasad_robots_{os.getpid()}"
    create_database(server_url, name, template=template_database)
    outlets = {
        outlet: OutletServer(host=f"127.0.0.{11 + index}") for index, outlet in enumerate(ANSWERS)
    }
    for outlet, (answer, story) in ANSWERS.items():
        server = outlets[outlet]
        server.route("/robots.txt", answer)
        server.route("/news/1", article_page(server.url("/news/1"), story))
        server.route("/sitemap.xml", sitemap([server.url("/news/1")]))
    catalog = write_catalog(
        folder / "sources.toml",
        [
            {
                "id": outlet,
                "name": outlet,
                "homepage": server.url("/"),
                "sitemaps": [server.url("/sitemap.xml")],
            }
            for outlet, server in outlets.items()
        ],
    )
    try:
        env = crawl_environment(with_database(server_url, name), folder / "data", catalog)
        first = run_rasad(env, "crawl")
        after_first = {outlet: _counts(server) for outlet, server in outlets.items()}
        second = run_rasad(env, "crawl")
        yield TwoCrawls(outlets, first, second, after_first, with_database(server_url, name))
    finally:
        for server in outlets.values():
            server.stop()
        drop_database(server_url, name)


def test_an_idle_outlet_is_asked_for_robots_txt_once_across_crawls(crawls: TwoCrawls) -> None:
    assert crawls.after_first["idle"] == (1, 1)
    assert crawls.after_second("idle") == (1, 1)
    assert crawls.outlets["idle"].count("/sitemap.xml") == 2  # the second crawl did run


def test_cached_rules_still_apply(crawls: TwoCrawls) -> None:
    assert crawls.after_first["closed"] == (1, 0)
    assert crawls.after_second("closed") == (1, 0)


def test_a_missing_robots_txt_allows_everything(crawls: TwoCrawls) -> None:
    assert crawls.after_first["missing"] == (1, 1)
    assert crawls.after_second("missing") == (1, 1)


def test_an_unreachable_robots_txt_disallows_everything_and_says_so(crawls: TwoCrawls) -> None:
    robots_requests, articles = crawls.after_first["down"]
    assert robots_requests == 3  # the first request and Scrapy's two retries of a 503
    assert articles == 0
    assert crawls.outlets["down"].count("/sitemap.xml") == 0
    with psycopg.connect(crawls.database_url) as conn:
        (error,) = conn.execute("SELECT last_error FROM sources WHERE id = 'down'").fetchone()
    assert f"robots.txt of {crawls.outlets['down'].base} is unreachable (HTTP 503)" in error
    summary = {line.split("│")[1].strip(): line for line in crawls.first.stdout.splitlines()
               if line.startswith("│")}  # fmt: skip
    assert "failed" in summary["down"]


def test_an_unreachable_robots_txt_is_not_asked_again_at_once(crawls: TwoCrawls) -> None:
    assert crawls.after_second("down") == (3, 0)


def test_a_robots_txt_that_may_not_be_cached_is_asked_every_crawl(crawls: TwoCrawls) -> None:
    assert crawls.after_first["uncached"] == (1, 1)
    assert crawls.after_second("uncached") == (2, 1)


def test_no_traceback_and_no_error_level_line(crawls: TwoCrawls) -> None:
    for result in (crawls.first, crawls.second):
        assert "Traceback" not in result.stderr
        assert " ERROR " not in result.stderr
