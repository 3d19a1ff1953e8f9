"""Build unseen.tsv from src_unseen/*.txt (see README, section "unseen.tsv").

Checks the sources (format, 5-20 words, no duplicate query/sentence pair) and that no
sentence is copied from dev.tsv, heldout.tsv or ../arabic_match_cases.tsv, exactly or
after removing diacritics, tatweel, punctuation and spacing, nor nearly copied (difflib
ratio above NEAR of the loose forms). Writes the cases in source
order with ``--write``. Never runs Rasad's analysis.
"""

import collections
import csv
import difflib
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src_unseen"
OUT = HERE / "unseen.tsv"
EXISTING = (HERE / "dev.tsv", HERE / "heldout.tsv", HERE.parent / "arabic_match_cases.tsv")

NEAR = 0.85
_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_NON_WORD = re.compile(r"[\W_]+")


def loose(text):
    """Sentence reduced for the copy check: no marks, tatweel, punctuation or spacing."""
    return _NON_WORD.sub("", _MARKS.sub("", text))


def near(a, b):
    return difflib.SequenceMatcher(None, a, b).ratio() > NEAR


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == ["query", "sentence", "expected", "kind"], (path, rows[0])
    return rows[1:]


def query_words(query):
    return query.replace('"', " ").replace("*", " ").split()


def read_sources():
    cases, errs = [], []
    for path in sorted(SRC.glob("*.txt")):
        kind = None
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            if line.startswith("## "):
                kind = line[3:].strip()
                continue
            parts = [p.strip() for p in line.split(" | ")]
            where = f"{path.name}:{i}"
            if len(parts) != 3 or parts[2] not in ("0", "1") or kind is None:
                errs.append((where, "format", line))
                continue
            q, s, e = parts
            if "\t" in q + s or '"' in s or not q or not s:
                errs.append((where, "tab/quote/empty", line))
            if not 5 <= len(s.split()) <= 20:
                errs.append((where, f"{len(s.split())} words", line))
            cases.append((q, s, e, kind, where))
    return cases, errs


def main():
    cases, errs = read_sources()
    pairs = collections.Counter((c[0], c[1]) for c in cases)
    errs += [("dup", "pair", f"{q} | {s}") for (q, s), n in pairs.items() if n > 1]
    old_rows = [r for p in EXISTING for r in read_tsv(p)]
    old_exact = {r[1] for r in old_rows}
    old_loose = {loose(r[1]) for r in old_rows}
    for c in cases:
        if c[1] in old_exact or loose(c[1]) in old_loose:
            errs.append((c[4], "copied from an existing file", c[1]))
    for c in cases:
        mine = loose(c[1])
        for other in old_loose:
            if abs(len(other) - len(mine)) < 10 and near(mine, other):
                errs.append((c[4], "nearly copied", c[1]))
                break
    for e in errs:
        print("ERR", *e)
    old_words = {w for r in old_rows for w in query_words(r[0])}
    words = [w for c in cases for w in query_words(c[0])]
    distinct = set(words)
    new_distinct = distinct - old_words
    print("cases", len(cases), "labels", dict(collections.Counter(c[2] for c in cases)))
    print(
        f"query words: {len(new_distinct)}/{len(distinct)} distinct new "
        f"({len(new_distinct) / len(distinct):.1%}); "
        f"{sum(w not in old_words for w in words)}/{len(words)} occurrences new "
        f"({sum(w not in old_words for w in words) / len(words):.1%})"
    )
    cnt = collections.Counter((c[3], c[2]) for c in cases)
    for k in sorted({c[3] for c in cases}):
        print(f"  {k:18s} 1={cnt[(k, '1')]:4d} 0={cnt[(k, '0')]:4d}")
    if errs:
        sys.exit(1)
    if "--write" in sys.argv:
        with open(OUT, "w", encoding="utf-8", newline="") as fh:
            fh.write("query\tsentence\texpected\tkind\n")
            for c in cases:
                fh.write("\t".join(c[:4]) + "\n")
        print("wrote", OUT.name, len(cases))


if __name__ == "__main__":
    main()
