"""Pages per second of extract + clean + store, beside bare trafilatura on the same pages.

    python benchmarks/extract_store.py [--database-url postgresql://postgres@127.0.0.1:5432/test]
                                       [--pages 400] [--rounds 3]
                                       [--synchronous-commit server|on|off] [--workers 1]
                                       [--breakdown]

The 8 real outlet pages of shared/fixtures and the 5 of tests/crawler/pages are repeated to
``--pages`` pages. Every repeat is made a different article, as a crawl would meet them:

- its own URL (the original URL with ``/bench-<round>-<n>`` appended to the path), and the
  page's ``rel=canonical`` and ``og:url`` rewritten to it, so the canonical-URL dedup passes;
- its own text: the words «رقم التحقق <round> <n>» (numbers spelt in letters) inserted into
  the middle of every paragraph of the article (found by extracting the original once), so the
  text-hash dedup passes and no line of a repeat is one the source's learned boilerplate has
  seen before (learning masks digits) — the page's own leftover chrome lines still are.

Repeats of one page remain near-copies of one another: from the second on, each joins its
original's story cluster, the path a syndicated copy takes (the story lookup runs for all).

Four measurements for ``--rounds`` rounds (each round on fresh repeats, so every store is an
insert); one page at a time they take turns page by page, in an order that rotates, so that a
shared, loaded machine weighs on each alike; best and median rounds are reported:

- bare: ``trafilatura.extract(html, url=url, fast=True, **TRAFILATURA_OPTIONS)``, the very
  options Rasad's first pass uses (precision, no comments, tables), on the decoded page
  (decoding is done beforehand and not timed, which favours the bare run). Ratios are taken
  against it. Default options (with the readability and jusText fallbacks) take about twice
  as long, so a comparison with them flatters Rasad;
- bare from a tree: the same call on a tree parsed by ``lxml.html`` (parse timed), as Rasad
  hands trafilatura its own parse; trafilatura's own parse of a string costs more;
- extract: ``rasad.crawler.extract.extract_page`` (decode, metadata, drop rules, trafilatura,
  cleaning), what ``rasad extract`` runs;
- ingest: ``rasad.crawler.ingest.ingest_page`` as the crawl pipeline calls it: a pooled
  connection per page, extract -> clean -> learned boilerplate -> dedup -> store in one
  transaction per article, the source's window of line fingerprints read once per round (a
  crawl).

``--workers 2`` runs every measurement with two pages in flight, in threads, the way the
crawl pipeline hands pages to ``ingest_page`` (``asyncio.to_thread``): one page's database
round trips and commit then overlap the next page's extraction. Bare trafilatura is CPU-bound
under the GIL and gains nothing from it; it runs the same way so the comparison stays fair.
The measurements then run one after another over a round's pages, in rotating order.

Targets: extract at least 80% of bare extraction's pace, ingest at least 60%.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from itertools import cycle, islice
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

import lxml.html
import psycopg
import trafilatura
from _common import (
    DEFAULT_SERVER_URL,
    FixturePage,
    Rate,
    bench_source,
    count_rows,
    fixture_pages,
    print_table,
    register_sources,
    scratch_database,
    timed,
)
from psycopg import sql

from rasad.crawler.catalog import Source
from rasad.crawler.encoding import decode_html
from rasad.crawler.extract import TRAFILATURA_OPTIONS, ExtractedArticle, extract_page
from rasad.crawler.ingest import ingest_page
from rasad.crawler.learned import SourceLines, load_source_lines
from rasad.storage.database import open_pool

if TYPE_CHECKING:
    from psycopg_pool import ConnectionPool

_CANONICAL = re.compile(r"<link\b[^>]*\brel=[\"']?canonical\b[^>]*>", re.IGNORECASE)
_OG_URL = re.compile(r"<meta\b[^>]*[\"']og:url[\"'][^>]*>", re.IGNORECASE)
_SNIPPET_CHARS = 24


@dataclass(frozen=True)
class Template:
    """A fixture page decoded, with the place where a repeat's own words go."""

    page: FixturePage
    encoding: str
    html: str
    insert_at: tuple[int, ...]  # a spot in each paragraph; none for a page that is no article


