"""Pages that can never be stored are remembered with their reason and asked again with
backoff, not on every crawl. Three ``rasad crawl`` passes over an outlet whose sitemap lists
a JSON answer, a 404, a binary body and a page over the size limit: the second pass asks
for none of them; once their retry time has come, the third asks again, and the page its
outlet has fixed in between is stored."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
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
from outlets.build import HOL, PRISONS, robots, write_catalog
from outlets.hostile import MIB, article_page, sitemap
from outlets.server import HTML, OutletServer, Response

from rasad.config.limits import PAGE_MAX_BYTES

if TYPE_CHECKING:
    from collections.abc import Iterator

BROKEN = {
    "/news/json": (Response(body=b'{"id": 7}', content_type="application/json"), "not an HTML page (content type application/json)"),
    "/news/gone": (Response(404, b"<html><body>Not Found</body></html>"), "answered HTTP 404"),
    "/news/binary": (Response(body=b"\x89PNG\r\n\x1a\n\x00\x00" * 500, content_type=HTML), "not an HTML page (binary content)"),
    "/news/huge": (Response(body=b"<html>" + b" " * (PAGE_MAX_BYTES + MIB), content_type=HTML), "larger than download max size"),
}  # fmt: skip


@dataclass(frozen=True)
class Failed:
    reason: str
    failures: int
    wait: timedelta  # retry_at - checked_at


@dataclass
class Passes:
    outlet: OutletServer
    counts: list[dict[str, int]]  # requests per path after each pass
    failed: list[dict[str, Failed]]  # failed seen_urls after each pass
    stored_after_third: set[str]


def failed_pages(database_url: str, base: str) -> dict[str, Failed]:
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT url, reason, failures, retry_at, checked_at FROM seen_urls"
            " WHERE outcome = 'failed'"
        ).fetchall()
    return {url.removeprefix(base): Failed(r, n, at - checked) for url, r, n, at, checked in rows}


@pytest.fixture(scope="module")
def passes(
    tmp_path_factory: pytest.TempPathFactory, server_url: str, template_database: str
) -> Iterator[Passes]:
    folder = tmp_path_factory.mktemp("failed")
    name = f"rasad_failed_{os.getpid()}"
    create_database(server_url, name, template=template_database)
    database_url = with_database(server_url, name)
    with OutletServer(host="127.0.0.31") as outlet:
        outlet.route("/robots.txt", robots("User-agent: *\nAllow: /\n"))
        outlet.route("/news/ok", article_page(outlet.url("/news/ok"), HOL))
        for path, (answer, _) in BROKEN.items():
            outlet.route(path, answer)
        paths = ["/news/ok", *BROKEN]
        outlet.route("/sitemap.xml", sitemap([outlet.url(p) for p in paths]))
        catalog = write_catalog(
            folder / "sources.toml",
            [
                {
                    "id": "broken",
                    "name": "معطوب",
                    "homepage": outlet.url("/"),
                    "sitemaps": [outlet.url("/sitemap.xml")],
                }
            ],
        )
        env = crawl_environment(database_url, folder / "data", catalog)
        counts, failed = [], []
        for number in range(3):
            if number == 2:
                # The retry time has come, and the outlet fixed one page in the meantime.
                with psycopg.connect(database_url) as conn:
                    conn.execute("UPDATE seen_urls SET retry_at = now() WHERE outcome = 'failed'")
                outlet.route("/news/json", article_page(outlet.url("/news/json"), PRISONS))
            result = run_rasad(env, "crawl")
            assert result.returncode == 0, result.stderr
            assert "Traceback" not in result.stderr
            counts.append({p: outlet.count(p) for p in paths})
            failed.append(failed_pages(database_url, outlet.base))
        with psycopg.connect(database_url) as conn:
            stored = {url for (url,) in conn.execute("SELECT url FROM articles")}
        yield Passes(outlet, counts, failed, {u.removeprefix(outlet.base) for u in stored})
    drop_database(server_url, name)


def test_each_broken_page_is_remembered_with_its_reason(passes: Passes) -> None:
    first = passes.failed[0]
    assert set(first) == set(BROKEN)
    for path, (_, reason) in BROKEN.items():
        assert reason in first[path].reason, path
        assert first[path].failures == 1


def test_the_next_crawl_asks_for_none_of_them(passes: Passes) -> None:
    assert passes.counts[0] == dict.fromkeys(passes.counts[0], 1)
    assert passes.counts[1] == passes.counts[0]


def test_the_first_retry_comes_after_an_hour(passes: Passes) -> None:
    for failed in passes.failed[0].values():
        assert _about(failed.wait, timedelta(hours=1))


def test_a_page_failing_again_waits_twice_as_long(passes: Passes) -> None:
    third = passes.failed[2]
    assert set(third) == set(BROKEN) - {"/news/json"}
    for path in third:
        assert passes.counts[2][path] == 2
        assert third[path].failures == 2
        assert _about(third[path].wait, timedelta(hours=2))


def test_a_page_fixed_by_its_outlet_is_stored_at_its_retry(passes: Passes) -> None:
    assert passes.stored_after_third == {"/news/ok", "/news/json"}
    assert passes.counts[2]["/news/ok"] == 1  # stored pages are never asked again


def _about(wait: timedelta, expected: timedelta) -> bool:
    return abs(wait - expected) < timedelta(minutes=1)
