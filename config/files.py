"""Reading the user's TOML files (settings, catalog, topics) with one-sentence errors."""

from __future__ import annotations

import re
import tomllib
from typing import TYPE_CHECKING, Any

from rasad.config.fields import did_you_mean

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from rasad.config.errors import RasadError


def read_toml(path: Path, error: type[RasadError], kind: str) -> dict[str, Any]:
    """The parsed file, or ``error`` naming the file: missing, unreadable or not TOML."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise error(f"{path}: {kind} file not found") from None
    except IsADirectoryError:
        raise error(f"{path}: is a folder, not a {kind} file") from None
    except UnicodeDecodeError:
        raise error(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: not valid TOML ({exc})") from None
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror})") from None


def entry_list(
    data: dict[str, Any], kind: str, label: str, error: type[RasadError], known: Iterable[str] = ()
) -> list[Any]:
    """The ``[[kind]]`` entries of a file; any other top-level key or table is refused, with a
    did-you-mean (``[[topics]]`` for ``[[topic]]`` would otherwise load nothing, silently)."""
    allowed = {kind, *known}
    for key in sorted(set(data) - allowed):
        raise error(f"{label}: unknown table or key {key!r}{did_you_mean(key, allowed)}")
    entries = data.get(kind, [])
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise error(f"{label}: [[{kind}]] must be an array of tables")
    return entries


# The id of a catalog source or a topic: also what the web accepts in a URL for one.
ID_SHAPE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def entry_id(
    raw: dict[str, Any], label: str, kind: str, index: int, error: type[RasadError]
) -> str:
    """The ascii-slug ``id`` of the ``index``-th ``[[kind]]`` table, checked."""
    value = raw.get("id")
    if not isinstance(value, str) or not ID_SHAPE.match(value):
        raise error(
            f"{label}: {kind} number {index}: key 'id' must be an ascii slug "
            f"(lower-case letters, digits, - and _, at most 64), got {value!r}"
        )
    return value