@dataclass(frozen=True)
class BenchPage:
    url: str
    body: bytes  # in the page's own encoding, as downloaded
    html: str  # decoded, for the bare trafilatura run


def template(page: FixturePage, source: Source) -> Template:
    """Decode ``page`` and find a spot inside each paragraph of its article text that
    survives extraction."""
    encoding, html = decode_html(page.body)
    extracted = extract_page(page.body, page.url, source)
    spots = []
    if isinstance(extracted, ExtractedArticle):
        body_start = html.lower().find("<body")
        for paragraph in extracted.text.split("\n"):
            middle = len(paragraph) // 2
            snippet = paragraph[middle : middle + _SNIPPET_CHARS]
            found = html.find(snippet, body_start)
            if len(snippet) == _SNIPPET_CHARS and found >= 0:
                spots.append(found + len(snippet))
    return Template(page, encoding, html, tuple(sorted(set(spots), reverse=True)))


def _letters(number: int) -> str:
    # Words, not digits: learned boilerplate masks digits, and a repeat must be a new article
    # line by line, not the same lines with other figures.
    return "".join("ابتثجحخدذر"[int(digit)] for digit in str(number))


def repeat(tpl: Template, round_number: int, number: int) -> BenchPage:
    """The ``number``-th copy of a page for one round: its own URL, canonical and words."""
    parts = urlsplit(tpl.page.url)
    url = urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}/bench-{round_number}-{number}"))
    html = tpl.html
    for at in tpl.insert_at:  # from the end, so earlier spots stay where they were
        words = f"رقم التحقق {_letters(round_number + 1)} {_letters(number)}"
        html = f"{html[:at]} {words} {html[at:]}"
    html = _CANONICAL.sub(f'<link rel="canonical" href="{url}">', html)
    html = _OG_URL.sub(f'<meta property="og:url" content="{url}">', html)
    return BenchPage(url, html.encode(tpl.encoding, errors="xmlcharrefreplace"), html)


def build_round(templates: list[Template], round_number: int, count: int) -> list[BenchPage]:
    return [
        repeat(tpl, round_number, number)
        for number, tpl in enumerate(islice(cycle(templates), count))
    ]


def run_all(job: Callable[[BenchPage], object], pages: list[BenchPage], workers: int) -> None:
    """One page after another, or ``workers`` at a time in threads, as the crawl pipeline
    runs its ingests (asyncio.to_thread): a page's database waits then overlap another's
    extraction. Every measurement runs the same way."""
    if workers == 1:
        for page in pages:
            job(page)
        return
    with ThreadPoolExecutor(workers) as executor:
        list(executor.map(job, pages))


def bare(page: BenchPage) -> None:
    trafilatura.extract(page.html, url=page.url, fast=True, **TRAFILATURA_OPTIONS)


def bare_from_tree(page: BenchPage) -> None:
    tree = lxml.html.document_fromstring(page.html)
    trafilatura.extract(tree, url=page.url, fast=True, **TRAFILATURA_OPTIONS)


def ingest(
    page: BenchPage,
    pool: ConnectionPool,
    source: Source,
    outcomes: Counter[str],
    learned: list[SourceLines],
) -> None:
    # As IngestPipeline._ingest does: a pooled connection per page, one transaction per
    # article, the source's learned boilerplate read once per crawl (here, per round).
    with pool.connection() as conn:
        result = ingest_page(conn, page.body, page.url, source, learned=learned[0])
    outcomes[result.outcome] += 1


