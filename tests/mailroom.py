"""Fixtures for alert emails: a real SMTP server in process, and stories queued in the outbox.

Shared by the suites that send email (tests/alerts, tests/faults): their conftest.py imports
the fixtures from here.
"""

from __future__ import annotations

import itertools
import socket
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from typing import TYPE_CHECKING

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from psycopg_pool import ConnectionPool

from rasad.storage.articles import NewArticle, StoreResult, store_article
from rasad.storage.outbox import TopicEntry, queue_match_email, record_match, sync_topics
from rasad.storage.sources import SourceEntry, sync_sources

if TYPE_CHECKING:
    from collections.abc import Iterator
    from email.message import EmailMessage

    import psycopg
    from aiosmtpd.smtp import SMTP, Envelope, Session

TOPIC_NAME = "معتقلو داعش ومخيمات الشمال السوري"
SMALL_SERVER_LIMIT = 1_000_000
ANALYST = "analyst@example.org"


def free_port() -> int:
    """A port nothing listens on (the kernel's pick, released at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class SmtpSink:
    """What the in-process SMTP server received; ``refusals`` are DATA replies to give first."""

    url: str = ""
    refusals: list[str] = field(default_factory=list)
    refused_recipients: dict[str, str] = field(default_factory=dict)
    credentials: tuple[str, str] | None = None  # what AUTH must present
    # (client address and port, user, whether it passed) of every AUTH attempt
    logins: list[tuple[object, str, bool]] = field(default_factory=list)
    received: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: object
    ) -> AuthResult:
        given = (
            (data.login.decode(), data.password.decode())
            if isinstance(data, LoginPassword)
            else None
        )
        passed = given is not None and given == self.credentials
        self.logins.append((session.peer, given[0] if given else "", passed))
        # handled=False: aiosmtpd answers 535 itself
        return AuthResult(success=passed, handled=passed)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address in self.refused_recipients:
            return self.refused_recipients[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        with self._lock:
            if self.refusals:
                return self.refusals.pop(0)
            content = envelope.original_content or envelope.content
            self.received.append(message_from_bytes(content, policy=policy.default))
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    """A real SMTP server on 127.0.0.1 that keeps every message it accepts."""
    yield from _serve(SmtpSink())


@pytest.fixture
def small_smtp_sink() -> Iterator[SmtpSink]:
    """A real SMTP server that refuses messages over 1 MB, as many servers are set up to."""
    yield from _serve(SmtpSink(), data_size_limit=SMALL_SERVER_LIMIT)


@pytest.fixture
def smtp_sink_with_login() -> Iterator[SmtpSink]:
    """An SMTP server offering AUTH, which only rasad@example.org / "p@ss:w/rd" passes."""
    sink = SmtpSink(credentials=("rasad@example.org", "p@ss:w/rd"))
    # AUTH without TLS is fine on loopback (production URLs use smtps:// or smtp+starttls://);
    # not requiring it spares aiosmtpd's warning, and `logins` shows that Rasad logged in.
    yield from _serve(sink, authenticator=sink.authenticate, auth_require_tls=False)


def _serve(sink: SmtpSink, **options: object) -> Iterator[SmtpSink]:
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port, **options)
    controller.start()
    sink.url = f"smtp://127.0.0.1:{port}"
    yield sink
    controller.stop()


@pytest.fixture
def closed_port() -> int:
    """A local port where no SMTP server listens: connections are refused."""
    return free_port()


@pytest.fixture
def pool(database_url: str) -> Iterator[ConnectionPool]:
    with ConnectionPool(database_url, min_size=1, max_size=4, open=False) as opened:
        opened.wait()
        yield opened


class Newsroom:
    """Builds stories and queued emails through the storage functions the crawler uses."""

    analyst = ANALYST
    topic_name = TOPIC_NAME

    def __init__(self, db: psycopg.Connection) -> None:
        self.db = db
        self.topics: dict[str, TopicEntry] = {}
        self._numbers = itertools.count(1)
        sync_sources(
            db,
            [
                SourceEntry("enab", "عنب بلدي", "https://enab.example/", 15, True),
                SourceEntry("hawar", "وكالة هاوار", "https://hawar.example/", 15, True),
            ],
        )

    def topic(
        self,
        topic_id: str = "isis",
        name: str = TOPIC_NAME,
        recipients: tuple[str, ...] = (ANALYST,),
    ) -> str:
        self.topics[topic_id] = TopicEntry(topic_id, name, "سجون", "immediate", recipients)
        sync_topics(self.db, list(self.topics.values()))
        return topic_id

    def story(
        self,
        title: str = "فرار عناصر من تنظيم الدولة من أحد السجون في الحسكة",
        text: str = "قالت مصادر محلية إن عشرات من المعتقلين فرّوا من أحد السُّجون في الحسكة.",
        *,
        source: str = "enab",
        published_at: datetime | None = datetime(2026, 11, 1, 9, 30, tzinfo=UTC),
    ) -> StoreResult:
        number = next(self._numbers)
        return store_article(
            self.db,
            NewArticle(
                source_id=source,
                url=f"https://{source}.example/news/{number}",
                canonical_url=f"https://{source}.example/news/{number}",
                title=title,
                byline=None,
                published_at=published_at,
                language="ar",
                text=text,
                content_hash=f"{number:064x}",
                terms="'سجون':1",
            ),
        )

    def queue(
        self,
        stored: StoreResult,
        matched_terms: list[str] | None = None,
        *,
        topic_id: str = "isis",
        kind: str = "alert",
    ) -> list[int]:
        """Record the match and queue it for every recipient of the topic; the outbox ids."""
        with self.db.transaction():
            match_id = record_match(
                self.db,
                topic_id,
                stored.cluster_id,
                stored.article_id,
                matched_terms or ["سجون"],
                "emailed",
            )
            assert match_id is not None
            return [
                queue_match_email(
                    self.db,
                    kind=kind,
                    topic_id=topic_id,
                    recipient=recipient,
                    match_id=match_id,
                    due_at=datetime.now(UTC),
                    message_id=f"<rasad.{uuid.uuid4().hex}@test.example>",
                )
                for recipient in self.topics[topic_id].recipients
            ]

    def outbox(self, outbox_id: int) -> tuple[str, int, str | None, str]:
        """(status, attempts, last_error, message_id) of one outbox row."""
        row = self.db.execute(
            "SELECT status, attempts, last_error, message_id FROM outbox WHERE id = %s",
            (outbox_id,),
        ).fetchone()
        self.db.commit()  # end the read, so the test sees the deliverer's next commit
        assert row is not None
        return row


@pytest.fixture
def newsroom(db: psycopg.Connection) -> Newsroom:
    return Newsroom(db)
