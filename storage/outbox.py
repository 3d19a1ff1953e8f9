"""Topic matches and the emails owed for them.

The life of an outbox row::

    pending --(due; claimed FOR UPDATE SKIP LOCKED)--> sending --(server accepted)--> sent
                                                          |--(refused, attempts left)--> retry --(due)--> sending
                                                          |--(operator's problem)-----> retry (attempt not counted)
                                                          '--(attempts used up)--------> failed
    failed --(rasad outbox retry)--> retry

A row split off a large email (its later stories) starts in ``retry``: closed to new
matches, due at once.

Matches join the one *pending* row of their topic and recipient until it is due, so a burst
of matches (or a digest period) becomes one email. A row left in ``sending`` by a daemon that
died is claimed again once its claim expires: that is the "at most one duplicate" case, and
the stable Message-ID lets mail clients fold it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from psycopg.rows import class_row, dict_row, scalar_row

if TYPE_CHECKING:
    from psycopg import Connection


def new_message_id(domain: str) -> str:
    """A Message-ID fixed when an email is queued, so a resend carries the same one."""
    return f"<rasad.{uuid.uuid4().hex}@{domain}>"


@dataclass(frozen=True)
class TopicEntry:
    """What the topics table keeps of a topic."""

    id: str
    name: str
    query: str
    mode: str
    recipients: tuple[str, ...]


def sync_topics(conn: Connection, topics: list[TopicEntry]) -> dict[str, datetime]:
    """Insert or refresh topics, disable removed ones; returns each topic's ``created_at``."""
    with conn.transaction():
        with conn.cursor() as cur:
            cur.executemany(
                """
                INSERT INTO topics (id, name, query, mode, recipients, enabled)
                VALUES (%s, %s, %s, %s, %s, true)
                ON CONFLICT (id) DO UPDATE SET
                    name = excluded.name, query = excluded.query, mode = excluded.mode,
                    recipients = excluded.recipients, enabled = true
                """,
                [(t.id, t.name, t.query, t.mode, list(t.recipients)) for t in topics],
            )
        conn.execute(
            "UPDATE topics SET enabled = false WHERE NOT (id = ANY(%s))", ([t.id for t in topics],)
        )
        with conn.cursor(row_factory=class_row(_TopicCreated)) as cur:
            rows = cur.execute("SELECT id, created_at FROM topics WHERE enabled").fetchall()
    return {row.id: row.created_at for row in rows}


@dataclass(frozen=True)
class _TopicCreated:
    id: str
    created_at: datetime


def record_match(
    conn: Connection,
    topic_id: str,
    cluster_id: int,
    article_id: int,
    matched_terms: list[str],
    alert: str,
) -> int | None:
    """Record that ``topic_id`` matched a story; None when the story had matched already."""
    return (
        conn.cursor(row_factory=scalar_row)
        .execute(
            """
        INSERT INTO topic_matches (topic_id, cluster_id, article_id, matched_terms, alert)
        VALUES (%s, %s, %s, %s, %s)
        ON CONFLICT (topic_id, cluster_id) DO NOTHING
        RETURNING id
        """,
            (topic_id, cluster_id, article_id, matched_terms, alert),
        )
        .fetchone()
    )


def last_alert_at(conn: Connection, topic_id: str, recipient: str) -> datetime | None:
    """When the last alert email of this topic to this recipient was due (sent or sending)."""
    return (
        conn.cursor(row_factory=scalar_row)
        .execute(
            """
        SELECT max(due_at) FROM outbox
        WHERE topic_id = %s AND recipient = %s AND kind = 'alert' AND status <> 'pending'
        """,
            (topic_id, recipient),
        )
        .fetchone()
    )


