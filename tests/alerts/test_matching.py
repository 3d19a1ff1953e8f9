"""Matching at ingest: matches and owed emails recorded in the article's transaction, no storms."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

import pytest

from rasad.alerts.deliver import deliver_due
from rasad.alerts.matcher import AlertPolicy, TopicMatcher
from rasad.alerts.query import parse_query
from rasad.alerts.topics import Mode, Topic
from rasad.config.settings import Settings
from rasad.storage.articles import NewArticle, store_article
from rasad.storage.outbox import TopicEntry, sync_topics
from rasad.storage.sources import SourceEntry, sync_sources

if TYPE_CHECKING:
    from pathlib import Path

    import psycopg
    from mailroom import SmtpSink
    from psycopg_pool import ConnectionPool

QUERY = '(داعش OR "تنظيم الدولة") AND (سجون OR معتقل* OR مخيم)'
POLICY = AlertPolicy(
    max_age=timedelta(hours=48),
    burst_window=timedelta(minutes=10),
    timezone="Asia/Damascus",
    message_domain="rasad.test",
)


def topic(mode: str = "immediate", sources: frozenset[str] = frozenset()) -> Topic:
    return Topic(
        id="isis",
        name="معتقلو داعش",
        query_text=QUERY,
        query=parse_query(QUERY),
        recipients=("a@example.org", "b@example.org"),
        mode=Mode(mode),
        sources=sources,
    )


class Desk:
    """Stores articles through the real store step with a real TopicMatcher as its hook."""

    def __init__(self, db: psycopg.Connection, watched: Topic) -> None:
        self.db = db
        sync_sources(
            db,
            [
                SourceEntry("enab", "عنب بلدي", "https://enab.example/", 15, True),
                SourceEntry("npa", "نورث برس", "https://npa.example/", 15, True),
            ],
        )
        created = sync_topics(
            db,
            [
                TopicEntry(
                    watched.id,
                    watched.name,
                    watched.query_text,
                    str(watched.mode),
                    watched.recipients,
                )
            ],
        )
        self.matcher = TopicMatcher((watched,), created, POLICY)
        self.number = 0

    def article(
        self,
        text: str = "فرّ عشرات من عناصر داعش من أحد السجون في الحسكة ليلة أمس.",
        *,
        source: str = "enab",
        published_at: datetime | None = None,
    ) -> NewArticle:
        self.number += 1
        return NewArticle(
            source_id=source,
            url=f"https://{source}.example/news/{self.number}",
            canonical_url=f"https://{source}.example/news/{self.number}",
            title=f"خبر رقم {self.number}",
            byline=None,
            published_at=published_at or datetime.now(UTC),
            language="ar",
            text=text,
            content_hash=f"{self.number:064x}",
            terms="'x':1",
        )

    def store(self, article: NewArticle) -> None:
        store_article(self.db, article, on_new=self.matcher)

    def matches(self) -> list[tuple[str, list[str]]]:
        return self.db.execute(
            "SELECT alert, matched_terms FROM topic_matches ORDER BY id"
        ).fetchall()

    def outbox(self) -> list[tuple[str, str, int]]:
        return self.db.execute(
            "SELECT o.kind, o.recipient, count(om.match_id) FROM outbox o"
            " JOIN outbox_matches om ON om.outbox_id = o.id GROUP BY o.id ORDER BY o.id"
        ).fetchall()


@pytest.fixture
def desk(db: psycopg.Connection) -> Desk:
    return Desk(db, topic())


def test_a_fresh_matching_article_owes_one_email_per_recipient(desk: Desk) -> None:
    desk.store(desk.article())
    assert desk.matches() == [("emailed", ["داعش", "سجون"])]
    assert desk.outbox() == [("alert", "a@example.org", 1), ("alert", "b@example.org", 1)]


def test_an_article_that_does_not_match_owes_nothing(desk: Desk) -> None:
    desk.store(desk.article("ارتفعت أسعار الخضار في أسواق دمشق هذا الأسبوع."))
    desk.store(desk.article("تحدث التقرير عن السجون في أوروبا دون ذكر أي تنظيم."))
    assert desk.matches() == []
    assert desk.outbox() == []


def test_an_exact_copy_from_another_outlet_does_not_alert_again(desk: Desk) -> None:
    first = desk.article()
    desk.store(first)
    desk.store(
        replace(
            first,
            source_id="npa",
            url="https://npa.example/1",
            canonical_url="https://npa.example/1",
        )
    )
    assert len(desk.matches()) == 1


def test_an_old_article_is_matched_but_not_emailed(desk: Desk) -> None:
    desk.store(desk.article(published_at=datetime.now(UTC) - timedelta(days=5)))
    ((alert, _terms),) = desk.matches()
    assert alert.startswith("not emailed: published 1")  # 120 h and some minutes
    assert "before it was fetched" in alert
    assert desk.outbox() == []


def test_an_article_published_before_the_topic_existed_is_not_emailed(desk: Desk) -> None:
    created = desk.db.execute("SELECT created_at FROM topics").fetchone()[0]
    desk.store(desk.article(published_at=created - timedelta(hours=1)))
    assert desk.matches()[0][0] == "not emailed: published before the topic was created"
    assert desk.outbox() == []


def test_a_burst_of_matches_folds_into_one_email_per_recipient(desk: Desk) -> None:
    for _ in range(20):
        desk.store(desk.article())
    assert desk.outbox() == [("alert", "a@example.org", 20), ("alert", "b@example.org", 20)]


def test_after_an_alert_is_sent_the_next_waits_for_the_burst_window(
    desk: Desk, pool: ConnectionPool, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path, smtp_url=smtp_sink.url)
    desk.store(desk.article())
    desk.db.commit()
    assert deliver_due(pool, settings).sent == 2
    for _ in range(5):
        desk.store(desk.article())
    due = desk.db.execute("SELECT due_at - now() FROM outbox WHERE status = 'pending'").fetchall()
    assert len(due) == 2
    assert all(timedelta(minutes=9) < wait <= timedelta(minutes=10) for (wait,) in due)
    desk.db.commit()
    assert deliver_due(pool, settings).sent == 0  # not due yet
    assert len(smtp_sink.received) == 2


def test_a_digest_topic_gathers_matches_until_the_end_of_its_period(db: psycopg.Connection) -> None:
    desk = Desk(db, topic("hourly"))
    desk.store(desk.article())
    desk.store(desk.article())
    assert desk.outbox() == [("digest", "a@example.org", 2), ("digest", "b@example.org", 2)]
    (due,) = {row[0] for row in db.execute("SELECT due_at FROM outbox").fetchall()}
    assert due.minute == 0
    assert timedelta(0) < due - datetime.now(UTC) <= timedelta(hours=1)


def test_a_daily_digest_is_due_at_its_local_time() -> None:
    mode = Mode("daily", time(8, 0))
    morning = datetime(2026, 11, 27, 4, 0, tzinfo=UTC)  # 07:00 in Damascus (UTC+3)
    assert mode.next_digest(morning, "Asia/Damascus") == datetime(2026, 11, 27, 5, 0, tzinfo=UTC)
    evening = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)  # 09:00 in Damascus
    assert mode.next_digest(evening, "Asia/Damascus") == datetime(2026, 11, 28, 5, 0, tzinfo=UTC)


def test_a_topic_limited_to_some_sources_ignores_the_others(db: psycopg.Connection) -> None:
    desk = Desk(db, topic(sources=frozenset({"npa"})))
    desk.store(desk.article(source="enab"))
    assert desk.matches() == []
    desk.store(desk.article(source="npa"))
    assert len(desk.matches()) == 1
