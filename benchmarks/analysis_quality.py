"""Precision and recall of Rasad's Arabic analysis beside the alternatives, and its size and cost.

    python benchmarks/analysis_quality.py [--database-url postgresql://postgres@127.0.0.1:5432/test]
                                          [--sets old,dev,heldout] [--misses SET] [--by-kind]

Every matcher answers the same (query, sentence) cases in the same run, on each labelled set:
``old`` (tests/alerts/data/arabic_match_cases.tsv, the 418 cases the first rules were written
on), ``dev`` and ``heldout`` (tests/alerts/data/arabic_cases/, split before any rule was
written; rules are tuned on dev only) and ``unseen`` (arabic_cases/unseen.tsv, 1018 cases
written on 2026-12-03 after the dev/heldout rules, mostly on query words none of the other
sets uses; not in the default ``--sets``, ask for it with ``--sets unseen``), split in
``unseen_dev`` (misses may be read while rules are written) and ``unseen_test`` (only
scored):

- Rasad: `parse_query(query).matches(analyse_document(sentence))`;
- PostgreSQL: `to_tsvector('arabic', sentence) @@ plainto_tsquery('arabic', query)`,
  `phraseto_tsquery` for phrases and `to_tsquery('arabic', word || ':*')` for prefixes;
- Snowball's Arabic stemmer (and Tashaphyne's light stemmer, when installed) on Rasad's
  normalised tokens, so that only the stemming differs.

Then the size of what is stored, on the fixture article pages (shared/fixtures, tests/crawler
pages and tests/crawler/data/outlet_pages): distinct lexemes per article and bytes of the
tsvector, Rasad's beside PostgreSQL's `arabic` configuration; and the cost of the analysis:
building the lexicon, loading it when kept, analysing an article with an empty and a warm
word cache.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import psycopg
from _common import DEFAULT_SERVER_URL, ROOT, bench_source, fixture_pages

from rasad.alerts import lexicon as lexicon_module
from rasad.alerts.analysis import analyse_document, clear_caches, tokenize, tsvector_literal
from rasad.alerts.query import parse_query
from rasad.alerts.spelling import fold_word
from rasad.crawler.extract import ExtractedArticle, extract_page

DATA = ROOT / "tests" / "alerts" / "data"
SETS = {
    "old": DATA / "arabic_match_cases.tsv",
    "dev": DATA / "arabic_cases" / "dev.tsv",
    "heldout": DATA / "arabic_cases" / "heldout.tsv",
    "unseen": DATA / "arabic_cases" / "unseen.tsv",
    "unseen_dev": DATA / "arabic_cases" / "unseen_dev.tsv",
    "unseen_test": DATA / "arabic_cases" / "unseen_test.tsv",
}
OUTLET_PAGES = ROOT / "tests" / "crawler" / "data" / "outlet_pages"

Matcher = Callable[[str, str], bool]


@dataclass(frozen=True)
class Case:
    query: str
    sentence: str
    expected: bool
    kind: str


@dataclass(frozen=True)
class Score:
    name: str
    precision: float
    recall: float
    misses: tuple[Case, ...]


def load_cases(path: Path) -> list[Case]:
    with path.open(encoding="utf-8", newline="") as file:
        rows = csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Case(r["query"], r["sentence"], r["expected"] == "1", r["kind"]) for r in rows]


def score(name: str, cases: Sequence[Case], matcher: Matcher) -> Score:
    answers = [(case, matcher(case.query, case.sentence)) for case in cases]
    true_positives = sum(case.expected and got for case, got in answers)
    predicted = sum(got for _, got in answers)
    relevant = sum(case.expected for case in cases)
    return Score(
        name,
        precision=true_positives / predicted if predicted else 0.0,
        recall=true_positives / relevant if relevant else 0.0,
        misses=tuple(case for case, got in answers if got != case.expected),
    )


def rasad_matcher(query: str, sentence: str) -> bool:
    return parse_query(query).matches(analyse_document(sentence))


def postgres_matcher(conn: psycopg.Connection) -> Matcher:
    """PostgreSQL's own `arabic` configuration, as a user of plain full-text search gets it."""

    def matches(query: str, sentence: str) -> bool:
        words = query.strip('"').split()
        if any(word.endswith("*") for word in words):
            text = " <-> ".join(
                word.rstrip("*") + (":*" if word.endswith("*") else "") for word in words
            )
            tsquery = "to_tsquery('arabic', %(q)s)"
        elif query.startswith('"'):
            text, tsquery = " ".join(words), "phraseto_tsquery('arabic', %(q)s)"
        else:
            text, tsquery = query, "plainto_tsquery('arabic', %(q)s)"
        row = conn.execute(
            f"SELECT to_tsvector('arabic', %(s)s) @@ {tsquery}", {"s": sentence, "q": text}
        ).fetchone()
        return bool(row and row[0])

    return matches