def queue_match_email(
    conn: Connection,
    *,
    kind: str,
    topic_id: str,
    recipient: str,
    match_id: int,
    due_at: datetime,
    message_id: str,
) -> int:
    """Attach ``match_id`` to the pending email of this topic and recipient, opening one if none.

    The no-op DO UPDATE returns the existing row and locks it until this transaction ends, so
    the deliverer (which skips locked rows) cannot send it with this match half-attached.
    """
    outbox_id: int = (
        conn.cursor(row_factory=scalar_row)
        .execute(
            """
        INSERT INTO outbox (kind, topic_id, recipient, due_at, next_attempt_at, message_id)
        VALUES (%(kind)s, %(topic)s, %(recipient)s, %(due)s, %(due)s, %(message_id)s)
        ON CONFLICT (topic_id, recipient, kind) WHERE status = 'pending' AND topic_id IS NOT NULL
        DO UPDATE SET due_at = outbox.due_at
        RETURNING id
        """,
            {
                "kind": kind,
                "topic": topic_id,
                "recipient": recipient,
                "due": due_at,
                "message_id": message_id,
            },
        )
        .fetchone()
    )
    conn.execute(
        "INSERT INTO outbox_matches (outbox_id, match_id) VALUES (%s, %s) ON CONFLICT DO NOTHING",
        (outbox_id, match_id),
    )
    return outbox_id


def queue_operator_email(
    conn: Connection, recipient: str, subject: str, body: str, message_id: str
) -> int:
    """An email to the operator with its own text (source health warnings)."""
    with conn.transaction():
        outbox_id: int = (
            conn.cursor(row_factory=scalar_row)
            .execute(
                """
            INSERT INTO outbox (kind, recipient, subject, body, message_id)
            VALUES ('operator', %s, %s, %s, %s) RETURNING id
            """,
                (recipient, subject, body, message_id),
            )
            .fetchone()
        )
    return outbox_id


@dataclass(frozen=True)
class OutboxRow:
    id: int
    kind: str
    topic_id: str | None
    recipient: str
    subject: str | None
    body: str | None
    attempts: int
    message_id: str
    created_at: datetime
    failure_kind: str | None = None
    operator_failures: int = 0


def claim_due_emails(
    conn: Connection, limit: int, claim_seconds: int, max_attempts: int = 8
) -> list[OutboxRow]:
    """Claim up to ``limit`` due emails for this process; other daemons skip them.

    A row whose sender died ``max_attempts`` times in a row (a crash while rendering it, say)
    is given up on instead of being claimed for ever.
    """
    with conn.transaction(), conn.cursor(row_factory=class_row(OutboxRow)) as cur:
        cur.execute(
            """
            UPDATE outbox SET status = 'failed', claimed_until = NULL, failure_kind = 'bug',
                   last_error = coalesce(last_error || '; ', '')
                                || 'given up after ' || attempts || ' attempts'
            WHERE status = 'sending' AND claimed_until < now() AND attempts >= %s
            """,
            (max_attempts,),
        )
        cur.execute(
            """
            UPDATE outbox SET status = 'sending', attempts = attempts + 1,
                   claimed_until = now() + make_interval(secs => %(claim)s)
            WHERE id IN (
                SELECT id FROM outbox
                WHERE (status IN ('pending', 'retry') AND next_attempt_at <= now())
                   OR (status = 'sending' AND claimed_until < now())
                ORDER BY next_attempt_at, id
                LIMIT %(limit)s
                FOR UPDATE SKIP LOCKED
            )
            RETURNING id, kind, topic_id, recipient, subject, body, attempts, message_id,
                      created_at, failure_kind, operator_failures
            """,
            {"claim": claim_seconds, "limit": limit},
        )
        return cur.fetchall()


# Marks apply only to the claim they answer (status and attempt count as claimed): a sender
# that outlived its claim cannot overwrite what the daemon that reclaimed the row recorded.
def mark_sent(conn: Connection, row: OutboxRow) -> None:
    with conn.transaction():
        conn.execute(
            "UPDATE outbox SET status = 'sent', sent_at = now(), last_error = NULL,"
            " claimed_until = NULL, failure_kind = NULL, operator_failures = 0"
            " WHERE id = %(id)s AND status = 'sending' AND attempts = %(attempts)s",
            {"id": row.id, "attempts": row.attempts},
        )


