"""`rasad web` through the command line: it serves, prints where, listens where it is told,
refuses to listen beyond this machine without web_auth, and works under a read-only role."""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import sys
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import httpx2
import psycopg
import pytest
from harness import serving, web_environment
from psycopg import sql

from rasad.web.serve import is_loopback

if TYPE_CHECKING:
    from collections.abc import Iterator

    from conftest import Archive, Rasad

TOKEN = "a-long-enough-token-1234"  # noqa: S105 (the test server's own)
EVERY_ADDRESS = "0.0.0.0"  # noqa: S104 (what the flag is tested with; requests go to loopback)


def loopback_url(url: str) -> str:
    """The served URL reached through 127.0.0.1 (the server may listen on every address)."""
    port = urlsplit(url).port
    return f"http://127.0.0.1:{port}"


def test_rasad_web_serves_the_pages_and_prints_the_port(archive: Archive) -> None:
    with serving(web_environment(archive.settings), "--port", "0") as url:
        assert url.startswith("http://127.0.0.1:")
        assert not url.endswith(":0")
        page = httpx2.get(f"{url}/search", params={"q": "سجون"}, timeout=30)
        assert page.status_code == 200
        assert "نقل موقوفين من سجون مكتظة في ريف حلب" in page.text
        assert httpx2.get(f"{url}/api/openapi.json", timeout=30).status_code == 200


def test_the_host_flag_off_loopback_needs_web_auth(rasad: Rasad) -> None:
    result = rasad("web", "--host", EVERY_ADDRESS, "--port", "0")
    assert result.exit_code == 2
    assert result.stderr == (
        "rasad: rasad web listens on 0.0.0.0 only with the web_auth setting "
        "(RASAD_WEB_AUTH: a token, or user:password), since every article would be open\n"
    )


def test_off_loopback_every_request_must_sign_in(archive: Archive) -> None:
    env = web_environment(archive.settings, RASAD_WEB_AUTH=TOKEN)
    with serving(env, "--host", EVERY_ADDRESS, "--port", "0") as url:
        base = loopback_url(url)
        for path in ("/", "/api/topics", "/api/openapi.json", "/static/style.css"):
            refused = httpx2.get(base + path, timeout=30)
            assert refused.status_code == 401
            assert refused.headers["www-authenticate"].startswith("Basic ")
        bearer = {"authorization": f"Bearer {TOKEN}"}
        assert httpx2.get(f"{base}/api/topics", headers=bearer, timeout=30).status_code == 200
        # a browser's login prompt: any user name, the token as the password
        basic = base64.b64encode(f"analyst:{TOKEN}".encode()).decode()
        login = {"authorization": f"Basic {basic}"}
        assert httpx2.get(f"{base}/sources", headers=login, timeout=30).status_code == 200
        wrong = {"authorization": "Bearer not-the-token-at-all"}
        assert httpx2.get(f"{base}/api/topics", headers=wrong, timeout=30).status_code == 401


def test_basic_auth_with_a_user_and_password(archive: Archive) -> None:
    env = web_environment(archive.settings, RASAD_WEB_AUTH="analyst:correct horse battery")
    with serving(env, "--port", "0") as url:
        good = base64.b64encode(b"analyst:correct horse battery").decode()
        other = base64.b64encode(b"someone:correct horse battery").decode()
        assert httpx2.get(url, headers={"authorization": f"Basic {good}"}).status_code == 200
        assert httpx2.get(url, headers={"authorization": f"Basic {other}"}).status_code == 401
        assert httpx2.get(url).status_code == 401


def test_a_port_in_use_is_one_sentence(rasad: Rasad) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = rasad("web", "--port", str(port))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"rasad: rasad web cannot listen on 127.0.0.1:{port} (")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "70000"], "Invalid value for '--port'"),
        (["--port", "eighty"], "Invalid value for '--port'"),
    ],
)
def test_bad_flags_are_refused(rasad: Rasad, args: list[str], message: str) -> None:
    result = rasad("web", *args)
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.parametrize("web_auth", ["short", ":no-user-given-here", "user:short"])
def test_a_weak_web_auth_is_refused_without_showing_it(rasad: Rasad, web_auth: str) -> None:
    rasad.env["RASAD_WEB_AUTH"] = web_auth
    result = rasad("web", "--port", "0")
    assert result.exit_code == 2
    assert "environment variable RASAD_WEB_AUTH must be a token or 'user:password'" in result.stderr
    assert web_auth not in result.stderr


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.8.0.1", True), ("::1", True), ("[::1]", True),
     ("localhost", True), (EVERY_ADDRESS, False), ("::", False), ("192.168.1.5", False),
     ("example.org", False)],
)  # fmt: skip
def test_which_hosts_count_as_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def grant_reader(archive: Archive, name: str, *flags: str) -> str:
    """`rasad db grant-reader NAME` as an operator runs it; the reader's URL it prints."""
    result = subprocess.run(
        [sys.executable, "-m", "rasad", "db", "grant-reader", name, *flags],
        env=web_environment(archive.settings),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def drop_role(archive: Archive, name: str) -> None:
    with psycopg.connect(archive.database_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


@pytest.fixture
def reader_urls(archive: Archive) -> Iterator[tuple[str, str]]:
    """Two readers: one of the analyst views alone, one that may search too (--search)."""
    views_only, searching = f"views_{os.getpid()}", f"search_{os.getpid()}"
    urls = grant_reader(archive, views_only), grant_reader(archive, searching, "--search")
    yield urls
    drop_role(archive, views_only)
    drop_role(archive, searching)


PAGES = (
    "/search?q=سجون",
    "/api/search?q=داعش&topic=hol",
    "/articles/1",
    "/topics/prisons",
    "/topics/hol/feed.atom",
    "/sources",
    "/api/topics",
)


def test_the_web_works_under_the_reader_role_grant_reader_makes(
    archive: Archive, reader_urls: tuple[str, str]
) -> None:
    views_only, searching = reader_urls
    with psycopg.connect(searching) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT count(*) FROM outbox")
    env = web_environment(archive.settings, RASAD_WEB_DATABASE_URL=searching)
    del env["RASAD_DATABASE_URL"]
    with serving(env, "--port", "0") as url:
        for path in PAGES:
            response = httpx2.get(url + path, timeout=30)
            assert response.status_code == 200, (path, response.text)
        assert "desk@example.org" in httpx2.get(f"{url}/topics/hol", timeout=30).text
    env["RASAD_WEB_DATABASE_URL"] = views_only
    with serving(env, "--port", "0") as url:
        for path in PAGES[2:]:  # what the views carry
            assert httpx2.get(url + path, timeout=30).status_code == 200, path
        refused = httpx2.get(f"{url}/api/search", params={"q": "سجون"}, timeout=30)
        assert refused.status_code == 503
        assert refused.json()["error"].endswith("`rasad db grant-reader NAME --search`.")
