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

    from click.testing import Result

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


def start_daemon(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """``rasad run`` as a subprocess, its stdout and stderr written to ``log``."""
    with log.open("wb") as handle:
        return subprocess.Popen(
            [sys.executable, "-m", "rasad", "run"], env=env, stdout=handle, stderr=handle
        )


def in_ci() -> bool:
    """True under CI (the CI variable set), where what a test needs must be there."""
    return bool(os.environ.get("CI"))


class Rasad:
    """Runs ``rasad`` in process, as a user would from a shell, and returns what it printed."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    def __call__(self, *args: str, input: str | None = None) -> Result:
        from click.testing import CliRunner

        from rasad.cli import cli

        # Unset every RASAD_ variable of the outer shell that the test did not set itself.
        outer = {k: None for k in os.environ if k.startswith(("RASAD_", "SENTRY_"))}
        runner = CliRunner(env={**outer, **self.env})
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)


def run_rasad(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """``rasad`` in its own process: the Twisted reactor runs once per process, as for a user."""
    return subprocess.run(
        [sys.executable, "-m", "rasad", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
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
