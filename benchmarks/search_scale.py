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
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, ClassVar

import psycopg
from _common import (
    PROJECT_PAGES,
    ROOT,
    SHARED_PAGES,
    TESTS,
    create_database,
    print_table,
    with_database,
)
from harness import clean_environment
from psycopg import sql
from psycopg.rows import scalar_row
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

from rasad.alerts.analysis import ARABIC_LETTER, analyse_document, tokenize, tsvector_literal
from rasad.alerts.query import parse_query
from rasad.alerts.search import SearchRequest, search
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
                          language, text, content_hash, cluster_id, terms)
    SELECT r.id, r.source_id,
           format('https://www.%s.example/news/%s?utm_source=rss&fbclid=x%s', r.source_id,
                  r.id, r.id),
           format('https://%s.example/news/%s', r.source_id, r.id),
           t.body, r.published_at, r.fetched_at, 'ar', body.text,
           md5(r.id::text || body.text), r.cluster_id,
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
           r.cluster_id, t.arabic || body.terms AS terms
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


# -- the queries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One benchmark query: a label, the request, and how many pages deep it is read."""

    label: str
    request: SearchRequest
    pages: int = 1


def _arabic_words(corpus_words: tuple[str, ...]) -> list[str]:
    """Vocabulary words that are one normalised Arabic token of four letters or more."""
    found = []
    for word in corpus_words:
        tokens = tokenize(word)
        if len(tokens) == 1 and len(tokens[0]) >= 4 and ARABIC_LETTER.search(word):
            found.append(word)
    return found


def cases(corpus_words: tuple[str, ...], phrases: list[str], end: datetime) -> list[Case]:
    """Fifty queries across the kinds an analyst types, from the generated vocabulary by rank:
    common (ranks 0-40 of the 4+ letter words), middling (300-2,000), rare (past 20,000)."""
    words = _arabic_words(corpus_words)
    common, middle, rare = words[:40], words[300:2000:40], words[20000::400]
    month, week = end - timedelta(days=30), end - timedelta(days=7)
    year_start, year_end = end - timedelta(days=500), end - timedelta(days=400)
    r = SearchRequest
    out = [Case(f"common {w}", r(w)) for w in common[:5]]
    out += [Case(f"middling {w}", r(w)) for w in middle[:5]]
    out += [Case(f"rare {w}", r(w)) for w in rare[:5]]
    out += [
        Case("clitic وال+", r("وال" + middle[6].removeprefix("ال"))),
        Case("clitic بال+", r("بال" + middle[7].removeprefix("ال"))),
        Case("clitic ل+", r("ل" + common[6])),
        Case("OR of 10 middling", r(" OR ".join(middle[10:20]))),
        Case("OR of 10 common", r(" OR ".join(common[10:20]))),
        Case("OR of 10 rare", r(" OR ".join(rare[5:15]))),
        Case("AND common common", r(f"{common[1]} {common[2]}")),
        Case("AND common middling", r(f"{common[3]} AND {middle[8]}")),
        Case("AND middling middling", r(f"{middle[9]} {middle[10]}")),
        Case("AND middling rare", r(f"{middle[11]} {rare[1]}")),
    ]
    out += [Case(f"phrase {p}", r(f'"{p}"')) for p in phrases[:4]]
    out += [
        Case("NOT common", r(f"{common[4]} NOT {common[5]}")),
        Case("NOT middling", r(f"{middle[12]} NOT {middle[13]}")),
        Case("NOT rare", r(f"{middle[14]} NOT {rare[2]}")),
        Case("prefix common", r(common[7][:4] + "*")),
        Case("prefix middling", r(middle[15][:5] + "*")),
        Case("prefix rare", r(rare[3][:5] + "*")),
        Case("common, last 30 days", r(common[0], since=month)),
        Case("middling, last 30 days", r(middle[1], since=month)),
        Case("rare, last 7 days", r(rare[0], since=week)),
        Case("common, 100 days a year ago", r(common[1], since=year_start, until=year_end)),
        Case("middling, 100 days a year ago", r(middle[2], since=year_start, until=year_end)),
        Case("common, busiest source", r(common[0], sources=("src01",))),
        Case("middling, quietest source", r(middle[0], sources=("src40",))),
        Case("middling, two sources", r(middle[3], sources=("src02", "src17"))),
        Case("rare, a source, 30 days", r(rare[4], sources=("src03",), since=month)),
        Case("common, page 10", r(common[2]), pages=10),
        Case("middling, date, page 10", r(middle[4], sort="date"), pages=10),
        Case("common, date", r(common[0], sort="date")),
        Case("middling, date", r(middle[5], sort="date")),
        Case("rare, date", r(rare[1], sort="date")),
        Case("OR of 10 middling, date", r(" OR ".join(middle[20:30]), sort="date")),
        Case("middling, every copy", r(middle[16], collapse=False)),
        Case("common, limit 100", r(common[3], limit=100)),
    ]
    return out


