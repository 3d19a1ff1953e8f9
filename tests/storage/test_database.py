"""pipelined_transaction: one transaction in a pipeline, all or nothing, and the connection
left as it was found."""

from __future__ import annotations

import psycopg
import pytest
from psycopg.pq import TransactionStatus

from rasad.storage.database import pipelined_transaction


@pytest.fixture
def notes(db: psycopg.Connection) -> psycopg.Connection:
    # A unique key checked at COMMIT, so that a transaction can fail at its very end.
    db.execute("CREATE TABLE notes (id int, body text, UNIQUE (id) DEFERRABLE INITIALLY DEFERRED)")
    db.commit()
    return db


def rows(conn: psycopg.Connection) -> list[tuple[int, str]]:
    found = conn.execute("SELECT id, body FROM notes ORDER BY id").fetchall()
    conn.commit()
    return found


def left_as_found(conn: psycopg.Connection) -> bool:
    return conn.info.transaction_status == TransactionStatus.IDLE and not conn.autocommit


def write(
    conn: psycopg.Connection, *statements: str, read: str | None = None, fail: bool = False
) -> None:
    """Run ``statements`` in one pipelined transaction, then wait for the answer to ``read``."""
    with pipelined_transaction(conn):
        for statement in statements:
            conn.execute(statement)
        if read is not None:
            conn.execute(read).fetchall()
        if fail:
            raise RuntimeError("broke")


def test_the_writes_and_the_answers_of_one_transaction(notes: psycopg.Connection) -> None:
    with pipelined_transaction(notes):
        notes.execute("INSERT INTO notes VALUES (1, 'first')")
        read = notes.execute("SELECT count(*) FROM notes").fetchone()
        notes.execute("INSERT INTO notes VALUES (2, 'second')")
    assert read == (1,)
    assert rows(notes) == [(1, "first"), (2, "second")]
    assert left_as_found(notes)


def test_an_error_in_the_block_leaves_nothing_written(notes: psycopg.Connection) -> None:
    with pytest.raises(RuntimeError, match="broke"):
        write(notes, "INSERT INTO notes VALUES (1, 'first')", fail=True)
    assert rows(notes) == []
    assert left_as_found(notes)


def test_a_statement_refused_by_the_server_leaves_nothing_written(
    notes: psycopg.Connection,
) -> None:
    with pytest.raises(psycopg.errors.DivisionByZero):
        write(notes, "INSERT INTO notes VALUES (1, 'first')", read="SELECT 1 / 0")
    assert rows(notes) == []
    assert left_as_found(notes)


def test_a_commit_refused_by_the_server_leaves_nothing_written(notes: psycopg.Connection) -> None:
    with pytest.raises(psycopg.errors.UniqueViolation):
        write(
            notes, "INSERT INTO notes VALUES (1, 'first')", "INSERT INTO notes VALUES (1, 'again')"
        )
    assert rows(notes) == []
    assert left_as_found(notes)


def test_inside_an_open_transaction_it_is_a_savepoint(notes: psycopg.Connection) -> None:
    notes.execute("INSERT INTO notes VALUES (1, 'outer')")
    with pytest.raises(RuntimeError, match="broke"):
        write(notes, "INSERT INTO notes VALUES (2, 'inner')", fail=True)
    notes.commit()
    assert rows(notes) == [(1, "outer")]
    assert left_as_found(notes)
