"""Sending the outbox: claim due emails, render them, hand them to SMTP, record the outcome.

A row is marked sent only after the server accepted the message. If the daemon dies between
the two, the row's claim expires and the email goes out again with the same Message-ID (the
one duplicate `rasad.storage.outbox` allows).

A failure is the email's or the operator's. The email's (the server refuses this recipient or
this message, or the email cannot be prepared) is retried with exponential backoff, 1 minute
doubling to at most 1 hour, and given up after 8 attempts, or at once when the refusal is for
good (5xx); `rasad outbox retry` sends a given-up email again. The operator's (the SMTP server
is down or refuses the login or the sender, the .eml folder cannot be written, the server
refuses the message as too large) never uses up an email's attempts: it waits, 1 minute
doubling to at most 15, and is logged at ERROR once per email. Every email is kept small
(`MAX_EMAIL_BYTES`): a longer list of stories is split, the rest going out in a next email.
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
from rasad.config.errors import OutboxError
from rasad.storage.database import connect, migrated_database_url
from rasad.storage.outbox import (
    claim_due_emails,
    clusters_of_email,
    email_statuses,
    mark_failed,
    mark_held,
    mark_sent,
    new_message_id,
    release_claim,
    retry_emails,
    split_email,
)

if TYPE_CHECKING:
    from email.message import EmailMessage
    from types import TracebackType

    from psycopg_pool import ConnectionPool

    from rasad.config.settings import Settings
    from rasad.storage.outbox import MatchedCluster, OutboxRow

__all__ = ["DeliveryReport", "Mailer", "SmtpServer", "deliver_due", "send_again"]

log = logging.getLogger(__name__)

# A claim outlives a batch: sends take well under a second each, and the first timeout or
# refused connection ends the batch (see deliver_due), so 20 rows never take 300 s.
CLAIM_SECONDS = 300
SMTP_TIMEOUT_SECONDS = 30.0
MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)
# The operator's problems are retried sooner: once fixed, the held emails should go out soon.
LONGEST_OPERATOR_RETRY = timedelta(minutes=15)
# Well under the 10 MB and more that mail servers accept by default, and under what some
# (and many mailbox providers) keep as a cap for one message.
MAX_EMAIL_BYTES = 512 * 1024
MAX_CLUSTERS_PER_EMAIL = 25
# Failure kinds that are the operator's to fix (see migration 0010), and after how many of
# an email's tries each is logged at ERROR (once): a server that refuses one connection may
# be restarting; a folder that cannot be written or a size refusal will not mend by itself.
OPERATOR_KINDS = {"server": 3, "outbox": 1, "size": 1}
# An SMTP reply that the message is too large: 552 to MAIL FROM (its SIZE) or to DATA, or the
# enhanced status 5.3.4.
_TOO_LARGE = re.compile(rb"^5\.3\.4\b|too (big|large)|size", re.IGNORECASE)

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
    """The email was not accepted. ``kind`` says why (migration 0010). ``permanent``: retrying
    it cannot help. ``server_unusable``: the server (or the folder) takes no email at all now,
    so the rest of the batch need not try it."""

    def __init__(
        self,
        message: str,
        *,
        kind: str = "recipient",
        permanent: bool = False,
        server_unusable: bool = False,
    ):
        super().__init__(message)
        self.kind = kind
        self.permanent = permanent
        self.server_unusable = server_unusable

    @property
    def operators(self) -> bool:
        """The operator's to fix, not the email's: its attempts are not used up."""
        return self.kind in OPERATOR_KINDS


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
                raise DeliveryFailed(
                    self._describe(exc), kind="server", server_unusable=True
                ) from None
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
            raise self._refusal(exc) from None
        except (smtplib.SMTPException, OSError) as exc:
            self._drop()
            raise DeliveryFailed(self._describe(exc), kind="server", server_unusable=True) from None

    def _refusal(self, exc: smtplib.SMTPResponseException) -> DeliveryFailed:
        """What a refused MAIL FROM or DATA means: too large (the operator's: the email is
        split or waits), the sender refused (a setting the operator can fix), or a 5xx to
        the message itself (taken for spam), which will not change."""
        reply = (
            exc.smtp_error if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error).encode()
        )
        if exc.smtp_code == 552 or (exc.smtp_code >= 500 and _TOO_LARGE.search(reply)):
            return DeliveryFailed(self._describe(exc), kind="size")
        if isinstance(exc, smtplib.SMTPSenderRefused):
            return DeliveryFailed(self._describe(exc), kind="server", server_unusable=True)
        permanent = isinstance(exc, smtplib.SMTPDataError) and exc.smtp_code >= 500
        return DeliveryFailed(self._describe(exc), permanent=permanent)

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
            raise DeliveryFailed(
                f"cannot write {path}: {exc.strerror}", kind="outbox", server_unusable=True
            ) from None
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
                    exc = DeliveryFailed(
                        f"{type(exc).__name__} while preparing the email", kind="bug"
                    )
                outcomes.append(_record_failure(pool, row, exc))
                if exc.server_unusable:
                    # Every other claimed email would meet the same refusal or wait out the
                    # same timeout: record this run as their try too (quietly: the line above
                    # said why), rather than let the claims expire meanwhile.
                    rest = rows[position + 1 :]
                    outcomes.extend(_record_failure(pool, other, exc, quiet=True) for other in rest)
                    if rest:
                        log.info("%d more email(s) wait for the same reason", len(rest))
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
    message, kept = _bounded_email(row, clusters, settings)
    if kept < len(clusters):
        _move_to_next_email(pool, settings, row, clusters[kept:])
    try:
        mailer.send(message)
    except DeliveryFailed as exc:
        if exc.kind == "size" and kept > 1:
            # The server's limit is lower than ours: the next try carries half the stories.
            _move_to_next_email(pool, settings, row, clusters[kept // 2 : kept])
        raise
    with pool.connection() as conn:
        mark_sent(conn, row)
    log.debug("outbox %d (%s) sent to %s", row.id, row.kind, row.recipient)
    return "sent"


def _bounded_email(
    row: OutboxRow, clusters: list[MatchedCluster], settings: Settings
) -> tuple[EmailMessage, int]:
    """The email of ``row`` within MAX_EMAIL_BYTES, and how many of ``clusters`` it carries:
    at most MAX_CLUSTERS_PER_EMAIL, halved while the message is still too large."""
    if not clusters:
        return render_email(row, clusters, settings), 0
    kept = min(len(clusters), MAX_CLUSTERS_PER_EMAIL)
    while True:
        message = render_email(row, clusters[:kept], settings, following=len(clusters) - kept)
        if kept == 1 or len(message.as_bytes()) <= MAX_EMAIL_BYTES:
            return message, kept
        kept //= 2


def _move_to_next_email(
    pool: ConnectionPool, settings: Settings, row: OutboxRow, moved: list[MatchedCluster]
) -> None:
    with pool.connection() as conn:
        new_id = split_email(
            conn, row, [c.match_id for c in moved], new_message_id(settings.mail_domain)
        )
    log.info(
        "outbox %d to %s: %d of its stories go out in a next email (outbox %d), to keep it small",
        row.id,
        row.recipient,
        len(moved),
        new_id,
    )


def _record_failure(
    pool: ConnectionPool, row: OutboxRow, exc: DeliveryFailed, *, quiet: bool = False
) -> Outcome:
    if exc.operators:
        return _hold(pool, row, exc, quiet=quiet)
    retry_at = retry_time(row.attempts, permanent=exc.permanent)
    with pool.connection() as conn:
        mark_failed(conn, row, str(exc), retry_at, exc.kind)
    if retry_at is None:
        # ERROR reaches Sentry as an event; the topic tag says whose alert was lost.
        with sentry_sdk.new_scope() as scope:
            scope.set_tag("topic", row.topic_id or "operator")
            log.error(
                "outbox %d to %s given up after %d attempts: %s (`rasad outbox retry %d` "
                "sends it again)",
                row.id,
                row.recipient,
                row.attempts,
                exc,
                row.id,
            )
        return "failed"
    if not quiet:
        log.warning(
            "outbox %d to %s not sent (attempt %d): %s; next try at %s",
            row.id,
            row.recipient,
            row.attempts,
            exc,
            f"{retry_at:%H:%M:%S} UTC",
        )
    return "retried"


def _hold(pool: ConnectionPool, row: OutboxRow, exc: DeliveryFailed, *, quiet: bool) -> Outcome:
    """A failure on the operator's side: the email waits, its attempt not counted."""
    failures = row.operator_failures + 1
    retry_at = datetime.now(UTC) + min(FIRST_RETRY * 2 ** (failures - 1), LONGEST_OPERATOR_RETRY)
    with pool.connection() as conn:
        mark_held(conn, row, str(exc), retry_at, exc.kind)
    threshold = OPERATOR_KINDS[exc.kind]
    if quiet:
        return "retried"
    if failures == threshold or (failures > threshold and row.failure_kind != exc.kind):
        # Once per email and problem: ERROR reaches Sentry; the operator must act.
        with sentry_sdk.new_scope() as scope:
            scope.set_tag("topic", row.topic_id or "operator")
            log.error(
                "outbox %d to %s cannot be delivered: %s; it waits and is tried again (next at "
                "%s), its attempts not used up",
                row.id,
                row.recipient,
                exc,
                f"{retry_at:%H:%M:%S} UTC",
            )
    else:
        log.warning(
            "outbox %d to %s not sent: %s; next try at %s (attempts not used up)",
            row.id,
            row.recipient,
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


def send_again(settings: Settings, ids: list[int] | None) -> list[int]:
    """``rasad outbox retry``: put failed emails (``ids``, or every failed one when None) back
    to be sent with their Message-ID; a running daemon sends them within seconds. An id that
    is unknown or was sent already is refused, and then nothing is changed."""
    with connect(migrated_database_url(settings)) as conn:
        if ids is not None:
            statuses = email_statuses(conn, ids)
            for outbox_id in ids:
                status = statuses.get(outbox_id)
                if status is None:
                    raise OutboxError(f"no email {outbox_id} in the outbox (see `rasad status`)")
                if status not in ("failed", "retry"):
                    raise OutboxError(
                        f"email {outbox_id} is {status}, not failed: nothing to retry"
                    )
        return retry_emails(conn, ids)
