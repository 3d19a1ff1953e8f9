"""Several Rasad processes starting at once on one empty database: every one succeeds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import psycopg
from harness import clean_environment

from rasad.storage.migrate import available_migrations


def test_five_concurrent_migrations_on_an_empty_database_all_succeed(
    empty_database_url: str, tmp_path: Path
) -> None:
    env = clean_environment(RASAD_DATABASE_URL=empty_database_url, RASAD_DATA_DIR=str(tmp_path))
    command = [sys.executable, "-m", "rasad", "db", "migrate"]
    processes = [
        subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(5)
    ]
    results = [(p.wait(timeout=120), *p.communicate()) for p in processes]

    assert [status for status, _, _ in results] == [0] * 5, results
    outputs = sorted(out.strip() for _, out, _ in results)
    assert outputs.count("database is up to date") == 4
    assert outputs[0] == f"applied {len(available_migrations())} migration(s)"
    with psycopg.connect(empty_database_url) as conn:
        versions = [row[0] for row in conn.execute("SELECT version FROM schema_migrations")]
    assert sorted(versions) == [m.version for m in available_migrations()]
