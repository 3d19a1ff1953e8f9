import collections
import csv

EXIST = str(__import__("pathlib").Path(__file__).parents[1] / "arabic_match_cases.tsv")


def read(p):
    p = __import__("pathlib").Path(__file__).parent / p
    with open(p, encoding="utf-8", newline="") as fh:
        r = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        hdr = next(r)
        assert hdr == ["query", "sentence", "expected", "kind"], hdr
        rows = list(r)
    for i, row in enumerate(rows, 2):
        assert len(row) == 4, (p, i, row)
        assert row[2] in ("0", "1"), (p, i, row)
        assert row[0].strip() and row[1].strip() and row[3].strip(), (p, i, row)
    return rows


exist = {row[1] for row in read(EXIST)}
dev = read("dev.tsv")
held = read("heldout.tsv")
allrows = dev + held
pairs = [(r[0], r[1]) for r in allrows]
assert len(pairs) == len(set(pairs)), "duplicate (query,sentence)"
assert not any(r[1] in exist for r in allrows), "sentence from existing file"
print("OK dev", len(dev), "heldout", len(held), "total", len(allrows))
for name, rows in (("dev", dev), ("heldout", held)):
    c = collections.Counter((r[3], r[2]) for r in rows)
    print(name, "labels", collections.Counter(r[2] for r in rows))
    for k in sorted({r[3] for r in allrows}):
        print(f"  {k:18s} 1={c[(k, '1')]:4d} 0={c[(k, '0')]:4d}")
