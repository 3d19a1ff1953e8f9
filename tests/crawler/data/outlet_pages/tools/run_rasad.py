"""Run Rasad's current extraction on every page and score it against manifest.json.

    python tools/run_rasad.py [--with-source] [--verbose]

A page is clean when every must_contain is in the text and no must_not is (after NFC,
bidi/zero-width marks removed, whitespace collapsed). Title, byline and publication time are
scored separately. --with-source passes the catalog entry (timezone, drop selectors).
Read-only: it changes neither Rasad nor the pages.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from rasad.crawler.catalog import load_catalog
from rasad.crawler.extract import ExtractedArticle, extract_page

ROOT = Path(__file__).resolve().parent.parent
MARKS = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", MARKS.sub("", text or "")).split())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--with-source", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    sources = {s.id: s for s in load_catalog()}
    manifest = json.loads((ROOT / "manifest.json").read_text(encoding="utf-8"))
    totals = defaultdict(lambda: defaultdict(int))
    for page in manifest["pages"]:
        source = sources.get(page["source_id"]) if args.with_source else None
        result = extract_page((ROOT / page["file"]).read_bytes(), page["url"], source)
        split = page["split"]
        totals[split]["pages"] += 1
        if not isinstance(result, ExtractedArticle):
            print(f"[{split}] {page['file']}: SKIPPED ({result.reason})")
            continue
        text = norm(result.text)
        missing = [s for s in page["must_contain"] if norm(s) not in text]
        leaked = [s for s in page["must_not"] if norm(s) in text]
        clean = not missing and not leaked
        title_ok = norm(result.title) == norm(page["title"])
        byline_ok = (
            norm(result.byline) == norm(page["byline"]) if page["byline"] else result.byline is None
        )
        if page["published_utc"]:
            expected = datetime.fromisoformat(page["published_utc"].replace("Z", "+00:00"))
            date_ok = result.published_at == expected
        else:
            date_ok = (
                result.published_at is not None
                and result.published_at.date().isoformat() == page["published"]
            )
        for key, ok in (
            ("clean", clean),
            ("title", title_ok),
            ("byline", byline_ok),
            ("date", date_ok),
        ):
            totals[split][key] += ok
        totals[split]["must_contain_missing"] += len(missing)
        totals[split]["must_not_leaked"] += len(leaked)
        status = "CLEAN" if clean else "DIRTY"
        print(
            f"[{split}] {page['file']}: {status} title={'ok' if title_ok else 'WRONG'} "
            f"byline={'ok' if byline_ok else 'WRONG'} date={'ok' if date_ok else 'WRONG'}"
        )
        for s in missing:
            print(f"    missing: {s}")
        for s in leaked:
            print(f"    leaked:  {s}")
        if args.verbose:
            if not title_ok:
                print(f"    title got: {result.title}")
            if not byline_ok:
                print(f"    byline got: {result.byline!r} expected {page['byline']!r}")
            if not date_ok:
                print(
                    f"    date got: {result.published_at} expected {page['published_utc'] or page['published']}"
                )
    for split, counts in sorted(totals.items()):
        print(f"{split}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
