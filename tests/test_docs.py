"""The README documents every command and every setting: a new one without docs fails here."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from rasad.cli import cli
from rasad.config.settings import SETTING_KEYS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def command_paths(group: click.Group, prefix: str = "rasad") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            paths.extend(command_paths(command, path))
        else:
            paths.append(path)
    return paths


@pytest.mark.parametrize("command", command_paths(cli))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"`{command}" in README


@pytest.mark.parametrize("key", SETTING_KEYS)
def test_every_setting_is_in_the_readme(key: str) -> None:
    assert f"| `{key}` |" in README


def test_the_readme_starts_with_the_two_setup_commands() -> None:
    setup = README.split("## ", 2)[1]
    run, test = re.findall(r"```sh\n(.*?)\n```", setup, flags=re.DOTALL)
    assert "pip install -r requirements.lock" in run
    assert run.endswith(".venv/bin/rasad run")
    assert "pip install -q -r requirements-test.lock" in test
    assert test.endswith(".venv/bin/pytest")
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()  # CI runs the README's test command verbatim
