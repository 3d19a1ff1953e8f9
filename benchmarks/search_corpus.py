"""A generated archive of realistic Arabic articles for benchmarks/search_scale.py.

The words come from the real outlet pages the tests use (shared/fixtures/pages,
tests/crawler/pages, tests/crawler/data/outlet_pages), extracted as Rasad extracts them:

- a vocabulary of every word as written (clitics and suffixes attached, as outlets write
  them), widened with the clitic and suffix variants that a real archive of a million
  articles holds and a few dozen pages do not, drawn with a Zipf-Mandelbrot law;
- about a third of every text is copied in runs of 3 to 8 words from the pages' sentences,
  so phrases like «تنظيم الدولة» occur as they do in news text, not only by chance;
- lengths follow the pages' lengths; 40 sources with skewed volumes; two years of dates in
  fetch order (a few articles without a published date); one article in eight is another
  outlet's copy of a recent story, which joins its cluster;
- the ``terms`` column is Rasad's own analysis (``analyse_document`` + ``tsvector_literal``),
  computed in worker processes, each loading its chunks with COPY.
"""

from __future__ import annotations

import random
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

import psycopg

from rasad.alerts.analysis import ARABIC_LETTER, analyse_document, tsvector_literal
from rasad.crawler.extract import ExtractedArticle, extract_page

SOURCES = tuple(f"src{n:02d}" for n in range(1, 41))
DAYS = 730
CHUNK = 5_000
COPY_SHARE = 8  # one article in COPY_SHARE is a copy of a recent story
_WORD = re.compile(r"[^\W_]+")
_PREFIXES = ("و", "ب", "ال", "وال", "بال", "لل", "ف", "ك")
_SUFFIXES = ("ها", "هم", "ات", "ين", "ون", "ية")


@dataclass(frozen=True)
class Corpus:
    """What generation draws from: ranked words with cumulative weights, and real sentences."""

    words: tuple[str, ...]
    cumulative: tuple[float, ...]
    sentences: tuple[tuple[str, ...], ...]
    lengths: tuple[int, ...]


def page_texts(roots: list[Path]) -> list[str]:
    from _common import bench_source

    texts = []
    for root in roots:
        for path in sorted(root.rglob("*.html")):
            result = extract_page(
                path.read_bytes(), f"https://bench.example/{path.stem}", bench_source()
            )
            if isinstance(result, ExtractedArticle):
                texts.append(f"{result.title}\n{result.text}")
    return texts


def build_corpus(texts: list[str], vocabulary: int = 60_000) -> Corpus:
    counts = Counter(word for text in texts for word in _WORD.findall(text))
    ranked = [word for word, _ in counts.most_common()]
    seen = set(ranked)
    rng = random.Random(7)
    variants = []
    for word in ranked:  # the long tail: clitic and suffix forms of the pages' Arabic words
        if not ARABIC_LETTER.search(word) or len(word) < 3:
            continue
        for affixed in (p + word for p in _PREFIXES) if not word.startswith("ال") else ():
            if affixed not in seen:
                seen.add(affixed)
                variants.append(affixed)
        for affixed in (word + s for s in _SUFFIXES):
            if affixed not in seen:
                seen.add(affixed)
                variants.append(affixed)
    rng.shuffle(variants)
    words = tuple(ranked + variants)[:vocabulary]
    # Zipf-Mandelbrot: p(rank) ~ 1 / (rank + 2.7)^1.05, the shape of news text.
    cumulative = tuple(accumulate(1.0 / (rank + 2.7) ** 1.05 for rank in range(len(words))))
    sentences = tuple(
        tuple(_WORD.findall(sentence))
        for text in texts
        for sentence in re.split(r"[.،؛!?\n]", text)
        if len(_WORD.findall(sentence)) >= 4
    )
    lengths = tuple(len(_WORD.findall(text)) for text in texts)
    return Corpus(words, cumulative, sentences, lengths)


