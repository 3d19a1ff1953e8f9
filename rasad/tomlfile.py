"""Reading the user's TOML files (settings, catalog, topics) with one-sentence errors."""

from __future__ import annotations

import re
import tomllib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from rasad.errors import RasadError


def read_toml(path: Path, error: type[RasadError], kind: str) -> dict[str, Any]:
    """The parsed file, or ``error`` naming the file: missing, unreadable or not TOML."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise error(f"{path}: {kind} file not found") from None
    except UnicodeDecodeError:
        raise error(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: not valid TOML ({exc})") from None
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror})") from None


_ID_SHAPE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def entry_table(
    raw: object, label: str, kind: str, index: int, error: type[RasadError]
) -> tuple[dict[str, Any], str]:
    """The ``index``-th ``[[kind]]`` table of a file and its ascii-slug ``id``, checked."""
    if not isinstance(raw, dict):
        raise error(f"{label}: entry {index} of [[{kind}]] is not a table")
    value = raw.get("id")
    if not isinstance(value, str) or not _ID_SHAPE.match(value):
        raise error(
            f"{label}: {kind} number {index}: key 'id' must be an ascii slug "
            f"(lower-case letters, digits, - and _), got {value!r}"
        )
    return raw, value
