"""``rasad crawl`` against a local outlet of 500 pages, and the memory of a daemon over 100 rounds.

    python benchmarks/crawl.py [--database-url postgresql://postgres@127.0.0.1:5432/test]
                               [--articles 500] [--server-delay 0.2] [--polite-articles 10]
                               [--rounds 100] [--sources 5]

Part 1, throughput. tests/outlets/build.py serves ``--articles`` distinct article pages behind
a sitemap index, every response delayed by ``--server-delay`` seconds (a realistic answer
time). ``rasad crawl`` runs as a subprocess, as a user runs it, on a scratch database:

- with ``crawl_delay_seconds = 0`` over every page: what the outlet's answer time and the
  concurrency per outlet (``--concurrency``, default Rasad's 2) allow;
- again, once everything is stored: the fixed cost of a pass (start-up, robots.txt, sitemaps);
- with the default ``crawl_delay_seconds = 1.0`` over ``--polite-articles`` pages (a full pass
  would take over 8 minutes: the politeness delay is the point).

For each: wall time, articles stored per second, and the subprocess's CPU time (user + system
from ``getrusage(RUSAGE_CHILDREN)``; PostgreSQL's own work is in its server processes and not
counted). CPU share = CPU / wall: well under 100% means the crawl waits on the outlet, not on
Rasad. Beside it, bare ``trafilatura.extract`` over the same pages' HTML, in the same run.

Part 2, memory. ``rasad run`` on a catalog of ``--sources`` sources with ``interval = 0.05``
(3 s), each with its own RSS feed that lists two new articles every time it is requested, so
every crawl stores something. A round is one crawl of one source (one feed request); VmRSS of
the daemon is sampled every 0.1 s and reported after rounds 1, 10, 25, 50, 75 and the last.
Target: flat after the first rounds (growth from round 10 to the end).
"""

from __future__ import annotations

import argparse
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import trafilatura
from _common import (
    DEFAULT_SERVER_URL,
    count_rows,
    print_table,
    rss_kib,
    scratch_database,
    timed,
)
from harness import clean_environment
from outlets.build import (
    ORIGINAL_STORIES,
    Article,
    Story,
    alpha_page,
    article_at,
    article_pattern,
    build_big_outlet,
    distinct_texts,
    robots,
    rss,
    write_catalog,
)
from outlets.server import NOT_FOUND, OutletServer, Request, Response

from rasad.crawler.discovery import MAX_SUB_SITEMAPS
from rasad.crawler.encoding import decode_html

RASAD = [sys.executable, "-m", "rasad"]
DEFAULT_DELAY_SECONDS = 1.0  # Settings.crawl_delay_seconds
CRAWL_TIMEOUT_SECONDS = 600
REPORTED_ROUNDS = (1, 10, 25, 50, 75, 100)
NEW_PER_FEED_REQUEST = 2
FEED_ITEMS = 20
TOPICS = """
[[topic]]
id = "hol"
name = "مخيم الهول"
query = '"مخيم الهول" OR داعش'
recipients = ["analyst@example.org"]

[[topic]]
id = "water"
name = "المياه"
query = 'المياه OR مياه* NOT "كرة القدم"'
recipients = ["analyst@example.org"]
"""


# --- part 1: rasad crawl -------------------------------------------------------------------


@dataclass(frozen=True)
class CrawlRun:
    label: str
    wall_seconds: float
    cpu_seconds: float
    stored: int  # articles of this pass
    crawl_seconds: float  # the source's own crawl, from its row (start-up excluded)

    @property
    def pages_per_second(self) -> float:
        return self.stored / self.wall_seconds

    @property
    def cpu_share(self) -> float:
        return self.cpu_seconds / self.wall_seconds


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def rasad_env(database_url: str, catalog: Path, data_dir: Path, **settings: str) -> dict[str, str]:
    return clean_environment(
        RASAD_DATABASE_URL=database_url,
        RASAD_CATALOG=str(catalog),
        RASAD_DATA_DIR=str(data_dir),
        **settings,
    )