class RecordingCursor(psycopg.Cursor[Any]):
    """Remembers the statements a search runs, to EXPLAIN the slowest afterwards."""

    statements: ClassVar[list[tuple[Any, Any]]] = []

    def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
        RecordingCursor.statements.append((query, params))
        return super().execute(query, params, **kwargs)


def run_case(conn: psycopg.Connection, case: Case) -> tuple[float, int]:
    """Seconds for the case's last page (earlier pages only fetch its cursor), and its hits."""
    request = case.request
    for _ in range(case.pages - 1):
        page = search(conn, request)
        request = replace(request, after=page.next_cursor)
    RecordingCursor.statements = []
    started = time.perf_counter()
    page = search(conn, request)
    return time.perf_counter() - started, len(page.hits)


def arabic_query(request: SearchRequest) -> tuple[sql.Composed, dict[str, Any]]:
    """The same request over the arabic configuration: every match ranked, as a plain
    PostgreSQL full-text search does, or newest first; collapsed, each cluster by its best
    (or newest) match, chosen among every match; a deep page by OFFSET."""
    query = parse_query(request.query)
    conditions = [sql.SQL("terms @@ to_tsquery('arabic', %(q)s)")]
    if request.sources:
        conditions.append(sql.SQL("source_id = ANY(%(sources)s)"))
    if request.since:
        conditions.append(sql.SQL("sort_at >= %(since)s"))
    if request.until:
        conditions.append(sql.SQL("sort_at < %(until)s"))
    order = (
        sql.SQL("sort_at DESC, id DESC")
        if request.sort == "date"
        else sql.SQL("rank DESC, sort_at DESC, id DESC")
    )
    matches = sql.SQL(
        """SELECT id, cluster_id, sort_at, ts_rank_cd(terms, to_tsquery('arabic', %(q)s)) AS rank
           FROM arabic_articles WHERE {}"""
    ).format(sql.SQL(" AND ").join(conditions))
    if request.collapse:
        matches = sql.SQL(
            "SELECT DISTINCT ON (cluster_id) * FROM ({}) m ORDER BY cluster_id, {}"
        ).format(matches, order)
    statement = sql.SQL(
        "SELECT id FROM ({}) m ORDER BY {} LIMIT %(limit)s OFFSET %(offset)s"
    ).format(matches, order)
    return statement, {
        "q": query.to_tsquery(),
        "sources": list(request.sources),
        "since": request.since,
        "until": request.until,
        "limit": request.limit,
        "offset": 0,
    }


def arabic_clusters(url: str) -> None:
    """Give a reference table built before it held cluster ids (cluster_head) its clusters."""
    with psycopg.connect(url, autocommit=True) as conn:
        columns = conn.execute(
            """SELECT column_name FROM information_schema.columns
               WHERE table_name = 'arabic_articles'"""
        ).fetchall()
        if ("cluster_id",) in columns:
            return
        conn.execute("ALTER TABLE arabic_articles ADD COLUMN cluster_id bigint")
        conn.execute(
            "UPDATE arabic_articles x SET cluster_id = a.cluster_id FROM articles a WHERE a.id = x.id"
        )
        conn.execute("ALTER TABLE arabic_articles DROP COLUMN IF EXISTS cluster_head")
        conn.execute("VACUUM ANALYZE arabic_articles")


def run_arabic(conn: psycopg.Connection, case: Case) -> tuple[float, int]:
    statement, params = arabic_query(case.request)
    params["offset"] = case.request.limit * (case.pages - 1)
    started = time.perf_counter()
    rows = conn.execute(statement, params).fetchall()
    return time.perf_counter() - started, len(rows)


def explain(conn: psycopg.Connection, statements: list[tuple[Any, Any]]) -> None:
    for query, params in statements:
        plan = conn.execute(sql.SQL("EXPLAIN (ANALYZE, BUFFERS) ") + _composable(query), params)
        print("\n".join(row[0] for row in plan.fetchall()))
        print()


def _composable(query: Any) -> sql.Composable:
    return query if isinstance(query, sql.Composable) else sql.SQL(query)


