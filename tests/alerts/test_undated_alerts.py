"""Articles that state no date, or a day without a time: never taken for fresh by default."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from test_matching import Desk, topic

from rasad.storage.discovered import Discovery

if TYPE_CHECKING:
    import psycopg

    from rasad.storage.articles import NewArticle


@pytest.fixture
def desk(db: psycopg.Connection) -> Desk:
    return Desk(db, topic())


def sighting(found_in: str, first_seen_at: datetime, *, first_crawl: bool = False) -> Discovery:
    return Discovery("https://enab.example/x", found_in, None, False, first_seen_at, first_crawl)


def undated(desk: Desk, discovery: Discovery | None) -> NewArticle:
    return replace(desk.article(), published_at=None, discovery=discovery)


def test_an_undated_article_from_a_section_page_is_matched_not_emailed(desk: Desk) -> None:
    desk.store(undated(desk, sighting("section", datetime.now(UTC))))
    assert desk.matches()[0][0] == "not emailed: no date, and not found in a feed or sitemap"
    assert desk.outbox() == []


def test_an_undated_article_outside_a_crawl_is_matched_not_emailed(desk: Desk) -> None:
    desk.store(undated(desk, None))
    assert desk.matches()[0][0] == "not emailed: no date, and not found in a feed or sitemap"


def test_an_undated_article_first_seen_long_ago_is_not_emailed(desk: Desk) -> None:
    seen = datetime.now(UTC) - timedelta(hours=72, minutes=5)
    desk.store(undated(desk, sighting("feed", seen)))
    assert desk.matches()[0][0] == "not emailed: no date, seen 72 h before it was fetched"


def test_an_undated_article_seen_before_the_topic_existed_is_not_emailed(desk: Desk) -> None:
    seen = datetime.now(UTC) - timedelta(hours=1)  # the topic was created just now
    desk.store(undated(desk, sighting("sitemap", seen)))
    assert desk.matches()[0][0] == "not emailed: no date, seen before the topic was created"


def test_an_undated_article_seen_in_a_feed_after_the_topic_existed_is_emailed(desk: Desk) -> None:
    desk.store(undated(desk, sighting("feed", datetime.now(UTC))))
    assert desk.matches()[0][0] == "emailed"
    assert len(desk.outbox()) == 2


def test_a_day_without_a_time_counts_as_the_end_of_that_day(desk: Desk) -> None:
    # Dated «today» (midnight stored): not older than a topic created this morning.
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    desk.store(replace(desk.article(), published_at=today, published_date_only=True))
    assert desk.matches()[0][0] == "emailed"


def test_a_day_three_days_back_is_too_old(desk: Desk) -> None:
    day = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    desk.store(
        replace(desk.article(), published_at=day - timedelta(days=3), published_date_only=True)
    )
    assert desk.matches()[0][0].startswith("not emailed: published ")
