"""robots.txt kept per origin between crawls, for as long as RFC 9309 lets a crawler cache it.

Every daemon on the database shares one copy, so an idle outlet is asked for its robots.txt
about once a day rather than once per crawl (which doubled the requests it got).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from psycopg.rows import class_row

if TYPE_CHECKING:
    from psycopg import Connection


@dataclass(frozen=True)
class RobotsEntry:
    """What an origin's robots.txt said: ``rules`` (with the body), ``allow`` or ``unreachable``."""

    policy: str
    body: bytes = b""
    status: int | None = None


def cached_robots(conn: Connection, origin: str) -> RobotsEntry | None:
    """The origin's robots.txt as last fetched, unless it has expired."""
    return (
        conn.cursor(row_factory=class_row(RobotsEntry))
        .execute(
            "SELECT policy, body, status FROM robots_txt WHERE origin = %s AND expires_at > now()",
            (origin,),
        )
        .fetchone()
    )


def save_robots(conn: Connection, origin: str, entry: RobotsEntry, keep_seconds: float) -> None:
    """Keep ``entry`` for ``origin`` for ``keep_seconds`` from now."""
    with conn.transaction():
        conn.execute(
            """
            INSERT INTO robots_txt (origin, policy, body, status, fetched_at, expires_at)
            VALUES (%(origin)s, %(policy)s, %(body)s, %(status)s, now(),
                    now() + make_interval(secs => %(keep)s))
            ON CONFLICT (origin) DO UPDATE SET
                policy = excluded.policy, body = excluded.body, status = excluded.status,
                fetched_at = excluded.fetched_at, expires_at = excluded.expires_at
            """,
            {
                "origin": origin,
                "policy": entry.policy,
                "body": entry.body,
                "status": entry.status,
                "keep": keep_seconds,
            },
        )
