"""Settings: rasad.toml, overridden key by key from the environment, frozen into one value.

Only the CLI reads the environment; it hands a plain mapping to :func:`load_settings`, and the
resulting :class:`Settings` travels down to every part as an argument.

The file is the first of: ``--config`` (or ``RASAD_CONFIG``), ``./rasad.toml``, then
``rasad.toml`` in the user's configuration folder (``$XDG_CONFIG_HOME/rasad``). Every key is
checked here, its type and its range, and a mistake names the file or the environment
variable it came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from rasad.config.errors import SettingsError
from rasad.config.fields import Fields, mailbox, single_address
from rasad.config.files import read_toml

DEFAULT_USER_AGENT = "Rasad/0.1 (Arabic news monitor; +https://github.com/rasad-news/rasad)"
SETTINGS_FILE_NAME = "rasad.toml"

# Environment variables that override a key; every other key is RASAD_<KEY>.
_ENV_NAMES = {"sentry_dsn": "SENTRY_DSN"}
_SECRETS = frozenset({"database_url", "smtp_url", "sentry_dsn", "web_auth", "web_database_url"})
# A web token or password shorter than this is refused: the pages carry every article.
MIN_WEB_SECRET = 12
SMTP_SCHEMES = ("smtp", "smtps", "smtp+starttls")


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
    # `rasad web`: a bearer token, or "user:password" for basic auth; the reader role's URL.
    web_auth: str | None = field(default=None, repr=False)
    web_database_url: str | None = field(default=None, repr=False)
    # Where these settings were read from (None: defaults and environment only).
    source_file: Path | None = field(default=None, compare=False)

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


SETTING_KEYS = tuple(f.name for f in fields(Settings) if f.name != "source_file")


def env_name(key: str) -> str:
    """The environment variable that overrides ``key``."""
    return _ENV_NAMES.get(key, f"RASAD_{key.upper()}")


def default_data_dir(environ: Mapping[str, str]) -> Path:
    """The XDG data folder, so a daemon's data survives wherever it was started from."""
    base = environ.get("XDG_DATA_HOME") or str(Path(environ.get("HOME", ".")) / ".local/share")
    return Path(base) / "rasad"


def user_config_file(environ: Mapping[str, str]) -> Path:
    """``rasad.toml`` in the user's XDG configuration folder."""
    base = environ.get("XDG_CONFIG_HOME") or str(Path(environ.get("HOME", ".")) / ".config")
    return Path(base) / "rasad" / SETTINGS_FILE_NAME


def find_settings_file(
    config_path: Path | None, environ: Mapping[str, str], cwd: Path
) -> Path | None:
    """The settings file to read: the one named, else ./rasad.toml, else the user's."""
    if config_path is not None:
        return config_path
    for candidate in (cwd / SETTINGS_FILE_NAME, user_config_file(environ)):
        if candidate.is_file():
            return candidate
    return None


def load_settings(
    config_path: Path | None, environ: Mapping[str, str], cwd: Path | None = None
) -> Settings:
    """Read the settings file (named, or found), apply environment overrides, and check all."""
    cwd = cwd or Path.cwd()
    path = find_settings_file(config_path, environ, cwd)
    raw: dict[str, Any] = {}
    if path is not None:
        raw = read_toml(path, SettingsError, "settings")
        Fields(raw, SettingsError, str).refuse_unknown(SETTING_KEYS, str(path))
    origin = dict.fromkeys(raw, "file")
    for key in SETTING_KEYS:
        if environ.get(env_name(key)):
            raw[key], origin[key] = environ[env_name(key)], "environment"

    def where(key: str) -> str:
        if origin.get(key) == "environment":
            return f"environment variable {env_name(key)}"
        return f"{path}: key '{key}'"

    reader = Fields(raw, SettingsError, where, secret_keys=_SECRETS)
    bases = {"file": path.parent if path else cwd, "environment": cwd}
    return _build(reader, lambda key: bases[origin.get(key, "environment")], environ, path)


