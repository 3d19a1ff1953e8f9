import collections
import csv
import glob
import random
import sys

SRC = str(__import__("pathlib").Path(__file__).parent / "src")
EXIST = str(__import__("pathlib").Path(__file__).parents[1] / "arabic_match_cases.tsv")
cases = []
kind = None
errs = []
for f in sorted(glob.glob(SRC + "/*.txt")):
    for i, line in enumerate(open(f, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip():
            continue
        if line.startswith("## "):
            kind = line[3:].strip()
            continue
        parts = [p.strip() for p in line.split(" | ")]
        if len(parts) != 3 or parts[2] not in ("0", "1"):
            errs.append((f, i, line))
            continue
        q, s, e = parts
        if "\t" in q + s or '"' in s:
            errs.append((f, i, "tab/quote", line))
        cases.append((q, s, e, kind, f"{f.split('/')[-1]}:{i}"))
if errs:
    for e in errs:
        print("ERR", e)
    sys.exit(1)
# duplicates
seen = {}
dups = []
for c in cases:
    k = (c[0], c[1])
    if k in seen:
        dups.append((seen[k], c))
    else:
        seen[k] = c
exist = set()
with open(EXIST, encoding="utf-8") as fh:
    r = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
    next(r)
    for row in r:
        exist.add(row[1])
overlap = [c for c in cases if c[1] in exist]
short = [c for c in cases if len(c[1].split()) < 5 or len(c[1].split()) > 20]
print("cases", len(cases))
print("dups", len(dups))
[print(" ", d) for d in dups]
print("overlap", len(overlap))
[print(" ", o) for o in overlap]
print("len-out-of-range", len(short))
[print(" ", len(s[1].split()), s[4], s[1]) for s in short]
cnt = collections.Counter((c[3], c[2]) for c in cases)
for k in sorted({c[3] for c in cases}):
    print(k, cnt[(k, "1")], cnt[(k, "0")])
if "--write" in sys.argv:
    assert not dups and not overlap
    rng = random.Random(20261203)
    bykind = collections.defaultdict(list)
    for c in cases:
        bykind[c[3]].append(c)
    dev = []
    held = []
    for k in sorted(bykind):
        items = bykind[k][:]
        rng.shuffle(items)
        # stratify by label inside kind too: alternate assignment per label group
        for lab in ("1", "0"):
            grp = [c for c in items if c[2] == lab]
            half = len(grp) // 2
            # odd leftover: assign to the smaller split so far
            d = grp[:half]
            h = grp[half : 2 * half]
            rest = grp[2 * half :]
            dev += d
            held += h
            for c in rest:
                (dev if len(dev) <= len(held) else held).append(c)
    rng.shuffle(dev)
    rng.shuffle(held)
    for name, rows in (("dev", dev), ("heldout", held)):
        with open(
            str(__import__("pathlib").Path(__file__).parent / f"{name}.tsv"),
            "w",
            encoding="utf-8",
            newline="",
        ) as fh:
            fh.write("query\tsentence\texpected\tkind\n")
            for c in rows:
                fh.write("\t".join(c[:4]) + "\n")
    print("dev", len(dev), "heldout", len(held))
