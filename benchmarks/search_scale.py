"""Search at archive scale: 50 queries through ``rasad search``'s code path on 1M articles.

    python benchmarks/search_scale.py [--articles 1000000] [--workers 2] [--regenerate]
        [--server postgresql://postgres@127.0.0.1:5432/test] [--skip-arabic] [--repeat 3]

The archive (see benchmarks/search_corpus.py) is generated once into the database
``rasad_search_scale_<articles>`` on the server and kept: a rerun with the same ``--articles``
reuses it (migrating it to the current schema), ``--regenerate`` builds it anew. Generation
drops the articles' secondary indexes, loads chunks with COPY from ``--workers`` processes
(each analysing its articles with Rasad's analysis), rebuilds the indexes, and VACUUM ANALYZEs;
then a reference table ``arabic_articles`` holds the same rows' ``to_tsvector('arabic', title
|| text)`` with its own GIN index and the same date and source columns.

Then 50 varied queries (single common and rare words, clitics, OR of 10 words, AND, phrases,
NOT, prefixes, with and without date and source filters, a deep page, --sort date) run through
``rasad.alerts.search.search``, each ``--repeat`` times (the best is kept: the machine is
shared). Printed: each query's time and hits, median / p95 / max, EXPLAIN ANALYZE of the
slowest three, the same queries through the ``arabic`` configuration (matches ranked with
ts_rank_cd, as a plain PostgreSQL full-text search does), and the sizes of the vectors and
indexes per article beside arabic's.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time

import psycopg
from psycopg import sql
from psycopg.rows import dict_row, scalar_row
from search_corpus import (
    CHUNK,
    SOURCES,
    Plan,
    analysed_pieces,
    build_corpus,
    fixed_end,
    page_texts,
    recipes,
)

from _common import PROJECT_PAGES, SHARED_PAGES, TESTS, create_database, with_database
from rasad.alerts.analysis import analyse_document, tsvector_literal
from rasad.storage.migrate import migrate
from rasad.storage.sources import SourceEntry, sync_sources

DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/test"


def database_name(articles: int) -> str:
    return f"rasad_search_scale_{articles}"


def generated(url: str, articles: int) -> bool:
    """Whether the kept database holds a finished archive of this size."""
    try:
        with psycopg.connect(url) as conn:
            done = (
                conn.cursor(row_factory=scalar_row)
                .execute("SELECT articles FROM bench_corpus WHERE finished")
                .fetchone()
            )
    except psycopg.Error:
        return False
    return done == articles


def generate(server: str, articles: int, workers: int) -> str:
    name = database_name(articles)
    url = with_database(server, name)
    create_database(server, name)
    plan = Plan(articles, fixed_end())
    with psycopg.connect(url) as conn:
        migrate(conn)
        sync_sources(
            conn, [SourceEntry(s, f"مصدر {s}", f"https://{s}.example/", 15, True) for s in SOURCES]
        )
        for statement in _SCRATCH:
            conn.execute(statement)
        conn.execute("INSERT INTO bench_corpus (articles) VALUES (%s)", (articles,))
        conn.commit()
    started = time.perf_counter()
    texts = page_texts(
        [SHARED_PAGES / "pages", PROJECT_PAGES, TESTS / "crawler" / "data" / "outlet_pages"]
    )
    corpus = build_corpus(texts)
    print(f"vocabulary: {len(corpus.words):,} words from {len(texts)} pages")
    jobs = [
        (url, corpus, kind, first, min(CHUNK, total - first + 1))
        for kind, total in (("titles", plan.titles), ("paragraphs", plan.paragraphs))
        for first in range(1, total + 1, CHUNK)
    ]
    done = 0
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for count in pool.imap_unordered(analysed_pieces, jobs):
            done += count
            print(f"\ranalysed {done:,} titles and paragraphs", end="", flush=True)
    print(f" in {time.perf_counter() - started:,.0f} s")
    with psycopg.connect(url) as conn:
        with conn.cursor().copy(
            "COPY bench_recipes (id, source_id, published_at, fetched_at, title, paragraphs,"
            " cluster_id) FROM STDIN"
        ) as copy:
            for recipe in recipes(plan):
                copy.write_row(recipe)
        conn.commit()
        indexes = _drop_secondary_indexes(conn)
        for statement in _ASSEMBLE:
            conn.execute(statement)
        conn.commit()
        print(f"assembled {articles:,} articles at {time.perf_counter() - started:,.0f} s")
        _verify_sample(conn)
    with psycopg.connect(url, autocommit=True) as conn:
        _finish(conn, indexes)
    index_arabic(url)
    print(f"generated in {time.perf_counter() - started:,.0f} s")
    return url


_SCRATCH = (
    "CREATE TABLE bench_corpus (articles int, finished bool DEFAULT false)",
    "CREATE TABLE bench_titles (id int PRIMARY KEY, body text, terms tsvector, arabic tsvector)",
    """CREATE TABLE bench_paragraphs (id int PRIMARY KEY, body text, terms tsvector,
       arabic tsvector)""",
    """CREATE TABLE bench_recipes (id bigint, source_id text, published_at timestamptz,
       fetched_at timestamptz, title int, paragraphs int[], cluster_id bigint)""",
    # tsvector || tsvector shifts the right one's positions past the left one's last: the
    # terms of "title\nparagraph\n\nparagraph" are the concatenation of theirs.
    """CREATE AGGREGATE bench_concat(tsvector) (
       sfunc = tsvector_concat, stype = tsvector, initcond = '')""",
)
_ASSEMBLE = (
    "UPDATE bench_titles SET arabic = to_tsvector('arabic', body)",
    "UPDATE bench_paragraphs SET arabic = to_tsvector('arabic', body)",
    """
    INSERT INTO clusters (id, first_article_id, first_published_at, last_published_at,
                          article_count, source_ids)
    SELECT cluster_id, min(id), min(published_at), max(published_at), count(*),
           array_agg(DISTINCT source_id ORDER BY source_id)
    FROM bench_recipes GROUP BY cluster_id
    """,
    """
    INSERT INTO articles (id, source_id, url, canonical_url, title, published_at, fetched_at,
                          language, text, content_hash, cluster_id, cluster_head, terms)
    SELECT r.id, r.source_id,
           format('https://www.%s.example/news/%s?utm_source=rss&fbclid=x%s', r.source_id,
                  r.id, r.id),
           format('https://%s.example/news/%s', r.source_id, r.id),
           t.body, r.published_at, r.fetched_at, 'ar', body.text,
           md5(r.id::text || body.text), r.cluster_id, r.id = r.cluster_id,
           t.terms || body.terms
    FROM bench_recipes r
    JOIN bench_titles t ON t.id = r.title
    CROSS JOIN LATERAL (
        SELECT string_agg(p.body, E'\n\n' ORDER BY o.n) AS text,
               bench_concat(p.terms ORDER BY o.n) AS terms
        FROM unnest(r.paragraphs) WITH ORDINALITY o (paragraph, n)
        JOIN bench_paragraphs p ON p.id = o.paragraph
    ) body
    ORDER BY r.id
    """,
    # The reference: the same rows under PostgreSQL's arabic configuration, assembled the
    # same way from each piece's to_tsvector('arabic', ...).
    """
    CREATE TABLE arabic_articles AS
    SELECT r.id, r.source_id, coalesce(r.published_at, r.fetched_at) AS sort_at,
           r.id = r.cluster_id AS cluster_head, t.arabic || body.terms AS terms
    FROM bench_recipes r
    JOIN bench_titles t ON t.id = r.title
    CROSS JOIN LATERAL (
        SELECT bench_concat(p.arabic ORDER BY o.n) AS terms
        FROM unnest(r.paragraphs) WITH ORDINALITY o (paragraph, n)
        JOIN bench_paragraphs p ON p.id = o.paragraph
    ) body
    ORDER BY r.id
    """,
    "DROP TABLE bench_recipes, bench_titles, bench_paragraphs",
)


def _verify_sample(conn: psycopg.Connection, sample: int = 300) -> None:
    """Check that the assembled terms are what Rasad's analysis makes of the article."""
    rows = conn.execute(
        "SELECT id, title, text, terms::text FROM articles ORDER BY random() LIMIT %s", (sample,)
    ).fetchall()
    for article_id, title, text, _ in rows:
        expected = tsvector_literal(analyse_document(f"{title}\n{text}"))
        same = conn.execute(
            "SELECT terms = %s::tsvector FROM articles WHERE id = %s", (expected, article_id)
        ).fetchone()
        if not same or not same[0]:
            raise SystemExit(f"article {article_id}: assembled terms differ from the analysis")
    print(f"verified: {len(rows)} sampled articles' terms equal Rasad's analysis of their text")