def sizes(conn: psycopg.Connection) -> None:
    """Vectors and GIN indexes per article, Rasad's beside arabic's, and what positions cost."""
    row = conn.execute(
        """
        SELECT (SELECT count(*) FROM articles) AS articles,
               (SELECT avg(pg_column_size(terms)) FROM articles TABLESAMPLE SYSTEM (2)) AS vector,
               (SELECT avg(pg_column_size(strip(terms))) FROM articles TABLESAMPLE SYSTEM (2))
                   AS stripped,
               (SELECT avg(length(terms)) FROM articles TABLESAMPLE SYSTEM (2)) AS lexemes,
               pg_relation_size('articles_terms_idx') AS gin,
               (SELECT avg(pg_column_size(terms)) FROM arabic_articles TABLESAMPLE SYSTEM (2))
                   AS arabic_vector,
               (SELECT avg(length(terms)) FROM arabic_articles TABLESAMPLE SYSTEM (2))
                   AS arabic_lexemes,
               pg_relation_size('arabic_articles_terms_idx') AS arabic_gin,
               pg_relation_size('articles_sort_idx') AS sort_index,
               pg_total_relation_size('articles') AS articles_total
        """
    ).fetchone()
    assert row is not None
    n = row[0]
    print_table(
        ["per article", "rasad", "arabic", "ratio"],
        [
            ["lexemes", float(row[3]), float(row[6]), float(row[3]) / float(row[6])],
            ["vector bytes", float(row[1]), float(row[5]), float(row[1]) / float(row[5])],
            ["GIN index bytes", row[4] / n, row[7] / n, row[4] / row[7]],
        ],
    )
    print(
        f"without positions (strip) rasad's vector would be {float(row[2]):,.0f} bytes "
        f"({float(row[2]) / float(row[1]):.0%}); the date index is {row[8] / n:.0f} bytes an "
        f"article; articles with indexes and TOAST: {row[9] / 2**30:.1f} GiB"
    )


def shell_wall_time(url: str, word: str, runs: int = 10) -> list[float]:
    """``rasad search WORD`` from a shell, start-up included."""
    env = clean_environment(RASAD_DATABASE_URL=url)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / "rasad"), "search", word],
            env=env,
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - started)
    return times


def measure(url: str, repeat: int) -> None:
    texts = page_texts(
        [SHARED_PAGES / "pages", PROJECT_PAGES, TESTS / "crawler" / "data" / "outlet_pages"]
    )
    corpus = build_corpus(texts)
    with psycopg.connect(url) as conn:
        end = conn.execute("SELECT max(sort_at) FROM articles").fetchone()[0]
        phrases = _phrases(corpus)
        all_cases = cases(corpus.words, phrases, end)
        conn.cursor_factory = RecordingCursor
        results = []
        for case in all_cases:
            best, hits, statements = float("inf"), 0, []
            for _ in range(repeat):
                seconds, hits = run_case(conn, case)
                if seconds < best:
                    best, statements = seconds, list(RecordingCursor.statements)
            arabic_best = min(run_arabic(conn, case)[0] for _ in range(repeat))
            arabic_hits = run_arabic(conn, case)[1]
            results.append((case, best, hits, arabic_best, arabic_hits, statements))
            print(
                f"{case.label:40} {best * 1000:8.1f} ms {hits:4} hits   arabic "
                f"{arabic_best * 1000:8.1f} ms {arabic_hits:4}",
                flush=True,
            )
        conn.cursor_factory = psycopg.Cursor
        print()
        ours = sorted(r[1] for r in results)
        theirs = sorted(r[3] for r in results)
        print_table(
            ["50 queries (ms)", "median", "p95", "max"],
            [
                ["rasad search", *_summary(ours)],
                ["arabic, every match ranked", *_summary(theirs)],
            ],
        )
        print()
        for case, best, *_, statements in sorted(results, key=lambda r: -r[1])[:3]:
            print(f"== EXPLAIN ANALYZE: {case.label} ({best * 1000:.1f} ms)")
            explain(conn, statements)
        sizes(conn)
    word = _arabic_words(corpus.words)[400]
    wall = shell_wall_time(url, word)
    print(
        f"rasad search {word} from the shell: median {statistics.median(wall):.2f} s, "
        f"best {min(wall):.2f} s of {len(wall)}"
    )


def _summary(seconds: list[float]) -> list[float]:
    p95 = seconds[min(len(seconds) - 1, round(0.95 * (len(seconds) - 1)))]
    return [statistics.median(seconds) * 1000, p95 * 1000, seconds[-1] * 1000]


def _phrases(corpus: Any) -> list[str]:
    """Two- and three-word runs that the pages' sentences repeat most: news phrases."""
    counts: Counter[str] = Counter()
    for sentence in corpus.sentences:
        for n in (2, 3):
            for start in range(len(sentence) - n + 1):
                run = sentence[start : start + n]
                if all(len(word) >= 3 and ARABIC_LETTER.search(word) for word in run):
                    counts[" ".join(run)] += 1
    return [phrase for phrase, _ in counts.most_common(40)][::10]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--server", default=DEFAULT_SERVER)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--generate-only", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    url = with_database(args.server, database_name(args.articles))
    if args.regenerate or not generated(url, args.articles):
        generate(args.server, args.articles, args.workers)
    with psycopg.connect(url) as conn:
        migrate(conn)
    arabic_clusters(url)
    if args.generate_only:
        return
    print("The machine is shared: figures are the best of --repeat runs, taken while others work.")
    measure(url, args.repeat)


if __name__ == "__main__":
    sys.exit(main())
