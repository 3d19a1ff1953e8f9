"""Matching cost per article with 1, 100 and 1,000 topics, beside the extraction cost.

    python benchmarks/matching.py [--database-url postgresql://postgres@127.0.0.1:5432/test]
                                  [--topics 1,100,1000] [--repeats 5] [--no-database]

Articles: the fixture pages (shared/fixtures and tests/crawler/pages) that extract as articles.
Topics: generated from a pool of Arabic news words (seeded, so every run has the same ones) in
the shapes analysts write: single words, two words, "quoted phrases", OR groups in
parentheses, prefix* terms, NOT exclusions, and mixes of them.

Per article, the median of ``--repeats`` runs of:

- extraction: ``rasad.crawler.extract.extract_page`` on the page;
- matching with N topics: ``analyse_document(title + text)`` once, then ``query.matches`` for
  every topic the article's terms point to (``TopicIndex``) and ``query.matched_terms`` for
  those that match: what TopicMatcher computes. The analysis is counted here although the
  ingest path shares it with the stored search terms.
  The analyser's word cache is warm, as in a running daemon; the cold cost of analysing an
  article (cache emptied first) is shown on its own line.

Unless ``--no-database``, the whole ``TopicMatcher`` also runs in real transactions: each
article (made distinct, published now, a story of its own) is stored with ``store_article``
with and without the matcher as its ``on_new`` hook; the difference is what matching, recording matches and queueing
alert emails add to a store.

Target: with 1,000 topics, matching stays under 10% of extraction.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import psycopg
from _common import (
    DEFAULT_SERVER_URL,
    bench_source,
    fixture_pages,
    print_table,
    register_sources,
    scratch_database,
    timed,
)

from rasad.alerts.analysis import analyse_document, clear_caches
from rasad.alerts.matcher import AlertPolicy, TopicIndex, TopicMatcher
from rasad.alerts.query import parse_query
from rasad.alerts.topics import Mode, Topic
from rasad.crawler.extract import ExtractedArticle, extract_page
from rasad.crawler.ingest import new_article
from rasad.storage.articles import store_article
from rasad.storage.outbox import TopicEntry, sync_topics

if TYPE_CHECKING:
    from collections.abc import Callable

    from _common import FixturePage

    from rasad.storage.articles import NewArticle

# Words of Arabic news, in the forms analysts type them; some occur in the fixture articles.
_NEWS_TEXT = """
الحكومة وزير وزارة الرئيس رئيس البرلمان الانتخابات المعارضة الجيش الشرطة الأمن قوات
هجوم انفجار قصف غارة اشتباكات ضحايا قتلى جرحى مصابين اللاجئين النازحين مخيم المساعدات
الأمم المتحدة مجلس الأمن العقوبات الاتفاق المفاوضات الهدنة وقف إطلاق النار السلام
الاقتصاد التضخم الأسعار الدولار الجنيه الليرة البنك المركزي النفط الغاز الكهرباء المياه
القمح الخبز الزراعة الصادرات الاستثمار البطالة الموازنة الضرائب الديون صندوق النقد
الصحة كورونا المستشفى اللقاح الوباء التعليم الجامعة الطلاب الامتحانات المدارس
المحكمة القضاء السجن اعتقال محاكمة حقوق الإنسان الصحفيين الإعلام الفساد التحقيق
سوريا العراق لبنان مصر الأردن فلسطين غزة اليمن ليبيا تونس السودان الجزائر المغرب
السعودية الإمارات قطر إيران تركيا روسيا أمريكا فرنسا اليونان أوروبا أفغانستان
القاهرة دمشق بيروت بغداد الخرطوم طرابلس الرياض دبي باريس أثينا
داعش التنظيم الإرهاب المتطرفين الهول الحسكة دير الزور الرقة إدلب حلب
الفنانة مسلسل الفيلم المهرجان كرة القدم المنتخب الدوري المباراة اللاعب
العمال العمالة المصرية التأشيرات السفارة السفير الخارجية الدبلوماسية القنصلية
السيارات الكهربائية التاكسي النقل المواصلات المترو الطرق الجسور المياه الجوفية الدراسة
سرقة الشرطة الفرنسية المتحف مجوهرات السرقة اللصوص الجريمة
"""
NEWS_WORDS = tuple(_NEWS_TEXT.split())


@dataclass(frozen=True)
class Sample:
    """One fixture page, extracted, with the text topics are matched against."""

    page: FixturePage
    article: ExtractedArticle

    @property
    def text(self) -> str:
        return f"{self.article.title}\n{self.article.text}"


def topic_queries(count: int, seed: int = 1000) -> list[str]:
    """``count`` queries in the shapes of real topics, drawn from NEWS_WORDS."""
    rng = random.Random(seed)  # benchmark text, not security

    def word() -> str:
        return rng.choice(NEWS_WORDS)

    def prefix() -> str:
        return word().removeprefix("ال")[:4] + "*"

    shapes: list[Callable[[], str]] = [
        lambda: word(),
        lambda: f"{word()} {word()}",
        lambda: f'"{word()} {word()}"',
        lambda: f"({word()} OR {word()} OR {word()}) {word()}",
        lambda: f"{prefix()} {word()}",
        lambda: f"{word()} NOT {word()}",
        lambda: f'"{word()} {word()}" OR ({word()} AND {prefix()}) NOT {word()}',
        lambda: (
            f'({word()} OR "{word()} {word()}") ({word()} OR {word()}) NOT ({word()} OR {word()})'
        ),
    ]
    return [rng.choice(shapes)() for _ in range(count)]


def samples() -> list[Sample]:
    source = bench_source()
    found = []
    for page in fixture_pages():
        extracted = extract_page(page.body, page.url, source)
        if isinstance(extracted, ExtractedArticle):
            found.append(Sample(page, extracted))
    return found


def match_all(text: str, index: TopicIndex) -> int:
    """What TopicMatcher computes for one article: analysis once, the topics its terms point
    to (TopicIndex), their queries, and the matched terms of those that match."""
    document = analyse_document(text)
    hits = 0
    for topic in index.candidates(document):
        if topic.query.matches(document):
            topic.query.matched_terms(document)
            hits += 1
    return hits


def in_memory(found: list[Sample], sizes: list[int], repeats: int) -> list[tuple[object, ...]]:
    """Per-article medians; for each article, extraction and every topic count are timed in
    turn within each repeat, so a noisy moment of the machine weighs on all of them alike."""
    source = bench_source()
    topic_sets = {size: TopicIndex(topics_of(size)) for size in sizes}
    jobs: dict[str, Callable[[Sample], object]] = {
        "extract_page": lambda s: extract_page(s.page.body, s.page.url, source),
        **{f"match {n:,} topic{'s' if n > 1 else ''}": _matcher(q) for n, q in topic_sets.items()},
    }
    per_article: dict[str, list[float]] = {name: [] for name in jobs}
    for sample in found:
        runs: dict[str, list[float]] = {name: [] for name in jobs}
        for _ in range(repeats):
            for name, job in jobs.items():
                runs[name].append(timed(job, sample))
        for name in jobs:
            per_article[name].append(statistics.median(runs[name]))
    cost = {name: statistics.mean(values) for name, values in per_article.items()}
    extraction = cost["extract_page"]
    hits = {n: statistics.mean(match_all(s.text, q) for s in found) for n, q in topic_sets.items()}
    rows: list[tuple[object, ...]] = [("extract_page", "", extraction * 1000, "100%")]
    cold = _cold_analysis_seconds(found)
    rows.append(("analyse_document, empty word cache", "", cold * 1000, f"{cold / extraction:.1%}"))
    for (name, seconds), size in zip(list(cost.items())[1:], sizes, strict=True):
        rows.append((name, f"{hits[size]:.1f}", seconds * 1000, f"{seconds / extraction:.1%}"))
    return rows


def _matcher(index: TopicIndex) -> Callable[[Sample], object]:
    return lambda sample: match_all(sample.text, index)


def _cold_analysis_seconds(found: list[Sample]) -> float:
    """Analysis of each article with the word cache emptied first: a daemon's first minutes."""
    seconds = []
    for sample in found:
        clear_caches()
        seconds.append(timed(analyse_document, sample.text))
    return statistics.mean(seconds)


