"""Leases and rounds under faults: a daemon killed mid-crawl, a stop mid-crawl, a crawl that
outlasts its interval. Daemons are real `rasad run` subprocesses on one database."""

from __future__ import annotations

import logging
import re
import signal
import time
from typing import TYPE_CHECKING

import psycopg
from harness import crawl_environment, start_daemon
from outlets.server import OutletServer, Response

from rasad.crawler.run import LEASE_SECONDS

# Figures worth reading in a run with --log-cli-level=INFO.
figures = logging.getLogger(__name__)

if TYPE_CHECKING:
    import subprocess
    from pathlib import Path

EMPTY_FEED = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
    b"<link>http://example.org/</link><description>d</description></channel></rss>"
)


def catalog(tmp_path: Path, outlet: OutletServer, source_id: str = "slow") -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(
        f'[[source]]\nid = "{source_id}"\nname = "بطيء"\nhomepage = "{outlet.url("/")}"\n'
        f'feeds = ["{outlet.url("/feed.xml")}"]\ninterval = 0.05\nprivate_network = true\n',
        encoding="utf-8",
    )
    return path


def lease(database_url: str, source_id: str = "slow") -> dict[str, object]:
    with psycopg.connect(database_url) as conn:
        row = conn.execute(
            """
            SELECT lease_owner, extract(epoch FROM lease_expires_at - now()) AS expires_in,
                   consecutive_failures, last_error, next_crawl_at <= now() AS due
            FROM sources WHERE id = %s
            """,
            (source_id,),
        ).fetchone()
    keys = ("owner", "expires_in", "failures", "error", "due")
    return dict(zip(keys, row, strict=True)) if row else {}


def wait_for_lease(
    database_url: str, daemon: subprocess.Popen[bytes], timeout: float
) -> float | None:
    """Seconds until ``daemon`` holds the lease of the slow source, or None."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if f":{daemon.pid}:" in str(lease(database_url).get("owner")):
            return time.monotonic() - started
        time.sleep(0.5)
    return None


def test_a_daemon_killed_mid_crawl_leaves_its_source_to_another_within_two_minutes(
    tmp_path: Path, database_url: str
) -> None:
    # Every answer takes 20 s: a crawl of this outlet is always in the middle of something.
    with OutletServer(
        fallback=lambda _r: Response(body=b"late"), delay=20, host="127.0.0.6"
    ) as slow:
        env = crawl_environment(database_url, tmp_path / "data", catalog(tmp_path, slow))
        first = start_daemon(env, tmp_path / "first.log")
        assert wait_for_lease(database_url, first, 120) is not None, (
            tmp_path / "first.log"
        ).read_text()
        second = start_daemon(env, tmp_path / "second.log")
        time.sleep(LEASE_SECONDS / 2)  # the heartbeat keeps the lease of the running crawl short
        held = lease(database_url)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        taken_after = wait_for_lease(database_url, second, 180)
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)
        log = (tmp_path / "second.log").read_text()

    assert f":{first.pid}:" in str(held["owner"])
    # Half a lease after the claim, a lease not renewed would have half of it left.
    assert LEASE_SECONDS * 0.6 < held["expires_in"] <= LEASE_SECONDS
    assert taken_after is not None, log
    figures.info("the other daemon took the source %.1f s after the kill", taken_after)
    assert taken_after < 120, f"the source was free after {taken_after:.0f} s"
    assert second.returncode == 0, log
    assert "Traceback" not in log


def test_a_crawl_cut_short_by_shutdown_is_no_failure_of_the_source(
    tmp_path: Path, database_url: str
) -> None:
    with OutletServer(
        fallback=lambda _r: Response(body=b"late"), delay=20, host="127.0.0.6"
    ) as slow:
        env = crawl_environment(database_url, tmp_path / "data", catalog(tmp_path, slow))
        daemon = start_daemon(env, tmp_path / "daemon.log")
        assert wait_for_lease(database_url, daemon, 120) is not None
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=30)
    log = (tmp_path / "daemon.log").read_text()

    assert daemon.returncode == 0, log
    row = lease(database_url)
    assert (row["owner"], row["failures"], row["error"], row["due"]) == (None, 0, None, True), log
    assert "no feed, sitemap or section page answered in time" not in log
    assert not re.search(r"source slow: crawl (failed|refused)", log), log
    assert re.search(r"crawled source slow: interrupted", log) or "released 1 lease" in log, log


def test_a_round_due_while_the_crawl_still_runs_is_logged_and_runs_late(
    tmp_path: Path, database_url: str
) -> None:
    # The feed takes 4 s to answer, longer than the 3 s interval: every round overlaps the next.
    routes = {"/feed.xml": Response(body=EMPTY_FEED, content_type="application/rss+xml", delay=4)}
    with OutletServer(routes, host="127.0.0.7") as outlet:
        env = crawl_environment(database_url, tmp_path / "data", catalog(tmp_path, outlet, "busy"))
        daemon = start_daemon(env, tmp_path / "daemon.log")
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and outlet.count("/feed.xml") < 3:
            time.sleep(0.5)
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=30)
        log = (tmp_path / "daemon.log").read_text()
        fetched = outlet.count("/feed.xml")

    assert fetched >= 3, log
    assert (
        "source busy: a round came due while its crawl still runs; it runs when that one ends"
        in log
    )
    assert "source busy: running the round that came due during its crawl" in log
    crawls = re.findall(r"crawled source busy: ok", log)
    assert len(crawls) >= 2, log
