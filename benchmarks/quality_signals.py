"""What recounting the extraction-quality signals costs the health job, by archive size.

    python benchmarks/quality_signals.py [--database-url postgresql://postgres@127.0.0.1:5432/test]
                                         [--sources 40] [--per-day 300] [--days 30] [--runs 5]

A scratch database gets ``--sources`` sources, each with ``--per-day`` articles a day over
``--days`` days (texts of 250 to 650 words, most with a byline and a date) and one skipped
page for every ten articles, written with SQL (the crawl would take hours). Then
``storage.quality.refresh_quality``, what ``check_health`` adds to every health run (once a
minute), runs ``--runs`` times; best and median are printed with the rows it reads (the last
eight days) and the archive's size.
"""

from __future__ import annotations

import argparse
import statistics
import time

import psycopg
from _common import DEFAULT_SERVER_URL, count_rows, scratch_database

from rasad.storage.quality import refresh_quality

_FILL = """
INSERT INTO sources (id, name, homepage)
SELECT 's' || n, 'مصدر ' || n, 'https://s' || n || '.example/' FROM generate_series(1, %(sources)s) n;

INSERT INTO clusters (id) SELECT generate_series(1, %(articles)s);

INSERT INTO articles (id, source_id, url, canonical_url, title, byline, published_at,
                      fetched_at, language, text, content_hash, cluster_id, terms)
SELECT i, 's' || (1 + i %% %(sources)s), 'https://x.example/' || i, 'https://x.example/' || i,
       'خبر ' || i, CASE WHEN i %% 7 = 0 THEN NULL ELSE 'محرر ' || (i %% 50) END,
       CASE WHEN i %% 11 = 0 THEN NULL ELSE now() - (i * %(step)s) * interval '1 second' END,
       now() - (i * %(step)s) * interval '1 second', 'ar',
       repeat('كلمة ', 250 + i %% 400), md5(i::text), i, ''::tsvector
FROM generate_series(1, %(articles)s) i;
SELECT setval('articles_id_seq', %(articles)s);
SELECT setval('clusters_id_seq', %(articles)s);

INSERT INTO seen_urls (canonical_url, source_id, url, outcome, reason, first_seen_at)
SELECT 'https://skip.example/' || i, 's' || (1 + i %% %(sources)s), 'https://skip.example/' || i,
       'skipped', 'not an article: 12 words of text',
       now() - (i * 10 * %(step)s) * interval '1 second'
FROM generate_series(1, %(articles)s / 10) i;
ANALYZE;
"""


def fill(url: str, sources: int, per_day: int, days: int) -> int:
    articles = sources * per_day * days
    step = 86400 * days / articles  # seconds between two articles, all sources together
    values = {"sources": sources, "articles": articles, "step": step}
    with psycopg.connect(url) as conn:
        for statement in filter(str.strip, _FILL.split(";\n")):
            conn.execute(statement, values)
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_SERVER_URL, help="server to use")
    parser.add_argument("--sources", type=int, default=40)
    parser.add_argument("--per-day", type=int, default=300, help="articles a day per source")
    parser.add_argument("--days", type=int, default=30, help="days of archive")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with scratch_database(args.database_url) as url:
        started = time.perf_counter()
        articles = fill(url, args.sources, args.per_day, args.days)
        print(f"archive: {articles} articles of {args.sources} sources over {args.days} days,"
              f" written in {time.perf_counter() - started:.0f} s")  # fmt: skip
        recent = count_rows(url, "articles", "fetched_at > now() - interval '8 days'")
        seconds = []
        with psycopg.connect(url) as conn:
            for _ in range(args.runs):
                started = time.perf_counter()
                with conn.transaction():
                    refresh_quality(conn)
                seconds.append(time.perf_counter() - started)
    print(
        f"refresh_quality over {recent} articles of the last 8 days: best"
        f" {1000 * min(seconds):.0f} ms, median {1000 * statistics.median(seconds):.0f} ms"
        f" ({args.runs} runs; the health job runs once a minute)"
    )


if __name__ == "__main__":
    main()
