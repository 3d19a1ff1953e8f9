"""Sending the outbox: claim due emails, render them, hand them to SMTP, record the outcome.

A row is marked sent only after the server accepted the message. If the daemon dies between
the two, the row's claim expires and the email goes out again with the same Message-ID (the
one duplicate `rasad.storage.outbox` allows). A refused or failed send is retried with
exponential backoff, 1 minute doubling to at most 1 hour, and given up after 8 attempts, or at
once when the server refuses the recipient or the message for good (5xx).
"""

from __future__ import annotations

import logging
import os
import re
import smtplib
import ssl
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Self
from urllib.parse import unquote, urlsplit

import sentry_sdk

from rasad.alerts.email import render_email
from rasad.storage.outbox import (
    claim_due_emails,
    clusters_of_email,
    mark_failed,
    mark_sent,
    release_claim,
)

if TYPE_CHECKING:
    from email.message import EmailMessage
    from types import TracebackType

    from psycopg_pool import ConnectionPool

    from rasad.config.settings import Settings
    from rasad.storage.outbox import MatchedCluster, OutboxRow

__all__ = ["DeliveryReport", "Mailer", "SmtpServer", "deliver_due"]

log = logging.getLogger(__name__)

# A claim outlives a batch: sends take well under a second each, and the first timeout or
# refused connection ends the batch (see deliver_due), so 20 rows never take 300 s.
CLAIM_SECONDS = 300
SMTP_TIMEOUT_SECONDS = 30.0
MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)

_DEFAULT_PORTS = {"smtp": 25, "smtps": 465, "smtp+starttls": 587}
_UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9._@-]+")

Outcome = Literal["sent", "retried", "failed", "skipped"]