def release_claim(conn: Connection, row: OutboxRow) -> None:
    """Hand an unsent row back, due now and its attempt not counted (the batch ran long)."""
    with conn.transaction():
        conn.execute(
            """
            UPDATE outbox SET status = 'retry', attempts = attempts - 1,
                   next_attempt_at = now(), claimed_until = NULL
            WHERE id = %(id)s AND status = 'sending' AND attempts = %(attempts)s
            """,
            {"id": row.id, "attempts": row.attempts},
        )


def mark_failed(
    conn: Connection, row: OutboxRow, error: str, retry_at: datetime | None, kind: str
) -> None:
    """A refused send that counts as an attempt: retried at ``retry_at``, or given up on when
    it is None."""
    with conn.transaction():
        conn.execute(
            """
            UPDATE outbox SET status = CASE WHEN %(retry)s::timestamptz IS NULL
                                            THEN 'failed' ELSE 'retry' END,
                   next_attempt_at = coalesce(%(retry)s, next_attempt_at),
                   last_error = %(error)s, failure_kind = %(kind)s, claimed_until = NULL
            WHERE id = %(id)s AND status = 'sending' AND attempts = %(attempts)s
            """,
            {
                "retry": retry_at,
                "error": error,
                "kind": kind,
                "id": row.id,
                "attempts": row.attempts,
            },
        )


def mark_held(conn: Connection, row: OutboxRow, error: str, retry_at: datetime, kind: str) -> None:
    """A send that failed on the operator's side (server, outbox folder, size): retried at
    ``retry_at``, the attempt given back to the email and counted in operator_failures."""
    with conn.transaction():
        conn.execute(
            """
            UPDATE outbox SET status = 'retry', attempts = attempts - 1,
                   operator_failures = operator_failures + 1, next_attempt_at = %(retry)s,
                   last_error = %(error)s, failure_kind = %(kind)s, claimed_until = NULL
            WHERE id = %(id)s AND status = 'sending' AND attempts = %(attempts)s
            """,
            {
                "retry": retry_at,
                "error": error,
                "kind": kind,
                "id": row.id,
                "attempts": row.attempts,
            },
        )


def split_email(conn: Connection, row: OutboxRow, match_ids: list[int], message_id: str) -> int:
    """Move ``match_ids`` of ``row`` to a new email to the same recipient, due at once (an
    email too large to send in one); returns the new row's id."""
    with conn.transaction():
        new_id: int = (
            conn.cursor(row_factory=scalar_row)
            .execute(
                """
            INSERT INTO outbox (kind, topic_id, recipient, status, due_at, next_attempt_at,
                                message_id)
            SELECT kind, topic_id, recipient, 'retry', now(), now(), %s FROM outbox WHERE id = %s
            RETURNING id
            """,
                (message_id, row.id),
            )
            .fetchone()
        )
        conn.execute(
            "UPDATE outbox_matches SET outbox_id = %s WHERE outbox_id = %s AND match_id = ANY(%s)",
            (new_id, row.id, match_ids),
        )
    return new_id


@dataclass(frozen=True)
class UnsentEmail:
    """An email given up on, or held by a problem on the operator's side, for the operator."""

    id: int
    kind: str
    topic_id: str | None
    recipient: str
    status: str
    attempts: int
    failure_kind: str | None
    last_error: str | None
    created_at: datetime
    next_attempt_at: datetime


def unsent_emails(conn: Connection, limit: int = 50) -> list[UnsentEmail]:
    """Failed emails, and emails waiting on the operator's side, newest first."""
    with conn.cursor(row_factory=class_row(UnsentEmail)) as cur:
        return cur.execute(
            """
            SELECT id, kind, topic_id, recipient, status, attempts, failure_kind, last_error,
                   created_at, next_attempt_at
            FROM outbox
            WHERE status = 'failed' OR (status = 'retry' AND operator_failures > 0)
            ORDER BY id DESC LIMIT %s
            """,
            (limit,),
        ).fetchall()


