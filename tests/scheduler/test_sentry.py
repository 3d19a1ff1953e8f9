"""Sentry as an operator sees it: events tagged with the source, cron check-ins, no article text."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from typing import TYPE_CHECKING

from harness import crawl_environment
from outlets.build import build_outlets
from outlets.server import OutletServer, Response
from sentry_endpoint import SentryEndpoint

if TYPE_CHECKING:
    from pathlib import Path

# A PNG served as an article page: a page Rasad cannot read at all.
BINARY_PAGE = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


def broken_outlet() -> OutletServer:
    server = OutletServer(host="127.0.0.5")
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        f"<item><title>صورة</title><link>{server.url('/news/1')}</link></item>"
        "</channel></rss>"
    )
    server.route("/rss.xml", Response(body=feed.encode(), content_type="application/rss+xml"))
    server.route("/news/1", Response(body=BINARY_PAGE, content_type="text/html"))
    return server


def test_crawl_errors_reach_sentry_tagged_with_the_source_and_without_text(
    tmp_path: Path, database_url: str
) -> None:
    with SentryEndpoint() as sentry, build_outlets(tmp_path) as outlets, broken_outlet() as broken:
        catalog = outlets.catalog_path.read_text(encoding="utf-8") + (
            f'\n[[source]]\nid = "broken"\nname = "معطوب"\nhomepage = "{broken.url("/")}"\nprivate_network = true\n'
            f'feeds = ["{broken.url("/rss.xml")}"]\n'
        )
        outlets.catalog_path.write_text(catalog, encoding="utf-8")
        env = crawl_environment(
            database_url,
            tmp_path / "data",
            outlets.catalog_path,
            RASAD_ENVIRONMENT="test",
            SENTRY_DSN=sentry.dsn,
        )
        result = subprocess.run(
            [sys.executable, "-m", "rasad", "crawl"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        events = sentry.items("event")
        raw = sentry.raw()
        paragraphs = [p for article in outlets.articles.values() for p in article.paragraphs]

    tagged = [event for event in events if event.get("tags", {}).get("source") == "broken"]
    assert tagged, events
    assert tagged[0]["release"].startswith("rasad@")
    assert tagged[0]["environment"] == "test"
    assert tagged[0]["exception"]["values"][0]["type"] == "ExtractionError"
    # No article text, no local variables, in anything that was sent.
    assert not any(paragraph[:40] in raw for paragraph in paragraphs)
    assert '"vars"' not in raw


def test_the_daemon_sends_cron_check_ins_for_its_jobs(tmp_path: Path, database_url: str) -> None:
    with SentryEndpoint() as sentry, build_outlets(tmp_path) as outlets:
        catalog = re.sub(r"interval = \d+", "interval = 0.05", outlets.catalog_path.read_text())
        outlets.catalog_path.write_text(catalog, encoding="utf-8")
        env = crawl_environment(
            database_url, tmp_path / "data", outlets.catalog_path, SENTRY_DSN=sentry.dsn
        )
        daemon = subprocess.Popen(
            [sys.executable, "-m", "rasad", "run"], env=env, stderr=subprocess.PIPE
        )
        # Until every job checked in as done (a loaded machine takes a while to start crawls).
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not {"crawl-alpha", "deliver", "health"} <= {
            c["monitor_slug"] for c in sentry.items("check_in") if c["status"] == "ok"
        }:
            time.sleep(0.5)
        daemon.send_signal(signal.SIGTERM)
        _, stderr = daemon.communicate(timeout=30)
        check_ins = sentry.items("check_in")

    assert daemon.returncode == 0, stderr.decode()
    by_slug: dict[str, set[str]] = {}
    for check_in in check_ins:
        by_slug.setdefault(check_in["monitor_slug"], set()).add(check_in["status"])
    assert by_slug["deliver"] >= {"in_progress", "ok"}
    assert by_slug["health"] >= {"in_progress", "ok"}
    assert by_slug["crawl-alpha"] >= {"in_progress", "ok"}
    assert "monitor_config" in next(c for c in check_ins if c["monitor_slug"] == "crawl-alpha")
