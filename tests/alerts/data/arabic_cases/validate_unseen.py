"""Check unseen.tsv (run from anywhere: python validate_unseen.py).

Format as dev.tsv, labels 0/1, 5-20 words, no duplicate (query, sentence), no sentence
from dev.tsv, heldout.tsv or ../arabic_match_cases.tsv (exactly or loosely), and the file
is what build_unseen.py makes from src_unseen/. Prints the counts per kind and label.
"""

import collections

import build_unseen


def main():
    rows = build_unseen.read_tsv(build_unseen.OUT)
    for i, row in enumerate(rows, 2):
        assert len(row) == 4, (i, row)
        assert row[2] in ("0", "1"), (i, row)
        assert all(cell.strip() == cell and cell for cell in row), (i, row)
        assert 5 <= len(row[1].split()) <= 20, (i, row)
        assert '"' not in row[1], (i, row)
    pairs = [(r[0], r[1]) for r in rows]
    assert len(pairs) == len(set(pairs)), "duplicate (query, sentence)"
    old = [r for p in build_unseen.EXISTING for r in build_unseen.read_tsv(p)]
    old_exact = {r[1] for r in old}
    old_loose = {build_unseen.loose(r[1]) for r in old}
    copied = [r for r in rows if r[1] in old_exact or build_unseen.loose(r[1]) in old_loose]
    assert not copied, copied
    cases, errs = build_unseen.read_sources()
    assert not errs, errs
    assert [tuple(c[:4]) for c in cases] == [tuple(r) for r in rows], "unseen.tsv is stale"
    labels = collections.Counter(r[2] for r in rows)
    print(f"OK unseen {len(rows)} cases: {labels['1']} should match, {labels['0']} should not")
    c = collections.Counter((r[3], r[2]) for r in rows)
    for k in sorted({r[3] for r in rows}):
        print(f"  {k:18s} 1={c[(k, '1')]:4d} 0={c[(k, '0')]:4d}")


if __name__ == "__main__":
    main()
