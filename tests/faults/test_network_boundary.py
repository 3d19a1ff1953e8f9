"""The network boundary, tried as an attacker would: a private-network outlet whose sitemap
lists a local file and internal addresses, and which redirects to them; a public source whose
host name resolves to loopback. Checked in the request logs of the internal servers (nothing
reaches them), in the rows (nothing stored) and on stderr (each refusal named, once)."""

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
from outlets.build import HOL, PRISONS, WATER, robots, write_catalog
from outlets.hostile import article_page, redirect, sitemap
from outlets.server import OutletServer

if TYPE_CHECKING:
    import subprocess
    from collections.abc import Iterator
    from pathlib import Path

    from conftest import Rasad


@dataclass
class Attack:
    hostile: OutletServer  # the private-network source's own outlet
    inner: OutletServer  # another port on loopback: must never be asked
    intranet: OutletServer  # another loopback address: must never be asked
    neighbour: OutletServer  # another private-network source's outlet
    disk_page: str  # file:// URL of an article on the local disk
    result: subprocess.CompletedProcess[str]
    database_url: str

    def stored_titles(self) -> set[str]:
        with psycopg.connect(self.database_url) as conn:
            return {title for (title,) in conn.execute("SELECT title FROM articles")}


@pytest.fixture(scope="module")
def attack(
    tmp_path_factory: pytest.TempPathFactory, server_url: str, template_database: str
) -> Iterator[Attack]:
    folder = tmp_path_factory.mktemp("boundary")
    name = f"rasad_boundary_{os.getpid()}"
    create_database(server_url, name, template=template_database)
    secret = WATER  # the internal servers' article: stored means the boundary failed
    with (
        OutletServer(host="127.0.0.4") as hostile,
        OutletServer(host="127.0.0.1") as inner,
        OutletServer(host="127.0.0.5") as intranet,
        OutletServer(host="127.0.0.6") as neighbour,
    ):
        for server in (inner, intranet):
            server.route("/secret", article_page(server.url("/secret"), secret))
            server.route("/redirected", article_page(server.url("/redirected"), secret))
            server.route("/feed.xml", sitemap([server.url("/secret")]))
        neighbour.route("/internal", article_page(neighbour.url("/internal"), secret))
        neighbour.route("/news/2", article_page(neighbour.url("/news/2"), PRISONS))
        neighbour.route("/sitemap.xml", sitemap([neighbour.url("/news/2")]))
        neighbour.route("/robots.txt", robots("User-agent: *\nAllow: /\n"))
        disk = folder / "disk-article.html"
        disk.write_bytes(article_page(f"file://{disk}", secret).body)
        hostile.route("/robots.txt", robots("User-agent: *\nAllow: /\n"))
        hostile.route("/news/1", article_page(hostile.url("/news/1"), HOL))
        hostile.route("/go/port", redirect(inner.url("/redirected")))
        hostile.route("/go/private", redirect(intranet.url("/redirected")))
        hostile.route("/go/localhost", redirect(f"http://localhost:{inner.port}/redirected"))
        hostile.route(
            "/sitemap.xml",
            sitemap(
                [
                    disk.as_uri(),
                    inner.url("/secret"),
                    intranet.url("/secret"),
                    hostile.url("/go/port"),
                    hostile.url("/go/private"),
                    hostile.url("/go/localhost"),
                    neighbour.url("/internal"),
                    f"ftp://{hostile.host}/pub/news.html",
                    "http://[::1/news",
                    hostile.url("/news/1"),
                ]
            ),
        )
        catalog = write_catalog(
            folder / "sources.toml",
            [
                {
                    "id": "hostile",
                    "name": "عدائي",
                    "homepage": hostile.url("/"),
                    "sitemaps": [hostile.url("/sitemap.xml")],
                },
                {  # not on a private network: its host name must not reach loopback
                    "id": "public",
                    "name": "عام",
                    "homepage": f"http://localhost:{inner.port}/",
                    "feeds": [f"http://localhost:{inner.port}/feed.xml"],
                    "private_network": False,
                },
                {
                    "id": "neighbour",
                    "name": "جار",
                    "homepage": neighbour.url("/"),
                    "sitemaps": [neighbour.url("/sitemap.xml")],
                },
            ],
        )
        env = crawl_environment(with_database(server_url, name), folder / "data", catalog)
        result = run_rasad(env, "crawl")
        yield Attack(
            hostile,
            inner,
            intranet,
            neighbour,
            disk.as_uri(),
            result,
            with_database(server_url, name),
        )
    drop_database(server_url, name)


def test_the_crawl_goes_on_and_stores_the_outlets_own_article(attack: Attack) -> None:
    assert "Traceback" not in attack.result.stderr
    assert HOL.title in attack.stored_titles()


def test_no_internal_server_is_asked_anything(attack: Attack) -> None:
    assert attack.inner.log == []
    assert attack.intranet.log == []
    assert WATER.title not in attack.stored_titles()