def crawl_duration(database_url: str) -> float:
    """Seconds between the start of the last crawl and its recorded success."""
    with psycopg.connect(database_url) as conn:
        row = conn.execute(
            "SELECT extract(epoch FROM last_success_at - last_attempt_at) FROM sources"
            " WHERE id = 'big'"
        ).fetchone()
    return float(row[0]) if row and row[0] is not None else float("nan")


def run_crawl(label: str, env: dict[str, str], database_url: str) -> CrawlRun:
    before_articles = count_rows(database_url, "articles")
    before_cpu = children_cpu_seconds()
    started = time.perf_counter()
    done = subprocess.run(
        [*RASAD, "crawl"], env=env, capture_output=True, text=True,
        timeout=CRAWL_TIMEOUT_SECONDS, check=False,
    )  # fmt: skip
    wall = time.perf_counter() - started
    cpu = children_cpu_seconds() - before_cpu
    if done.returncode != 0:
        sys.exit(f"rasad crawl failed ({done.returncode}):\n{done.stderr[-2000:]}")
    stored = count_rows(database_url, "articles") - before_articles
    return CrawlRun(label, wall, cpu, stored, crawl_duration(database_url))


def bare_extraction_rate(server: OutletServer, count: int) -> float:
    """Pages per second of default trafilatura.extract over the outlet's article pages."""
    htmls = []
    for number in range(1, count + 1):
        route = server.routes[f"/news/{number}"]
        assert isinstance(route, Response)
        htmls.append(decode_html(route.body)[1])
    trafilatura.extract(htmls[0])  # warm-up
    seconds = timed(lambda: [trafilatura.extract(html) for html in htmls])
    return len(htmls) / seconds


def throughput(args: argparse.Namespace, folder: Path) -> None:
    if args.articles > MAX_SUB_SITEMAPS * 100:
        print(
            f"note: discovery reads at most {MAX_SUB_SITEMAPS} sitemaps of 100 URLs, so a crawl "
            f"finds {MAX_SUB_SITEMAPS * 100} of the {args.articles} pages"
        )
    server, catalog = build_big_outlet(args.articles, args.server_delay, folder)
    try:
        bare = bare_extraction_rate(server, args.articles)
        runs = []
        with scratch_database(args.database_url) as url:
            fast = rasad_env(
                url, catalog, folder / "data",
                RASAD_CRAWL_DELAY_SECONDS="0",
                RASAD_CONCURRENT_REQUESTS_PER_DOMAIN=str(args.concurrency),
                RASAD_MAX_ARTICLES_PER_CRAWL=str(args.articles * 2),
            )  # fmt: skip
            runs.append(run_crawl("crawl, delay 0, all pages", fast, url))
            runs.append(run_crawl("again, nothing new", fast, url))
        with scratch_database(args.database_url) as url:
            polite = rasad_env(
                url, catalog, folder / "data",
                RASAD_CONCURRENT_REQUESTS_PER_DOMAIN=str(args.concurrency),
                RASAD_MAX_ARTICLES_PER_CRAWL=str(args.polite_articles),
            )  # fmt: skip
            label = (
                f"crawl, delay {DEFAULT_DELAY_SECONDS:g} (default), {args.polite_articles} pages"
            )
            runs.append(run_crawl(label, polite, url))
    finally:
        server.stop()
    report_throughput(args, runs, bare)


def report_throughput(args: argparse.Namespace, runs: list[CrawlRun], bare: float) -> None:
    # The pass that finds nothing new costs start-up (imports, migrations check, reactor) and
    # discovery: taken off the others, what is left is the CPU spent per page (shown for runs
    # of 100 pages or more: below that, the noise of start-up is larger than the pages' share).
    fixed_cpu = runs[1].cpu_seconds
    print(
        f"\noutlet: {args.articles} article pages, {args.server_delay:g} s per response, "
        f"concurrency {args.concurrency} per outlet"
    )
    print_table(
        ["", "stored", "wall s", "crawl s", "pages/s", "CPU s", "CPU share", "CPU ms/page"],
        [
            (
                r.label, r.stored, r.wall_seconds, r.crawl_seconds, r.pages_per_second,
                r.cpu_seconds, f"{r.cpu_share:.0%}",
                f"{(r.cpu_seconds - fixed_cpu) / r.stored * 1000:.1f}" if r.stored >= 100 else "",
            )
            for r in runs
        ] + [("bare trafilatura.extract, same pages", args.articles, "", "", bare, "", "",
              f"{1000 / bare:.1f}")],
    )  # fmt: skip
    fast = runs[0]
    print(
        f"delay 0: {fast.pages_per_second:.1f} pages/s ({fast.stored / fast.crawl_seconds:.1f} "
        f"over the crawl itself) = {fast.pages_per_second / bare:.1%} of bare extraction's "
        f"pace, at a CPU share of {fast.cpu_share:.0%}"
    )


