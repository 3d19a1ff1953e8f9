"""The parts import each other only downwards, as STYLE.md layers them.

import-linter cannot see the parts: they install as ``rasad.<part>`` from folders beside
``rasad/`` (package-dir), which its graph builder does not follow. The rule is small, so it
is checked here on the source with ``ast``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# What each part may import from Rasad besides itself. ``rasad`` itself (the CLI on top) is
# imported only for its version string.
SHARED = {"rasad"}
ALLOWED = {
    "config": set(),
    "storage": {"config"},
    "alerts": {"config", "storage"},
    "crawler": {"config", "storage", "alerts"},
    "scheduler": {"config", "storage", "alerts", "crawler"},
    # the web sits at the top beside the CLI, a composition root of its own
    "web": {"config", "storage", "alerts", "crawler", "scheduler"},
}


def rasad_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("rasad"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("rasad"))
    return found


@pytest.mark.parametrize("part", sorted(ALLOWED))
def test_a_part_imports_only_the_parts_below_it(part: str) -> None:
    allowed = {f"rasad.{other}" for other in {part, *ALLOWED[part]}}
    for path in sorted((REPO / part).glob("*.py")):
        for module in rasad_imports(path):
            if module in SHARED:
                continue
            assert any(module == a or module.startswith(f"{a}.") for a in allowed), (
                f"{path.relative_to(REPO)} imports {module}"
            )


def test_nothing_below_the_command_line_imports_it() -> None:
    for part in ALLOWED:
        for path in sorted((REPO / part).glob("*.py")):
            imports = rasad_imports(path)
            assert not {m for m in imports if m.startswith(("rasad.cli", "rasad.output"))}, path


def test_only_the_command_line_imports_the_web() -> None:
    for part in (*ALLOWED, "rasad"):
        if part == "web":
            continue
        for path in sorted((REPO / part).glob("*.py")):
            if path == REPO / "rasad" / "cli.py":
                continue
            imports = rasad_imports(path)
            assert not {m for m in imports if m.startswith("rasad.web")}, path
