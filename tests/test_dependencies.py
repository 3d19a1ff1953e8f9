"""Dependencies: every package Rasad imports is declared, and the lock files pin what
pyproject.toml declares, at versions it allows (a dependency added without re-locking fails)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
PARTS = ("rasad", "config", "storage", "alerts", "crawler", "scheduler")
RUNTIME = [Requirement(text) for text in PROJECT["dependencies"]]
TEST = [Requirement(text) for text in PROJECT["optional-dependencies"]["test"]]
_PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s\\;]+)", re.MULTILINE)


def imported_modules(folder: Path) -> set[str]:
    """Top-level names of every absolute import in the part, those inside functions too."""
    names = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def third_party_imports() -> set[str]:
    found = set().union(*(imported_modules(REPO / part) for part in PARTS))
    return {name for name in found if name not in sys.stdlib_module_names and name != "rasad"}


def pins(lock: str) -> dict[str, str]:
    text = (REPO / lock).read_text(encoding="utf-8")
    return {canonicalize_name(name): version for name, version in _PIN.findall(text)}


@pytest.mark.parametrize("module", sorted(third_party_imports()))
def test_every_imported_package_is_declared(module: str) -> None:
    declared = {canonicalize_name(requirement.name) for requirement in RUNTIME}
    providers = {canonicalize_name(name) for name in packages_distributions().get(module, [])}
    assert providers & declared, f"{module} (from {providers or 'nothing'}) is not in dependencies"


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [("requirements.lock", RUNTIME), ("requirements-test.lock", RUNTIME + TEST)],
)
def test_the_lock_pins_every_declared_dependency_at_an_allowed_version(
    lock: str, requirements: list[Requirement]
) -> None:
    pinned = pins(lock)
    for requirement in requirements:
        version = pinned.get(canonicalize_name(requirement.name))
        assert version is not None, f"{requirement.name} is not in {lock}: run pip-compile"
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{lock} pins {requirement.name}=={version}, outside {requirement.specifier}"
        )