# --- part 2: the daemon's memory -----------------------------------------------------------


class GrowingOutlet:
    """Feeds that list two new articles each time they are requested, on one local server."""

    def __init__(self, sources: int, capacity: int, delay_seconds: float) -> None:
        self.server = OutletServer(fallback=self.article_page, delay=delay_seconds)
        self.texts = distinct_texts(capacity, seed=2024)
        self.published: dict[str, list[Article]] = {f"s{i}": [] for i in range(1, sources + 1)}
        self.pages: dict[str, bytes] = {}
        self.started = datetime.now(UTC)
        self.server.route("/robots.txt", robots("User-agent: *\nAllow: /\n"))
        for source_id in self.published:
            self.server.route(f"/{source_id}/feed.xml", self.feed)

    @property
    def rounds(self) -> int:
        """Crawls started so far: every crawl requests its source's feed once."""
        with self.server.lock:
            return sum(self.server.requests[f"/{s}/feed.xml"] for s in self.published)

    def feed(self, request: Request) -> Response:
        source_id = request.target.split("/")[1]
        with self.server.lock:
            for _ in range(NEW_PER_FEED_REQUEST):
                self._publish(source_id)
            latest = self.published[source_id][-FEED_ITEMS:][::-1]
        body = rss(self.server.base, [(a.url, a) for a in latest], datetime.now(UTC))
        return Response(body=body, content_type="application/rss+xml")

    def article_page(self, request: Request) -> Response:
        with self.server.lock:
            body = self.pages.get(self.server.url(request.target))
        return NOT_FOUND if body is None else Response(body=body)

    def _publish(self, source_id: str) -> None:
        number = len(self.pages) + 1
        paragraphs = self.texts[(number - 1) % len(self.texts)]
        lead = next(s for s in ORIGINAL_STORIES if paragraphs[0] in s.paragraphs)
        story = Story(f"{lead.title} ({number})", lead.byline, lead.caption, paragraphs)
        url = self.server.url(f"/{source_id}/news/{number}")
        article = article_at(url, source_id, story, self.started + timedelta(seconds=number))
        self.pages[url] = alpha_page(article).encode()
        self.published[source_id].append(article)

    def catalog(self, folder: Path) -> Path:
        return write_catalog(
            folder / "daemon-sources.toml",
            [
                {
                    "id": source_id,
                    "name": f"مصدر {source_id}",
                    "homepage": self.server.url(f"/{source_id}/"),
                    "feeds": [self.server.url(f"/{source_id}/feed.xml")],
                    "article_pattern": article_pattern(self.server, f"/{source_id}/news/\\d+"),
                    "interval": 0.05,  # minutes: the least the catalog accepts
                }
                for source_id in self.published
            ],
        )


def sample_rounds(
    daemon: subprocess.Popen[bytes], outlet: GrowingOutlet, rounds: int, deadline: float
) -> dict[int, int]:
    """VmRSS (KiB) last seen while each round was the latest one started."""
    seen: dict[int, int] = {}
    while time.monotonic() < deadline and daemon.poll() is None:
        current = outlet.rounds
        if current > rounds:
            break
        rss = rss_kib(daemon.pid)
        if rss is not None and current > 0:
            seen[current] = rss
        time.sleep(0.1)
    return seen


