"""Helpers shared by the test modules and conftest: databases and subprocess environments.

Only this module and conftest.py read the environment in tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

if TYPE_CHECKING:
    pass


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


def run_rasad(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """``rasad`` in its own process: the Twisted reactor runs once per process, as for a user."""
    return subprocess.run(
        [sys.executable, "-m", "rasad", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
