"""A read-only login for analysts: SELECT on the documented views and nothing else.

The views run with their owner's rights, so the reader reads articles through them without
any right on the tables. What PostgreSQL grants every role by default is taken back where it
would let the reader write: temporary tables (TEMP on the database, from PUBLIC: Rasad uses
none) and large objects (the lo_* functions that create or write them, from PUBLIC). The
role's sessions also start read-only (default_transaction_read_only), a second fence for
whatever function a later PostgreSQL adds.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from rasad.config.errors import RasadError, StorageError

if TYPE_CHECKING:
    from psycopg import Connection

# The documented interface for SQL access (README, "SQL access"); the tables may change.
ANALYST_VIEWS = (
    "analyst_articles",
    "analyst_clusters",
    "analyst_matches",
    "analyst_source_health",
    "analyst_topics",
    "analyst_deliveries",
)
# What search reads beyond the views (the stored terms and the indexes on them): a reader for
# `rasad web` (its web_database_url) may read these too, still read-only.
SEARCH_TABLES = ("articles", "clusters", "sources", "topics", "topic_matches")
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
# Functions every role may call by default that create or write large objects.
_LARGE_OBJECT_WRITERS = (
    "lo_create(oid)",
    "lo_creat(integer)",
    "lo_import(text)",
    "lo_import(text, oid)",
    "lo_from_bytea(oid, bytea)",
    "lo_put(oid, bigint, bytea)",
    "lowrite(integer, bytea)",
    "lo_truncate(integer, integer)",
    "lo_truncate64(integer, bigint)",
    "lo_unlink(oid)",
)


def grant_reader(
    conn: Connection, name: str, password: str | None, *, search: bool = False
) -> bool:
    """Create the login ``name`` (or update it) that may only read the analyst views, and with
    ``search`` the tables search reads (what `rasad web` needs of its role).

    Returns True when the role was created, False when an existing one was updated.
    """
    if not _ROLE_NAME.match(name):
        raise RasadError(
            f"reader name '{name}' must be lower-case letters, digits and '_' (at most 63), "
            "starting with a letter or '_'"
        )
    role = sql.Identifier(name)
    database = sql.Identifier(conn.info.dbname)
    with conn.transaction():
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
        if exists is None:
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(role))
        else:
            _refuse_a_writer(conn, name)
        conn.execute(
            sql.SQL(
                "ALTER ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
            ).format(role)
        )
        if password is not None:
            conn.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(role, sql.Literal(password)))
        conn.execute(
            sql.SQL("ALTER ROLE {} IN DATABASE {} SET default_transaction_read_only = on").format(
                role, database
            )
        )
        conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(database, role))
        conn.execute(sql.SQL("REVOKE TEMPORARY ON DATABASE {} FROM PUBLIC").format(database))
        conn.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(role))
        conn.execute(sql.SQL("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
        for function in _LARGE_OBJECT_WRITERS:
            conn.execute(
                sql.SQL("REVOKE EXECUTE ON FUNCTION {} FROM PUBLIC").format(sql.SQL(function))
            )
        readable = ANALYST_VIEWS + (SEARCH_TABLES if search else ())
        conn.execute(
            sql.SQL("GRANT SELECT ON {} TO {}").format(
                sql.SQL(", ").join(map(sql.Identifier, readable)), role
            )
        )
    return exists is None


def _refuse_a_writer(conn: Connection, name: str) -> None:
    """An existing role that owns something or may write is no reader to turn into one."""
    row = conn.execute(
        """
        SELECT r.rolsuper
            OR EXISTS (SELECT 1 FROM pg_class c WHERE c.relowner = r.oid)
            OR EXISTS (SELECT 1 FROM pg_database d WHERE d.datdba = r.oid)
        FROM pg_roles r WHERE r.rolname = %s
        """,
        (name,),
    ).fetchone()
    if row is not None and row[0]:
        raise StorageError(
            f"role '{name}' owns tables or databases or is a superuser: choose another name "
            "for the reader"
        )


def reader_url(database_url: str, name: str, password: str | None) -> str:
    """The database URL as the reader connects with it."""
    params = conninfo_to_dict(database_url)
    params.pop("password", None)
    params["user"] = name
    if password is not None:
        params["password"] = password
    return _as_url(make_conninfo(**params))


def _as_url(conninfo: str) -> str:
    """A conninfo string as a postgresql:// URL (what the settings and psql take)."""
    from urllib.parse import quote

    params = conninfo_to_dict(conninfo)
    user = quote(str(params.pop("user", "")), safe="")
    password = params.pop("password", None)
    host = str(params.pop("host", "") or "")
    port = params.pop("port", None)
    dbname = quote(str(params.pop("dbname", "") or ""), safe="")
    auth = f"{user}:{quote(str(password), safe='')}@" if password is not None else f"{user}@"
    netloc = (f"[{host}]" if ":" in host else host) if not host.startswith("/") else ""
    if port:
        netloc += f":{port}"
    query = "&".join(f"{key}={quote(str(value), safe='/')}" for key, value in params.items())
    if host.startswith("/"):
        query = "&".join(filter(None, (f"host={quote(host, safe='/')}", query)))
    return f"postgresql://{auth}{netloc}/{dbname}" + (f"?{query}" if query else "")