def stop_daemon(daemon: subprocess.Popen[bytes]) -> int | None:
    """SIGTERM, as systemd stops it; killed if it has not left within 30 s."""
    if daemon.poll() is None:
        daemon.send_signal(signal.SIGTERM)
    try:
        return daemon.wait(timeout=30)
    except subprocess.TimeoutExpired:
        daemon.kill()
        daemon.wait(timeout=10)
        return None


def memory(args: argparse.Namespace, folder: Path) -> None:
    capacity = args.rounds * NEW_PER_FEED_REQUEST + 100
    outlet = GrowingOutlet(args.sources, capacity, args.server_delay)
    topics = folder / "topics.toml"
    topics.write_text(TOPICS, encoding="utf-8")
    # Rounds come about every 3 s per source; allow twice that, plus start-up.
    deadline_seconds = args.rounds * 3 / args.sources * 2 + 60
    try:
        with scratch_database(args.database_url) as url:
            env = rasad_env(
                url, outlet.catalog(folder), folder / "daemon-data",
                RASAD_TOPICS=str(topics), RASAD_CRAWL_DELAY_SECONDS="0",
            )  # fmt: skip
            log = (folder / "daemon.log").open("wb")
            started = time.monotonic()
            daemon = subprocess.Popen([*RASAD, "run"], env=env, stdout=log, stderr=log)
            try:
                seen = sample_rounds(daemon, outlet, args.rounds, started + deadline_seconds)
            finally:
                status = stop_daemon(daemon)
                log.close()
            elapsed = time.monotonic() - started
            stored = count_rows(url, "articles")
            matches = count_rows(url, "topic_matches")
    finally:
        outlet.server.stop()
    report_memory(seen, elapsed, stored, matches, status, folder / "daemon.log", args)


def report_memory(
    seen: dict[int, int],
    elapsed: float,
    stored: int,
    matches: int,
    status: int | None,
    log: Path,
    args: argparse.Namespace,
) -> None:
    ran = max(seen, default=0)
    print(
        f"\ndaemon: {ran} rounds (crawls) in {elapsed:.0f} s, {stored} articles stored, "
        f"{matches} topic matches, exit status after SIGTERM: {status}"
    )
    if ran == 0:
        print(log.read_text(encoding="utf-8", errors="replace")[-3000:])
        return
    # Rounds of several sources can start within one sample: take the nearest round sampled.
    reported = (
        range(args.report_every, ran, args.report_every) if args.report_every else REPORTED_ROUNDS
    )
    marks = sorted({_sampled(seen, r) for r in (1, *reported) if r < ran} | {ran})
    print_table(["after round", "RSS MiB"], [(str(r), seen[r] / 1024) for r in marks])
    base = _sampled(seen, args.baseline_round)
    growth = (seen[ran] - seen[base]) / seen[base]
    print(f"growth from round {base} to round {ran}: {growth:+.1%} (target: flat)")


def _sampled(seen: dict[int, int], round_number: int) -> int:
    """The last round sampled at or before ``round_number``, else the first one sampled."""
    return max((r for r in seen if r <= round_number), default=min(seen))


def arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_SERVER_URL, help="server to use")
    parser.add_argument("--articles", type=int, default=500, help="pages of the outlet")
    parser.add_argument("--server-delay", type=float, default=0.2, help="seconds per response")
    parser.add_argument("--concurrency", type=int, default=2, help="requests per outlet")
    parser.add_argument("--polite-articles", type=int, default=10, help="pages at delay 1 s")
    parser.add_argument("--rounds", type=int, default=100, help="daemon crawls to watch")
    parser.add_argument("--sources", type=int, default=5, help="daemon sources, 3 s apart each")
    parser.add_argument("--skip-crawl", action="store_true", help="only the daemon's memory")
    parser.add_argument("--skip-daemon", action="store_true", help="only the crawl")
    parser.add_argument("--report-every", type=int, default=0, help="RSS every N rounds")
    parser.add_argument("--baseline-round", type=int, default=10, help="growth measured from")
    return parser


def main(argv: list[str] | None = None) -> None:
    args = arguments().parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rasad-bench-") as tmp:
        if not args.skip_crawl:
            throughput(args, Path(tmp))
        if not args.skip_daemon:
            memory(args, Path(tmp))


if __name__ == "__main__":
    main()
