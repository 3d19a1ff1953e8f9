"""Helpers shared by the benchmark scripts: a scratch database, the fixture pages, timing, tables.

The scripts import this module as ``_common`` (Python puts the script's folder on the path),
and the test outlets and database helpers of ``tests/`` through :data:`TESTS` on ``sys.path``.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg

from rasad.crawler.catalog import Source
from rasad.storage.migrate import migrate
from rasad.storage.sources import SourceEntry, sync_sources

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
SHARED_PAGES = ROOT.parent / "shared" / "fixtures"
if not SHARED_PAGES.is_dir():  # a checkout without the shared folder beside it
    SHARED_PAGES = Path("/work/shared/fixtures")
PROJECT_PAGES = TESTS / "crawler" / "pages"
DEFAULT_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/test"
# Where tests/crawler/pages say they come from: the pages name no URL of their own.
PROJECT_PAGES_SITE = "https://nile-gate.example/news/"

if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from harness import create_database, drop_database, with_database  # noqa: E402


@dataclass(frozen=True)
class FixturePage:
    """One saved article page and the URL it was published at."""

    name: str
    url: str
    body: bytes


def fixture_pages(*, shared: bool = True, project: bool = True) -> list[FixturePage]:
    """The real outlet pages of shared/fixtures (manifest URLs) and tests/crawler/pages."""
    pages: list[FixturePage] = []
    if shared:
        manifest = json.loads((SHARED_PAGES / "manifest.json").read_text(encoding="utf-8"))
        for entry in manifest["pages"]:
            body = (SHARED_PAGES / "pages" / entry["file"]).read_bytes()
            pages.append(FixturePage(entry["file"], entry["url"], body))
    if project:
        for path in sorted(PROJECT_PAGES.glob("*.html")):
            pages.append(FixturePage(path.name, PROJECT_PAGES_SITE + path.stem, path.read_bytes()))
    return pages


def bench_source(source_id: str = "bench") -> Source:
    """A catalog entry for pages that belong to no outlet of the catalog."""
    return Source(id=source_id, name="Rasad benchmark", homepage="https://bench.example/")


def register_sources(url: str, sources: Sequence[Source]) -> None:
    """Put ``sources`` in the sources table, as the daemon does at start."""
    entries = [
        SourceEntry(s.id, s.name, s.homepage, s.interval_minutes, s.enabled) for s in sources
    ]
    with psycopg.connect(url) as conn:
        sync_sources(conn, entries)


@contextmanager
def scratch_database(server_url: str) -> Iterator[str]:
    """A fresh, migrated database ``rasad_bench_<pid>`` on the server, dropped afterwards."""
    name = f"rasad_bench_{os.getpid()}"
    create_database(server_url, name)
    url = with_database(server_url, name)
    try:
        with psycopg.connect(url) as conn:
            migrate(conn)
        yield url
    finally:
        drop_database(server_url, name)


def count_rows(url: str, table: str, where: str = "true") -> int:
    """Rows of a table of ours (the names are constants of the scripts, never input)."""
    with psycopg.connect(url) as conn:
        row = conn.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()
    return int(row[0]) if row else 0


def timed(function: Callable[..., object], *args: object) -> float:
    """Seconds ``function(*args)`` takes, by the monotonic performance clock."""
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


@dataclass(frozen=True)
class Rate:
    """Runs of one measurement: items per second of the best and of the median run."""

    name: str
    items: int
    seconds: tuple[float, ...]

    @property
    def best(self) -> float:
        return self.items / min(self.seconds)

    @property
    def median(self) -> float:
        return self.items / statistics.median(self.seconds)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A plain text table: first column left-aligned, the others right-aligned."""
    cells = [[str(h) for h in headers], *([_cell(v) for v in row] for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for row in cells:
        first, *rest = row
        line = first.ljust(widths[0]) + "".join(
            "  " + value.rjust(width) for value, width in zip(rest, widths[1:], strict=True)
        )
        print(line.rstrip())


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if value >= 100 else f"{value:.2f}"
    return str(value)


def rss_kib(pid: int) -> int | None:
    """Resident memory of a process in KiB (VmRSS of /proc), None once it has exited."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return None