def test_each_refusal_is_logged_once_with_its_reason(attack: Attack) -> None:
    stderr = attack.result.stderr
    inner, intranet, hostile = attack.inner, attack.intranet, attack.hostile
    expected = {
        f"{attack.disk_page} refused": "scheme 'file' is not fetched",
        f"ftp://{hostile.host}/pub/news.html refused": "scheme 'ftp' is not fetched",
        f"{inner.url('/secret')} refused": "127.0.0.1 is a loopback address",
        f"{intranet.url('/secret')} refused": "127.0.0.5 is a loopback address",
        f"refused (redirected from {hostile.url('/go/port')})": "127.0.0.1 is a loopback",
        f"refused (redirected from {hostile.url('/go/private')})": "127.0.0.5 is a loopback",
        f"refused (redirected from {hostile.url('/go/localhost')})": (
            "localhost resolves to 127.0.0.1, a loopback address"
        ),
        "'http://[::1/news', not a valid URL": "Invalid IPv6 URL",
    }
    lines = stderr.splitlines()
    for what, why in expected.items():
        found = [line for line in lines if what in line]
        assert len(found) == 1, (what, stderr)
        assert why in found[0]


def test_a_public_sources_host_name_resolving_to_loopback_is_refused_when_connecting(
    attack: Attack,
) -> None:
    feed = f"http://localhost:{attack.inner.port}/feed.xml"
    assert f"{feed} refused: localhost resolves to 127.0.0.1, a loopback address" in (
        attack.result.stderr
    )
    with psycopg.connect(attack.database_url) as conn:
        (error,) = conn.execute("SELECT last_error FROM sources WHERE id = 'public'").fetchone()
    assert "localhost resolves to 127.0.0.1" in error


def test_a_private_source_cannot_reach_another_private_sources_origin(attack: Attack) -> None:
    """Both are private-network sources; each may reach only its own origins."""
    assert attack.neighbour.count("/news/2") == 1  # its own crawl
    assert attack.neighbour.count("/internal") == 0  # listed by the hostile source
    assert f"{attack.neighbour.url('/internal')} refused" in attack.result.stderr


@pytest.fixture
def private_page(tmp_path: Path) -> Iterator[tuple[OutletServer, OutletServer, Path]]:
    with OutletServer(host="127.0.0.1") as page, OutletServer(host="127.0.0.1") as other:
        page.route("/news/1", article_page(page.url("/news/1"), PRISONS))
        page.route("/go/other", redirect(other.url("/news/1")))
        page.route("/go/file", redirect("file:///etc/passwd"))
        page.route("/go/ftp", redirect(f"ftp://{page.host}/pub/news.html"))
        other.route("/news/1", article_page(other.url("/news/1"), PRISONS))
        catalog = write_catalog(
            tmp_path / "sources.toml",
            [
                {"id": "intranet", "name": "داخلي", "homepage": page.url("/")},
                {
                    "id": "outside",
                    "name": "خارجي",
                    "homepage": "https://example.org/",
                    "private_network": False,
                },
            ],
        )
        yield page, other, catalog


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("/news/1",), "refused: 127.0.0.1 is a loopback address; --source may name"),
        (("/news/1", "--source", "outside"), "refused: 127.0.0.1 is a loopback address"),
        (("/go/other", "--source", "intranet"), "(redirected from "),
        (("/go/file", "--source", "intranet"), "Redirection to url 'file:///etc/passwd' is not"),
        (("/go/ftp", "--source", "intranet"), "scheme 'ftp' is not fetched"),
    ],
)
def test_extract_refuses_private_pages_unless_a_private_source_owns_them(
    rasad: Rasad,
    private_page: tuple[OutletServer, OutletServer, Path],
    args: tuple[str, ...],
    message: str,
) -> None:
    page, other, catalog = private_page
    rasad.env["RASAD_CATALOG"] = str(catalog)
    result = rasad("extract", page.url(args[0]), *args[1:])
    assert result.exit_code == 2
    assert result.stderr.startswith("rasad: ")
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert other.log == []


def test_extract_of_a_private_sources_own_page_works(
    rasad: Rasad, private_page: tuple[OutletServer, OutletServer, Path]
) -> None:
    page, _, catalog = private_page
    rasad.env["RASAD_CATALOG"] = str(catalog)
    result = rasad("extract", page.url("/news/1"), "--source", "intranet")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"title: {PRISONS.title}")


def test_extract_refuses_a_host_name_that_resolves_to_loopback_when_connecting(
    rasad: Rasad, private_page: tuple[OutletServer, OutletServer, Path]
) -> None:
    page, _, catalog = private_page
    rasad.env["RASAD_CATALOG"] = str(catalog)
    result = rasad("extract", f"http://localhost:{page.port}/news/1")
    assert result.exit_code == 2
    assert "refused: localhost resolves to 127.0.0.1, a loopback address" in result.stderr
    assert page.log == []
