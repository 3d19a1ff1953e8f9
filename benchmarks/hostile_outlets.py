"""What a hostile outlet costs: memory of a crawl meeting a gzip bomb, and search time with
the longest article an outlet can make Rasad store.

    python benchmarks/hostile_outlets.py [--database-url ...] [--bomb-mib 1024] [--searches 3]

1. Peak resident memory of ``rasad crawl`` (its process, by ``getrusage`` of a wrapper) for
   a local outlet whose sitemap is an ordinary one, then a ``sitemap.xml.gz`` that inflates
   to ``--bomb-mib`` MiB (1 MB on the wire for 1 GiB). The limits keep the second near the
   first; a crawler inflating the file whole needs about twice the bomb's size.
2. ``rasad search`` wall time for a word of the article, with one ordinary article stored,
   then with an article page just under the page limit (its text repeated paragraphs: a
   text Rasad cuts at the text limit), run alternately ``--searches`` times each; medians.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from _common import DEFAULT_SERVER_URL, print_table, scratch_database
from harness import crawl_environment, create_database, drop_database, with_database
from outlets.build import HOL, Story, robots, write_catalog
from outlets.hostile import MIB, article_page, sitemap, zeros_gzip
from outlets.server import OutletServer, Response

from rasad.config.limits import PAGE_MAX_BYTES
from rasad.storage.migrate import migrate

# Runs the command given and prints the peak resident memory of its process tree, in KiB.
_PEAK_RSS = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def rasad(env: dict[str, str], *args: str) -> tuple[float, int]:
    """Seconds and peak RSS (KiB) of one ``rasad`` command in its own process."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_RSS, sys.executable, "-m", "rasad", *args],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return time.perf_counter() - started, int(done.stdout.split()[-1])


def one_outlet(folder: Path, database_url: str, server: OutletServer, sitemap_path: str) -> dict[str, str]:  # fmt: skip
    catalog = write_catalog(
        folder / "sources.toml",
        [{"id": "o", "name": "o", "homepage": server.url("/"), "sitemaps": [server.url(sitemap_path)]}],
    )  # fmt: skip
    return crawl_environment(database_url, folder / "data", catalog)


def memory(server_url: str, bomb_mib: int) -> list[tuple[str, float, float]]:
    rows = []
    for label, path, body in [
        ("ordinary sitemap", "/sitemap.xml.gz", None),
        (f"sitemap.xml.gz inflating to {bomb_mib} MiB", "/bomb.xml.gz", zeros_gzip(bomb_mib * MIB)),
    ]:
        with scratch_database(server_url) as url, OutletServer() as server:
            server.route("/robots.txt", robots("User-agent: *\nAllow: /\n"))
            server.route("/news/1", article_page(server.url("/news/1"), HOL))
            ordinary = gzip.compress(sitemap([server.url("/news/1")]).body)
            server.route(path, Response(body=body or ordinary, content_type="application/x-gzip"))
            env = one_outlet(Path(tempfile.mkdtemp()), url, server, path)
            seconds, peak = rasad(env, "crawl")
            rows.append((label, peak / 1024, seconds))
    return rows


@contextmanager
def scratch_databases(server_url: str, count: int) -> Iterator[list[str]]:
    """``count`` fresh, migrated databases side by side, dropped afterwards."""
    names = [f"rasad_bench_{os.getpid()}_{n}" for n in range(count)]
    try:
        for name in names:
            create_database(server_url, name)
            with psycopg.connect(with_database(server_url, name)) as conn:
                migrate(conn)
        yield [with_database(server_url, name) for name in names]
    finally:
        for name in names:
            drop_database(server_url, name)


def search(server_url: str, searches: int) -> list[tuple[str, float, int]]:
    repeats = int(PAGE_MAX_BYTES * 0.9) // len("".join(HOL.paragraphs).encode())
    big = Story("مقال ضخم", "كاتب", "صورة", HOL.paragraphs * repeats)
    with scratch_databases(server_url, 2) as urls, OutletServer() as server:
        server.route("/robots.txt", robots("User-agent: *\nAllow: /\n"))
        server.route("/news/1", article_page(server.url("/news/1"), HOL))
        server.route("/news/big", article_page(server.url("/news/big"), big))
        server.route("/one.xml", sitemap([server.url("/news/1")]))
        server.route("/two.xml", sitemap([server.url("/news/1"), server.url("/news/big")]))
        page_kib = len(server.routes["/news/big"].body) // 1024  # type: ignore[union-attr]
        labels = ("one ordinary article", f"and the longest article ({page_kib} KiB page)")
        envs = [
            one_outlet(Path(tempfile.mkdtemp()), url, server, path)
            for url, path in zip(urls, ("/one.xml", "/two.xml"), strict=True)
        ]
        for env in envs:
            rasad(env, "crawl")
        times: dict[str, list[float]] = {label: [] for label in labels}
        for _ in range(searches):  # alternately, so the machine's load falls on both alike
            for label, env in zip(labels, envs, strict=True):
                times[label].append(rasad(env, "search", "مخيم", "--format", "json")[0])
    return [(label, statistics.median(t), len(t)) for label, t in times.items()]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_SERVER_URL)
    parser.add_argument("--bomb-mib", type=int, default=1024)
    parser.add_argument("--searches", type=int, default=3)
    args = parser.parse_args(argv)
    print_table(
        ["rasad crawl of", "peak RSS MiB", "seconds"], memory(args.database_url, args.bomb_mib)
    )
    print()
    print_table(
        ["rasad search with", "median seconds", "runs"], search(args.database_url, args.searches)
    )


if __name__ == "__main__":
    main()
