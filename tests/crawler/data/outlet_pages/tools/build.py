"""Build the test pages from marked sources, and the manifest from tools/labels.py.

Sources are the page HTML with each article-text block's content wrapped in ⟦ ⟧ (the
standfirst and every body paragraph, subheading and list item). The build writes
pages/<file> with the marks removed, gold/<stem>.txt with the marked blocks' text (one
block a line: the full reference article text), and manifest.json.

    python tools/build.py --src /path/to/marked/sources
    python tools/build.py            # manifest only (pages already built)
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import zoneinfo
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.html

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from labels import LABELS

# The tzdata package (IANA 2026c or later), not the system's older zone files: Morocco moved to
# UTC+0 for good on 2026-09-20, which the system's 2025b does not know.
zoneinfo.reset_tzpath([])

SEED = 20261203
MARKED = re.compile("⟦(.*?)⟧", re.S)
KINDS = {
    1: "comment policy / moderation notice / comment count / reader comments",
    2: "standfirst (lead) in its own container - article text, must be kept",
    3: "share bar / follow-us / Telegram / Google News block",
    4: "related-article teasers (incl. one inside or between body paragraphs), most-read lists",
    5: "photo caption / photo credit / video embed title",
    6: "byline line, dateline, agency tag, author box with bio",
    7: "newsletter / app promo / cookie banner / tags / breadcrumbs / footer / navigation / ticker",
    8: "date line as text (month names, 12-hour ص/م, Levantine/Maghrebi months, numeric)",
}


def collapse(text: str) -> str:
    return " ".join(text.split())


def build_pages(src: Path) -> None:
    (ROOT / "gold").mkdir(exist_ok=True)
    for entry in LABELS:
        raw = (src / entry["file"]).read_text(encoding="utf-8")
        blocks = []
        for fragment in MARKED.findall(raw):
            element = lxml.html.fragment_fromstring(fragment, create_parent="div")
            blocks.append(collapse(element.text_content()))
        html = raw.replace("⟦", "").replace("⟧", "")
        assert "⟦" not in html and blocks, entry["file"]
        (ROOT / entry["file"]).write_text(html, encoding="utf-8")
        stem = entry["file"].removesuffix(".html")
        (ROOT / "gold" / f"{stem}.txt").write_text("\n".join(blocks) + "\n", encoding="utf-8")


def published_utc(entry: dict) -> str | None:
    value = entry["published"]
    if "T" not in value:
        return None
    stated = datetime.fromisoformat(value)
    # The moment from the wall-clock time in the outlet's zone (zoneinfo); it must agree
    # with the offset written in `published`.
    wall = stated.replace(tzinfo=None).replace(tzinfo=ZoneInfo(entry["tz"]))
    if wall.utcoffset() != stated.utcoffset():
        raise SystemExit(
            f"{entry['file']}: offset of {value} is not {entry['tz']}'s ({wall.utcoffset()})"
        )
    return wall.astimezone(UTC).isoformat().replace("+00:00", "Z")


def split_of() -> dict[str, str]:
    files = sorted(entry["file"] for entry in LABELS)
    shuffled = files[:]
    random.Random(SEED).shuffle(shuffled)
    half = (len(shuffled) + 1) // 2
    return {name: ("dev" if i < half else "heldout") for i, name in enumerate(shuffled)}


def build_manifest() -> None:
    splits = split_of()
    pages = []
    for entry in LABELS:
        stem = entry["file"].removesuffix(".html")
        pages.append(
            {
                "file": entry["file"],
                "split": splits[entry["file"]],
                "outlet": entry["outlet"],
                "source_id": entry["source_id"],
                "url": entry["url"],
                "title": entry["title"],
                "must_contain": entry["must_contain"],
                "must_not": entry["must_not"],
                "byline": entry["byline"],
                "published": entry["published"],
                "published_utc": published_utc(entry),
                "timezone": entry["tz"],
                "date_place": entry["date_place"],
                "boilerplate_kinds": entry["kinds"],
                "reference_text": f"gold/{stem}.txt",
                "notes": entry["notes"],
            }
        )
    manifest = {
        "about": (
            "Synthetic article pages modelled on the markup of Arabic news outlets in Rasad's catalog "
            "(crawler/sources.toml) that shared/fixtures does not cover; all text and markup written for "
            "this test set (no page was downloaded). Same label format as shared/fixtures/manifest.json. "
            "Compare after Unicode NFC, removing bidi and zero-width marks and collapsing whitespace. Every "
            "must_contain must be in the extracted text, no must_not may be; title is the visible headline "
            "without the site name; byline is the author's clean name or null (desk/agency only). published is "
            "the moment as the page states it (ISO 8601 with the outlet's offset, or a bare date when only a "
            "day is given); published_utc is that moment in UTC computed with zoneinfo (null for a bare date). "
            "date_place is the most trusted place the page states the date: meta (article:published_time) > "
            "json-ld (datePublished) > text (only a visible date line). split: dev pages may be used to write "
            "rules, heldout pages only to measure them (random.Random(20261203).shuffle of the sorted file "
            "names, first half dev). reference_text is the full clean article text (standfirst, body paragraphs, "
            "subheadings, list items; datelines like 'شفق نيوز- بغداد' that open a paragraph are left out). "
            "boilerplate_kinds: " + "; ".join(f"{k} = {v}" for k, v in KINDS.items())
        ),
        "pages": pages,
    }
    (ROOT / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--src", type=Path)
    args = parser.parse_args()
    if args.src:
        build_pages(args.src)
    build_manifest()
