"""Topics: topics.toml loaded and checked in one place into frozen Topic values.

A topic whose query does not parse stops the start with the topic and the position named, so
a daemon never runs half-configured.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from rasad.alerts.query import Query, parse_query
from rasad.errors import TopicError
from rasad.tomlfile import entry_table, read_toml

if TYPE_CHECKING:
    from pathlib import Path

_DAILY = re.compile(r"^daily (\d{1,2}):(\d{2})$")
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_KEYS = frozenset({"id", "name", "query", "recipients", "mode", "sources"})


@dataclass(frozen=True)
class Mode:
    """How a topic's matches are emailed: at once, or gathered into a digest."""

    kind: str  # "immediate", "hourly" or "daily"
    at: time | None = None  # the local time of a daily digest

    @property
    def is_digest(self) -> bool:
        return self.kind != "immediate"

    def next_digest(self, now: datetime, timezone: str) -> datetime:
        """When the digest that a match arriving ``now`` belongs to is sent."""
        local = now.astimezone(ZoneInfo(timezone))
        if self.kind == "hourly":
            return local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        at = self.at or time(0, 0)
        due = local.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
        return due if due > local else due + timedelta(days=1)

    def __str__(self) -> str:
        return f"daily {self.at:%H:%M}" if self.kind == "daily" and self.at else self.kind


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
    data = read_toml(path, TopicError, "topics")
    entries = data.get("topic", [])
    if not isinstance(entries, list):
        raise TopicError(f"{path.name}: [[topic]] must be an array of tables")
    topics = [_parse_topic(entry, path.name, index) for index, entry in enumerate(entries, 1)]
    ids = [topic.id for topic in topics]
    for topic_id in ids:
        if ids.count(topic_id) > 1:
            raise TopicError(f"{path.name}: topic '{topic_id}' is declared twice")
    return tuple(topics)


def check_topic_sources(topics: tuple[Topic, ...], source_ids: set[str], label: str) -> None:
    """Refuse topics that name a source the catalog does not have."""
    for topic in topics:
        unknown = sorted(topic.sources - source_ids)
        if unknown:
            raise TopicError(
                f"{label}: topic '{topic.id}': key 'sources' names '{unknown[0]}', "
                "which is not in the catalog"
            )


def parse_mode(value: object) -> Mode | None:
    """``immediate``, ``hourly`` or ``daily HH:MM``; None for anything else."""
    if value in ("immediate", "hourly"):
        return Mode(str(value))
    match = _DAILY.match(str(value))
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        return Mode("daily", time(int(match[1]), int(match[2])))
    return None


def _parse_topic(raw: object, label: str, index: int) -> Topic:
    raw, topic_id = entry_table(raw, label, "topic", index, TopicError)
    prefix = f"{label}: topic '{topic_id}'"
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise TopicError(f"{prefix}: unknown key '{unknown[0]}'")
    for key in ("name", "query", "recipients"):
        if key not in raw:
            raise TopicError(f"{prefix}: key '{key}' is missing")
    if not isinstance(raw["name"], str) or not raw["name"].strip():
        raise TopicError(f"{prefix}: key 'name' must be a non-empty string")
    if not isinstance(raw["query"], str):
        raise TopicError(f"{prefix}: key 'query' must be a string")
    try:
        query = parse_query(raw["query"])
    except TopicError as exc:
        raise TopicError(f"{prefix}: {exc}") from None
    return Topic(
        id=topic_id,
        name=raw["name"].strip(),
        query_text=raw["query"],
        query=query,
        recipients=_recipients(raw["recipients"], prefix),
        mode=_mode(raw.get("mode", "immediate"), prefix),
        sources=_sources(raw.get("sources", []), prefix),
    )


def _recipients(value: object, prefix: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise TopicError(f"{prefix}: key 'recipients' must be a non-empty list of email addresses")
    for address in value:
        if not isinstance(address, str) or not _EMAIL.match(address):
            raise TopicError(f"{prefix}: key 'recipients' has an invalid email address {address!r}")
    return tuple(value)


def _mode(value: object, prefix: str) -> Mode:
    mode = parse_mode(value)
    if mode is None:
        raise TopicError(
            f'{prefix}: key \'mode\' must be "immediate", "hourly" or "daily HH:MM", got {value!r}'
        )
    return mode


def _sources(value: object, prefix: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TopicError(f"{prefix}: key 'sources' must be a list of source ids")
    return frozenset(value)
