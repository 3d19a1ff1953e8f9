"""Settings as a user writes them: rasad.toml, environment overrides, clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasad.errors import SettingsError
from rasad.settings import load_settings


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


def test_without_a_file_the_data_folder_follows_xdg(tmp_path: Path) -> None:
    settings = load_settings(None, {"XDG_DATA_HOME": str(tmp_path)})
    assert settings.data_dir == tmp_path / "rasad"
    assert settings.outbox_dir == tmp_path / "rasad" / "outbox"


def test_secrets_stay_out_of_repr(tmp_path: Path) -> None:
    env = {
        "RASAD_DATABASE_URL": "postgresql://u:hunter2@db/x",
        "RASAD_SMTP_URL": "smtp://u:s3cret@mail:25",
    }
    text = repr(load_settings(None, env))
    assert "hunter2" not in text
    assert "s3cret" not in text


@pytest.mark.parametrize(
    ("toml", "env", "message"),
    [
        ('colour = "blue"\n', {}, "unknown key 'colour'"),
        ("data_dir = 3\n", {}, "key 'data_dir' must be a string, got 3"),
        ("retention_days = -1\n", {}, "key 'retention_days' must be a whole number of days"),
        ('timezone = "Mars/Olympus"\n', {}, "key 'timezone' is not a known time zone"),
        ("", {"RASAD_SMTP_URL": "http://u:pw@mail"}, "key 'smtp_url' must start with smtp://"),
        ("", {"RASAD_SMTP_URL": "smtp://u:pw@"}, "key 'smtp_url' names no server"),
        ("", {"RASAD_SMTP_URL": "smtp://u:pw@mail:99999"}, "key 'smtp_url' has a port that is not"),
        ("data_dir = [\n", {}, "not valid TOML"),
    ],
)
def test_bad_settings_are_refused_naming_file_and_key(
    tmp_path: Path, toml: str, env: dict[str, str], message: str
) -> None:
    path = write(tmp_path, toml)
    with pytest.raises(SettingsError) as caught:
        load_settings(path, env)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)
    assert "pw@" not in str(caught.value)


def test_a_missing_settings_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="settings file not found"):
        load_settings(tmp_path / "nope.toml", {})