def stemmer_matcher(stem: Callable[[str], str]) -> Matcher:
    """A stemmer applied to Rasad's normalised tokens; phrases need consecutive stems."""

    def matches(query: str, sentence: str) -> bool:
        stems = [stem(token) for token in tokenize(sentence)]
        pattern = [
            (stem(token), word.endswith("*"))
            for word in query.strip('"').split()
            for token in tokenize(word.rstrip("*"))
        ]
        return any(
            all(
                start + i < len(stems)
                and (stems[start + i].startswith(wanted) if prefix else stems[start + i] == wanted)
                for i, (wanted, prefix) in enumerate(pattern)
            )
            for start in range(len(stems))
        )

    return matches


def library_matchers() -> dict[str, Matcher]:
    matchers: dict[str, Matcher] = {}
    try:
        import snowballstemmer
    except ImportError:
        print("snowballstemmer is not installed: its figures are left out")
    else:
        snowball = snowballstemmer.stemmer("arabic")
        matchers["Snowball arabic (normalised)"] = stemmer_matcher(snowball.stemWord)
    try:
        from tashaphyne.stemming import ArabicLightStemmer
    except ImportError:
        print("tashaphyne is not installed: its figures are left out")
    else:
        light = ArabicLightStemmer()
        matchers["Tashaphyne light stem (normalised)"] = stemmer_matcher(light.light_stem)
    return matchers


def print_scores(label: str, cases: list[Case], scores: list[Score]) -> None:
    negatives = sum(not case.expected for case in cases)
    print(f"\n{label}: {len(cases)} cases ({len(cases) - negatives} should match, {negatives} not)")
    print(f"{'matcher':<36} {'precision':>9} {'recall':>7} {'errors':>7}")
    for result in scores:
        print(
            f"{result.name:<36} {result.precision:>9.3f} {result.recall:>7.3f} {len(result.misses):>7}"
        )


def print_kinds(cases: list[Case], rasad: Score) -> None:
    """Rasad's figures per kind of case: true and false positives, misses, true negatives."""
    missed = set(map(id, rasad.misses))
    counts: dict[str, Counter[str]] = {}
    for case in cases:
        right = id(case) not in missed
        outcome = ("tp" if right else "fn") if case.expected else ("tn" if right else "fp")
        counts.setdefault(case.kind, Counter())[outcome] += 1
    print(f"  {'kind':<18} {'tp':>4} {'fp':>4} {'fn':>4} {'tn':>4} {'precision':>9} {'recall':>7}")
    for kind, c in sorted(counts.items()):
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        print(
            f"  {kind:<18} {c['tp']:>4} {c['fp']:>4} {c['fn']:>4} {c['tn']:>4}"
            f" {precision:>9.3f} {recall:>7.3f}"
        )


def articles() -> list[str]:
    """Title and text of every fixture page that extracts as an article."""
    source = bench_source()
    pages = [(page.body, page.url) for page in fixture_pages()]
    pages += [
        (path.read_bytes(), f"https://outlet.example/{path.stem}")
        for path in sorted(OUTLET_PAGES.glob("*.html"))
    ]
    texts = []
    for body, url in pages:
        extracted = extract_page(body, url, source)
        if isinstance(extracted, ExtractedArticle):
            texts.append(f"{extracted.title}\n{extracted.text}")
    return texts


