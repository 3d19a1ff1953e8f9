"""The embedded PostgreSQL: started once per data folder, reused, and restarted after a kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import psycopg
import pytest
from harness import clean_environment

from rasad.storage.embedded import embedded_database_url, stop_embedded_server


def servers_on(pgdata: Path) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(attrs=["name", "cmdline", "ppid"]):
        cmdline = proc.info["cmdline"] or []
        if proc.info["name"] == "postgres" and str(pgdata) in cmdline:
            found.append(proc)
    return [p for p in found if p.info["ppid"] not in {q.pid for q in found}]


@pytest.fixture
def pgdata(tmp_path: Path) -> Path:
    folder = tmp_path / "data" / "postgres"
    yield folder
    stop_embedded_server(folder)


def test_the_server_is_reused_across_calls(pgdata: Path) -> None:
    url = embedded_database_url(pgdata)
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT current_database()").fetchone()[0] == "rasad"
    (first,) = servers_on(pgdata)
    assert embedded_database_url(pgdata) == url
    assert [p.pid for p in servers_on(pgdata)] == [first.pid]


def test_a_killed_server_is_replaced_by_exactly_one_new_one(pgdata: Path) -> None:
    embedded_database_url(pgdata)
    (first,) = servers_on(pgdata)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(10)
    # Its children notice the postmaster is gone and leave within a moment.
    deadline = time.monotonic() + 10
    while servers_on(pgdata) and time.monotonic() < deadline:
        time.sleep(0.1)
    url = embedded_database_url(pgdata)
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
    (second,) = servers_on(pgdata)
    assert second.pid != first.pid


def test_stop_reports_whether_a_server_was_running(pgdata: Path) -> None:
    embedded_database_url(pgdata)
    assert stop_embedded_server(pgdata) is True
    assert servers_on(pgdata) == []
    assert stop_embedded_server(pgdata) is False


def test_a_second_process_reuses_the_server_the_first_left_running(tmp_path: Path) -> None:
    env = clean_environment(RASAD_DATA_DIR=str(tmp_path / "data"), HOME=str(tmp_path))
    pgdata = tmp_path / "data" / "postgres"
    try:
        urls = []
        for _ in range(2):
            result = subprocess.run(
                [sys.executable, "-m", "rasad", "db", "url"],
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=True,
            )
            urls.append(result.stdout.strip())
            servers = servers_on(pgdata)
            assert len(servers) == 1
        assert urls[0] == urls[1]
        stopped = subprocess.run(
            [sys.executable, "-m", "rasad", "db", "stop"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        assert stopped.stdout.strip() == "stopped the embedded PostgreSQL"
        assert servers_on(pgdata) == []
    finally:
        stop_embedded_server(pgdata)
