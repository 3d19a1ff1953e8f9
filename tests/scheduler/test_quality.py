"""Extraction-quality signals: computed by the health job from stored rows, shown by
``rasad sources``, and a sharp change flags the source once, with the reason."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from outlets.build import write_catalog
from psycopg_pool import ConnectionPool

from rasad.config.settings import Settings
from rasad.scheduler.jobs import check_health
from rasad.storage.articles import NewArticle, record_skipped, store_article
from rasad.storage.sources import SourceEntry, sync_sources

if TYPE_CHECKING:
    from pathlib import Path

    import psycopg
    from conftest import Rasad

WEEK_AGO_HOURS = (30, 50, 70, 90, 110, 130, 150)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, operator_email="ops@example.org")


@pytest.fixture
def alpha(db: psycopg.Connection) -> psycopg.Connection:
    sync_sources(db, [SourceEntry("alpha", "ألفا", "https://alpha.example/", 15, True)])
    # A crawl happened, so the source is judged like any crawled one.
    db.execute("UPDATE sources SET last_attempt_at = now(), last_success_at = now()")
    db.commit()
    return db


def store(
    db: psycopg.Connection,
    number: int,
    hours_ago: float,
    *,
    words: int = 400,
    byline: str | None = "سامر الحلبي",
    dated: bool = True,
) -> None:
    text = " ".join(["كلمة"] * (words - 1) + [f"رقم{number}"])
    article = NewArticle(
        source_id="alpha",
        url=f"https://alpha.example/news/{number}",
        canonical_url=f"https://alpha.example/news/{number}",
        title=f"خبر {number}",
        byline=byline,
        published_at=datetime(2026, 11, 1, tzinfo=UTC) if dated else None,
        language="ar",
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        terms="'خبر':1",
    )
    result = store_article(db, article)
    db.execute(
        "UPDATE articles SET fetched_at = now() - make_interval(hours => %s) WHERE id = %s",
        (hours_ago, result.article_id),
    )
    db.commit()


def a_normal_week(db: psycopg.Connection) -> None:
    for number in range(28):
        store(db, number, WEEK_AGO_HOURS[number % len(WEEK_AGO_HOURS)])


def flag(db: psycopg.Connection) -> tuple[object, object]:
    row = db.execute("SELECT flag_reason, flag_kind FROM sources WHERE id = 'alpha'").fetchone()
    db.commit()
    return row


def test_a_normal_day_flags_nothing_and_the_signals_are_kept(
    alpha: psycopg.Connection, pool: ConnectionPool, settings: Settings
) -> None:
    a_normal_week(alpha)
    for number in range(100, 106):
        store(alpha, number, 2, words=380, byline=None if number == 100 else "ليلى حسن")
    assert check_health(pool, settings) == []
    row = alpha.execute(
        "SELECT pages_24h, median_words_24h, byline_share_24h, dated_share_24h, pages_7d,"
        " median_words_7d FROM analyst_source_health WHERE source = 'alpha'"
    ).fetchone()
    assert (row[0], row[1]) == (6, 380)
    assert float(row[2]) == pytest.approx(0.833, abs=0.001)
    assert (float(row[3]), row[4], row[5]) == (1.0, 28, 400)


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        pytest.param(
            {"words": 35}, "median text length fell from 400 to 35 words", id="shorter-texts"
        ),
        pytest.param(
            {"byline": None},
            "no article had a byline in the last 24 h (100% the week before)",
            id="no-byline",
        ),
        pytest.param(
            {"dated": False},
            "no article had a date in the last 24 h (100% the week before)",
            id="no-date",
        ),
    ],
)
def test_a_sharp_change_flags_the_source_once_with_the_reason(
    alpha: psycopg.Connection,
    pool: ConnectionPool,
    settings: Settings,
    day: dict[str, object],
    reason: str,
) -> None:
    a_normal_week(alpha)
    for number in range(100, 106):
        store(alpha, number, 3, **day)  # type: ignore[arg-type]

    (change,) = check_health(pool, settings)

    assert (change.source_id, change.reason) == ("alpha", reason)
    assert flag(alpha) == (reason, "quality")
    assert check_health(pool, settings) == []  # once
    subjects = [row[0] for row in alpha.execute("SELECT subject FROM outbox")]
    assert subjects == ["رصد: تغير استخراج مصدر — ألفا (alpha)"]


def test_a_source_whose_every_page_is_skipped_is_flagged(
    alpha: psycopg.Connection, pool: ConnectionPool, settings: Settings
) -> None:
    for number in range(6):
        url = f"https://alpha.example/news/s{number}"
        with alpha.transaction():
            record_skipped(alpha, "alpha", url, [url], "not an article: 12 words of text")

    (change,) = check_health(pool, settings)

    assert change.reason == "every article page of the last 24 h was skipped (6 pages)"


def test_the_quality_flag_clears_when_the_signals_recover(
    alpha: psycopg.Connection, pool: ConnectionPool, settings: Settings
) -> None:
    a_normal_week(alpha)
    for number in range(100, 106):
        store(alpha, number, 3, words=35)
    check_health(pool, settings)
    # The outlet's layout is read right again: the day's articles are whole.
    alpha.execute("UPDATE articles SET text = text || repeat(' كلمة', 400) WHERE words < 100")
    alpha.commit()

    (change,) = check_health(pool, settings)

    assert (change.source_id, change.reason) == ("alpha", "recovered")
    assert flag(alpha) == (None, None)


def test_rasad_sources_shows_the_signals_beside_the_week(
    alpha: psycopg.Connection,
    pool: ConnectionPool,
    settings: Settings,
    rasad: Rasad,
    tmp_path: Path,
) -> None:
    catalog = [{"id": "alpha", "name": "ألفا", "homepage": "https://alpha.example/"}]
    rasad.env["RASAD_CATALOG"] = str(write_catalog(tmp_path / "sources.toml", catalog))
    a_normal_week(alpha)
    for number in range(100, 106):
        store(alpha, number, 3, words=35)
    check_health(pool, settings)

    table = rasad("sources").stdout
    rows = json.loads(rasad("sources", "--json").stdout)

    line = next(line for line in table.splitlines() if "alpha" in line)
    assert "35/400" in line
    assert "100%/100%" in line  # dated and bylined, both periods
    assert "median text length fell from 400 to 35 words" in line
    (row,) = [row for row in rows if row["id"] == "alpha"]
    assert (row["median_words_24h"], row["median_words_7d"], row["health"]) == (35, 400, "flagged")
    assert (row["pages_24h"], row["pages_7d"], row["skipped_share_24h"]) == (6, 28, 0.0)
