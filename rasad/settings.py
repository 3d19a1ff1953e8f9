"""Settings: rasad.toml, overridden key by key from the environment, frozen into one value.

Only the CLI reads the environment; it hands a plain mapping to :func:`load_settings`, and the
resulting :class:`Settings` travels down to every part as an argument.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from rasad.errors import SettingsError
from rasad.tomlfile import read_toml

DEFAULT_USER_AGENT = "Rasad/0.1 (Arabic news monitor; +https://github.com/rasad-news/rasad)"

# Environment variables that override a key; every other key is RASAD_<KEY>.
_ENV_NAMES = {"sentry_dsn": "SENTRY_DSN"}
_SMTP_SCHEMES = ("smtp", "smtps", "smtp+starttls")


@dataclass(frozen=True)
class Settings:
    """Everything Rasad is configured with. Secrets are kept out of ``repr``."""

    data_dir: Path
    database_url: str | None = field(default=None, repr=False)
    catalog: Path | None = None
    topics: Path | None = None
    smtp_url: str | None = field(default=None, repr=False)
    mail_from: str = "Rasad <rasad@localhost>"
    sentry_dsn: str | None = field(default=None, repr=False)
    user_agent: str = DEFAULT_USER_AGENT
    operator_email: str | None = None
    timezone: str = "UTC"
    environment: str = "production"
    retention_days: int | None = None
    crawl_delay_seconds: float = 1.0
    concurrent_requests_per_domain: int = 2
    max_articles_per_crawl: int = 200
    alert_max_age_hours: float = 48.0
    alert_burst_minutes: float = 10.0
    flag_after_failures: int = 3
    flag_after_silent_intervals: int = 12

    @property
    def outbox_dir(self) -> Path:
        """Where emails go as .eml files when no SMTP server is configured."""
        return self.data_dir / "outbox"

    @property
    def mail_domain(self) -> str:
        """The domain of the sender address, for Message-IDs."""
        address = self.mail_from.rsplit("<", 1)[-1].rstrip(">")
        return address.rsplit("@", 1)[-1] or "localhost"

    @property
    def embedded_pgdata(self) -> Path:
        """The data folder of the embedded PostgreSQL used when no database_url is set."""
        return self.data_dir / "postgres"


def default_data_dir(environ: Mapping[str, str]) -> Path:
    """The XDG data folder, so a daemon's data survives wherever it was started from."""
    base = environ.get("XDG_DATA_HOME") or str(Path(environ.get("HOME", ".")) / ".local/share")
    return Path(base) / "rasad"


def load_settings(config_path: Path | None, environ: Mapping[str, str]) -> Settings:
    """Read ``config_path`` (if any), apply environment overrides, and validate the result."""
    raw: dict[str, object] = {}
    label = "environment"
    if config_path is not None:
        label = str(config_path)
        raw = read_toml(config_path, SettingsError, "settings")
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise SettingsError(
            f"{label}: unknown key '{unknown[0]}' (known keys: {', '.join(sorted(known))})"
        )
    for key in known:
        env_name = _ENV_NAMES.get(key, f"RASAD_{key.upper()}")
        if environ.get(env_name):
            raw[key] = environ[env_name]
    return _build(raw, label, environ, config_path)


def _build(
    raw: dict[str, object], label: str, environ: Mapping[str, str], config_path: Path | None
) -> Settings:
    base = config_path.parent if config_path is not None else Path.cwd()

    def text(key: str) -> str | None:
        value = raw.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise SettingsError(f"{label}: key '{key}' must be a string, got {value!r}")
        return value

    def path(key: str) -> Path | None:
        value = text(key)
        return None if value is None else (base / Path(value).expanduser())

    smtp_url = text("smtp_url")
    if smtp_url is not None:
        _check_smtp_url(smtp_url, label)
    database_url = text("database_url")
    if database_url is not None and urlsplit(database_url).scheme not in ("postgresql", "postgres"):
        raise SettingsError(f"{label}: key 'database_url' must be a postgresql:// URL")
    return Settings(
        data_dir=path("data_dir") or default_data_dir(environ),
        database_url=database_url,
        catalog=path("catalog"),
        topics=path("topics"),
        smtp_url=smtp_url,
        mail_from=text("mail_from") or Settings.mail_from,
        sentry_dsn=text("sentry_dsn"),
        user_agent=text("user_agent") or DEFAULT_USER_AGENT,
        operator_email=text("operator_email"),
        timezone=_timezone(text("timezone") or "UTC", label),
        environment=text("environment") or "production",
        retention_days=_whole_days(raw.get("retention_days"), label),
        crawl_delay_seconds=_number(raw, "crawl_delay_seconds", 1.0, float, label),
        concurrent_requests_per_domain=_number(
            raw, "concurrent_requests_per_domain", 2, int, label
        ),
        max_articles_per_crawl=_number(raw, "max_articles_per_crawl", 200, int, label),
        alert_max_age_hours=_number(raw, "alert_max_age_hours", 48.0, float, label),
        alert_burst_minutes=_number(raw, "alert_burst_minutes", 10.0, float, label),
        flag_after_failures=_number(raw, "flag_after_failures", 3, int, label),
        flag_after_silent_intervals=_number(raw, "flag_after_silent_intervals", 12, int, label),
    )


N = TypeVar("N", int, float)


def _number(raw: dict[str, object], key: str, default: N, kind: type[N], label: str) -> N:
    value = raw.get(key)
    if value is None or value == "":
        return default
    try:
        number = kind(str(value))
    except ValueError:
        number = kind(-1)
    if not math.isfinite(number) or number < 0 or (kind is int and number == 0):
        raise SettingsError(f"{label}: key '{key}' must be a positive number, got {value!r}")
    return number


def _check_smtp_url(url: str, label: str) -> None:
    # The URL may hold a password: messages name only its scheme.
    parts = urlsplit(url)
    if parts.scheme not in _SMTP_SCHEMES:
        raise SettingsError(
            f"{label}: key 'smtp_url' must start with smtp://, smtps:// or smtp+starttls://, "
            f"got scheme '{parts.scheme}'"
        )
    try:
        parts.port  # noqa: B018 - urllib checks the port when it is read
    except ValueError:
        raise SettingsError(
            f"{label}: key 'smtp_url' has a port that is not a number from 1 to 65535"
        ) from None
    if not parts.hostname:
        raise SettingsError(
            f"{label}: key 'smtp_url' names no server, e.g. smtp://mail.example.org:25"
        )


def _timezone(name: str, label: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(
            f"{label}: key 'timezone' is not a known time zone, got '{name}'"
        ) from None
    return name


def _whole_days(value: object, label: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        days = int(str(value))
    except ValueError:
        days = 0
    if days <= 0:
        raise SettingsError(
            f"{label}: key 'retention_days' must be a whole number of days, got {value!r}"
        )
    return days