def _text(corpus: Corpus, rng: random.Random, length: int) -> str:
    out: list[str] = []
    while len(out) < length:
        if rng.random() < 0.3:
            sentence = rng.choice(corpus.sentences)
            run = rng.randint(3, 8)
            start = rng.randrange(max(1, len(sentence) - run))
            out.extend(sentence[start : start + run])
        else:
            out.extend(rng.choices(corpus.words, cum_weights=corpus.cumulative, k=6))
    words = out[:length]
    pieces = []
    for index, word in enumerate(words, start=1):
        pieces.append(word)
        if index % 60 == 0:
            pieces.append(".\n\n")
        elif index % 13 == 0:
            pieces.append("، ")
        else:
            pieces.append(" ")
    return "".join(pieces).strip()


@dataclass(frozen=True)
class Plan:
    """The archive's shape: how many articles, and when the two years end."""

    articles: int
    end: datetime

    @property
    def paragraphs(self) -> int:
        # each article holds three paragraphs on average: each paragraph is used ~10 times
        return max(2_000, self.articles * 3 // 10)

    @property
    def titles(self) -> int:
        return max(1_000, self.articles // 5)

    def moment(self, article_id: int) -> datetime:
        # fetch order is time order, as a crawl stores them
        return self.end - timedelta(days=DAYS) * (1 - article_id / self.articles)


def analysed_pieces(args: tuple[str, Corpus, str, int, int]) -> int:
    """Generate and analyse pieces ``first..first+CHUNK-1`` of a kind; COPY them (a worker)."""
    url, corpus, kind, first, count = args
    rng = random.Random(zlib.crc32(kind.encode()) + first)
    statement = f"COPY bench_{kind} (id, body, terms) FROM STDIN"
    with psycopg.connect(url) as conn, conn.transaction(), conn.cursor().copy(statement) as copy:
        for piece_id in range(first, first + count):
            if kind == "titles":
                body = _text(corpus, rng, rng.randint(6, 12)).replace(".\n\n", " ")
            else:
                body = _text(
                    corpus,
                    rng,
                    max(15, int(rng.choice(corpus.lengths) / 3 * rng.uniform(0.5, 1.5))),
                )
            copy.write_row((piece_id, body, tsvector_literal(analyse_document(body))))
    return count


def recipes(plan: Plan, seed: int = 11) -> Iterator[tuple]:
    """One row per article: source, dates, cluster, and which title and paragraphs it joins.

    One article in COPY_SHARE is another outlet's copy of a recent story: the same paragraphs
    after an opening of its own, and a title of its own; it joins the story's cluster.
    """
    rng = random.Random(seed)
    weights = _source_weights()
    recent: list[tuple[int, list[int]]] = []
    for article_id in range(1, plan.articles + 1):
        source = rng.choices(SOURCES, cum_weights=weights)[0]
        fetched = plan.moment(article_id)
        published = (
            None if rng.random() < 0.05 else fetched - timedelta(minutes=rng.randint(1, 600))
        )
        title = rng.randrange(1, plan.titles + 1)
        if recent and rng.randrange(COPY_SHARE) == 0:
            cluster_id, body = rng.choice(recent[-50:])
            paragraphs = [rng.randrange(1, plan.paragraphs + 1), *body]
        else:
            cluster_id = article_id
            paragraphs = [
                rng.randrange(1, plan.paragraphs + 1) for _ in range(rng.choice((1, 2, 3, 3, 4, 5)))
            ]
            recent.append((cluster_id, paragraphs))
            del recent[:-100]
        yield (article_id, source, published, fetched, title, paragraphs, cluster_id)


@lru_cache(maxsize=1)
def _source_weights() -> tuple[float, ...]:
    """Outlets publish unevenly: the busiest forty times the quietest."""
    return tuple(accumulate(1.0 / (rank**0.9) for rank in range(1, len(SOURCES) + 1)))


def fixed_end() -> datetime:
    """The archive ends at today's midnight UTC: reruns of one day generate the same rows."""
    now = datetime.now(UTC)
    return now.replace(hour=0, minute=0, second=0, microsecond=0)
