"""Precision and recall of Rasad's Arabic analysis against the alternatives, on one labelled set.

    python benchmarks/analysis_quality.py [--database postgresql://postgres@127.0.0.1:5432/test]

Every matcher answers the same (query, sentence) cases of tests/alerts/data/arabic_match_cases.tsv
in the same run:

- Rasad: `parse_query(query).matches(analyse_document(sentence))`;
- PostgreSQL: `to_tsvector('arabic', sentence) @@ plainto_tsquery('arabic', query)`,
  `phraseto_tsquery` for phrases and `to_tsquery('arabic', word || ':*')` for prefixes;
- Snowball's Arabic stemmer (and Tashaphyne's light stemmer, when installed) on Rasad's
  normalised tokens, so that only the stemming differs.

It also times analysing an article and matching 1,000 topics against it.
"""

import argparse
import csv
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import psycopg

from rasad.alerts.analysis import analyse_document, tokenize, word_forms
from rasad.alerts.query import parse_query

CASES = Path(__file__).resolve().parents[1] / "tests" / "alerts" / "data" / "arabic_match_cases.tsv"

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


def load_cases() -> list[Case]:
    with CASES.open(encoding="utf-8", newline="") as file:
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
        recall=true_positives / relevant,
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


def timings(article: str, cases: Sequence[Case]) -> tuple[float, float, float]:
    """Milliseconds to analyse an article (with an empty and a warm word cache) and to match
    1,000 topics against it."""
    queries = [parse_query(case.query) for case in cases]
    topics = [queries[i % len(queries)] for i in range(1000)]
    word_forms.cache_clear()
    started = time.perf_counter()
    doc = analyse_document(article)
    cold = time.perf_counter() - started
    analyse_runs, match_runs = [], []
    for _ in range(20):
        started = time.perf_counter()
        doc = analyse_document(article)
        analysed = time.perf_counter()
        for topic in topics:
            topic.matches(doc)
        analyse_runs.append(analysed - started)
        match_runs.append(time.perf_counter() - analysed)
    warm, matching = statistics.median(analyse_runs), statistics.median(match_runs)
    return cold * 1000, warm * 1000, matching * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--misses", action="store_true", help="list the cases Rasad gets wrong")
    args = parser.parse_args()

    cases = load_cases()
    negatives = sum(not case.expected for case in cases)
    print(f"{len(cases)} labelled cases ({len(cases) - negatives} should match, {negatives} not)")
    scores = [score("Rasad", cases, rasad_matcher)]
    with psycopg.connect(args.database) as conn:
        scores.append(score("PostgreSQL arabic", cases, postgres_matcher(conn)))
    scores += [score(name, cases, matcher) for name, matcher in library_matchers().items()]

    print(f"{'matcher':<36} {'precision':>9} {'recall':>7} {'errors':>7}")
    for result in scores:
        print(
            f"{result.name:<36} {result.precision:>9.3f} {result.recall:>7.3f} {len(result.misses):>7}"
        )
    article = " ".join(case.sentence for case in cases[:150])  # about 700 words
    cold, warm, matching = timings(article, cases)
    print(
        f"analyse a {len(tokenize(article))}-word article: {cold:.2f} ms (empty word cache), {warm:.2f} ms (warm); "
        f"match 1,000 topics against it: {matching:.2f} ms"
    )
    if args.misses:
        for case in scores[0].misses:
            wanted = "should match" if case.expected else "should not match"
            print(f"  {case.kind:<14} {case.query} {wanted}: {case.sentence}")


if __name__ == "__main__":
    main()