@dataclass(frozen=True)
class DeliveryReport:
    """What one delivery run did; ``skipped`` counts emails with no cluster left to send."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0


@dataclass(frozen=True)
class SmtpServer:
    """An ``smtp://``, ``smtps://`` or ``smtp+starttls://`` URL, its credentials URL-decoded."""

    scheme: str
    host: str
    port: int
    user: str | None = None
    password: str | None = field(default=None, repr=False)

    @classmethod
    def from_url(cls, url: str) -> SmtpServer:
        parts = urlsplit(url)
        if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
            # Settings validated the scheme already; name only the scheme, the URL may hold
            # a password.
            raise ValueError(f"not an SMTP URL with a host (scheme '{parts.scheme}')")
        return cls(
            scheme=parts.scheme,
            host=parts.hostname,
            port=parts.port or _DEFAULT_PORTS[parts.scheme],
            user=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
        )

    def __str__(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"


class DeliveryFailed(Exception):
    """The email was not accepted. ``permanent``: retrying it cannot help. ``server_unusable``:
    the server takes no email at all now (down, or refusing TLS or the login), so the rest of
    the batch need not try it."""

    def __init__(self, message: str, *, permanent: bool = False, server_unusable: bool = False):
        super().__init__(message)
        self.permanent = permanent
        self.server_unusable = server_unusable


class Mailer:
    """Sends emails through one SMTP server, or writes them as .eml files when there is none.

    smtplib is enough here: a few emails per run from a worker thread, over one reused
    connection, and it speaks plain SMTP, implicit TLS, STARTTLS and AUTH.
    """

    def __init__(
        self,
        server: SmtpServer | None,
        outbox_dir: Path,
        timeout_seconds: float = SMTP_TIMEOUT_SECONDS,
    ) -> None:
        self.server = server
        self.outbox_dir = outbox_dir
        self.timeout_seconds = timeout_seconds
        self._connection: smtplib.SMTP | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> Self:
        server = SmtpServer.from_url(settings.smtp_url) if settings.smtp_url else None
        return cls(server, settings.outbox_dir)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def send(self, message: EmailMessage) -> None:
        """Hand ``message`` over; returns once the server accepted it (or the file is written)."""
        if self.server is None:
            self._write_eml(message)
            return
        if self._connection is None:
            try:
                self._connection = self._connect(self.server)
            except (smtplib.SMTPException, OSError) as exc:
                raise DeliveryFailed(self._describe(exc), server_unusable=True) from None
        try:
            self._connection.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            self._drop()
            codes = [code for code, _ in exc.recipients.values()]
            raise DeliveryFailed(
                self._describe(exc), permanent=all(code >= 500 for code in codes)
            ) from None
        except smtplib.SMTPResponseException as exc:
            self._drop()
            # A 5xx to the message itself (too large, taken for spam) will not change; a 5xx
            # to the sender is a setting the operator can fix, so that one is retried.
            permanent = isinstance(exc, smtplib.SMTPDataError) and exc.smtp_code >= 500
            raise DeliveryFailed(self._describe(exc), permanent=permanent) from None
        except (smtplib.SMTPException, OSError) as exc:
            self._drop()
            raise DeliveryFailed(self._describe(exc), server_unusable=True) from None

    def close(self) -> None:
        if self._connection is None:
            return
        try:
            self._connection.quit()
        except (smtplib.SMTPException, OSError):
            self._connection.close()  # the server hung up first; nothing left to say to it
        self._connection = None

    def _connect(self, server: SmtpServer) -> smtplib.SMTP:
        if server.scheme == "smtps":
            connection: smtplib.SMTP = smtplib.SMTP_SSL(
                server.host,
                server.port,
                timeout=self.timeout_seconds,
                context=ssl.create_default_context(),
            )
        else:
            connection = smtplib.SMTP(server.host, server.port, timeout=self.timeout_seconds)
        try:
            if server.scheme == "smtp+starttls":
                connection.starttls(context=ssl.create_default_context())
            if server.user is not None:
                connection.login(server.user, server.password or "")
        except BaseException:
            connection.close()
            raise
        return connection

    def _drop(self) -> None:
        """Forget the connection after an error: the next email starts a fresh session."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _describe(self, exc: smtplib.SMTPException | OSError) -> str:
        """The server and its reply (or the network error), for last_error and the log.

        Only the server's scheme, host and port are named; the password is also blanked out
        in case a server or library message ever echoed it.
        """
        if isinstance(exc, smtplib.SMTPRecipientsRefused):
            reply = "recipient refused: " + "; ".join(
                f"{rcpt}: {code} {_text(text)}" for rcpt, (code, text) in exc.recipients.items()
            )
        elif isinstance(exc, smtplib.SMTPResponseException):
            reply = f"{exc.smtp_code} {_text(exc.smtp_error)}"
        else:
            reply = f"{type(exc).__name__}: {exc}"
        described = f"{self.server}: {reply}"
        password = self.server.password if self.server else None
        return described.replace(password, "***") if password else described

    def _write_eml(self, message: EmailMessage) -> None:
        """Write the email where an operator can open it; temp file + rename, so a reader never
        sees half a file. The name comes from the Message-ID, so a resend overwrites it."""
        name = _UNSAFE_FILENAME.sub("_", str(message["Message-ID"]).strip("<> "))[:200]
        path = self.outbox_dir / f"{name}.eml"
        try:
            self.outbox_dir.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=self.outbox_dir, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(message.as_bytes())
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise DeliveryFailed(f"cannot write {path}: {exc.strerror}") from None
        log.info("no SMTP server set: wrote the email to %s as %s", message["To"], path)


def deliver_due(pool: ConnectionPool, settings: Settings, *, batch: int = 20) -> DeliveryReport:
    """Send up to ``batch`` due emails; blocking, so the daemon runs it in a worker thread."""
    mailer = Mailer.from_settings(settings)  # before claiming: a bad URL claims nothing
    with pool.connection() as conn:
        rows = claim_due_emails(conn, batch, CLAIM_SECONDS)
    if not rows:
        return DeliveryReport()
    outcomes: list[Outcome] = []
    # A slow server could keep this batch past its claim, and another daemon would then send
    # the same rows: whatever is still unsent well before the claim runs out is handed back.
    deadline = time.monotonic() + CLAIM_SECONDS * 0.8
    with mailer:
        for position, row in enumerate(rows):
            if time.monotonic() > deadline:
                with pool.connection() as conn:
                    for unsent in rows[position:]:
                        release_claim(conn, unsent)
                break
            try:
                outcomes.append(_send_row(pool, settings, mailer, row))
            except Exception as exc:
                # One email that fails to render (a bug) must not strand the rest of the batch:
                # it is reported, to Sentry too, and retried like a refused one.
                if not isinstance(exc, DeliveryFailed):
                    log.exception("outbox %d could not be sent", row.id)
                    exc = DeliveryFailed(f"{type(exc).__name__} while preparing the email")
                outcomes.append(_record_failure(pool, row, exc))
                if exc.server_unusable:
                    # Every other claimed email would meet the same refusal or wait out the
                    # same timeout: count this run as their attempt too, rather than let the
                    # claims expire meanwhile.
                    rest = rows[position + 1 :]
                    outcomes.extend(_record_failure(pool, other, exc) for other in rest)
                    break
    report = DeliveryReport(**{outcome: outcomes.count(outcome) for outcome in set(outcomes)})
    log.info(
        "delivery: %d sent, %d to retry, %d failed, %d skipped",
        report.sent,
        report.retried,
        report.failed,
        report.skipped,
    )
    return report


def _send_row(pool: ConnectionPool, settings: Settings, mailer: Mailer, row: OutboxRow) -> Outcome:
    clusters: list[MatchedCluster] = []
    if row.kind != "operator":
        with pool.connection() as conn:
            clusters = clusters_of_email(conn, row.id)
        if not clusters:
            # Matches are attached in the transaction that opens the row, so this is a bug
            # or a manual deletion; sending an empty alert would help nobody.
            log.warning(
                "outbox %d to %s has no clusters: marked sent, not sent", row.id, row.recipient
            )
            with pool.connection() as conn:
                mark_sent(conn, row)
            return "skipped"
    mailer.send(render_email(row, clusters, settings))
    with pool.connection() as conn:
        mark_sent(conn, row)
    log.debug("outbox %d (%s) sent to %s", row.id, row.kind, row.recipient)
    return "sent"


def _record_failure(pool: ConnectionPool, row: OutboxRow, exc: DeliveryFailed) -> Outcome:
    # A server that is down or refuses Rasad's login is no fault of the email: such attempts
    # wait longer and longer, but never use the email up (an outage of hours loses nothing).
    attempts = min(row.attempts, MAX_ATTEMPTS - 1) if exc.server_unusable else row.attempts
    retry_at = retry_time(attempts, permanent=exc.permanent)
    with pool.connection() as conn:
        mark_failed(conn, row, str(exc), retry_at)
    if retry_at is None:
        # ERROR reaches Sentry as an event; the topic tag says whose alert was lost.
        with sentry_sdk.new_scope() as scope:
            scope.set_tag("topic", row.topic_id or "operator")
            log.error(
                "outbox %d to %s given up after %d attempts: %s",
                row.id,
                row.recipient,
                row.attempts,
                exc,
            )
        return "failed"
    log.warning(
        "outbox %d to %s not sent (attempt %d): %s; next try at %s",
        row.id,
        row.recipient,
        row.attempts,
        exc,
        f"{retry_at:%H:%M:%S} UTC",
    )
    return "retried"


def retry_time(attempts: int, *, permanent: bool = False) -> datetime | None:
    """When to try again after ``attempts`` failed tries, or None to give up."""
    if permanent or attempts >= MAX_ATTEMPTS:
        return None
    return datetime.now(UTC) + min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
