"""Fixtures of the scheduler's tests: a connection pool on the test's database."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from psycopg_pool import ConnectionPool

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture
def pool(database_url: str) -> Iterator[ConnectionPool]:
    with ConnectionPool(database_url, min_size=1, max_size=2, open=False) as opened:
        opened.wait()
        yield opened