# --- the whole TopicMatcher, in real transactions -------------------------------------------


def topics_of(size: int) -> tuple[Topic, ...]:
    return tuple(
        Topic(
            f"t{n}",
            f"موضوع {n}",
            text,
            parse_query(text),
            ("analyst@example.org",),
            Mode("immediate"),
        )
        for n, text in enumerate(topic_queries(size))
    )


def distinct_copy(article: NewArticle, tag: str) -> NewArticle:
    """The article under its own URL and hash, published now (so alerts are emailed), and
    without a story signature: a story of its own, so every match of it is recorded."""
    url = f"{article.canonical_url.rstrip('/')}/{tag}"
    return replace(
        article,
        url=url,
        canonical_url=url,
        content_hash=f"{article.content_hash[:48]}{tag:>16}",
        published_at=datetime.now(UTC),
        signature=None,
    )


def in_transactions(
    url: str, found: list[Sample], sizes: list[int], repeats: int
) -> list[tuple[object, ...]]:
    source = bench_source()
    register_sources(url, [source])
    articles = [new_article(s.article, source.id) for s in found]
    policy = AlertPolicy(timedelta(hours=48), timedelta(minutes=10), "UTC", "bench.example")
    rows: list[tuple[object, ...]] = []
    baseline = 0.0
    with psycopg.connect(url, autocommit=True) as conn:
        for size in [0, *sizes]:
            topics = topics_of(size)
            created = sync_topics(
                conn,
                [TopicEntry(t.id, t.name, t.query_text, "immediate", t.recipients) for t in topics],
            )
            matcher = TopicMatcher(topics, created, policy) if topics else None
            runs = []
            for run in range(repeats):
                started = time.perf_counter()
                for index, article in enumerate(articles):
                    store_article(conn, distinct_copy(article, f"{size}-{run}-{index}"), matcher)
                runs.append((time.perf_counter() - started) / len(articles))
            per_article = statistics.median(runs)
            if size == 0:
                baseline = per_article
                rows.append(("store_article, no topics", per_article * 1000, ""))
            else:
                extra = per_article - baseline
                rows.append(
                    (
                        f"store_article + TopicMatcher, {size:,} topic{'s' if size > 1 else ''}",
                        per_article * 1000,
                        f"{extra * 1000:.2f}",
                    )
                )
        matches = conn.execute("SELECT count(*) FROM topic_matches").fetchone()
        emails = conn.execute("SELECT count(*) FROM outbox").fetchone()
    print(
        f"recorded {matches[0] if matches else 0} topic matches, queued {emails[0] if emails else 0} emails"
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_SERVER_URL, help="server to use")
    parser.add_argument("--topics", default="1,100,1000", help="topic counts, comma-separated")
    parser.add_argument("--repeats", type=int, default=5, help="runs per measurement")
    parser.add_argument("--no-database", action="store_true", help="skip the TopicMatcher part")
    args = parser.parse_args()
    sizes = [int(n) for n in args.topics.split(",")]

    found = samples()
    print(f"{len(found)} articles; example topics: {topic_queries(8)[3:8]}")
    rows = in_memory(found, sizes, args.repeats)
    print_table(["per article", "topics hit", "ms", "vs extraction"], rows)
    print("target: matching 1,000 topics under 10% of extraction")
    if not args.no_database:
        with scratch_database(args.database_url) as url:
            db_rows = in_transactions(url, found, sizes, args.repeats)
        print_table(["per article, in a transaction", "ms", "matcher adds ms"], db_rows)


if __name__ == "__main__":
    main()
