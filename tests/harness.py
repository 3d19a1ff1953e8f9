"""Helpers shared by the test modules and conftest: databases and subprocess environments.

Only this module and conftest.py read the environment in tests.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rasad.config.settings import Settings


def with_database(url: str, name: str) -> str:
    """``url`` pointing at database ``name`` (works for host and socket URLs alike)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def create_database(server_url: str, name: str, template: str | None = None) -> None:
    query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        query = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(template)
        )
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(query)


def drop_database(server_url: str, name: str) -> None:
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def clean_environment(**settings: str) -> dict[str, str]:
    """This process's environment without any Rasad or Sentry setting, plus ``settings``:
    what a ``rasad`` subprocess of a test runs with."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RASAD_", "SENTRY_"))}
    env.update(settings)
    return env


def crawl_environment(
    database_url: str, data_dir: Path, catalog: Path, **settings: str
) -> dict[str, str]:
    """The environment of a ``rasad crawl`` or ``rasad run`` subprocess against local outlets:
    its own database, data folder and catalog, and no delay between requests."""
    return clean_environment(
        RASAD_DATABASE_URL=database_url,
        RASAD_DATA_DIR=str(data_dir),
        RASAD_CATALOG=str(catalog),
        RASAD_CRAWL_DELAY_SECONDS="0",
        **settings,
    )


def web_environment(settings: Settings, **overrides: str) -> dict[str, str]:
    """The environment of a ``rasad web`` subprocess serving what ``settings`` point at."""
    return clean_environment(
        RASAD_DATABASE_URL=settings.database_url or "",
        RASAD_CATALOG=str(settings.catalog),
        RASAD_DATA_DIR=str(settings.data_dir),
        RASAD_TIMEZONE=settings.timezone,
        **overrides,
    )


@contextmanager
def serving(env: dict[str, str], *args: str) -> Iterator[str]:
    """`rasad web ARGS` in its own process; yields the URL it printed, stops it with SIGTERM."""
    process = subprocess.Popen(
        [sys.executable, "-m", "rasad", "web", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        assert line.startswith("serving on http://"), (
            process.stderr.read() if process.stderr else ""
        )
        yield line.removeprefix("serving on ").strip().rstrip("/")
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
        if process.stdout:
            process.stdout.close()
        assert process.returncode == 0, stderr
        assert "Traceback" not in stderr