def print_sizes(conn: psycopg.Connection, texts: list[str]) -> None:
    """Lexemes and bytes of the stored tsvector per article, and the GIN index over them all
    (each article repeated 30 times, so the index outgrows its first pages), Rasad's beside
    PostgreSQL's `arabic` configuration."""
    conn.execute("CREATE TEMP TABLE sizes (ours tsvector, theirs tsvector) ON COMMIT DROP")
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO sizes SELECT %s::tsvector, to_tsvector('arabic', %s)"
            " FROM generate_series(1, 30)",
            [(tsvector_literal(analyse_document(text)), text) for text in texts],
        )
    conn.execute("CREATE INDEX sizes_ours ON sizes USING gin (ours)")
    conn.execute("CREATE INDEX sizes_theirs ON sizes USING gin (theirs)")
    row = conn.execute(
        "SELECT avg(length(ours)), avg(pg_column_size(ours)), avg(length(theirs)),"
        " avg(pg_column_size(theirs)), pg_relation_size('sizes_ours'),"
        " pg_relation_size('sizes_theirs') FROM sizes"
    ).fetchone()
    assert row is not None
    words = statistics.mean(len(tokenize(text)) for text in texts)
    print(f"\n{len(texts)} fixture articles, {words:.0f} words each on average")
    print(f"{'per article':<20} {'lexemes':>8} {'tsvector bytes':>15} {'GIN kB (x30)':>13}")
    print(f"{'Rasad':<20} {row[0]:>8.0f} {row[1]:>15.0f} {row[4] / 1024:>13.0f}")
    print(f"{'PostgreSQL arabic':<20} {row[2]:>8.0f} {row[3]:>15.0f} {row[5] / 1024:>13.0f}")
    conn.rollback()


def print_costs(texts: list[str]) -> None:
    started = time.perf_counter()
    lexicon_module.build_lexicon(fold_word)
    built = time.perf_counter() - started
    lexicon_module.lexicon.cache_clear()
    started = time.perf_counter()
    lexicon_module.lexicon()
    loaded = time.perf_counter() - started
    cold, warm = [], []
    for text in texts:
        clear_caches()
        started = time.perf_counter()
        analyse_document(text)
        cold.append(time.perf_counter() - started)
        started = time.perf_counter()
        analyse_document(text)
        warm.append(time.perf_counter() - started)
    print(
        f"\nlexicon: built from the data sets in {built * 1000:.0f} ms, loaded when kept in"
        f" {loaded * 1000:.0f} ms"
    )
    print(
        f"analyse an article: {statistics.mean(cold) * 1000:.2f} ms (empty word cache),"
        f" {statistics.mean(warm) * 1000:.2f} ms (warm)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_SERVER_URL)
    parser.add_argument("--sets", default="old,dev,heldout", help="labelled sets, comma-separated")
    parser.add_argument("--by-kind", action="store_true", help="Rasad's figures per kind of case")
    parser.add_argument("--misses", metavar="SET", help="list the cases of SET Rasad gets wrong")
    args = parser.parse_args()

    with psycopg.connect(args.database_url) as conn:
        others = {"PostgreSQL arabic": postgres_matcher(conn), **library_matchers()}
        for name in args.sets.split(","):
            cases = load_cases(SETS[name])
            scores = [score("Rasad", cases, rasad_matcher)]
            scores += [score(label, cases, matcher) for label, matcher in others.items()]
            print_scores(name, cases, scores)
            if args.by_kind:
                print_kinds(cases, scores[0])
            if args.misses == name:
                for case in scores[0].misses:
                    wanted = "should match" if case.expected else "should not match"
                    print(f"  {case.kind:<16} {case.query} {wanted}: {case.sentence}")
        texts = articles()
        print_sizes(conn, texts)
    print_costs(texts)


if __name__ == "__main__":
    main()
