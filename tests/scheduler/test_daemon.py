"""``rasad run`` as an operator runs it: subprocesses on one database, rounds, SIGTERM."""

from __future__ import annotations

import re
import signal
import subprocess
import time
from typing import TYPE_CHECKING

import psycopg
from harness import crawl_environment, start_daemon
from outlets.build import build_outlets
from outlets.server import OutletServer, Response

if TYPE_CHECKING:
    from pathlib import Path

INTERVAL_MINUTES = 0.05  # three seconds
RUN_SECONDS = 16


def stop_all(daemons: list[subprocess.Popen[bytes]]) -> list[tuple[int, float]]:
    """SIGTERM to every daemon at once; (exit status, seconds to exit) of each."""
    started = time.monotonic()
    for daemon in daemons:
        daemon.send_signal(signal.SIGTERM)
    results = []
    for daemon in daemons:
        code = daemon.wait(timeout=30)
        results.append((code, time.monotonic() - started))
    return results


def test_two_daemons_share_the_sources_without_fetching_twice(
    tmp_path: Path, database_url: str
) -> None:
    hanging = OutletServer(
        fallback=lambda _request: Response(body=b"late"), delay=25, host="127.0.0.4"
    )
    with build_outlets(tmp_path) as outlets, hanging:
        catalog = re.sub(
            r"interval = \d+", f"interval = {INTERVAL_MINUTES}", outlets.catalog_path.read_text()
        )
        catalog += (
            f'\n[[source]]\nid = "hanging"\nname = "معلق"\nhomepage = "{hanging.url("/")}"\nprivate_network = true\n'
            f'feeds = ["{hanging.url("/feed.xml")}"]\ninterval = {INTERVAL_MINUTES}\n'
        )
        outlets.catalog_path.write_text(catalog, encoding="utf-8")
        env = crawl_environment(database_url, tmp_path / "data", outlets.catalog_path)
        began = time.monotonic()
        first = start_daemon(env, tmp_path / "first.log")
        second = start_daemon(env, tmp_path / "second.log")
        time.sleep(RUN_SECONDS)
        results = stop_all([first, second])
        elapsed = time.monotonic() - began
        logs = [(tmp_path / name).read_text() for name in ("first.log", "second.log")]

    # Both stop cleanly within seconds, even with a crawl of the hanging outlet in flight.
    for (code, seconds), log in zip(results, logs, strict=True):
        assert code == 0, log
        # Crawls get 5 s to close; a loaded CI machine needs a little more to exit.
        assert seconds < 15, f"stopped after {seconds:.1f} s\n{log}"
        assert "Traceback" not in log
    # Both took part in the work: each finished crawls, or held the hanging outlet's lease
    # until it stopped (whichever daemon draws that outlet first keeps it all run long, and on
    # a loaded machine the other's timers may lose every race for the rest to it).
    crawls = [re.findall(r"crawled source (\w+)", log) for log in logs]
    held = ["released 1 lease(s) of unfinished crawls" in log for log in logs]
    assert all(c or h for c, h in zip(crawls, held, strict=True)), f"one daemon idle: {crawls}"
    assert any(crawls), crawls
    # Several rounds of alpha happened, yet no article page was fetched twice.
    assert outlets.alpha.count("/rss.xml") >= 2
    for url in outlets.unique_articles:
        server = outlets.alpha if url.startswith(outlets.alpha.base) else outlets.beta
        assert server.count(url) <= 1, url
    # One lease per source: rounds of alpha, whichever daemon ran them, start at least 90% of
    # an interval apart (the claim allows a tenth of slack for timers that fire early).
    rounds = sum(names.count("alpha") for names in crawls)
    assert 2 <= rounds <= elapsed / (0.9 * INTERVAL_MINUTES * 60) + 1, crawls
    # The hanging outlet did not hold the others back.
    with psycopg.connect(database_url) as conn:
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert stored == len(outlets.unique_articles)
