"""Topics: topics.toml loaded and checked in one place into frozen Topic values.

A topic whose query does not parse stops the start with the topic and the position named, so
a daemon never runs half-configured. Keys are read through the same readers as the settings
and the catalog (``rasad.config.fields``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from rasad.alerts.query import Query, parse_query
from rasad.config.errors import TopicError
from rasad.config.fields import Fields, did_you_mean
from rasad.config.files import entry_id, entry_list, read_toml

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from rasad.config.settings import Settings

_DAILY = re.compile(r"^daily (\d{1,2}):(\d{2})$")
_KEYS = frozenset({"id", "name", "query", "recipients", "mode", "sources"})
MAX_RECIPIENTS = 100


@dataclass(frozen=True)
class Mode:
    """How a topic's matches are emailed: at once, or gathered into a digest."""

    kind: str  # "immediate", "hourly" or "daily"
    at: time | None = None  # the local time of a daily digest

    @property
    def is_digest(self) -> bool:
        return self.kind != "immediate"

    def next_digest(self, now: datetime, timezone: str) -> datetime:
        """When the digest that a match arriving ``now`` belongs to is sent: the next hour, or
        the next HH:MM on the wall clock of ``timezone``, strictly after ``now``.

        APScheduler's cron trigger does the calendar: a daily 08:00 stays 08:00 local across a
        DST change, and an hourly digest fires every hour of real time through the repeated
        hour; ``_once_a_day`` covers a daily time that the change skips or repeats.
        """
        zone = ZoneInfo(timezone)
        if self.kind == "hourly":
            trigger = CronTrigger(minute=0, timezone=zone)
        else:
            at = self.at or time(0, 0)
            trigger = CronTrigger(hour=at.hour, minute=at.minute, timezone=zone)
        # The trigger answers "at or after"; a microsecond later makes it "after".
        # (A cron trigger without an end date always has a next time.)
        fire: datetime = trigger.get_next_fire_time(None, now + timedelta(microseconds=1))
        if self.kind == "daily":
            fire = _once_a_day(trigger, fire, now, self.at or time(0, 0), zone)
        # In UTC: an aware time in a repeated hour compares unequal to every other zone's
        # (PEP 495), so a local one would not even equal itself written in UTC.
        return fire.astimezone(UTC)

    def __str__(self) -> str:
        return f"daily {self.at:%H:%M}" if self.kind == "daily" and self.at else self.kind


def _once_a_day(
    trigger: CronTrigger, fire: datetime, now: datetime, at: time, zone: ZoneInfo
) -> datetime:
    """The daily fire time, exactly once per local day across DST changes.

    APScheduler 3's cron trigger passes over a day whose HH:MM the clock skips (00:30 on the
    night Cairo moves to summer time), holding that day's digest a second day, and fires twice
    at a time the clock repeats (23:30 on the night it moves back). A skipped time is sent as
    PEP 495 reads it (at the offset before the change); a repeated one only the first time.
    """
    local_now = now.astimezone(zone)
    for day in (local_now.date(), local_now.date() + timedelta(days=1)):
        wall = datetime.combine(day, at, zone)
        moment = wall.astimezone(UTC)
        skipped = moment.astimezone(zone).replace(tzinfo=None) != wall.replace(tzinfo=None)
        if skipped and now < moment < fire:
            return moment
    first = fire.replace(fold=0).astimezone(UTC)
    if first != fire.astimezone(UTC) and first <= now:  # the repeat of a time already passed
        # Aware arithmetic is wall-clock arithmetic: step on from the fire time in UTC.
        after = fire.astimezone(UTC) + timedelta(microseconds=1)
        return trigger.get_next_fire_time(fire, after)  # type: ignore[no-any-return]
    return fire


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    query_text: str
    query: Query
    recipients: tuple[str, ...]
    mode: Mode
    sources: frozenset[str] = frozenset()

    def watches(self, source_id: str) -> bool:
        return not self.sources or source_id in self.sources


def load_topics(path: Path | None) -> tuple[Topic, ...]:
    """Read and check a topics file; no file means no topics."""
    if path is None:
        return ()
    label = path.name
    entries = entry_list(read_toml(path, TopicError, "topics"), "topic", label, TopicError)
    topics = [_parse_topic(entry, label, index) for index, entry in enumerate(entries, 1)]
    seen: set[str] = set()
    for topic in topics:
        if topic.id in seen:
            raise TopicError(f"{label}: topic '{topic.id}' is declared twice")
        seen.add(topic.id)
    return tuple(topics)


def configured_topics(settings: Settings, source_ids: Iterable[str]) -> tuple[Topic, ...]:
    """The configured topics, checked against the catalog's source ids."""
    loaded = load_topics(settings.topics)
    label = settings.topics.name if settings.topics else "topics"
    check_topic_sources(loaded, set(source_ids), label)
    return loaded


def check_topic_sources(topics: tuple[Topic, ...], source_ids: set[str], label: str) -> None:
    """Refuse topics that name a source the catalog does not have."""
    for topic in topics:
        for unknown in sorted(topic.sources - source_ids):
            raise TopicError(
                f"{label}: topic '{topic.id}': key 'sources' names '{unknown}', "
                f"which is not in the catalog{did_you_mean(unknown, source_ids)}"
            )


def parse_mode(value: object) -> Mode | None:
    """``immediate``, ``hourly`` or ``daily HH:MM``; None for anything else."""
    if value in ("immediate", "hourly"):
        return Mode(str(value))
    match = _DAILY.match(str(value))
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        return Mode("daily", time(int(match[1]), int(match[2])))
    return None


def _parse_topic(raw: dict[str, Any], label: str, index: int) -> Topic:
    topic_id = entry_id(raw, label, "topic", index, TopicError)
    prefix = f"{label}: topic '{topic_id}'"
    entry = Fields(raw, TopicError, lambda key: f"{prefix}: key '{key}'")
    entry.refuse_unknown(_KEYS, prefix)
    entry.require("name", "query", "recipients")
    name = entry.line("name")
    if not name:
        raise entry.fail("name", "a non-empty string")
    query_text = entry.text("query")
    if query_text is None:
        raise entry.fail("query", "a non-empty string")
    try:
        query = parse_query(query_text)
    except TopicError as exc:
        raise TopicError(f"{prefix}: {exc}") from None
    return Topic(
        id=topic_id,
        name=name,
        query_text=query_text,
        query=query,
        recipients=_recipients(entry),
        mode=_mode(entry),
        sources=frozenset(entry.strings("sources")),
    )


def _recipients(entry: Fields) -> tuple[str, ...]:
    values = entry.raw["recipients"]
    if not isinstance(values, list) or not values or len(values) > MAX_RECIPIENTS:
        raise entry.fail("recipients", f"a list of 1 to {MAX_RECIPIENTS} email addresses")
    addresses = [entry.address("recipients", value) for value in values]
    return tuple(dict.fromkeys(addresses))


def _mode(entry: Fields) -> Mode:
    value = entry.raw.get("mode", "immediate")
    mode = parse_mode(value)
    if mode is None:
        raise entry.fail("mode", '"immediate", "hourly" or "daily HH:MM"')
    return mode
