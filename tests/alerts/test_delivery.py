"""Delivering the outbox to a real SMTP server in process, with rows checked in PostgreSQL."""

from __future__ import annotations

import logging
import threading
from email import message_from_bytes, policy
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from psycopg_pool import ConnectionPool

from rasad.alerts.deliver import DeliveryReport, SmtpServer, deliver_due, retry_time
from rasad.config.settings import Settings
from rasad.storage.outbox import claim_due_emails, mark_failed, mark_sent, queue_operator_email

if TYPE_CHECKING:
    import psycopg
    from mailroom import Newsroom, SmtpSink

PASSWORD = "s3cret:p@ss/word"  # noqa: S105 - the test checks it never leaks


def settings_for(tmp_path: Path, smtp_url: str | None) -> Settings:
    return Settings(data_dir=tmp_path / "data", smtp_url=smtp_url, timezone="Asia/Damascus")


def due_now(db: psycopg.Connection, outbox_id: int) -> None:
    """Make a retry due without waiting out its backoff."""
    db.execute("UPDATE outbox SET next_attempt_at = now() WHERE id = %s", (outbox_id,))
    db.commit()


def test_an_alert_reaches_the_server_and_the_row_is_sent(
    newsroom: Newsroom, pool: ConnectionPool, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    newsroom.topic()
    (outbox_id,) = newsroom.queue(newsroom.story(), ["سجون", "معتقل*"])

    report = deliver_due(pool, settings_for(tmp_path, smtp_sink.url))

    assert report == DeliveryReport(sent=1)
    (message,) = smtp_sink.received
    status, attempts, last_error, message_id = newsroom.outbox(outbox_id)
    assert (status, attempts, last_error) == ("sent", 1, None)
    assert message["Message-ID"] == message_id
    assert smtp_sink.envelopes[0][1] == [newsroom.analyst]
    assert message["Subject"] == (
        f"رصد — {newsroom.topic_name}: فرار عناصر من تنظيم الدولة من أحد السجون في الحسكة"
    )
    html = message.get_body(("html",)).get_content()
    assert 'dir="rtl"' in html
    assert 'lang="ar"' in html
    assert ">السُّجون</mark>" in html
    assert ">المعتقلين</mark>" in html
    assert 'href="https://enab.example/news/1"' in html
    assert "2026-11-01 12:30 (Asia/Damascus)" in html
    assert deliver_due(pool, settings_for(tmp_path, smtp_sink.url)) == DeliveryReport()


def test_a_burst_folded_into_one_row_is_one_email_listing_every_story(
    newsroom: Newsroom, pool: ConnectionPool, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    newsroom.topic()
    ids = {
        outbox_id
        for n in range(5)
        for outbox_id in newsroom.queue(newsroom.story(title=f"السجون: الخبر رقم {n}"))
    }
    assert len(ids) == 1  # the matches joined one pending email

    assert deliver_due(pool, settings_for(tmp_path, smtp_sink.url)) == DeliveryReport(sent=1)

    (message,) = smtp_sink.received
    assert message["Subject"] == f"رصد: 5 قصص جديدة — {newsroom.topic_name}"
    html = message.get_body(("html",)).get_content()
    assert all(f"الخبر رقم {n}" in html for n in range(5))


def test_a_story_carried_by_two_outlets_names_both(
    newsroom: Newsroom,
    db: psycopg.Connection,
    pool: ConnectionPool,
    smtp_sink: SmtpSink,
    tmp_path: Path,
) -> None:
    newsroom.topic()
    first = newsroom.story()
    second = newsroom.story(title="السجون مرة أخرى", source="hawar")
    db.execute(
        "UPDATE articles SET cluster_id = %s WHERE id = %s", (first.cluster_id, second.article_id)
    )
    db.commit()
    newsroom.queue(first)

    deliver_due(pool, settings_for(tmp_path, smtp_sink.url))

    html = smtp_sink.received[0].get_body(("html",)).get_content()
    assert "عنب بلدي" in html
    assert "وكالة هاوار" in html


def test_a_refused_send_is_retried_and_delivered_once(
    newsroom: Newsroom,
    db: psycopg.Connection,
    pool: ConnectionPool,
    smtp_sink: SmtpSink,
    tmp_path: Path,
) -> None:
    newsroom.topic()
    (outbox_id,) = newsroom.queue(newsroom.story())
    smtp_sink.refusals.append("451 4.3.0 try later")
    settings = settings_for(tmp_path, smtp_sink.url)
    assert newsroom.outbox(outbox_id)[0] == "pending"

    assert deliver_due(pool, settings) == DeliveryReport(retried=1)
    status, attempts, last_error, _ = newsroom.outbox(outbox_id)
    assert (status, attempts) == ("retry", 1)
    assert "451 4.3.0 try later" in last_error
    assert deliver_due(pool, settings) == DeliveryReport()  # not due for a minute

    due_now(db, outbox_id)
    assert deliver_due(pool, settings) == DeliveryReport(sent=1)
    status, attempts, last_error, message_id = newsroom.outbox(outbox_id)
    assert (status, attempts, last_error) == ("sent", 2, None)
    (message,) = smtp_sink.received
    assert message["Message-ID"] == message_id


def test_a_dead_server_leaves_the_row_to_retry_without_leaking_the_password(
    newsroom: Newsroom,
    pool: ConnectionPool,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    closed_port: int,
) -> None:
    newsroom.topic()
    (outbox_id,) = newsroom.queue(newsroom.story())
    url = f"smtp://rasad:{PASSWORD.replace(':', '%3A').replace('@', '%40').replace('/', '%2F')}@127.0.0.1:{closed_port}"

    with caplog.at_level(logging.DEBUG):
        report = deliver_due(pool, settings_for(tmp_path, url))

    assert report == DeliveryReport(retried=1)
    status, attempts, last_error, _ = newsroom.outbox(outbox_id)
    assert (status, attempts) == ("retry", 0)  # an outage uses up none of its attempts
    assert "ConnectionRefusedError" in last_error
    assert "127.0.0.1" in last_error
    assert PASSWORD not in last_error
    assert "%40" not in last_error
    warning = next(r for r in caplog.records if r.levelno == logging.WARNING)
    assert f"outbox {outbox_id} to {newsroom.analyst}" in warning.getMessage()
    assert all(r.exc_info is None for r in caplog.records)  # no traceback
    assert PASSWORD not in caplog.text
    assert "s3cret" not in caplog.text


def test_a_server_that_refuses_the_recipient_for_good_fails_the_row_at_once(
    newsroom: Newsroom, pool: ConnectionPool, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    newsroom.topic(recipients=("gone@example.org", newsroom.analyst))
    gone, analyst = newsroom.queue(newsroom.story())
    smtp_sink.refused_recipients["gone@example.org"] = "550 5.1.1 no such user"

    report = deliver_due(pool, settings_for(tmp_path, smtp_sink.url))

    assert report == DeliveryReport(sent=1, failed=1)
    status, _, last_error, _ = newsroom.outbox(gone)
    assert status == "failed"
    assert "550 5.1.1 no such user" in last_error
    assert newsroom.outbox(analyst)[0] == "sent"
    assert [to for _, to in smtp_sink.envelopes] == [[newsroom.analyst]]


def test_backoff_doubles_to_an_hour_and_gives_up_after_eight_attempts() -> None:
    from datetime import UTC, datetime

    def delay_minutes(attempts: int) -> float:
        retry_at = retry_time(attempts)
        assert retry_at is not None
        return round((retry_at - datetime.now(UTC)).total_seconds() / 60)

    assert [delay_minutes(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 32, 60]
    assert retry_time(8) is None
    assert retry_time(1, permanent=True) is None


def test_two_deliverers_at_once_send_each_email_exactly_once(
    newsroom: Newsroom, database_url: str, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    newsroom.topic(recipients=tuple(f"analyst{n}@example.org" for n in range(30)))
    ids = newsroom.queue(newsroom.story())
    assert len(ids) == 30
    settings = settings_for(tmp_path, smtp_sink.url)
    reports: list[DeliveryReport] = []
    start = threading.Barrier(2)

    def deliverer() -> None:
        with ConnectionPool(database_url, min_size=1, max_size=2) as own_pool:
            start.wait()
            while (report := deliver_due(own_pool, settings, batch=4)) != DeliveryReport():
                reports.append(report)

    threads = [threading.Thread(target=deliverer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sum(report.sent for report in reports) == 30
    message_ids = [message["Message-ID"] for message in smtp_sink.received]
    assert len(message_ids) == 30 == len(set(message_ids))
    assert {newsroom.outbox(outbox_id)[0] for outbox_id in ids} == {"sent"}


def test_an_email_left_sending_by_a_dead_daemon_is_sent_again_with_its_message_id(
    newsroom: Newsroom,
    db: psycopg.Connection,
    pool: ConnectionPool,
    smtp_sink: SmtpSink,
    tmp_path: Path,
) -> None:
    newsroom.topic()
    (outbox_id,) = newsroom.queue(newsroom.story())
    (claimed,) = claim_due_emails(db, 10, 300)  # the daemon that died after claiming it
    assert deliver_due(pool, settings_for(tmp_path, smtp_sink.url)) == DeliveryReport()

    db.execute(
        "UPDATE outbox SET claimed_until = now() - interval '1 second' WHERE id = %s", (outbox_id,)
    )
    db.commit()
    assert deliver_due(pool, settings_for(tmp_path, smtp_sink.url)) == DeliveryReport(sent=1)

    (message,) = smtp_sink.received
    assert message["Message-ID"] == claimed.message_id
    assert newsroom.outbox(outbox_id)[:2] == ("sent", 2)


def test_without_an_smtp_server_emails_become_eml_files(
    newsroom: Newsroom, db: psycopg.Connection, pool: ConnectionPool, tmp_path: Path
) -> None:
    newsroom.topic()
    (outbox_id,) = newsroom.queue(newsroom.story())
    queue_operator_email(
        db, "ops@example.org", "مصدر صامت: enab", "لا مقالات منذ 6 ساعات", "<op.1@test.example>"
    )
    settings = settings_for(tmp_path, None)

    assert deliver_due(pool, settings) == DeliveryReport(sent=2)

    files = sorted(settings.outbox_dir.iterdir())
    assert [path.suffix for path in files] == [".eml", ".eml"]  # no temporary file left
    messages = {
        message["To"]: message
        for message in (
            message_from_bytes(path.read_bytes(), policy=policy.default) for path in files
        )
    }
    alert = messages[newsroom.analyst]
    assert alert["Subject"].startswith(f"رصد — {newsroom.topic_name}: ")
    assert alert["Message-ID"] == newsroom.outbox(outbox_id)[3]
    assert messages["ops@example.org"]["Subject"] == "مصدر صامت: enab"


def test_an_email_whose_clusters_are_gone_is_marked_sent_without_sending(
    newsroom: Newsroom,
    db: psycopg.Connection,
    pool: ConnectionPool,
    smtp_sink: SmtpSink,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    newsroom.topic()
    (outbox_id,) = newsroom.queue(newsroom.story())
    db.execute("DELETE FROM outbox_matches WHERE outbox_id = %s", (outbox_id,))
    db.commit()

    assert deliver_due(pool, settings_for(tmp_path, smtp_sink.url)) == DeliveryReport(skipped=1)

    assert newsroom.outbox(outbox_id)[0] == "sent"
    assert smtp_sink.received == []
    assert f"outbox {outbox_id} to {newsroom.analyst} has no clusters" in caplog.text


def test_url_encoded_credentials_log_in_to_the_server(
    newsroom: Newsroom, pool: ConnectionPool, smtp_sink_with_login: SmtpSink, tmp_path: Path
) -> None:
    newsroom.topic(recipients=(newsroom.analyst, "second@example.org"))
    newsroom.queue(newsroom.story())
    host = smtp_sink_with_login.url.removeprefix("smtp://")
    wrong = settings_for(tmp_path, f"smtp://rasad%40example.org:nope@{host}")
    right = settings_for(tmp_path, f"smtp://rasad%40example.org:p%40ss%3Aw%2Frd@{host}")

    # 535 is a setting to fix: retried, and the second email does not log in again in vain
    assert deliver_due(pool, wrong) == DeliveryReport(retried=2)
    errors = newsroom.db.execute("SELECT last_error FROM outbox").fetchall()
    assert all("535" in error for (error,) in errors)
    assert len({peer for peer, _, _ in smtp_sink_with_login.logins}) == 1
    newsroom.db.execute("UPDATE outbox SET next_attempt_at = now()")
    newsroom.db.commit()

    assert deliver_due(pool, right) == DeliveryReport(sent=2)
    assert len(smtp_sink_with_login.received) == 2
    assert [user for _, user, passed in smtp_sink_with_login.logins if passed] == [
        "rasad@example.org"
    ]


def test_smtp_urls_give_their_scheme_port_and_decoded_credentials() -> None:
    server = SmtpServer.from_url("smtp+starttls://alerts%40example.org:p%40ss%3Aw@mail.example")
    assert (server.scheme, server.host, server.port) == ("smtp+starttls", "mail.example", 587)
    assert (server.user, server.password) == ("alerts@example.org", "p@ss:w")
    assert "p@ss" not in repr(server)
    assert "p@ss" not in str(server)
    assert SmtpServer.from_url("smtps://mail.example").port == 465
    assert SmtpServer.from_url("smtp://mail.example:2525").port == 2525


def test_a_long_outage_of_the_smtp_server_loses_no_email(
    newsroom: Newsroom,
    db: psycopg.Connection,
    pool: ConnectionPool,
    closed_port: int,
    tmp_path: Path,
) -> None:
    newsroom.topic()
    (outbox_id,) = newsroom.queue(newsroom.story())
    # Hours of outage already: far more attempts than an email may use up on its own.
    db.execute("UPDATE outbox SET attempts = 20 WHERE id = %s", (outbox_id,))
    db.commit()

    report = deliver_due(pool, settings_for(tmp_path, f"smtp://127.0.0.1:{closed_port}"))

    assert report == DeliveryReport(retried=1)
    assert newsroom.outbox(outbox_id)[0] == "retry"


def test_an_email_that_cannot_be_rendered_does_not_hold_up_the_others(
    newsroom: Newsroom,
    pool: ConnectionPool,
    smtp_sink: SmtpSink,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import rasad.alerts.deliver as deliver

    newsroom.topic(recipients=tuple(f"analyst{n}@example.org" for n in range(5)))
    ids = newsroom.queue(newsroom.story())
    render = deliver.render_email

    def render_with_a_bug(row, stories, settings, **options):  # type: ignore[no-untyped-def]
        if row.id == ids[2]:
            raise KeyError("a template bug")
        return render(row, stories, settings, **options)

    monkeypatch.setattr(deliver, "render_email", render_with_a_bug)
    report = deliver_due(pool, settings_for(tmp_path, smtp_sink.url))

    assert report == DeliveryReport(sent=4, retried=1)
    statuses = [newsroom.outbox(outbox_id)[0] for outbox_id in ids]
    assert statuses == ["sent", "sent", "retry", "sent", "sent"]
    assert "KeyError while preparing the email" in newsroom.outbox(ids[2])[2]
    assert f"outbox {ids[2]} could not be sent" in caplog.text


def test_a_late_mark_from_a_sender_whose_claim_expired_changes_nothing(
    newsroom: Newsroom, db: psycopg.Connection
) -> None:
    newsroom.topic()
    (outbox_id,) = newsroom.queue(newsroom.story())
    (first,) = claim_due_emails(db, 10, 300)
    db.execute("UPDATE outbox SET claimed_until = now() - interval '1 second'")
    db.commit()
    (second,) = claim_due_emails(db, 10, 300)  # another daemon took it over
    mark_sent(db, second)
    mark_failed(db, first, "timed out", None, "server")  # the first sender, too late
    assert newsroom.outbox(outbox_id)[:2] == ("sent", 2)


def test_a_batch_that_runs_out_of_its_claim_hands_the_rest_back(
    newsroom: Newsroom,
    pool: ConnectionPool,
    smtp_sink: SmtpSink,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import rasad.alerts.deliver as deliver

    newsroom.topic(recipients=tuple(f"analyst{n}@example.org" for n in range(3)))
    ids = newsroom.queue(newsroom.story())
    monkeypatch.setattr(deliver, "CLAIM_SECONDS", 0)  # as if the server had taken minutes

    assert deliver_due(pool, settings_for(tmp_path, smtp_sink.url)) == DeliveryReport()
    assert [newsroom.outbox(i)[:2] for i in ids] == [("retry", 0)] * 3
    assert smtp_sink.received == []

    monkeypatch.undo()
    assert deliver_due(pool, settings_for(tmp_path, smtp_sink.url)) == DeliveryReport(sent=3)
