"""Typed reads of the user's configuration, one sentence naming file, entry and key on failure.

Settings (rasad.toml and RASAD_* variables), the catalog (sources.toml) and the topics file are
all read through a :class:`Fields`: the same checks, worded the same way, wherever a value
comes from. A value from the environment arrives as a string; the readers accept the string
forms of numbers and booleans so that ``RASAD_CRAWL_DELAY_SECONDS=0.5`` works like the TOML.
"""

from __future__ import annotations

import codecs
import difflib
import math
import re
from collections.abc import Callable, Iterable, Mapping
from email.utils import getaddresses, parseaddr
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    from rasad.config.errors import RasadError

N = TypeVar("N", int, float)

# An address as one mailbox: no display name, no list, nothing a header could split.
_ADDRESS = re.compile(r"^[^@\s<>(),;:\"\[\]\\]+@[^@\s<>(),;:\"\[\]\\]+\.[^@\s<>(),;:\"\[\]\\]+$")
_TRUE, _FALSE = frozenset({"true", "1", "yes", "on"}), frozenset({"false", "0", "no", "off"})


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when ``word`` is a near miss of one of ``choices``, else ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def check_timezone(name: str) -> bool:
    """True when ``name`` is an IANA time zone this machine knows."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def single_address(value: str) -> str | None:
    """``value`` as exactly one bare email address, or None (lists, display names, junk)."""
    value = value.strip()
    if not _ADDRESS.match(value):
        return None
    found = getaddresses([value])
    return value if len(found) == 1 and found[0][1] == value else None


def mailbox(value: str) -> str | None:
    """``value`` as one sender mailbox, with or without a display name («Rasad <r@x.org>»)."""
    if any(ch in value for ch in "\r\n,;"):
        return None
    _, address = parseaddr(value)
    return value.strip() if address and single_address(address) else None


def url_problem(value: str, schemes: tuple[str, ...]) -> str | None:
    """Why ``value`` is not a usable URL of one of ``schemes``; None when it is."""
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as exc:  # an unclosed [IPv6] host, a port that is not a number
        return f"is not a valid URL ({exc})"
    if parts.scheme not in schemes:
        allowed = ", ".join(f"{scheme}://" for scheme in schemes)
        return f"must start with {allowed}, got scheme '{parts.scheme}'"
    # A PostgreSQL URL may name its server's socket folder in the query instead («host=/tmp/x»),
    # as the embedded server's URL does.
    if not parts.hostname and not parse_qs(parts.query).get("host"):
        return "names no server"
    if port is not None and not 1 <= port <= 65535:
        return "has a port that is not a number from 1 to 65535"
    if any(ch.isspace() or ord(ch) < 32 for ch in value):
        return "contains spaces or control characters"
    return None


class Fields:
    """The keys of one configuration table, read with their types and ranges checked.

    ``where(key)`` names the place a key's value came from, for the message: «sources.toml:
    source 'youm7': key 'interval'» or «environment variable RASAD_TIMEZONE». Messages never
    quote a value of a key in ``secret_keys``.
    """

    def __init__(
        self,
        raw: Mapping[str, Any],
        error: type[RasadError],
        where: Callable[[str], str],
        *,
        secret_keys: Iterable[str] = (),
    ) -> None:
        self.raw = raw
        self.error = error
        self.where = where
        self.secret_keys = frozenset(secret_keys)

    def fail(self, key: str, expected: str) -> RasadError:
        shown = "" if key in self.secret_keys else f", got {self.raw.get(key)!r}"
        return self.error(f"{self.where(key)} must be {expected}{shown}")

    def refuse_unknown(self, known: Iterable[str], scope: str) -> None:
        """Refuse keys outside ``known``, suggesting the closest known one."""
        known = set(known)
        for key in sorted(set(self.raw) - known):
            raise self.error(f"{scope}: unknown key '{key}'{did_you_mean(key, known)}")

    def require(self, *keys: str) -> None:
        for key in keys:
            if key not in self.raw:
                raise self.error(f"{self.where(key)} is missing")

    def text(self, key: str, default: str | None = None) -> str | None:
        """A string, with surrounding whitespace removed; empty counts as unset."""
        value = self.raw.get(key)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.fail(key, "a string")
        value = value.strip()
        return value or default

    def line(self, key: str, default: str | None = None) -> str | None:
        """A string on one line: it may end up in a header or a log line."""
        value = self.text(key, default)
        if value is not None and any(ord(ch) < 32 or ch in "\u2028\u2029" for ch in value):
            raise self.fail(key, "one line of text")
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self.raw.get(key, default)
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        if not isinstance(value, bool):
            raise self.fail(key, "true or false")
        return value

    def number(self, key: str, default: N, kind: type[N], minimum: N, maximum: N) -> N:
        """A number from ``minimum`` to ``maximum``; an int key refuses fractions."""
        value = self.raw.get(key)
        if value is None or value == "":
            return default
        number = _as_number(value, kind)
        unit = "a whole number" if kind is int else "a number"
        if number is None or not minimum <= number <= maximum:
            raise self.fail(key, f"{unit} from {minimum:g} to {maximum:g}")
        return number

    def url(self, key: str, value: object, schemes: tuple[str, ...] = ("http", "https")) -> str:
        """One URL of ``schemes``: parsed, with a server and a valid port."""
        if not isinstance(value, str):
            raise self.fail(key, "a URL string")
        problem = url_problem(value.strip(), schemes)
        if problem:
            shown = "" if key in self.secret_keys else f" ({value!r})"
            raise self.error(f"{self.where(key)}{shown} {problem}")
        return value.strip()

    def urls(self, key: str) -> tuple[str, ...]:
        values = self.raw.get(key, [])
        if not isinstance(values, list):
            raise self.fail(key, "a list of URLs")
        return tuple(self.url(key, value) for value in values)

    def strings(self, key: str) -> tuple[str, ...]:
        values = self.raw.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise self.fail(key, "a list of strings")
        return tuple(value.strip() for value in values)

    def timezone(self, key: str, default: str | None = None) -> str | None:
        name = self.text(key, default)
        if name is not None and not check_timezone(name):
            raise self.fail(key, "an IANA time zone name such as 'Africa/Cairo'")
        return name

    def encoding(self, key: str) -> str | None:
        """A text encoding Python knows (its codec name); bytes-to-bytes codecs are refused."""
        name = self.text(key)
        if name is None:
            return None
        try:
            info = codecs.lookup(name)
        except LookupError:
            raise self.fail(key, "a known text encoding such as 'windows-1256'") from None
        if not getattr(info, "_is_text_encoding", True):  # rot13, base64, zlib ...
            raise self.fail(key, "a text encoding such as 'windows-1256'")
        return info.name

    def pattern(self, key: str, value: object) -> re.Pattern[str] | None:
        if value in (None, ""):
            return None
        if not isinstance(value, str):
            raise self.fail(key, "a regular expression string")
        try:
            return re.compile(value)
        except re.error as exc:
            raise self.error(
                f"{self.where(key)} is not a valid regular expression ({exc})"
            ) from None

    def address(self, key: str, value: object) -> str:
        """Exactly one bare email address."""
        if not isinstance(value, str) or single_address(value) is None:
            raise self.error(
                f"{self.where(key)} must hold one email address per entry, got {value!r}"
            )
        return value.strip()


def _as_number(value: object, kind: type[N]) -> N | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number: float = value
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    if not math.isfinite(number) or (kind is int and number != int(number)):
        return None
    return kind(number)