def retry_emails(conn: Connection, ids: list[int] | None) -> list[int]:
    """Put failed emails back to be sent now with their Message-ID and fresh attempts (every
    failed one when ``ids`` is None); an email waiting to be retried is made due now. Returns
    the ids that were put back."""
    with conn.transaction(), conn.cursor(row_factory=scalar_row) as cur:
        return cur.execute(
            """
            UPDATE outbox SET status = 'retry', next_attempt_at = now(),
                   attempts = CASE WHEN status = 'failed' THEN 0 ELSE attempts END
            WHERE status IN ('failed', 'retry')
              AND (%(all)s OR id = ANY(%(ids)s))
            RETURNING id
            """,
            {"all": ids is None, "ids": ids or []},
        ).fetchall()


def email_statuses(conn: Connection, ids: list[int]) -> dict[int, str]:
    """The status of each of ``ids`` that exists."""
    with conn.cursor(row_factory=dict_row) as cur:
        rows = cur.execute("SELECT id, status FROM outbox WHERE id = ANY(%s)", (ids,)).fetchall()
    return {row["id"]: row["status"] for row in rows}


@dataclass(frozen=True)
class MatchedCluster:
    """One story of an email: the first stored article of the match, with its outlets.

    ``canonical_url`` is the link an email shows (no tracking parameters); ``url`` is the
    address the article was fetched at, kept as it was.
    """

    match_id: int
    topic_id: str
    topic_name: str
    article_id: int
    cluster_id: int
    title: str
    url: str
    canonical_url: str
    source_id: str
    source_name: str
    published_at: datetime | None
    fetched_at: datetime
    text: str
    matched_terms: list[str]
    outlets: list[str]
    published_date_only: bool = False
    # When Rasad first saw the link (the time an undated article is shown by).
    found_at: datetime | None = None


# An email shows a passage around the first matched word; it is looked for in the start of the
# text only, so an article of megabytes costs no more to render than an ordinary one.
EMAIL_TEXT_CHARS = 20_000


def clusters_of_email(conn: Connection, outbox_id: int) -> list[MatchedCluster]:
    """The stories an email carries, oldest first, each cluster once with all its outlets."""
    with conn.cursor(row_factory=class_row(MatchedCluster)) as cur:
        cur.execute(
            """
            SELECT m.id AS match_id, t.id AS topic_id, t.name AS topic_name,
                   a.id AS article_id, a.cluster_id, a.title, a.url, a.canonical_url,
                   a.source_id,
                   s.name AS source_name, a.published_at, a.fetched_at,
                   left(a.text, %(text_chars)s) AS text,
                   m.matched_terms, a.published_date_only, a.found_at,
                   ARRAY(SELECT DISTINCT s2.name FROM articles a2
                         JOIN sources s2 ON s2.id = a2.source_id
                         WHERE a2.cluster_id = a.cluster_id ORDER BY s2.name) AS outlets
            FROM outbox_matches om
            JOIN topic_matches m ON m.id = om.match_id
            JOIN topics t ON t.id = m.topic_id
            JOIN articles a ON a.id = m.article_id
            JOIN sources s ON s.id = a.source_id
            WHERE om.outbox_id = %(id)s
            ORDER BY coalesce(a.published_at, a.fetched_at), m.id
            """,
            {"id": outbox_id, "text_chars": EMAIL_TEXT_CHARS},
        )
        return cur.fetchall()


def outbox_counts(conn: Connection) -> dict[str, int]:
    """Emails by status, for ``rasad status``."""
    with conn.cursor(row_factory=dict_row) as cur:
        rows = cur.execute("SELECT status, count(*) AS emails FROM outbox GROUP BY status")
        counts = dict.fromkeys(("pending", "sending", "retry", "sent", "failed"), 0)
        counts.update({row["status"]: row["emails"] for row in rows})
    return counts
