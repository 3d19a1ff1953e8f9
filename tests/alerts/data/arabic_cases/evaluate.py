import collections
import csv
import sys

from rasad.alerts.analysis import analyse_document
from rasad.alerts.query import parse_query


def run(p):
    with open(__import__("pathlib").Path(__file__).parent / p, encoding="utf-8", newline="") as fh:
        r = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(r)
        rows = list(r)
    tp = fp = fn = tn = 0
    err = 0
    bykind = collections.defaultdict(lambda: [0, 0, 0, 0])
    for q, s, e, k in rows:
        try:
            got = bool(parse_query(q).matches(analyse_document(s)))
        except Exception:  # noqa: BLE001 - a query that fails to parse counts as no match
            got = False
            err += 1
        e = e == "1"
        i = 0 if e and got else 1 if (not e) and got else 2 if e and not got else 3
        bykind[k][i] += 1
        if e and got:
            tp += 1
        elif got:
            fp += 1
        elif e:
            fn += 1
        else:
            tn += 1
    prec = tp / (tp + fp) if tp + fp else 0
    rec = tp / (tp + fn) if tp + fn else 0
    return {
        "n": len(rows),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "errors": err,
        "precision": round(prec, 3),
        "recall": round(rec, 3),
        "acc": round((tp + tn) / len(rows), 3),
    }, bykind


for p in ("dev.tsv", "heldout.tsv"):
    m, bk = run(p)
    print(p, m)
    if "-v" in sys.argv:
        for k, v in sorted(bk.items()):
            print("   ", k, "tp fp fn tn", v)
