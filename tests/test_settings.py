"""Settings as a user writes them: rasad.toml, environment overrides, clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasad.config.errors import SettingsError
from rasad.config.settings import load_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rasad.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_file_values_are_read_and_paths_resolved_beside_the_file(tmp_path: Path) -> None:
    path = write(
        tmp_path, 'data_dir = "state"\ncatalog = "my-sources.toml"\nmail_from = "r@x.org"\n'
    )
    settings = load_settings(path, {})
    assert settings.data_dir == tmp_path / "state"
    assert settings.catalog == tmp_path / "my-sources.toml"
    assert settings.mail_from == "r@x.org"
    assert settings.database_url is None


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, 'database_url = "postgresql://a@db/one"\n')
    env = {"RASAD_DATABASE_URL": "postgresql://b@db/two", "SENTRY_DSN": "http://k@127.0.0.1/1"}
    settings = load_settings(path, env)
    assert settings.database_url == "postgresql://b@db/two"
    assert settings.sentry_dsn == "http://k@127.0.0.1/1"


def test_a_database_url_may_name_its_server_in_the_query(tmp_path: Path) -> None:
    url = "postgresql://postgres@/rasad?host=/run/postgresql&port=5432"
    settings = load_settings(None, {"RASAD_DATABASE_URL": url})
    assert settings.database_url == url


def test_without_a_file_the_data_folder_follows_xdg(tmp_path: Path) -> None:
    settings = load_settings(None, {"XDG_DATA_HOME": str(tmp_path)})
    assert settings.data_dir == tmp_path / "rasad"
    assert settings.outbox_dir == tmp_path / "rasad" / "outbox"


def test_a_database_on_a_unix_socket_is_a_server(tmp_path: Path) -> None:
    url = "postgresql://postgres:@/postgres?host=/tmp/pg/socket"
    settings = load_settings(None, {"RASAD_DATABASE_URL": url, "HOME": str(tmp_path)})
    assert settings.database_url == url


def test_secrets_stay_out_of_repr(tmp_path: Path) -> None:
    env = {
        "RASAD_DATABASE_URL": "postgresql://u:hunter2@db/x",
        "RASAD_SMTP_URL": "smtp://u:s3cret@mail:25",
        "RASAD_WEB_AUTH": "analyst:web-pa55word-long",
        "RASAD_WEB_DATABASE_URL": "postgresql://reader:r3ader@db/x",
    }
    settings = load_settings(None, env)
    text = repr(settings)
    for secret in ("hunter2", "s3cret", "web-pa55word-long", "r3ader"):
        assert secret not in text
    assert settings.web_auth == "analyst:web-pa55word-long"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('colour = "blue"\n', "unknown key 'colour'"),
        ('timezon = "UTC"\n', "unknown key 'timezon' (did you mean 'timezone'?)"),
        ("data_dir = 3\n", "key 'data_dir' must be a string, got 3"),
        ("retention_days = -1\n", "key 'retention_days' must be a whole number from 1 to 36500"),
        ("retention_days = 1.5\n", "key 'retention_days' must be a whole number from 1"),
        ('timezone = "Mars/Olympus"\n', "key 'timezone' must be an IANA time zone name"),
        ("crawl_delay_seconds = 1e300\n", "key 'crawl_delay_seconds' must be a number from 0 to"),
        ("concurrent_requests_per_domain = nan\n", "must be a whole number from 1 to 32"),
        ('smtp_url = "http://u:pw@mail"\n', "key 'smtp_url' must start with smtp://"),
        ('smtp_url = "smtp://u:pw@"\n', "key 'smtp_url' names no server"),
        ('smtp_url = "smtp://u:pw@mail:99999"\n', "key 'smtp_url' is not a valid URL"),
        ('database_url = "postgresql://u:pw@[::1/x"\n', "key 'database_url' is not a valid URL"),
        ('sentry_dsn = "https://pw@"\n', "key 'sentry_dsn' is not a Sentry DSN"),
        ('operator_email = "a@example.org, b@evil.example"\n', "key 'operator_email' must be"),
        ('mail_from = "Rasad <a@x.org>\\nBcc: b@evil.example"\n', "key 'mail_from' must be"),
        ("data_dir = [\n", "not valid TOML"),
    ],
)
def test_bad_settings_are_refused_naming_file_and_key(
    tmp_path: Path, toml: str, message: str
) -> None:
    path = write(tmp_path, toml)
    with pytest.raises(SettingsError) as caught:
        load_settings(path, {})
    assert message in str(caught.value)
    assert str(path) in str(caught.value)
    assert "pw@" not in str(caught.value)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"RASAD_SMTP_URL": "http://u:pw@mail"}, "environment variable RASAD_SMTP_URL must start"),
        ({"RASAD_TIMEZONE": "Cairo"}, "environment variable RASAD_TIMEZONE must be an IANA"),
        ({"RASAD_FLAG_AFTER_FAILURES": "0"}, "environment variable RASAD_FLAG_AFTER_FAILURES"),
        ({"SENTRY_DSN": "not a dsn"}, "environment variable SENTRY_DSN is not a Sentry DSN"),
    ],
)
def test_a_bad_environment_variable_is_blamed_not_the_file(
    tmp_path: Path, env: dict[str, str], message: str
) -> None:
    path = write(tmp_path, 'timezone = "Asia/Damascus"\n')
    with pytest.raises(SettingsError) as caught:
        load_settings(path, env)
    assert str(caught.value).startswith(message)
    assert str(path) not in str(caught.value)
    assert "pw@" not in str(caught.value)


def test_the_settings_file_is_found_where_the_readme_says(tmp_path: Path) -> None:
    home, work = tmp_path / "home", tmp_path / "work"
    (home / ".config" / "rasad").mkdir(parents=True)
    work.mkdir()
    user_file = home / ".config" / "rasad" / "rasad.toml"
    user_file.write_text('timezone = "Asia/Baghdad"\n', encoding="utf-8")
    environ = {"HOME": str(home)}
    assert load_settings(None, environ, cwd=work).source_file == user_file
    (work / "rasad.toml").write_text('timezone = "Africa/Cairo"\n', encoding="utf-8")
    found = load_settings(None, environ, cwd=work)
    assert (found.source_file, found.timezone) == (work / "rasad.toml", "Africa/Cairo")
    named = write(tmp_path, 'timezone = "Asia/Dubai"\n')
    assert load_settings(named, environ, cwd=work).timezone == "Asia/Dubai"


def test_a_missing_settings_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="settings file not found"):
        load_settings(tmp_path / "nope.toml", {})
