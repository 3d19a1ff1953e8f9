"""Times a user types (--since, --until) and reads: in the timezone setting, labelled."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rasad.config.times import TimeSpecError, local_time, parse_time_spec, zone_label

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "timezone", "expected"),
    [
        ("2026-11-22", "Asia/Damascus", datetime(2026, 11, 21, 21, 0, tzinfo=UTC)),
        ("2026-11-22T09:30", "Africa/Cairo", datetime(2026, 11, 22, 7, 30, tzinfo=UTC)),
        ("2026-11-22 09:30", "UTC", datetime(2026, 11, 22, 9, 30, tzinfo=UTC)),
        ("2026-07-01T09:30", "Africa/Cairo", datetime(2026, 7, 1, 6, 30, tzinfo=UTC)),  # DST
        ("2026-11-22T09:30+01:00", "Asia/Baghdad", datetime(2026, 11, 22, 8, 30, tzinfo=UTC)),
        ("7d", "Asia/Baghdad", datetime(2026, 11, 15, 12, 0, tzinfo=UTC)),
        ("24h", "UTC", datetime(2026, 11, 21, 12, 0, tzinfo=UTC)),
        ("90m", "UTC", datetime(2026, 11, 22, 10, 30, tzinfo=UTC)),
        ("2w", "UTC", datetime(2026, 11, 8, 12, 0, tzinfo=UTC)),
    ],
)
def test_a_typed_time_is_read_in_the_zone(text: str, timezone: str, expected: datetime) -> None:
    assert parse_time_spec(text).resolve(timezone, NOW) == expected


@pytest.mark.parametrize("text", ["yesterday", "7 days", "2026-13-01", "", "-3d"])
def test_anything_else_is_one_sentence(text: str) -> None:
    with pytest.raises(TimeSpecError, match="is not a date like 2026-11-22"):
        parse_time_spec(text)


def test_times_are_shown_on_the_zone_wall_clock_with_the_zone_named() -> None:
    assert local_time(NOW, "Asia/Damascus") == "2026-11-22 15:00"
    assert local_time(None, "Asia/Damascus") == "-"
    assert zone_label("Asia/Damascus", NOW) == "Asia/Damascus, +03"
    assert zone_label("Asia/Kolkata", NOW) == "Asia/Kolkata, +05:30"
    assert zone_label("Africa/Cairo", datetime(2026, 7, 1, tzinfo=UTC)) == "Africa/Cairo, +03"
