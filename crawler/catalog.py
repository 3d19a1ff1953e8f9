"""The source catalog: sources.toml, loaded in this one place into frozen Source values.

An outlet is a declaration. Every key the crawler needs is checked here, so a bad catalog is
refused at start with the file, the source id and the key at fault, never half-way through a
crawl.
"""

from __future__ import annotations

import codecs
import math
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rasad.errors import CatalogError
from rasad.tomlfile import entry_table, read_toml

DEFAULT_INTERVAL_MINUTES = 15
_DOCUMENTATION_KEYS = frozenset({"notes", "evidence", "confidence"})
_KEYS = frozenset(
    {
        "id", "name", "name_en", "homepage", "country", "feeds", "sitemaps", "sections",
        "article_pattern", "encoding", "interval", "drop", "timezone", "enabled",
    }
) | _DOCUMENTATION_KEYS  # fmt: skip


@dataclass(frozen=True)
class Section:
    """A listing page whose links matching ``article_pattern`` are articles."""

    url: str
    article_pattern: re.Pattern[str] | None


@dataclass(frozen=True)
class Source:
    """One outlet of the catalog."""

    id: str
    name: str
    homepage: str
    name_en: str = ""
    country: str = ""
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    article_pattern: re.Pattern[str] | None = None
    encoding: str | None = None
    interval_minutes: float = DEFAULT_INTERVAL_MINUTES
    drop: tuple[str, ...] = ()
    timezone: str | None = None
    enabled: bool = True

    @property
    def domain(self) -> str:
        """The outlet's host without ``www.``."""
        host = urlsplit(self.homepage).hostname or ""
        return host.removeprefix("www.")

    def is_article_url(self, url: str, pattern: re.Pattern[str] | None = None) -> bool:
        """True when ``url`` has the outlet's article shape (any URL if none is declared)."""
        pattern = pattern or self.article_pattern
        return pattern is None or pattern.search(url) is not None


def bundled_catalog_path() -> Path:
    """The catalog shipped with Rasad, used when the settings name none."""
    return Path(str(resources.files("rasad.crawler") / "sources.toml"))


def load_catalog(path: Path | None = None) -> tuple[Source, ...]:
    """Read and validate a catalog file; the bundled one when ``path`` is None."""
    path = path or bundled_catalog_path()
    return parse_catalog(read_toml(path, CatalogError, "catalog"), path.name)


def parse_catalog(data: dict[str, Any], label: str) -> tuple[Source, ...]:
    """Validate parsed TOML; ``label`` names the file in error messages."""
    entries = data.get("source")
    if not isinstance(entries, list) or not entries:
        raise CatalogError(f"{label}: no [[source]] entries found")
    sources: list[Source] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries, start=1):
        source = _parse_source(entry, label, index)
        if source.id in seen:
            raise CatalogError(f"{label}: source '{source.id}' is declared twice")
        seen.add(source.id)
        sources.append(source)
    return tuple(sources)


class _Entry:
    """Typed reads of one [[source]] table, each failure naming file, source and key."""

    def __init__(self, raw: dict[str, Any], label: str, source_id: str) -> None:
        self.raw = raw
        self.prefix = f"{label}: source '{source_id}'"

    def fail(self, key: str, expected: str) -> CatalogError:
        return CatalogError(f"{self.prefix}: key '{key}' must be {expected}, got {self.raw[key]!r}")

    def text(self, key: str, default: str | None = None) -> str | None:
        value = self.raw.get(key, default)
        if value is not None and not isinstance(value, str):
            raise self.fail(key, "a string")
        return value

    def url(self, key: str, value: object) -> str:
        if not isinstance(value, str) or urlsplit(value).scheme not in ("http", "https"):
            raise CatalogError(f"{self.prefix}: key '{key}' must hold http(s) URLs, got {value!r}")
        return value

    def urls(self, key: str) -> tuple[str, ...]:
        values = self.raw.get(key, [])
        if not isinstance(values, list):
            raise self.fail(key, "a list of URLs")
        return tuple(self.url(key, value) for value in values)

    def pattern(self, key: str, value: object) -> re.Pattern[str] | None:
        if value in (None, ""):
            return None
        if not isinstance(value, str):
            raise CatalogError(f"{self.prefix}: key '{key}' must be a regular expression string")
        try:
            return re.compile(value)
        except re.error as exc:
            raise CatalogError(
                f"{self.prefix}: key '{key}' is not a valid regular expression ({exc})"
            ) from None


def _parse_source(raw: object, label: str, index: int) -> Source:
    raw, source_id = entry_table(raw, label, "source", index, CatalogError)
    entry = _Entry(raw, label, source_id)
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise CatalogError(f"{entry.prefix}: unknown key '{unknown[0]}'")
    for required in ("name", "homepage"):
        if required not in raw:
            raise CatalogError(f"{entry.prefix}: key '{required}' is missing")
    return Source(
        id=source_id,
        name=entry.text("name") or "",
        homepage=entry.url("homepage", raw["homepage"]),
        name_en=entry.text("name_en", "") or "",
        country=entry.text("country", "") or "",
        feeds=entry.urls("feeds"),
        sitemaps=entry.urls("sitemaps"),
        sections=_sections(entry),
        article_pattern=entry.pattern("article_pattern", raw.get("article_pattern")),
        encoding=_encoding(entry),
        interval_minutes=_interval(entry),
        drop=_drop(entry),
        timezone=_timezone(entry),
        enabled=_enabled(entry),
    )


def _sections(entry: _Entry) -> tuple[Section, ...]:
    values = entry.raw.get("sections", [])
    if not isinstance(values, list) or not all(isinstance(v, dict) and "url" in v for v in values):
        raise entry.fail("sections", "a list of {url, article_pattern} tables")
    return tuple(
        Section(
            url=entry.url("sections", value["url"]),
            article_pattern=entry.pattern("sections", value.get("article_pattern")),
        )
        for value in values
    )


def _encoding(entry: _Entry) -> str | None:
    name = entry.text("encoding")
    if name is None:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise entry.fail("encoding", "a known text encoding such as 'windows-1256'") from None


# Fractions of a minute are allowed for tests and demos; below this, an outlet is hammered.
_MIN_INTERVAL_MINUTES = 0.05


def _interval(entry: _Entry) -> float:
    value = entry.raw.get("interval", DEFAULT_INTERVAL_MINUTES)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise entry.fail("interval", "a number of minutes")
    if not math.isfinite(value) or value < _MIN_INTERVAL_MINUTES:
        raise entry.fail("interval", f"at least {_MIN_INTERVAL_MINUTES} minutes")
    return value


def _drop(entry: _Entry) -> tuple[str, ...]:
    from lxml.cssselect import CSSSelector, SelectorError

    values = entry.raw.get("drop", [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise entry.fail("drop", "a list of CSS selectors")
    for selector in values:
        try:
            CSSSelector(selector)
        except SelectorError:
            raise CatalogError(
                f"{entry.prefix}: key 'drop' has an invalid CSS selector {selector!r}"
            ) from None
    return tuple(values)


def _timezone(entry: _Entry) -> str | None:
    name = entry.text("timezone")
    if name is None:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise entry.fail("timezone", "an IANA time zone name such as 'Africa/Cairo'") from None
    return name


def _enabled(entry: _Entry) -> bool:
    value = entry.raw.get("enabled", True)
    if not isinstance(value, bool):
        raise entry.fail("enabled", "true or false")
    return value