def _drop_secondary_indexes(conn: psycopg.Connection) -> list[str]:
    """Drop the articles' indexes that back no constraint; their definitions, to rebuild."""
    rows = conn.execute(
        """
        SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.tablename = 'articles'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
        """
    ).fetchall()
    for index_name, _ in rows:
        conn.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(index_name)))
    conn.commit()
    return [definition for _, definition in rows]


def _finish(conn: psycopg.Connection, indexes: list[str]) -> None:
    # A build-time setting only: the searches run with the server's defaults.
    conn.execute("SET maintenance_work_mem = '1GB'")
    for definition in indexes:
        print(f"  {definition}")
        conn.execute(definition)  # the server's own pg_indexes text
    conn.execute("SELECT setval('articles_id_seq', (SELECT max(id) FROM articles))")
    conn.execute("SELECT setval('clusters_id_seq', (SELECT max(id) FROM clusters))")
    conn.execute("VACUUM ANALYZE")


def index_arabic(url: str) -> None:
    """The reference table's own indexes: GIN on its terms, date order, and source."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '1GB'")
        conn.execute("ALTER TABLE arabic_articles ADD PRIMARY KEY (id)")
        conn.execute("CREATE INDEX arabic_articles_terms_idx ON arabic_articles USING gin (terms)")
        conn.execute(
            "CREATE INDEX arabic_articles_sort_idx ON arabic_articles (sort_at DESC, id DESC)"
        )
        conn.execute(
            "CREATE INDEX arabic_articles_source_idx"
            " ON arabic_articles (source_id, sort_at DESC, id DESC)"
        )
        conn.execute("VACUUM ANALYZE arabic_articles")
        conn.execute("UPDATE bench_corpus SET finished = true")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--server", default=DEFAULT_SERVER)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--generate-only", action="store_true")
    args = parser.parse_args()
    url = with_database(args.server, database_name(args.articles))
    if args.regenerate or not generated(url, args.articles):
        generate(args.server, args.articles, args.workers)
    with psycopg.connect(url) as conn:
        migrate(conn)
    if args.generate_only:
        return
    with psycopg.connect(url, row_factory=dict_row) as conn:
        print(conn.execute("SELECT count(*) FROM articles").fetchone())


if __name__ == "__main__":
    sys.exit(main())
