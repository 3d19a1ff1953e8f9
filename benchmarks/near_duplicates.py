"""Precision and recall of story clustering on the labelled pairs, at several thresholds.

    python benchmarks/near_duplicates.py [--sweep]

Reads tests/crawler/data/near_duplicate_pairs.jsonl (made by the script beside it). A pair is
called one story the way storage calls it: the two signatures share an LSH band key (the
candidate lookup) and their estimated similarity reaches the threshold. Prints precision and
recall at each threshold, the similarity ranges per kind of pair, and the pairs the chosen
threshold gets wrong. ``--sweep`` also scores other shingle sizes and signature lengths with
exact and estimated Jaccard, the measurements behind the constants of rasad.crawler.neardup.
"""

import argparse
import json
import statistics
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rasad.crawler import neardup
from rasad.storage.clusters import estimated_similarity

PAIRS = (
    Path(__file__).resolve().parents[1]
    / "tests"
    / "crawler"
    / "data"
    / "near_duplicate_pairs.jsonl"
)
THRESHOLDS = (0.2, 0.25, 0.28, 0.3, 0.32, 0.35, 0.38, 0.4, 0.45, 0.5, 0.6)


@dataclass(frozen=True)
class Pair:
    kind: str
    same: bool
    a: str
    b: str


@dataclass(frozen=True)
class Scored:
    pair: Pair
    similarity: float
    candidate: bool  # the two share a band key


def load_pairs() -> list[Pair]:
    with PAIRS.open(encoding="utf-8") as file:
        return [Pair(**json.loads(line)) for line in file]


def production_scores(pairs: Sequence[Pair]) -> list[Scored]:
    """Each pair as storage sees it: band keys shared, and the packed signatures compared."""
    scored = []
    for pair in pairs:
        a, b = neardup.cluster_signature(pair.a), neardup.cluster_signature(pair.b)
        assert a is not None
        assert b is not None
        shared = bool(set(a.band_keys) & set(b.band_keys))
        scored.append(Scored(pair, estimated_similarity(a.minhash, b.minhash), shared))
    return scored


def precision_recall(scored: Sequence[Scored], threshold: float) -> tuple[float, float]:
    called = [s for s in scored if s.candidate and s.similarity >= threshold]
    true_positives = sum(s.pair.same for s in called)
    positives = sum(s.pair.same for s in scored)
    precision = true_positives / len(called) if called else 1.0
    return precision, true_positives / positives


def print_thresholds(scored: Sequence[Scored]) -> None:
    print(f"{'threshold':>9}  {'precision':>9}  {'recall':>6}")
    for threshold in THRESHOLDS:
        precision, recall = precision_recall(scored, threshold)
        mark = "  <- rasad" if threshold == neardup.SIMILARITY_THRESHOLD else ""
        print(f"{threshold:>9.2f}  {precision:>9.3f}  {recall:>6.3f}{mark}")


def print_kinds(scored: Sequence[Scored]) -> None:
    by_kind: dict[tuple[bool, str], list[float]] = defaultdict(list)
    for s in scored:
        by_kind[(s.pair.same, s.pair.kind)].append(s.similarity)
    print(f"\n{'same':>5}  {'pairs':>5}  {'min':>5}  {'median':>6}  {'max':>5}  kind")
    for (same, kind), values in sorted(by_kind.items()):
        print(
            f"{same!s:>5}  {len(values):>5}  {min(values):>5.2f}  "
            f"{statistics.median(values):>6.2f}  {max(values):>5.2f}  {kind}"
        )


def print_mistakes(scored: Sequence[Scored]) -> None:
    threshold = neardup.SIMILARITY_THRESHOLD
    wrong = [s for s in scored if (s.candidate and s.similarity >= threshold) != s.pair.same]
    print(f"\nwrong at {threshold}: {len(wrong)}")
    for s in wrong:
        print(f"  same={s.pair.same} sim={s.similarity:.2f} band={s.candidate} {s.pair.kind}")
        print(f"    a: {s.pair.a[:90]}\n    b: {s.pair.b[:90]}")


def exact_jaccard(size: int) -> Callable[[Pair], float]:
    def similarity(pair: Pair) -> float:
        a, b = neardup.shingles(pair.a, size), neardup.shingles(pair.b, size)
        return len(a & b) / len(a | b)

    return similarity


def estimated_jaccard(size: int, num_perm: int) -> Callable[[Pair], float]:
    def similarity(pair: Pair) -> float:
        a = neardup.minhash_values(neardup.shingles(pair.a, size), num_perm)
        b = neardup.minhash_values(neardup.shingles(pair.b, size), num_perm)
        return float(np.mean(a == b))

    return similarity


def separation(pairs: Sequence[Pair], similarity: Callable[[Pair], float]) -> str:
    """The gap between the least similar same-story and the most similar different pair."""
    values = [(similarity(p), p.same) for p in pairs]
    low_same = min(v for v, same in values if same)
    high_other = max(v for v, same in values if not same)
    best = max(
        (sum((v >= t) == same for v, same in values) / len(values), t)
        for t in np.arange(0.05, 0.9, 0.01)
    )
    return (
        f"same >= {low_same:.2f}, different <= {high_other:.2f}, "
        f"best accuracy {best[0]:.3f} at {best[1]:.2f}"
    )


def sweep(pairs: Sequence[Pair]) -> None:
    print("\nshingle size and signature length (no LSH):")
    for size in (1, 2, 3, 4, 5):
        print(f"  {size} words, exact Jaccard:      {separation(pairs, exact_jaccard(size))}")
        for num_perm in (32, 64, 128):
            label = f"  {size} words, MinHash {num_perm:>3} perm:"
            print(f"{label:<34} {separation(pairs, estimated_jaccard(size, num_perm))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sweep", action="store_true", help="score other parameters too")
    args = parser.parse_args()
    pairs = load_pairs()
    same = sum(p.same for p in pairs)
    print(
        f"{len(pairs)} labelled pairs ({same} same story, {len(pairs) - same} different); "
        f"{neardup.SHINGLE_WORDS}-word shingles, {neardup.NUM_PERM} permutations, "
        f"{neardup.BANDS} bands x {neardup.ROWS} rows\n"
    )
    scored = production_scores(pairs)
    print_thresholds(scored)
    print_kinds(scored)
    print_mistakes(scored)
    if args.sweep:
        sweep(pairs)


if __name__ == "__main__":
    main()
