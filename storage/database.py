"""Connections to PostgreSQL: one pool per process, opened by the composition root."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.pq import TransactionStatus
from psycopg_pool import ConnectionPool, PoolTimeout

from rasad.config.errors import StorageError
from rasad.storage.embedded import embedded_database_url

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from rasad.config.settings import Settings

log = logging.getLogger(__name__)

T = TypeVar("T")


def configured_database_url(settings: Settings) -> str:
    """The configured URL, or the embedded server's (started if need be) when none is."""
    return settings.database_url or embedded_database_url(settings.embedded_pgdata)


def migrated_database_url(settings: Settings) -> str:
    """The database URL, migrated: what the read-only commands use. They never sync the
    catalog or topics into the tables, which belong to the daemons' configuration."""
    from rasad.storage.migrate import migrate

    url = configured_database_url(settings)
    with connect(url) as conn:
        migrate(conn)
    return url


def describe_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host and "host=" in parts.query:
        host = parts.query.split("host=", 1)[1].split("&", 1)[0]
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:  # not a number: say nothing of it rather than fail here
        port = ""
    return f"{host}{port}{parts.path}"


def _reason(exc: psycopg.OperationalError) -> str:
    """libpq's first line of cause ("Connection refused"), without its hints."""
    for line in str(exc).splitlines():
        line = line.strip()
        if line and not line.startswith(("Is the server", "HINT")):
            return line.split(": ", 1)[-1] if "failed: " in line else line
    return "no answer"


def without_password(url: str) -> tuple[str, str | None]:
    """The URL with its password taken out, and the password (for PGPASSWORD)."""
    params = conninfo_to_dict(url)
    password = params.pop("password", None)
    return make_conninfo(**params), password


def connection_lost(exc: BaseException) -> bool:
    """True when ``exc`` says the database could not be reached or the connection broke: the
    work is retried once it is back. False for a statement the server refused (a bug in Rasad,
    or a schema changed under it), which is reported as an error."""
    if isinstance(exc, PoolTimeout | psycopg.InterfaceError):
        return True
    if not isinstance(exc, psycopg.OperationalError):
        return False
    # No SQLSTATE: the client lost the server. Class 08: connection exception; 57P: the server
    # shut down or is starting (admin_shutdown, crash_shutdown, cannot_connect_now).
    return exc.sqlstate is None or exc.sqlstate.startswith(("08", "57P"))


def retry_later(exc: BaseException) -> bool:
    """A lost connection, or a transaction the server rolled back to be tried again
    (serialization failure, deadlock: SQLSTATE class 40)."""
    sqlstate = getattr(exc, "sqlstate", None) or ""
    return connection_lost(exc) or (isinstance(exc, psycopg.Error) and sqlstate.startswith("40"))


