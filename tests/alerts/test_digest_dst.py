"""Digests across Egypt's DST changes (2026: clocks go from 00:00 to 01:00 on Friday 24 April,
and from 24:00 back to 23:00 on Thursday 29 October): a daily digest keeps its wall-clock time
and comes once a day, an hourly one comes every hour of real time."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from rasad.alerts.topics import Mode

CAIRO = "Africa/Cairo"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # spring forward: 23:10 EET, then the next full hour is 01:00 EEST (00:00 never was)
        ("2026-04-23T21:10", "2026-04-23T22:00"),
        ("2026-04-23T22:10", "2026-04-23T23:00"),
        # fall back: 23:10 EEST, then 23:00 EET (the repeated hour), then midnight
        ("2026-10-29T20:10", "2026-10-29T21:00"),
        ("2026-10-29T21:10", "2026-10-29T22:00"),
    ],
)
def test_an_hourly_digest_comes_every_hour_of_real_time(now: str, expected: str) -> None:
    assert Mode("hourly").next_digest(utc(now), CAIRO) == utc(expected)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2026-04-23T07:00", "2026-04-24T05:00"),  # 08:00 EET, then 08:00 EEST
        ("2026-10-29T06:00", "2026-10-30T06:00"),  # 08:00 EEST, then 08:00 EET
    ],
)
def test_a_daily_digest_keeps_its_wall_clock_time_across_a_change(now: str, expected: str) -> None:
    fire = Mode("daily", time(8, 0)).next_digest(utc(now), CAIRO)
    assert fire == utc(expected)
    assert fire.astimezone(ZoneInfo(CAIRO)).time() == time(8, 0)


def test_a_daily_time_the_clock_skips_is_still_sent_that_night() -> None:
    # 00:30 does not exist on 24 April; the digest goes at 00:30 by the old offset (01:30 EEST),
    # not a day late.
    mode = Mode("daily", time(0, 30))
    assert mode.next_digest(utc("2026-04-23T12:00"), CAIRO) == utc("2026-04-23T22:30")
    assert mode.next_digest(utc("2026-04-23T22:31"), CAIRO) == utc("2026-04-24T21:30")


def test_a_daily_time_the_clock_repeats_is_sent_once() -> None:
    # 23:30 happens twice on 29 October (20:30 and 21:30 UTC): one digest, at the first.
    mode = Mode("daily", time(23, 30))
    assert mode.next_digest(utc("2026-10-29T20:29"), CAIRO) == utc("2026-10-29T20:30")
    assert mode.next_digest(utc("2026-10-29T20:31"), CAIRO) == utc("2026-10-30T21:30")
