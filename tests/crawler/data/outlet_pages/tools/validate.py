"""Check pages/ against manifest.json (run from anywhere: python tools/validate.py).

- every page parses with lxml;
- title is the text of an <h1>;
- every must_contain and must_not is in the page's visible text (body text_content without
  script/style, NFC, bidi/zero-width marks removed, whitespace collapsed);
- every must_contain is in the reference text (gold/), no must_not is in it or inside a
  must_contain;
- counts (4-6 must_contain, 5-10 must_not), article length 250-600 words;
- date_place agrees with the markup (text = no meta/JSON-LD/datetime date at all);
- published_utc agrees with published; each boilerplate kind on >= 4 pages; >= 6 text-only dates;
- split is 'dev'/'heldout' and even.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
MARKS = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
DATE_KEYS = {
    "article:published_time",
    "datepublished",
    "og:published_time",
    "dc.date",
    "dc:date",
    "pubdate",
    "publishdate",
    "date",
    "parsely-pub-date",
    "sailthru.date",
}


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", MARKS.sub("", text)).split())


def visible_text(tree) -> str:
    body = tree.find("body")
    for bad in body.xpath(".//script | .//style | .//noscript | .//template"):
        bad.drop_tree()
    return norm(body.text_content())


def ld_dates(tree) -> list[str]:
    found = []

    def walk(data):
        if isinstance(data, list):
            for item in data:
                walk(item)
        elif isinstance(data, dict):
            if "datePublished" in data:
                found.append(data["datePublished"])
            for value in data.values():
                walk(value)

    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        walk(json.loads(script))
    return found


def main() -> int:
    manifest = json.loads((ROOT / "manifest.json").read_text(encoding="utf-8"))
    errors: list[str] = []
    kinds = Counter()
    places = Counter()
    splits = Counter()
    outlets = set()
    for page in manifest["pages"]:
        name = page["file"]

        def err(msg: str, name: str = name) -> None:
            errors.append(f"{name}: {msg}")

        raw = (ROOT / name).read_bytes()
        tree = lxml.html.document_fromstring(raw.decode("utf-8"))
        meta = {
            (m.get("property") or m.get("name") or m.get("itemprop") or "").lower()
            for m in tree.xpath("//*[@content][@property or @name or @itemprop]")
        }
        has_meta = bool(meta & DATE_KEYS)
        has_ld = bool(ld_dates(tree))
        has_datetime = bool(tree.xpath("//*[@datetime]"))
        h1s = [norm(h.text_content()) for h in tree.xpath("//h1")]
        text = visible_text(tree)
        gold = norm((ROOT / page["reference_text"]).read_text(encoding="utf-8"))
        words = len(gold.split())

        if norm(page["title"]) not in h1s:
            err(f"title not an h1: {h1s}")
        if not 4 <= len(page["must_contain"]) <= 6:
            err(f"{len(page['must_contain'])} must_contain")
        if not 5 <= len(page["must_not"]) <= 10:
            err(f"{len(page['must_not'])} must_not")
        if not 250 <= words <= 600:
            err(f"article is {words} words")
        for snippet in page["must_contain"]:
            if norm(snippet) not in text:
                err(f"must_contain not in page text: {snippet}")
            if norm(snippet) not in gold:
                err(f"must_contain not in reference text: {snippet}")
        for snippet in page["must_not"]:
            if norm(snippet) not in text:
                err(f"must_not not in page text: {snippet}")
            if norm(snippet) in gold:
                err(f"must_not inside the article text: {snippet}")
            for keep in page["must_contain"]:
                if norm(snippet) in norm(keep):
                    err(f"must_not {snippet!r} inside must_contain {keep!r}")
        if len(set(page["must_not"])) != len(page["must_not"]):
            err("duplicate must_not")

        place = page["date_place"]
        places[place] += 1
        if place == "text" and (has_meta or has_ld or has_datetime):
            err("date_place text but the markup declares a date")
        if place == "meta" and not has_meta:
            err("date_place meta without a meta date")
        if place == "json-ld" and (has_meta or not has_ld):
            err("date_place json-ld but meta present or no JSON-LD date")
        published = page["published"]
        if "T" in published:
            utc = (
                datetime.fromisoformat(published).astimezone(UTC).isoformat().replace("+00:00", "Z")
            )
            if utc != page["published_utc"]:
                err(f"published_utc {page['published_utc']} != {utc}")
        elif page["published_utc"] is not None:
            err("bare date with a published_utc")
        for k in page["boilerplate_kinds"]:
            kinds[k] += 1
        splits[page["split"]] += 1
        outlets.add(page["source_id"])

    for k in range(1, 9):
        if kinds[k] < 4:
            errors.append(f"boilerplate kind {k} on {kinds[k]} pages only")
    if places["text"] < 6:
        errors.append(f"only {places['text']} text-only dates")
    if set(splits) != {"dev", "heldout"} or abs(splits["dev"] - splits["heldout"]) > 1:
        errors.append(f"split {dict(splits)}")
    if len(outlets) != len(manifest["pages"]):
        errors.append("an outlet appears twice")
    print(
        f"{len(manifest['pages'])} pages, {len(outlets)} outlets; splits {dict(splits)}; "
        f"date_place {dict(places)}; kinds {dict(sorted(kinds.items()))}"
    )
    for line in errors:
        print("ERROR", line)
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
