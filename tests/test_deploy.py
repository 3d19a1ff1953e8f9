"""The deployment files: Compose accepts the file, the unit stops with SIGTERM, examples load."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest
from harness import clean_environment

from rasad.alerts.topics import load_topics
from rasad.config.settings import Settings, load_settings

REPO = Path(__file__).resolve().parents[1]


def test_docker_compose_accepts_the_file() -> None:
    compose = shutil.which("docker-compose")
    if compose is None:
        pytest.skip("docker-compose is not installed (.ci/run installs Debian's package)")
    result = subprocess.run(
        [compose, "-f", str(REPO / "docker-compose.yml"), "config"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "condition: service_healthy" in result.stdout
    assert "rasad db migrate && exec rasad run" in result.stdout


def test_docker_compose_has_a_web_service_signed_in_from_the_environment() -> None:
    compose = shutil.which("docker-compose")
    if compose is None:
        pytest.skip("docker-compose is not installed (.ci/run installs Debian's package)")
    result = subprocess.run(
        [compose, "-f", str(REPO / "docker-compose.yml"), "--profile", "web", "config"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env=clean_environment(RASAD_WEB_AUTH="analyst:from-the-environment"),
    )
    assert result.returncode == 0, result.stderr
    web = yaml_block(result.stdout, "web")
    assert "- rasad\n    - web\n    - --host\n    - 0.0.0.0" in web
    assert "RASAD_WEB_AUTH: analyst:from-the-environment" in web
    assert "127.0.0.1:8080:8080" in web


def yaml_block(text: str, service: str) -> str:
    """One service's lines of `docker-compose config` output (two-space indented YAML)."""
    lines = text.splitlines()
    start = lines.index(f"  {service}:")
    end = next(
        (
            i
            for i in range(start + 1, len(lines))
            if lines[i].startswith("  ") and lines[i][2] != " "
        ),
        len(lines),
    )
    return "\n".join(lines[start:end])


def test_the_web_unit_serves_on_loopback_and_restarts() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.read(REPO / "deploy" / "rasad-web.service")
    service = unit["Service"]
    assert service["ExecStart"] == "/opt/rasad/.venv/bin/rasad web --host 127.0.0.1 --port 8080"
    assert service["EnvironmentFile"] == "/etc/rasad/rasad.env"
    assert service["Restart"] == "on-failure"
    assert service["User"] == "rasad"
    assert "rasad.service" in unit["Unit"]["After"]


def test_the_systemd_unit_runs_the_daemon_and_restarts_it() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.read(REPO / "deploy" / "rasad.service")
    service = unit["Service"]
    assert service["ExecStart"].endswith("/rasad run")
    assert service["Restart"] == "on-failure"
    assert service["KillSignal"] == "SIGTERM"
    assert service["User"] == "rasad"


def test_the_example_environment_file_is_valid_settings() -> None:
    env = {}
    for line in (REPO / "deploy" / "rasad.env.example").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key] = value
    settings = load_settings(None, env)
    assert isinstance(settings, Settings)
    assert settings.smtp_url is not None
    assert settings.smtp_url.startswith("smtp+starttls://")
    assert settings.timezone == "Asia/Damascus"


def test_the_example_topics_file_loads() -> None:
    (topic,) = load_topics(REPO / "deploy" / "topics.example.toml")
    assert topic.id == "isis-detainees"


def test_the_dockerfile_runs_as_a_user_and_installs_as_the_readme_does() -> None:
    dockerfile = (REPO / "deploy" / "Dockerfile").read_text(encoding="utf-8")
    assert "USER rasad" in dockerfile
    assert "pip install --no-cache-dir -r requirements.lock" in dockerfile
    assert "pip install --no-cache-dir --no-deps ." in dockerfile
    assert 'CMD ["rasad", "run"]' in dockerfile