class ConnectionWatch:
    """Says once that the database connection was lost, and once that it is back.

    Every part that meets a lost connection reports it here instead of logging it, so an
    outage of minutes is two lines in the log, not one per job, page and retry. The pool
    reports that it is back when it opens a new connection.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._lost_since: float | None = None

    @property
    def lost(self) -> bool:
        return self._lost_since is not None

    def report_lost(self, exc: BaseException) -> None:
        with self._lock:
            if self._lost_since is not None:
                return
            self._lost_since = time.monotonic()
        log.warning(
            "database connection lost (%s); crawls and emails wait for it and are retried",
            _reason(exc) if isinstance(exc, psycopg.OperationalError) else type(exc).__name__,
        )

    def report_back(self) -> None:
        with self._lock:
            if self._lost_since is None:
                return
            seconds, self._lost_since = time.monotonic() - self._lost_since, None
        log.info("database connection is back after %.0f s", seconds)


# A lost connection is retried with backoff for this long before the pool gives up on that
# attempt; the next request (or the daemon's probe) starts a fresh one at once. psycopg_pool's
# default of 5 minutes let the delay between tries grow past a minute, so a server back after
# a few minutes stayed unused for as long again.
_RECONNECT_TIMEOUT_SECONDS = 10.0


def open_pool(
    url: str,
    *,
    max_size: int = 4,
    timeout_seconds: float = 10.0,
    watch: ConnectionWatch | None = None,
    options: dict[str, str] | None = None,
) -> ConnectionPool:
    """Open a pool and wait until it holds a working connection.

    ``check`` tests each connection as it is handed out, so a restarted server costs one
    reconnect instead of one failed job. Each new connection tells ``watch`` the database is
    there. ``options`` are server settings for every session (``statement_timeout``...), sent
    with the connection so no query can run before them.
    """

    def configure(_conn: psycopg.Connection) -> None:
        if watch is not None:
            watch.report_back()

    kwargs: dict[str, object] = {"application_name": "rasad"}
    if options:
        kwargs["options"] = " ".join(f"-c {name}={value}" for name, value in options.items())
    pool = ConnectionPool(
        url,
        min_size=1,
        max_size=max_size,
        open=False,
        check=ConnectionPool.check_connection,
        configure=configure,
        reconnect_timeout=_RECONNECT_TIMEOUT_SECONDS,
        name="rasad",
        kwargs=kwargs,
    )
    try:
        pool.open(wait=True, timeout=timeout_seconds)
    except PoolTimeout as exc:
        pool.close()
        raise StorageError(
            f"cannot reach PostgreSQL at {describe_url(url)} within {timeout_seconds:g} seconds"
        ) from exc
    return pool


@contextmanager
def connect(url: str) -> Iterator[psycopg.Connection]:
    """One connection for a short command, with unreachable servers reported in one sentence."""
    try:
        conn = psycopg.connect(url, application_name="rasad", connect_timeout=10)
    except psycopg.OperationalError as exc:
        raise StorageError(
            f"cannot reach PostgreSQL at {describe_url(url)} ({_reason(exc)})"
        ) from exc
    except (psycopg.ProgrammingError, ValueError):
        # libpq's message quotes the offending part, which may be the password.
        raise StorageError(
            "the database URL is not valid (check its port and the percent-encoding of its "
            "user and password)"
        ) from None
    with conn:
        yield conn


async def off_the_loop(pool: ConnectionPool, function: Callable[..., T], *args: object) -> T:
    """``function(conn, *args)`` on a pooled connection in a worker thread: psycopg's pool is
    synchronous, and the event loop that Scrapy and the scheduler share must not wait on it."""

    def call() -> T:
        with pool.connection() as conn:
            return function(conn, *args)

    return await asyncio.to_thread(call)


@contextmanager
def pipelined_transaction(conn: psycopg.Connection) -> Iterator[None]:
    """One transaction in a pipeline, with BEGIN and COMMIT sent as statements.

    Inside a pipeline, psycopg's ``conn.transaction()`` waits for the server's answer to its
    BEGIN before the first statement goes out, and again for every statement's before its
    COMMIT: two round trips of no use (0.4 ms of a 1.3 ms transaction of six statements).
    Here BEGIN goes out with the first statements and COMMIT with the last, and the server is
    waited for only where an answer is read and once at the end. A connection already in a
    transaction gets a savepoint, as ``conn.transaction()`` gives it.
    """
    if conn.info.transaction_status != TransactionStatus.IDLE:
        with conn.pipeline(), conn.transaction():
            yield
        return
    autocommit = conn.autocommit
    conn.autocommit = True  # so that psycopg sends no BEGIN of its own
    try:
        with conn.pipeline():
            conn.execute("BEGIN")
            yield
            conn.execute("COMMIT")
    except BaseException:
        _roll_back(conn)
        raise
    finally:
        if conn.info.transaction_status == TransactionStatus.IDLE:
            conn.autocommit = autocommit
        elif not conn.closed:
            # Neither committed nor rolled back: never hand such a connection out again.
            conn.close()


def _roll_back(conn: psycopg.Connection) -> None:
    # After an error the transaction is still open on the server (a failed COMMIT has ended
    # it already); a connection that broke has nothing to roll back.
    if conn.closed or conn.info.transaction_status == TransactionStatus.IDLE:
        return
    try:
        conn.execute("ROLLBACK")
    except psycopg.Error as exc:
        log.warning("could not roll back a failed transaction: %s", exc)