def measure(
    url: str, page_count: int, rounds: int, workers: int
) -> tuple[list[Rate], Counter[str]]:
    source = bench_source()
    register_sources(url, [source])
    templates = [template(page, source) for page in fixture_pages()]
    outcomes: Counter[str] = Counter()
    pool = open_pool(url, max_size=max(4, workers))
    learned = [SourceLines(source.id)]
    jobs: dict[str, Callable[[BenchPage], object]] = {
        "bare trafilatura.extract": bare,
        "bare, from an lxml tree": bare_from_tree,
        "rasad extract_page": lambda page: extract_page(page.body, page.url, source),
        "rasad ingest_page (store)": lambda page: ingest(page, pool, source, outcomes, learned),
    }
    seconds: dict[str, list[float]] = {name: [] for name in jobs}
    names = list(jobs)
    try:
        run_all(bare, build_round(templates, -1, len(templates)), 1)  # warm-up: imports, caches
        for round_number in range(rounds):
            pages = build_round(templates, round_number, page_count)
            with pool.connection() as conn:
                learned[0] = load_source_lines(conn, source.id)
            timings = (
                interleaved(jobs, pages, round_number)
                if workers == 1
                else one_after_another(jobs, pages, round_number, workers)
            )
            for name, spent in timings.items():
                seconds[name].append(spent)
            print(
                f"round {round_number + 1}/{rounds}: "
                + ", ".join(f"{name} {seconds[name][-1]:.1f}s" for name in names),
                flush=True,
            )
    finally:
        pool.close()
    return [Rate(name, page_count, tuple(seconds[name])) for name in names], outcomes


def interleaved(
    jobs: dict[str, Callable[[BenchPage], object]], pages: list[BenchPage], round_number: int
) -> dict[str, float]:
    """Seconds of each job over ``pages``, the jobs taking turns page by page (in an order
    that rotates): on a shared, loaded machine every job meets the same load."""
    names = list(jobs)
    spent = dict.fromkeys(names, 0.0)
    for index, page in enumerate(pages):
        turn = (round_number + index) % len(names)
        for name in names[turn:] + names[:turn]:
            spent[name] += timed(jobs[name], page)
    return spent


def one_after_another(
    jobs: dict[str, Callable[[BenchPage], object]],
    pages: list[BenchPage],
    round_number: int,
    workers: int,
) -> dict[str, float]:
    """Seconds of each job over all ``pages`` with ``workers`` in flight, jobs in turn."""
    names = list(jobs)
    turn = round_number % len(names)
    return {
        name: timed(partial(run_all, jobs[name], workers=workers), pages)
        for name in names[turn:] + names[:turn]
    }


