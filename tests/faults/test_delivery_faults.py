"""Delivery that cannot lose an alert: huge stories, size refusals, an unwritable outbox folder,
and emails that failed for good, shown by `rasad status` and sent again by `rasad outbox retry`.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mailroom import SMALL_SERVER_LIMIT

from rasad.alerts.deliver import MAX_CLUSTERS_PER_EMAIL, DeliveryReport, deliver_due
from rasad.alerts.email import MAX_TITLE_CHARS
from rasad.config.settings import Settings

if TYPE_CHECKING:
    import psycopg
    import pytest
    from conftest import Rasad
    from mailroom import Newsroom, SmtpSink
    from psycopg_pool import ConnectionPool


def settings_for(tmp_path: Path, smtp_url: str | None) -> Settings:
    return Settings(data_dir=tmp_path / "data", smtp_url=smtp_url, timezone="Asia/Damascus")


def make_due(db: psycopg.Connection) -> None:
    """Every waiting email due now, without waiting out its backoff."""
    db.execute("UPDATE outbox SET next_attempt_at = now() WHERE status = 'retry'")
    db.commit()


def deliver_all(pool: ConnectionPool, settings: Settings) -> list[DeliveryReport]:
    reports = []
    while (report := deliver_due(pool, settings)) != DeliveryReport():
        reports.append(report)
    return reports


def html_of(message: object) -> str:
    return message.get_body(("html",)).get_content()  # type: ignore[attr-defined]


def test_a_title_of_a_million_characters_is_shortened_and_accepted(
    newsroom: Newsroom, pool: ConnectionPool, small_smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    newsroom.topic()
    title = "فرار من السجون " + "ا" * 1_000_000
    text = ("قالت مصادر إن معتقلين فروا من أحد السجون. " * 40_000)[:1_500_000]
    (outbox_id,) = newsroom.queue(newsroom.story(title=title, text=text))

    report = deliver_due(pool, settings_for(tmp_path, small_smtp_sink.url))

    assert report == DeliveryReport(sent=1)
    (message,) = small_smtp_sink.received
    assert len(message.as_bytes()) < SMALL_SERVER_LIMIT / 10
    subject = message["Subject"]
    assert subject.startswith(f"رصد — {newsroom.topic_name}: فرار من السجون")
    assert subject.endswith("…")
    assert len(subject) < MAX_TITLE_CHARS + len(newsroom.topic_name) + 20
    assert newsroom.outbox(outbox_id)[:2] == ("sent", 1)


def test_a_long_list_of_stories_goes_out_in_several_small_emails_losing_none(
    newsroom: Newsroom, pool: ConnectionPool, small_smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    newsroom.topic()
    count = MAX_CLUSTERS_PER_EMAIL * 2 + 5
    long_text = "السجون " + "كلمة طويلة جدا في نص الخبر " * 2_000
    for n in range(count):
        newsroom.queue(newsroom.story(title=f"السجون: الخبر رقم {n} " * 100, text=long_text))

    reports = deliver_all(pool, settings_for(tmp_path, small_smtp_sink.url))

    assert sum(report.sent for report in reports) == 3
    assert sum(report.retried + report.failed for report in reports) == 0
    messages = small_smtp_sink.received
    assert all(len(message.as_bytes()) < SMALL_SERVER_LIMIT for message in messages)
    carried = [
        n for message in messages for n in range(count) if f"الخبر رقم {n} " in html_of(message)
    ]
    assert sorted(carried) == list(range(count))  # every story once, none twice
    assert "وفي الرسالة التالية" in html_of(messages[0])
    assert "وفي الرسالة التالية" not in html_of(messages[-1])
    assert len({message["Message-ID"] for message in messages}) == 3


def test_a_size_refusal_uses_no_attempt_and_the_stories_go_out_in_halves(
    newsroom: Newsroom,
    db: psycopg.Connection,
    pool: ConnectionPool,
    smtp_sink: SmtpSink,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    newsroom.topic()
    (outbox_id,) = {
        i for n in range(4) for i in newsroom.queue(newsroom.story(title=f"السجون {n}"))
    }
    smtp_sink.refusals.append("552 5.3.4 Message size exceeds fixed maximum message size")
    settings = settings_for(tmp_path, smtp_sink.url)

    with caplog.at_level(logging.INFO):
        assert deliver_due(pool, settings) == DeliveryReport(retried=1)

    status, attempts, last_error, _ = newsroom.outbox(outbox_id)
    assert (status, attempts) == ("retry", 0)
    assert "552" in last_error
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert f"outbox {outbox_id} to {newsroom.analyst} cannot be delivered" in errors[0]
    make_due(db)
    assert sum(r.sent for r in deliver_all(pool, settings)) == 2
    subjects = sorted(message["Subject"] for message in smtp_sink.received)
    assert subjects == [f"رصد: قصتان جديدتان — {newsroom.topic_name}"] * 2


def test_an_unwritable_outbox_folder_uses_no_attempt_and_loses_nothing(
    newsroom: Newsroom,
    db: psycopg.Connection,
    pool: ConnectionPool,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    rasad: Rasad,
) -> None:
    newsroom.topic()
    (outbox_id,) = newsroom.queue(newsroom.story())
    settings = settings_for(tmp_path, None)
    settings.data_dir.mkdir()
    settings.outbox_dir.write_text("a file where the outbox folder should be")

    # Root may write anywhere, so the folder is made unusable by a file in its place.
    with caplog.at_level(logging.INFO):
        for _ in range(12):  # more tries than an email's attempts
            assert deliver_due(pool, settings) == DeliveryReport(retried=1)
            make_due(db)

    status, attempts, last_error, _ = newsroom.outbox(outbox_id)
    assert (status, attempts) == ("retry", 0)
    assert f"cannot write {settings.outbox_dir}/" in last_error
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1, [r.getMessage() for r in errors]
    assert all(r.exc_info is None for r in caplog.records)
    shown = rasad("status")
    assert f"retry {outbox_id} to {newsroom.analyst} (topic isis): cannot write" in shown.stdout
    assert "waiting on the outbox" in shown.stdout

    settings.outbox_dir.unlink()
    assert deliver_due(pool, settings) == DeliveryReport(sent=1)
    assert newsroom.outbox(outbox_id)[:3] == ("sent", 1, None)
    assert len(list(settings.outbox_dir.glob("*.eml"))) == 1


def test_a_failed_email_is_shown_by_status_and_sent_again_with_its_message_id(
    newsroom: Newsroom, pool: ConnectionPool, smtp_sink: SmtpSink, tmp_path: Path, rasad: Rasad
) -> None:
    newsroom.topic(recipients=("moved@example.org",))
    (outbox_id,) = newsroom.queue(newsroom.story())
    smtp_sink.refused_recipients["moved@example.org"] = "550 5.1.1 mailbox unavailable"
    settings = settings_for(tmp_path, smtp_sink.url)
    assert deliver_due(pool, settings) == DeliveryReport(failed=1)

    status = rasad("status")
    assert status.exit_code == 0
    (line,) = [line for line in status.stdout.splitlines() if "moved@example.org" in line]
    assert line.startswith(f"  failed {outbox_id} to moved@example.org (topic isis): smtp://")
    assert "550 5.1.1 mailbox unavailable" in line
    assert line.endswith(f"`rasad outbox retry {outbox_id}` sends it again")
    (unsent,) = json.loads(rasad("status", "--json").stdout)["unsent"]
    assert (unsent["id"], unsent["status"], unsent["failure_kind"]) == (
        outbox_id,
        "failed",
        "recipient",
    )

    del smtp_sink.refused_recipients["moved@example.org"]
    again = rasad("outbox", "retry", str(outbox_id))
    assert again.exit_code == 0
    assert again.stdout.startswith(f"1 email(s) put back to be sent: {outbox_id} ")
    assert deliver_due(pool, settings) == DeliveryReport(sent=1)
    (message,) = smtp_sink.received
    assert message["Message-ID"] == newsroom.outbox(outbox_id)[3]
    assert "unsent" not in rasad("status").stdout
    assert rasad("outbox", "retry", "--all-failed").stdout == "no failed emails\n"


def test_outbox_retry_refuses_what_it_cannot_do_in_one_sentence(
    newsroom: Newsroom, pool: ConnectionPool, smtp_sink: SmtpSink, tmp_path: Path, rasad: Rasad
) -> None:
    newsroom.topic()
    (sent_id,) = newsroom.queue(newsroom.story())
    deliver_due(pool, settings_for(tmp_path, smtp_sink.url))

    cases = {
        ("outbox", "retry", "999"): "rasad: no email 999 in the outbox (see `rasad status`)\n",
        (
            "outbox",
            "retry",
            str(sent_id),
        ): f"rasad: email {sent_id} is sent, not failed: nothing to retry\n",
    }
    for args, message in cases.items():
        result = rasad(*args)
        assert (result.exit_code, result.stderr) == (2, message)
    for args in (("outbox", "retry"), ("outbox", "retry", "3", "--all-failed")):
        result = rasad(*args)
        assert result.exit_code == 2
        assert "give the ids of the emails to retry, or --all-failed" in result.stderr
