"""Split unseen.tsv in two halves before any rule is written against it (README, "unseen.tsv").

    python split_unseen.py

``unseen_dev.tsv`` is the half whose misses may be read while rules are written;
``unseen_test.tsv`` is the half that is only scored. Stratified by kind and label (each
group shuffled with a fixed seed and halved, an odd leftover going to the smaller half), so
both halves hold every kind in the same proportions.
"""

import collections
import random
from pathlib import Path

import build_unseen

HERE = Path(__file__).resolve().parent


def main() -> None:
    rows = build_unseen.read_tsv(build_unseen.OUT)
    groups: dict[tuple[str, str], list[list[str]]] = collections.defaultdict(list)
    for row in rows:
        groups[(row[3], row[2])].append(row)
    rng = random.Random(20261204)
    halves: tuple[list[list[str]], list[list[str]]] = ([], [])
    for key in sorted(groups):
        items = groups[key][:]
        rng.shuffle(items)
        half = len(items) // 2
        halves[0].extend(items[:half])
        halves[1].extend(items[half : 2 * half])
        for item in items[2 * half :]:
            min(halves, key=len).append(item)
    for name, half_rows in zip(("unseen_dev", "unseen_test"), halves, strict=True):
        rng.shuffle(half_rows)
        with open(HERE / f"{name}.tsv", "w", encoding="utf-8", newline="") as out:
            out.write("query\tsentence\texpected\tkind\n")
            out.writelines("\t".join(row) + "\n" for row in half_rows)
        print(name, len(half_rows))


if __name__ == "__main__":
    main()