def _build(reader: Fields, base: Any, environ: Mapping[str, str], path: Path | None) -> Settings:
    def folder(key: str) -> Path | None:
        value = reader.text(key)
        return None if value is None else base(key) / Path(value).expanduser()

    return Settings(
        data_dir=folder("data_dir") or default_data_dir(environ),
        database_url=_database_url(reader),
        catalog=folder("catalog"),
        topics=folder("topics"),
        smtp_url=_optional_url(reader, "smtp_url", SMTP_SCHEMES),
        mail_from=_mail_from(reader),
        sentry_dsn=_sentry_dsn(reader),
        user_agent=reader.line("user_agent") or DEFAULT_USER_AGENT,
        operator_email=_operator_email(reader),
        timezone=reader.timezone("timezone") or "UTC",
        environment=reader.line("environment") or "production",
        retention_days=reader.number("retention_days", 0, int, 1, 36_500) or None,
        crawl_delay_seconds=reader.number("crawl_delay_seconds", 1.0, float, 0.0, 600.0),
        concurrent_requests_per_domain=reader.number(
            "concurrent_requests_per_domain", 2, int, 1, 32
        ),
        max_articles_per_crawl=reader.number("max_articles_per_crawl", 200, int, 1, 100_000),
        alert_max_age_hours=reader.number("alert_max_age_hours", 48.0, float, 0.1, 24 * 366.0),
        alert_burst_minutes=reader.number("alert_burst_minutes", 10.0, float, 0.0, 24 * 60.0),
        flag_after_failures=reader.number("flag_after_failures", 3, int, 1, 10_000),
        flag_after_silent_intervals=reader.number(
            "flag_after_silent_intervals", 12, int, 1, 100_000
        ),
        web_auth=_web_auth(reader),
        web_database_url=_optional_url(reader, "web_database_url", ("postgresql", "postgres")),
        source_file=path,
    )


def _optional_url(reader: Fields, key: str, schemes: tuple[str, ...]) -> str | None:
    value = reader.text(key)
    return None if value is None else reader.url(key, value, schemes)


def _database_url(reader: Fields) -> str | None:
    """A ``postgresql://`` URL that libpq can parse. The server may be given as a ``host=``
    parameter instead (a Unix socket folder: what `rasad db url` prints for the embedded one)."""
    value = reader.text("database_url")
    if value is None:
        return None
    from psycopg import ProgrammingError
    from psycopg.conninfo import conninfo_to_dict

    schemes = ("postgresql", "postgres")
    socket_only = value.startswith(tuple(f"{s}:///" for s in schemes)) or (
        value.startswith(tuple(f"{s}://" for s in schemes)) and "host=" in value
    )
    if not socket_only:
        reader.url("database_url", value, schemes)  # scheme, server and port
    try:
        conninfo_to_dict(value)  # postgresql:///db without a host: libpq's default socket
    except ProgrammingError:
        # libpq's message quotes the offending part, which may be the password.
        raise reader.error(
            f"{reader.where('database_url')} is not a valid URL for PostgreSQL"
        ) from None
    return value


def _web_auth(reader: Fields) -> str | None:
    """A token, or ``user:password``; either secret at least MIN_WEB_SECRET characters long."""
    value = reader.line("web_auth")
    if value is None:
        return None
    user, colon, password = value.partition(":")
    secret = password if colon else user
    if (colon and not user) or len(secret) < MIN_WEB_SECRET:
        raise reader.fail(
            "web_auth",
            f"a token or 'user:password', the token or password at least {MIN_WEB_SECRET} "
            "characters long",
        )
    return value


def _mail_from(reader: Fields) -> str:
    value = reader.line("mail_from")
    if value is None:
        return Settings.mail_from
    if mailbox(value) is None:
        raise reader.fail("mail_from", "one sender address, e.g. 'Rasad <rasad@example.org>'")
    return value


def _operator_email(reader: Fields) -> str | None:
    value = reader.text("operator_email")
    if value is not None and single_address(value) is None:
        raise reader.fail("operator_email", "one email address")
    return value


def _sentry_dsn(reader: Fields) -> str | None:
    value = reader.text("sentry_dsn")
    if value is None:
        return None
    from sentry_sdk.utils import BadDsn, Dsn

    try:
        Dsn(value)
    except (BadDsn, ValueError):
        # The DSN holds the project's key: its text stays out of the message.
        raise reader.error(
            f"{reader.where('sentry_dsn')} is not a Sentry DSN such as "
            "https://KEY@o0.ingest.sentry.io/0"
        ) from None
    return value
