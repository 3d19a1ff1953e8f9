"""How well boilerplate learned per outlet cleans a new outlet, and what true text it costs.

    python benchmarks/learned_boilerplate.py [--database-url postgresql://postgres@127.0.0.1:5432/test]
                                             [--pages 30]

One generated outlet (tests/outlets/build.py's ``block_outlet``): ``--pages`` articles of
varied paragraphs, each carrying a two-line block the general rules have never seen (a partner
disclaimer, a newsletter plug), three sharing a quote, three a syndicated paragraph and five a
background paragraph. The pages go through ``ingest_page`` in publication order with the
source's window, as one crawl of a new outlet does, into a scratch database; then the stored
texts are read back. For Rasad's settings and beside them other thresholds:

- clean: articles whose stored text holds no line of the block;
- true lines lost: true paragraphs missing from the stored texts (each copy counts);
- quote / syndicated / background: copies of each shared sentence that were kept.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass

import psycopg
from _common import DEFAULT_SERVER_URL, print_table, register_sources, scratch_database
from outlets.build import BlockOutlet, block_outlet
from psycopg import sql

from rasad.crawler.catalog import Source
from rasad.crawler.extract import ExtractedArticle, extract_page
from rasad.crawler.ingest import ingest_page
from rasad.crawler.learned import MIN_ARTICLES, MIN_SHARE, WINDOW_ARTICLES, SourceLines

SOURCE = Source(id="horizon", name="الأفق", homepage="https://horizon.example/")


@dataclass(frozen=True)
class Setting:
    label: str
    min_articles: int
    min_share: float
    learn: bool = True


SETTINGS = (
    Setting("rules only (no learning)", 0, 0.0, learn=False),
    Setting(f"Rasad: {MIN_ARTICLES} articles and {MIN_SHARE:.0%}", MIN_ARTICLES, MIN_SHARE),
    Setting("2 articles", 2, 0.0),
    Setting("3 articles", 3, 0.0),
    Setting("4 articles, no share", 4, 0.0),
    Setting("5 articles and 20%", 5, 0.2),
)


def run(url: str, outlet: BlockOutlet, setting: Setting) -> tuple[list[object], float]:
    """Ingest every page with ``setting`` into a clean schema; the row of figures, ms/page."""
    with psycopg.connect(url) as conn:
        conn.execute("TRUNCATE articles, clusters, seen_urls, article_line_keys CASCADE")
        conn.commit()
        lines = (
            SourceLines(
                SOURCE.id,
                window=WINDOW_ARTICLES,
                min_articles=setting.min_articles,
                min_share=setting.min_share,
            )
            if setting.learn
            else None
        )
        started = time.perf_counter()
        for page_url, html in outlet.pages:
            ingest_page(conn, html.encode(), page_url, SOURCE, learned=lines)
        seconds = time.perf_counter() - started
        stored = dict(conn.execute(sql.SQL("SELECT canonical_url, text FROM articles")).fetchall())
    texts = [stored.get(article.url, "") for article in outlet.articles]
    clean = sum(not any(line in text for line in outlet.block) for text in texts)
    lost = sum(
        paragraph not in text
        for article, text in zip(outlet.articles, texts, strict=True)
        for paragraph in article.paragraphs
    )
    kept = [
        f"{sum(s in t for t in texts)}/{sum(s in a.paragraphs for a in outlet.articles)}"
        for s in outlet.shared
    ]
    return [setting.label, f"{clean}/{len(texts)}", lost, *kept], 1000 * seconds / len(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_SERVER_URL, help="server to use")
    parser.add_argument("--pages", type=int, default=30, help="articles of the outlet")
    args = parser.parse_args()
    outlet = block_outlet(args.pages, "https://horizon.example")
    alone = [extract_page(html.encode(), url, SOURCE) for url, html in outlet.pages]
    with_block = sum(
        isinstance(a, ExtractedArticle) and all(line in a.text for line in outlet.block)
        for a in alone
    )
    print(f"{args.pages} pages; the general rules leave the block in {with_block} of them")
    rows, costs = [], {}
    with scratch_database(args.database_url) as url:
        register_sources(url, [SOURCE])
        for setting in SETTINGS:
            row, ms = run(url, outlet, setting)
            rows.append(row)
            costs[setting.label] = ms
    print_table(
        ["setting", "clean", "true lines lost", "quote kept", "syndicated kept",
         "background kept"],
        rows,
    )  # fmt: skip
    print(
        "ingest ms/page: "
        + ", ".join(f"{label} {ms:.1f}" for label, ms in costs.items())
        + f" (median {statistics.median(costs.values()):.1f}); window {WINDOW_ARTICLES} articles"
    )


if __name__ == "__main__":
    main()
