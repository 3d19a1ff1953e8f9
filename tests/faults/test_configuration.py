"""Every configuration mistake of the issue, typed through `rasad`: one sentence naming the file
or environment variable and the key, exit 2, before anything runs. And the settings file found
where the README says, with `rasad run` saying what it loaded and where things live."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import pytest
from harness import Rasad, clean_environment

if TYPE_CHECKING:
    from pathlib import Path

SOURCE = """
[[source]]
id = "alpha"
name = "ألفا"
homepage = "https://alpha.example/"
feeds = ["https://alpha.example/rss"]
"""
TOPIC = """
[[topic]]
id = "isis"
name = "داعش"
query = "داعش"
recipients = ["analyst@example.org"]
"""


def run_with(tmp_path: Path, settings_env: dict[str, str], **files_and_env: str) -> Rasad:
    """``rasad`` with the given catalog/topics/settings texts written to files, and variables."""
    env = dict(settings_env)
    for name, variable in (("catalog", "RASAD_CATALOG"), ("topics", "RASAD_TOPICS")):
        if name in files_and_env:
            path = tmp_path / f"{'sources' if name == 'catalog' else 'topics'}.toml"
            path.write_text(files_and_env.pop(name), encoding="utf-8")
            env[variable] = str(path)
    if "settings" in files_and_env:
        path = tmp_path / "rasad.toml"
        path.write_text(files_and_env.pop("settings"), encoding="utf-8")
        env["RASAD_CONFIG"] = str(path)
    env.update(files_and_env)
    return Rasad(env)


def one_sentence(result: object) -> str:
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    stderr: str = result.stderr  # type: ignore[attr-defined]
    assert stderr.startswith("rasad: ")
    assert stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr
    return stderr


@pytest.mark.parametrize(
    ("catalog", "message"),
    [
        (
            SOURCE + "interval = 1e10\n",
            "sources.toml: source 'alpha': key 'interval' must be a number from 1 to 10080, got 10000000000.0",
        ),
        (
            SOURCE + "interval = 1e300\n",
            "sources.toml: source 'alpha': key 'interval' must be a number from 1 to 10080",
        ),
        (SOURCE + "interval = 0.5\n", "key 'interval' must be a number from 1 to 10080, got 0.5"),
        (
            SOURCE + 'encoding = "rot13"\n',
            "sources.toml: source 'alpha': key 'encoding' must be a text encoding",
        ),
        (
            SOURCE + 'encoding = "klingon"\n',
            "key 'encoding' must be a known text encoding such as 'windows-1256'",
        ),
        (
            SOURCE + 'sitemaps = ["https://alpha.example/{yyyy}/{week}.xml"]\n',
            "key 'sitemaps' has a template 'https://alpha.example/{yyyy}/{week}.xml' with an "
            "unknown placeholder 'week'",
        ),
        (SOURCE + "intervall = 5\n", "unknown key 'intervall' (did you mean 'interval'?)"),
        (
            SOURCE.replace("[[source]]", "[[sources]]"),
            "unknown table or key 'sources' (did you mean 'source'?)",
        ),
        (
            SOURCE.replace("https://alpha.example/rss", "https://alpha.example:99999/rss"),
            "key 'feeds'",
        ),
    ],
)
def test_a_bad_catalog_stops_rasad_run_in_one_sentence(
    tmp_path: Path, settings_env: dict[str, str], catalog: str, message: str
) -> None:
    stderr = one_sentence(run_with(tmp_path, settings_env, catalog=catalog)("run"))
    assert message in stderr


@pytest.mark.parametrize(
    ("topics", "message"),
    [
        (
            TOPIC.replace("[[topic]]", "[[topics]]"),
            "unknown table or key 'topics' (did you mean 'topic'?)",
        ),
        (
            TOPIC.replace("analyst@example.org", "evil,a@example.org"),
            "topic 'isis': key 'recipients' must hold one email address per entry, got 'evil,a@example.org'",
        ),
        (
            TOPIC.replace("analyst@example.org", "Analyst <a@example.org>"),
            "key 'recipients' must hold one email address per entry",
        ),
        (
            TOPIC.replace('query = "داعش"', 'query = "' + "(" * 300 + "داعش" + ")" * 300 + '"'),
            "topic 'isis': query: '(' at position 21 nests deeper than 20 levels",
        ),
        (TOPIC + 'mode = "weekly"\n', "topic 'isis': key 'mode' must be"),
    ],
)
def test_bad_topics_stop_rasad_run_in_one_sentence(
    tmp_path: Path, settings_env: dict[str, str], topics: str, message: str
) -> None:
    stderr = one_sentence(run_with(tmp_path, settings_env, catalog=SOURCE, topics=topics)("run"))
    assert message in stderr


@pytest.mark.parametrize(
    ("settings", "env", "message"),
    [
        ("", {"SENTRY_DSN": "https://"}, "environment variable SENTRY_DSN is not a Sentry DSN"),
        (
            "crawl_delay_seconds = 2\n",
            {"RASAD_CRAWL_DELAY_SECONDS": "fast"},
            "environment variable RASAD_CRAWL_DELAY_SECONDS must be a number from 0 to 600, got 'fast'",
        ),
        (
            'smtp_url = "smtp://mail.example:0"\n',
            {},
            "key 'smtp_url' has a port that is not a number from 1 to 65535",
        ),
        ('timezon = "UTC"\n', {}, "rasad.toml: unknown key 'timezon' (did you mean 'timezone'?)"),
        (
            "retention_days = 1e300\n",
            {},
            "key 'retention_days' must be a whole number from 1 to 36500",
        ),
    ],
)
def test_bad_settings_stop_every_command_in_one_sentence(
    tmp_path: Path, settings_env: dict[str, str], settings: str, env: dict[str, str], message: str
) -> None:
    rasad = run_with(tmp_path, settings_env, settings=settings, **env)
    for command in (("run",), ("status",)):
        stderr = one_sentence(rasad(*command))
        assert message in stderr
        if env:
            assert "rasad.toml" not in stderr  # the variable is blamed, not the file


def test_rasad_run_reads_the_settings_file_in_the_working_folder_and_says_what_it_loaded(
    tmp_path: Path, database_url: str
) -> None:
    (tmp_path / "sources.toml").write_text(
        SOURCE + "enabled = false\n" + SOURCE.replace('"alpha"', '"beta"'), encoding="utf-8"
    )
    (tmp_path / "topics.toml").write_text(TOPIC, encoding="utf-8")
    (tmp_path / "rasad.toml").write_text(
        'catalog = "sources.toml"\ntopics = "topics.toml"\ndata_dir = "data"\n', encoding="utf-8"
    )
    secret_url = database_url.replace("postgres:@", "postgres@").replace(
        "postgres@", "postgres:hunter2@", 1
    )
    env = clean_environment(RASAD_DATABASE_URL=secret_url, HOME=str(tmp_path / "home"))
    daemon = subprocess.Popen(
        [sys.executable, "-m", "rasad", "run"],
        cwd=tmp_path,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and daemon.stderr is not None:
            line = daemon.stderr.readline()
            lines.append(line)
            if "first crawls:" in line or not line:
                break
    finally:
        daemon.send_signal(signal.SIGTERM)
        rest = daemon.communicate(timeout=60)[1]
    log = "".join(lines) + rest

    assert daemon.returncode == 0, log
    assert f"settings: {tmp_path / 'rasad.toml'}" in log
    assert (
        f"catalog {tmp_path / 'sources.toml'}: 2 sources, 1 enabled; topics {tmp_path / 'topics.toml'}: 1"
        in log
    )
    assert f"emails: .eml files in {tmp_path / 'data' / 'outbox'}; log: stderr" in log
    assert "database: " in log
    assert "first crawls: the first in " in log
    assert "hunter2" not in log
