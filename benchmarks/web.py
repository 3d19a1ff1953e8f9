"""`rasad web` under load: requests/s and latency of /api/search and /search on a 100k archive,
beside `rasad search` for the same queries.

    python benchmarks/web.py [--articles 100000] [--clients 20] [--seconds 20]
        [--database-url postgresql://postgres@127.0.0.1:5432/test] [--keep]

1. A scratch database (``rasad_bench_web``) is filled by COPY with ``--articles`` articles of
   20 sources over a year, two outlets per story cluster. Their texts are drawn from the words
   of the labelled near-duplicate pairs with Zipf weights, as news words are; each of 2,000
   texts is analysed once by Rasad's analysis (``alerts.analysis``, what the crawler stores)
   and carried by ``articles / 2000`` articles, each with its own title, URL and hash.
2. ``rasad search QUERY --format json`` runs once per query as a user runs it (a process each:
   the wall time includes Python's start), and the same search is timed in process.
3. ``rasad web --port 0`` is started as a process (uvicorn); ``--clients`` asyncio clients
   (httpx2) request, for ``--seconds`` each, /api/search?q=... and then /search?q=..., every
   client cycling through the queries. Printed: requests/s, p50 and p95 latency per endpoint.

The clients run on the same machine as the server and the database: on 2 shared cores the
figures are a ratio between endpoints measured in one run, not a capacity.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from hashlib import sha256
from typing import TYPE_CHECKING

import httpx2
import psycopg
from _common import DEFAULT_SERVER_URL, print_table
from cluster_scale import vocabulary
from harness import clean_environment, create_database, drop_database, with_database

from rasad.alerts.analysis import analyse_document, tsvector_literal
from rasad.alerts.search import search
from rasad.storage.migrate import migrate

if TYPE_CHECKING:
    from collections.abc import Iterator

TEXTS = 2_000
SOURCES = [f"outlet{n:02d}" for n in range(1, 21)]
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def texts(rng: random.Random, count: int) -> list[str]:
    """News-like texts: words by Zipf weights, so a few words are everywhere, most rare."""
    words = vocabulary()
    rng.shuffle(words)
    weights = [1 / rank for rank in range(1, len(words) + 1)]
    return [
        "\n".join(" ".join(rng.choices(words, weights, k=60)) for _ in range(4))
        for _ in range(count)
    ]


def queries(words: list[str]) -> list[str]:
    """Queries of the kinds analysts type, over common and rare words of the texts."""
    common, middle, rare = words[2], words[40], words[400]
    return [
        common,
        rare,
        f"{middle} {rare}",
        f'"{common} {middle}"',
        f"({rare} OR {middle}) NOT {words[200]}",
        f"{middle[:3]}*",
    ]


def fill(url: str, size: int, bodies: list[str]) -> None:
    """COPY ``size`` articles and their clusters into a migrated database."""
    terms = [tsvector_literal(analyse_document(body)) for body in bodies]
    with psycopg.connect(url) as conn:
        conn.execute(
            "INSERT INTO sources (id, name, homepage) SELECT s, s, 'https://' || s || '.example/'"
            " FROM unnest(%s::text[]) s",
            (SOURCES,),
        )
        with conn.cursor() as cur:
            with cur.copy(
                "COPY clusters (id, first_article_id, first_published_at, last_published_at,"
                " article_count, source_ids) FROM STDIN"
            ) as copy:
                for cluster in range(1, size // 2 + 1):
                    first = 2 * cluster - 1
                    when = published(first, size)
                    sources = sorted({source_of(first), source_of(first + 1)})
                    copy.write_row((cluster, first, when, when, 2, sources))
            with cur.copy(
                "COPY articles (id, source_id, url, canonical_url, title, byline, published_at,"
                " fetched_at, language, text, content_hash, cluster_id, terms) FROM STDIN"
            ) as copy:
                for number in range(1, size // 2 * 2 + 1):
                    body = bodies[number % len(bodies)]
                    link = f"https://{source_of(number)}.example/news/{number}"
                    when = published(number, size)
                    title = f"{body.split()[0]} {body.split()[5]} ({number})"
                    digest = sha256(f"{number}\n{body}".encode()).hexdigest()
                    cluster = (number + 1) // 2
                    copy.write_row(
                        (number, source_of(number), link, link, title, None, when, when, "ar",
                         body, digest, cluster, terms[number % len(bodies)])
                    )  # fmt: skip
        for sequence, table in (("articles_id_seq", "articles"), ("clusters_id_seq", "clusters")):
            conn.execute(f"SELECT setval('{sequence}', (SELECT max(id) FROM {table}))")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE articles, clusters")


def source_of(number: int) -> str:
    return SOURCES[(number * 7 + number // 2) % len(SOURCES)]


def published(number: int, size: int) -> datetime:
    return EPOCH + timedelta(days=365 * number / size)


def cli_search(url: str, query: str) -> tuple[float, float, int]:
    """Seconds of `rasad search` as a process and of the same search in process; hits."""
    env = clean_environment(RASAD_DATABASE_URL=url, RASAD_DATA_DIR="/tmp/rasad-bench-web")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "rasad", "search", query, "--format", "json"],
        env=env,
        check=True,
        capture_output=True,
    )
    process = time.perf_counter() - started
    started = time.perf_counter()
    hits = search(url, query)
    return process, time.perf_counter() - started, len(hits)


@contextmanager
def served(url: str) -> Iterator[str]:
    """`rasad web --port 0` on the archive; its URL."""
    env = clean_environment(RASAD_DATABASE_URL=url, RASAD_DATA_DIR="/tmp/rasad-bench-web")
    process = subprocess.Popen(
        [sys.executable, "-m", "rasad", "web", "--port", "0"],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        yield line.removeprefix("serving on ").strip().rstrip("/")
    finally:
        process.terminate()
        process.wait(timeout=30)
        if process.stdout:
            process.stdout.close()


async def load(base: str, path: str, qs: list[str], clients: int, seconds: float) -> dict:
    """``clients`` clients requesting ``path?q=...`` in turn for ``seconds``."""
    latencies: list[float] = []
    errors = 0

    async def client(number: int, http: httpx2.AsyncClient, deadline: float) -> None:
        nonlocal errors
        turn = number
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            response = await http.get(path, params={"q": qs[turn % len(qs)]})
            latencies.append(time.perf_counter() - started)
            errors += response.status_code != 200
            turn += 1

    limits = httpx2.Limits(max_connections=clients)
    async with httpx2.AsyncClient(base_url=base, limits=limits, timeout=120) as http:
        await http.get(path, params={"q": qs[0]})  # warm: pool and caches
        started = time.perf_counter()
        deadline = started + seconds
        await asyncio.gather(*(client(n, http, deadline) for n in range(clients)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies),
        "p95": latencies[int(0.95 * (len(latencies) - 1))],
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--database-url", default=DEFAULT_SERVER_URL)
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the database")
    args = parser.parse_args()

    rng = random.Random(1256)
    bodies = texts(rng, TEXTS)
    name = "rasad_bench_web"
    url = with_database(args.database_url, name)
    must_load = not args.keep or _count(url) != args.articles // 2 * 2
    if must_load:
        create_database(args.database_url, name)
        with psycopg.connect(url) as conn:
            migrate(conn)
        started = time.perf_counter()
        fill(url, args.articles, bodies)
        print(
            f"archive: {args.articles:,} articles loaded in {time.perf_counter() - started:.0f} s"
        )
    ranked = [w for w, _ in _frequencies(bodies)]
    qs = queries(ranked)
    try:
        rows = [(q, *cli_search(url, q)) for q in qs]
        print_table(
            ["query", "rasad search (process) s", "search() in process s", "hits"],
            [(q, round(p, 3), round(i, 3), n) for q, p, i, n in rows],
        )
        with served(url) as base:
            results = {
                path: asyncio.run(load(base, path, qs, args.clients, args.seconds))
                for path in ("/api/search", "/search")
            }
        print(f"\n{args.clients} concurrent clients, {args.seconds:g} s per endpoint:")
        print_table(
            ["endpoint", "requests", "req/s", "p50 ms", "p95 ms", "non-200"],
            [
                (p, r["requests"], round(r["rps"], 1), round(r["p50"] * 1000), round(r["p95"] * 1000), r["errors"])
                for p, r in results.items()
            ],
        )  # fmt: skip
        median_cli = statistics.median(p for _, p, _, _ in rows)
        median_inproc = statistics.median(i for _, _, i, _ in rows)
        print(
            f"\nmedian per query: rasad search {median_cli:.2f} s as a process, "
            f"{median_inproc:.3f} s in process; /api/search p50 "
            f"{results['/api/search']['p50']:.3f} s under {args.clients} clients"
        )
    finally:
        if not args.keep:
            drop_database(args.database_url, name)


def _count(url: str) -> int:
    try:
        with psycopg.connect(url) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except psycopg.Error:
        return -1


def _frequencies(bodies: list[str]) -> list[tuple[str, int]]:
    """Words by how many texts hold them, most first."""
    counts: dict[str, int] = {}
    for body in bodies:
        for word in set(body.split()):
            counts[word] = counts.get(word, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


if __name__ == "__main__":
    main()
