"""Migrations: applied once, in order, recorded; a second run changes nothing."""

from __future__ import annotations

import psycopg

from rasad.storage.migrate import available_migrations, migrate


def test_migrations_are_recorded_and_not_applied_twice(db: psycopg.Connection) -> None:
    # The template was migrated already: nothing is pending, and every migration is recorded.
    assert migrate(db) == []
    recorded = [row[0] for row in db.execute("SELECT version FROM schema_migrations ORDER BY 1")]
    assert recorded == [m.version for m in available_migrations()]


def test_a_fresh_database_gets_every_table(empty_database_url: str) -> None:
    with psycopg.connect(empty_database_url) as conn:
        applied = migrate(conn)
        tables = {
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            )
        }
    assert [m.version for m in applied] == [m.version for m in available_migrations()]
    assert {"sources", "feeds", "articles", "clusters", "seen_urls", "schema_migrations"} <= tables
