"""Times a user types and reads: in the ``timezone`` setting, labelled with it.

The command line and the web pages take ``--since``/``--until`` as a date (``2026-11-22``, the
start of that day in the zone), a date and time (``2026-11-22T09:30`` or ``2026-11-22 09:30``,
in the zone unless it carries an offset), or an age (``7d``, ``24h``, ``90m``, ``2w``: that long
before now). Every time shown is in the zone, with the zone named.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from rasad.config.errors import RasadError

_AGE = re.compile(r"^\s*(\d{1,6})\s*([mhdw])\s*$", re.IGNORECASE)
_AGE_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
SHOWN_FORMAT = "%Y-%m-%d %H:%M"


def use_bundled_tzdata() -> None:
    """Read time zones from the ``tzdata`` package Rasad depends on, never the system's files.

    zoneinfo looks in /usr/share/zoneinfo first, and systems lag behind IANA: a machine with
    tzdata 2025b still puts Morocco on UTC+1 after it moved to UTC+0 for good on 2026-09-20
    (IANA 2026c), so two daemons, or a daemon and its tests, would store one Moroccan page an
    hour apart. Called once where the program starts (the CLI) and where the tests start.
    """
    zoneinfo.reset_tzpath([])
    ZoneInfo.clear_cache()


class TimeSpecError(RasadError, ValueError):
    """Text that is neither a date, a date and time, nor an age like 7d (or out of range)."""


@dataclass(frozen=True)
class TimeSpec:
    """A moment as typed, resolved against the zone and the clock only when it is used."""

    text: str
    moment: datetime | None = None  # an aware moment (the text had an offset)
    local: datetime | None = None  # a wall-clock time in the zone
    age: timedelta | None = None  # that long before now

    def resolve(self, timezone: str, now: datetime | None = None) -> datetime:
        """The aware UTC moment this spec names, reading wall-clock times in ``timezone``."""
        try:
            if self.moment is not None:
                return self.moment.astimezone(UTC)
            if self.local is not None:
                return self.local.replace(tzinfo=ZoneInfo(timezone)).astimezone(UTC)
            return (now or datetime.now(UTC)) - (self.age or timedelta())
        except OverflowError:  # 0001-01-01 east of UTC, or an age of 999999w
            raise TimeSpecError(f"'{self.text}' is outside the calendar's range") from None


def parse_time_spec(text: str) -> TimeSpec:
    """A date, a date and time, or an age; TimeSpecError with one sentence otherwise."""
    if match := _AGE.match(text):
        amount, unit = int(match[1]), _AGE_UNITS[match[2].lower()]
        return TimeSpec(text, age=timedelta(**{unit: amount}))
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        raise TimeSpecError(
            f"'{text}' is not a date like 2026-11-22, a time like 2026-11-22T09:30, "
            "or an age like 7d or 24h"
        ) from None
    if parsed.tzinfo is not None:
        return TimeSpec(text, moment=parsed)
    return TimeSpec(text, local=parsed)


def day_start(day: date, timezone: str) -> datetime:
    """Midnight of ``day`` on the wall clock of ``timezone``, as an aware UTC moment."""
    return datetime.combine(day, time(0, 0), ZoneInfo(timezone)).astimezone(UTC)


def local_time(value: datetime | None, timezone: str, missing: str = "-") -> str:
    """``value`` on the wall clock of ``timezone`` ("2026-11-22 09:30"); the caller names the
    zone once, in a column header or beside the value (see :func:`zone_label`)."""
    if value is None:
        return missing
    return value.astimezone(ZoneInfo(timezone)).strftime(SHOWN_FORMAT)


def local_day(value: datetime, timezone: str) -> str:
    """The day of a date stated without a time ("2026-11-22"), stored as midnight of the
    outlet's day: noon of that day falls on the same date in every zone within twelve hours
    of the outlet's, so the day shown is the one the page gave, whatever ``timezone`` is."""
    return f"{(value + timedelta(hours=12)).astimezone(ZoneInfo(timezone)):%Y-%m-%d}"


def zone_label(timezone: str, when: datetime | None = None) -> str:
    """The zone's name with its UTC offset at ``when`` (now by default): "Asia/Damascus, +03"."""
    moment = (when or datetime.now(UTC)).astimezone(ZoneInfo(timezone))
    offset = moment.strftime("%z")
    hours, minutes = offset[:3], offset[3:]
    return f"{timezone}, {hours}" + (f":{minutes}" if minutes != "00" else "")
