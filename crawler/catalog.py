"""The source catalog: sources.toml, loaded in this one place into frozen Source values.

An outlet is a declaration. Every key the crawler needs is checked here, through the same
readers as the settings and topics (``rasad.config.fields``), so a bad catalog is refused at
start with the file, the source id and the key at fault, never half-way through a crawl.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from rasad.config.errors import CatalogError
from rasad.config.fields import Fields, did_you_mean
from rasad.config.files import entry_id, entry_list, read_toml

if TYPE_CHECKING:
    from rasad.config.settings import Settings

DEFAULT_INTERVAL_MINUTES = 15
# A public outlet is asked at most once a minute and at least once a week. Shorter rounds are
# allowed only for a source on a private network (an intranet mirror, a test outlet): there
# nobody else's server is hammered.
MIN_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES = 1, 7 * 24 * 60
MIN_PRIVATE_INTERVAL_MINUTES = 0.05
SITEMAP_PLACEHOLDERS = frozenset({"yyyy", "m", "d", "mm", "dd"})
_DOCUMENTATION_KEYS = frozenset({"notes", "evidence", "confidence"})
_KEYS = frozenset(
    {
        "id", "name", "name_en", "homepage", "country", "feeds", "sitemaps", "sections",
        "article_pattern", "encoding", "interval", "drop", "timezone", "enabled",
        "private_network", "ignore_declared_offset",
    }
) | _DOCUMENTATION_KEYS  # fmt: skip
_SECTION_KEYS = frozenset({"url", "article_pattern"})

# The time zone of an outlet's naive dates, from its country when the entry names none. One
# zone per country: the countries of the catalog, and the rest of the Arabic-speaking world.
COUNTRY_TIMEZONES = {
    "AE": "Asia/Dubai", "BH": "Asia/Bahrain", "DE": "Europe/Berlin", "DZ": "Africa/Algiers",
    "EG": "Africa/Cairo", "FR": "Europe/Paris", "GB": "Europe/London", "IQ": "Asia/Baghdad",
    "JO": "Asia/Amman", "KW": "Asia/Kuwait", "LB": "Asia/Beirut", "LY": "Africa/Tripoli",
    "MA": "Africa/Casablanca", "MR": "Africa/Nouakchott", "OM": "Asia/Muscat",
    "PS": "Asia/Hebron", "QA": "Asia/Qatar", "RU": "Europe/Moscow", "SA": "Asia/Riyadh",
    "SD": "Africa/Khartoum", "SO": "Africa/Mogadishu", "SY": "Asia/Damascus",
    "TN": "Africa/Tunis", "TR": "Europe/Istanbul", "US": "America/New_York", "YE": "Asia/Aden",
}  # fmt: skip


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
    # The zone naive dates of the outlet are read in (the catalog's, or its country's).
    timezone: str = "UTC"
    enabled: bool = True
    # Only then may the outlet's own origins be loopback or private addresses.
    private_network: bool = False
    # The outlet stamps its local time with a wrong offset (``Z``): read it as local time.
    ignore_declared_offset: bool = False

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


def catalog(settings: Settings) -> tuple[Source, ...]:
    """The configured catalog, or the bundled one."""
    return load_catalog(settings.catalog)


def parse_catalog(data: dict[str, Any], label: str) -> tuple[Source, ...]:
    """Validate parsed TOML; ``label`` names the file in error messages."""
    entries = entry_list(data, "source", label, CatalogError)
    if not entries:
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


def select_sources(sources: tuple[Source, ...], source_ids: tuple[str, ...]) -> list[Source]:
    """The named sources in the given order, or every enabled one; unknown ids are refused."""
    if not source_ids:
        return [source for source in sources if source.enabled]
    by_id = {source.id: source for source in sources}
    for source_id in source_ids:
        if source_id not in by_id:
            raise CatalogError(
                f"no source '{source_id}' in the catalog{did_you_mean(source_id, by_id)} "
                "(see `rasad sources`)"
            )
    return [by_id[source_id] for source_id in source_ids]


def _parse_source(raw: dict[str, Any], label: str, index: int) -> Source:
    source_id = entry_id(raw, label, "source", index, CatalogError)
    prefix = f"{label}: source '{source_id}'"
    entry = Fields(raw, CatalogError, lambda key: f"{prefix}: key '{key}'")
    entry.refuse_unknown(_KEYS, prefix)
    entry.require("name", "homepage")
    private = entry.boolean("private_network", False)
    country = (entry.text("country") or "").upper()
    return Source(
        id=source_id,
        name=entry.line("name") or "",
        homepage=entry.url("homepage", raw["homepage"]),
        name_en=entry.line("name_en") or "",
        country=country,
        feeds=entry.urls("feeds"),
        sitemaps=_sitemaps(entry),
        sections=_sections(entry, prefix),
        article_pattern=entry.pattern("article_pattern", raw.get("article_pattern")),
        encoding=entry.encoding("encoding"),
        interval_minutes=entry.number(
            "interval",
            DEFAULT_INTERVAL_MINUTES,
            float,
            MIN_PRIVATE_INTERVAL_MINUTES if private else MIN_INTERVAL_MINUTES,
            MAX_INTERVAL_MINUTES,
        ),
        drop=_drop(entry),
        timezone=entry.timezone("timezone") or COUNTRY_TIMEZONES.get(country, "UTC"),
        enabled=entry.boolean("enabled", True),
        private_network=private,
        ignore_declared_offset=entry.boolean("ignore_declared_offset", False),
    )


def _sitemaps(entry: Fields) -> tuple[str, ...]:
    templates = entry.urls("sitemaps")
    for template in templates:
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        except ValueError:
            names = {"{"}
        unknown = sorted(names - SITEMAP_PLACEHOLDERS)
        if unknown:
            known = " ".join(f"{{{name}}}" for name in sorted(SITEMAP_PLACEHOLDERS))
            raise entry.error(
                f"{entry.where('sitemaps')} has a template {template!r} with an unknown "
                f"placeholder '{unknown[0]}' (known: {known})"
            )
    return templates


def _sections(entry: Fields, prefix: str) -> tuple[Section, ...]:
    values = entry.raw.get("sections", [])
    if not isinstance(values, list) or not all(isinstance(v, dict) and "url" in v for v in values):
        raise entry.fail("sections", "a list of {url, article_pattern} tables")
    sections = []
    for value in values:
        table = Fields(value, CatalogError, entry.where)
        table.refuse_unknown(_SECTION_KEYS, f"{prefix}: key 'sections'")
        sections.append(
            Section(
                url=table.url("sections", value["url"]),
                article_pattern=table.pattern("sections", value.get("article_pattern")),
            )
        )
    return tuple(sections)


def _drop(entry: Fields) -> tuple[str, ...]:
    from lxml.cssselect import CSSSelector, SelectorError

    selectors = entry.strings("drop")
    for selector in selectors:
        try:
            CSSSelector(selector)
        except SelectorError:
            raise CatalogError(
                f"{entry.where('drop')} has an invalid CSS selector {selector!r}"
            ) from None
    return selectors
