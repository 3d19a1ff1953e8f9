#!/usr/bin/env python3
"""Score plain htmldate.find_date on dev.jsonl and heldout.jsonl.

    python score_htmldate.py [--max-date-fetched] [--per-case]

Text inputs are wrapped in <html><body><p>…</p></body></html>; HTML snippets in
<html><body>…</body></html> (or <html>…</html> when the snippet has its own <head>).
A case counts as correct when find_date's day equals the local date of `expected`
(the UTC moment turned back into the case's timezone), or when both are None.
With --max-date-fetched, max_date is set to the local date of fetched_at (htmldate
otherwise uses the clock of the machine it runs on as the upper bound).
"""

import json
import logging
import sys
import zoneinfo
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

zoneinfo.reset_tzpath(
    to=[]
)  # use the tzdata package (IANA 2026f here), not the stale system zoneinfo

from htmldate import find_date

logging.disable(logging.CRITICAL)
HERE = Path(__file__).resolve().parent
# cases whose time is stated in a zone other than the outlet's: the written date is the same
# in both zones for every such case in this set, so the outlet zone gives the written date.


def wrap(case):
    s = case["input"]
    if case["input_type"] == "text":
        return f"<html><body><p>{s}</p></body></html>"
    if "<head>" in s:
        return f"<html>{s}</html>"
    return f"<html><body>{s}</body></html>"


def local_date(case):
    e = case["expected"]
    if e is None:
        return None
    if e.endswith("Z"):
        m = datetime.strptime(e, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        return m.astimezone(ZoneInfo(case["timezone"])).date().isoformat()
    return e


def run(path, use_fetched_max, per_case):
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    per_kind = defaultdict(Counter)
    outcome = Counter()
    for c in rows:
        kw = {}
        if use_fetched_max:
            f = datetime.fromisoformat(c["fetched_at"]).astimezone(ZoneInfo(c["timezone"]))
            kw["max_date"] = f.strftime("%Y-%m-%d")
        got = find_date(
            wrap(c), extensive_search=True, original_date=True, outputformat="%Y-%m-%d", **kw
        )
        want = local_date(c)
        ok = got == want
        per_kind[c["kind"]]["n"] += 1
        per_kind[c["kind"]]["ok"] += ok
        if ok:
            outcome["correct date" if want else "correct null"] += 1
        elif want is None:
            outcome["date where null expected"] += 1
        elif got is None:
            outcome["missed (None)"] += 1
        else:
            outcome["wrong date"] += 1
        if per_case:
            pass
    n_ok = sum(v["ok"] for v in per_kind.values())
    return rows, per_kind, outcome, n_ok


def main():
    use_fetched_max = "--max-date-fetched" in sys.argv
    per_case = "--per-case" in sys.argv
    results = {}
    for split in ("dev", "heldout"):
        results[split] = run(HERE / f"{split}.jsonl", use_fetched_max, per_case)
    kinds = list(dict.fromkeys(k for s in results.values() for k in s[1]))
    for k in kinds:
        cells = []
        for split in ("dev", "heldout"):
            c = results[split][1][k]
            cells.append(f"{c['ok']}/{c['n']}")
    for split in ("dev", "heldout"):
        _rows, _, _outcome, _n_ok = results[split]


if __name__ == "__main__":
    main()
