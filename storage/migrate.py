"""Numbered plain-SQL migrations, applied in order.

Each migration runs in one transaction together with the ``schema_migrations`` row that records
it, under an advisory lock, so two daemons starting at once apply it exactly once and a re-run
does nothing.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

import psycopg
from psycopg.rows import scalar_row

from rasad.config.errors import StorageError

if TYPE_CHECKING:
    from psycopg import Connection

log = logging.getLogger(__name__)

_FILE_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
# Any constant works; it only has to be the same in every Rasad process.
_MIGRATION_LOCK_KEY = 0x5A5AD001


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations() -> list[Migration]:
    """The migrations shipped in ``storage/migrations``, in order."""
    folder = resources.files("rasad.storage") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _FILE_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    return sorted(found, key=lambda migration: migration.version)


def migrate(conn: Connection) -> list[Migration]:
    """Apply every pending migration; returns the ones applied now.

    The advisory lock is taken before anything else, the migrations table included: two
    processes starting on an empty database would otherwise race to create it.
    """
    conn.execute("SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK_KEY,))
    conn.commit()  # the session lock outlives this transaction, until unlocked below
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version integer PRIMARY KEY, name text NOT NULL,"
            " applied_at timestamptz NOT NULL DEFAULT now())"
        )
        conn.commit()
        done = set(
            conn.cursor(row_factory=scalar_row)
            .execute("SELECT version FROM schema_migrations")
            .fetchall()
        )
        conn.commit()
        pending = [m for m in available_migrations() if m.version not in done]
        for migration in pending:
            _apply(conn, migration)
        return pending
    finally:
        if not conn.closed:
            conn.rollback()
            conn.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATION_LOCK_KEY,))
            conn.commit()


def _apply(conn: Connection, migration: Migration) -> None:
    """One migration and the row recording it, in one transaction."""
    log.info("applying migration %04d_%s", migration.version, migration.name)
    with conn.transaction():
        try:
            conn.execute(migration.sql.encode())
        except psycopg.Error as exc:
            raise StorageError(
                f"migration {migration.version:04d}_{migration.name} failed: {exc}"
            ) from exc
        conn.execute(
            "INSERT INTO schema_migrations (version, name) VALUES (%s, %s)",
            (migration.version, migration.name),
        )