def set_synchronous_commit(url: str, mode: str) -> str:
    """Set the scratch database's synchronous_commit (``server``: leave it); the value in force.

    Every article is its own transaction, so with ``on`` each one waits for a WAL flush.
    """
    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(url, autocommit=True) as conn:
        if mode != "server":
            conn.execute(
                sql.SQL("ALTER DATABASE {} SET synchronous_commit = {}").format(
                    sql.Identifier(name), sql.Literal(mode)
                )
            )
    with psycopg.connect(url) as conn:
        row = conn.execute("SHOW synchronous_commit").fetchone()
    return str(row[0]) if row else "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_SERVER_URL, help="server to use")
    parser.add_argument("--pages", type=int, default=400, help="pages per run (default 400)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each (default 3)")
    parser.add_argument(
        "--workers", type=int, default=1, help="pages in flight at once, in threads (default 1)"
    )
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="then where ingest's time goes: one more round with each step timed",
    )
    parser.add_argument(
        "--synchronous-commit",
        choices=("server", "on", "off"),
        default="server",
        help="PostgreSQL's synchronous_commit for the scratch database (default: as the server)",
    )
    args = parser.parse_args()

    with scratch_database(args.database_url) as url:
        commit_mode = set_synchronous_commit(url, args.synchronous_commit)
        rates, outcomes = measure(url, args.pages, args.rounds, args.workers)
        articles = count_rows(url, "articles")
        steps = breakdown(url, args.pages, args.rounds) if args.breakdown else None
    bare = rates[0]
    print(
        f"\n{args.pages} pages x {args.rounds} rounds; ingest outcomes: {dict(outcomes)}; "
        f"{articles} articles stored; synchronous_commit = {commit_mode}; "
        f"{args.workers} page(s) in flight"
    )
    print_table(
        ["", "best pages/s", "median pages/s", "median ms/page", "best vs bare", "median vs bare"],
        [
            (
                r.name, r.best, r.median, 1000 / r.median,
                f"{r.best / bare.best:.0%}", f"{r.median / bare.median:.0%}",
            )
            for r in rates
        ],
    )  # fmt: skip
    print(
        "bare: trafilatura.extract(html, fast=True, **TRAFILATURA_OPTIONS), Rasad's own options;"
        " targets: extract_page at least 80% of its pace, ingest_page at least 60%"
    )
    if steps is not None:
        total, spent = steps
        print(f"\nwhere ingest_page's {total:.2f} ms a page go (one more round, steps timed):")
        print_table(
            ["step", "ms/page", "share"],
            [(name, ms, f"{ms / total:.0%}") for name, ms in spent.items()],
        )


# The steps of ingest_page, as (module, function): each is timed where ingest calls it.
# store_signed includes its own round trips (band locks and story lookup, insert, cluster,
# signature, seen URLs, line fingerprints, topic matching) and the article's analysis, which
# runs while the server looks the story up: _INSIDE_STORE are taken out of its time.
_STORE = "store_signed"
_INSIDE_STORE = ("analysed", "tsvector_literal")
_STEPS = (
    ("rasad.crawler.ingest", "extract_page"),
    ("rasad.crawler.ingest", "text_line_keys"),
    ("rasad.crawler.ingest", "cluster_signature"),
    ("rasad.crawler.ingest", "analysed"),
    ("rasad.crawler.ingest", "tsvector_literal"),
    ("rasad.crawler.ingest", _STORE),
    ("rasad.crawler.ingest", "record_skipped"),
)


def breakdown(url: str, page_count: int, rounds: int) -> tuple[float, dict[str, float]]:
    """ms per page of ingest_page and of each of its steps, over one more round of fresh
    repeats (timed by wrapping each step's function where ingest looks it up)."""
    import importlib

    source = bench_source()
    templates = [template(page, source) for page in fixture_pages()]
    pages = build_round(templates, rounds, page_count)
    spent: dict[str, float] = {}

    def timing(name: str, function: Callable[..., object]) -> Callable[..., object]:
        def timed_step(*args: object, **kwargs: object) -> object:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

        return timed_step

    originals = []
    for module_name, name in _STEPS:
        module = importlib.import_module(module_name)
        originals.append((module, name, getattr(module, name)))
        setattr(module, name, timing(name, getattr(module, name)))
    pool = open_pool(url, max_size=4)
    try:
        with pool.connection() as conn:
            learned = [load_source_lines(conn, source.id)]
        started = time.perf_counter()
        for page in pages:
            ingest(page, pool, source, Counter(), learned)
        total = time.perf_counter() - started
    finally:
        pool.close()
        for module, name, function in originals:
            setattr(module, name, function)
    for name in _INSIDE_STORE:
        spent[_STORE] -= spent.get(name, 0.0)
    per_page = {
        (f"{name}, less {' and '.join(_INSIDE_STORE)}" if name == _STORE else name): (
            seconds * 1000 / len(pages)
        )
        for name, seconds in spent.items()
    }
    per_page["other (pool, learned lines, bookkeeping)"] = total * 1000 / len(pages) - sum(
        per_page.values()
    )
    return total * 1000 / len(pages), per_page


if __name__ == "__main__":
    main()
