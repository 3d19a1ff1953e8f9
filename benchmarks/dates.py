"""Publication dates: Rasad's date reading beside plain htmldate (and dateparser on date lines).

    python benchmarks/dates.py [--repeat 20] [--per-case]

Scored on the labelled date strings and snippets of tests/crawler/data/dates/ (dev and heldout)
and on the 22 labelled outlet pages of tests/crawler/data/outlet_pages/ by split. A case is
right for Rasad when its answer equals the label exactly: the UTC moment when a time is
stated, the outlet's local day when only a day is, nothing when no publication date is.
htmldate answers a day only, so it is also scored by day, and Rasad beside it the same way.
Then the cost of the date step per page, Rasad's beside htmldate's, on the outlet and fixture
pages (parsed once; each reader is handed the same tree).
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import lxml.html
from _common import TESTS, fixture_pages, print_table

from rasad.config.times import use_bundled_tzdata

use_bundled_tzdata()
sys.path.insert(0, str(TESTS / "crawler"))

import json  # noqa: E402

import dateparser  # noqa: E402
from date_cases import SPLITS, case_html, expected_day, load_cases, rasad_answer  # noqa: E402
from htmldate import find_date  # noqa: E402

from rasad.crawler.catalog import Source, load_catalog  # noqa: E402
from rasad.crawler.dates import publication_date  # noqa: E402
from rasad.crawler.extract import declared_values, extract_page  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Callable

    from date_cases import DateCase

OUTLET_PAGES = TESTS / "crawler" / "data" / "outlet_pages"
HTMLDATE_CALLS: dict[str, Callable[[str], str | None]] = {
    "htmldate default": lambda page: find_date(page),
    "htmldate markup only": lambda page: find_date(page, extensive_search=False),
    "htmldate extensive+original": lambda page: find_date(
        page, extensive_search=True, original_date=True
    ),
}


def day_of(answer: str | None, timezone: str) -> str | None:
    if answer is None or "T" not in answer:
        return answer
    moment = datetime.fromisoformat(answer.replace("Z", "+00:00"))
    return moment.astimezone(ZoneInfo(timezone)).date().isoformat()


def dateparser_answer(case: DateCase) -> str | None:
    """dateparser on a date line as a whole (text cases only), in the case's zone."""
    local_fetch = case.fetched_at.astimezone(ZoneInfo(case.timezone)).replace(tzinfo=None)
    found = dateparser.parse(
        case.input,
        languages=["ar", "en"],
        settings={
            "TIMEZONE": case.timezone,
            "TO_TIMEZONE": "UTC",
            "RETURN_AS_TIMEZONE_AWARE": True,
            "RELATIVE_BASE": local_fetch,
            "DATE_ORDER": "DMY",
            "PREFER_DATES_FROM": "past",
        },
    )
    return found.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if found else None


def score_cases(split: str, per_case: bool) -> None:
    cases = load_cases(split)
    readers: dict[str, Callable[[DateCase], str | None]] = {
        "rasad (exact)": rasad_answer,
        "rasad (day)": lambda c: day_of(rasad_answer(c), c.timezone),
        **{
            name: (lambda c, call=call: call(case_html(c))) for name, call in HTMLDATE_CALLS.items()
        },
        "dateparser (day, text cases)": lambda c: day_of(dateparser_answer(c), c.timezone),
    }
    right: dict[str, Counter[str]] = defaultdict(Counter)
    counts: Counter[str] = Counter()
    text_counts: Counter[str] = Counter()
    for case in cases:
        counts[case.kind] += 1
        text_counts[case.kind] += case.input_type == "text"
        for name, reader in readers.items():
            if name.startswith("dateparser") and case.input_type != "text":
                continue
            want = case.expected if name == "rasad (exact)" else expected_day(case)
            got = reader(case)
            right[name][case.kind] += got == want
            if per_case and name == "rasad (exact)" and got != want:
                print(f"  {split} {case.id}: got {got}, want {want}")
    kinds = list(counts)
    headers = ["kind", "cases", *readers]
    rows = [
        [
            kind,
            counts[kind],
            *(_share(right[n][kind], _n(n, kind, counts, text_counts)) for n in readers),
        ]
        for kind in kinds
    ]
    total = [
        "all",
        sum(counts.values()),
        *(
            _share(sum(right[n].values()), sum(_n(n, k, counts, text_counts) for k in kinds))
            for n in readers
        ),
    ]
    print(f"\n{split}.jsonl: right answers per kind")
    print_table(headers, [*rows, total])


def _n(name: str, kind: str, counts: Counter[str], text_counts: Counter[str]) -> int:
    return text_counts[kind] if name.startswith("dateparser") else counts[kind]


def _share(right: int, total: int) -> str:
    return f"{right}/{total}" if total else "-"


def score_outlet_pages() -> None:
    manifest = json.loads((OUTLET_PAGES / "manifest.json").read_text(encoding="utf-8"))
    catalog = {source.id: source for source in load_catalog()}
    results: dict[str, Counter[str]] = defaultdict(Counter)
    places: dict[str, Counter[str]] = defaultdict(Counter)
    for page in manifest["pages"]:
        source = catalog[page["source_id"]]
        stated = page["published_utc"] or page["published"]
        # Fetched a day after publication, so a relative date line would be read against it.
        fetched = _moment(page["published"]) + timedelta(days=1)
        body = (OUTLET_PAGES / page["file"]).read_bytes()
        article = extract_page(body, page["url"], source, fetched_at=fetched)
        got = _written(
            getattr(article, "published_at", None),
            getattr(article, "published_date_only", False),
            source.timezone,
        )
        want_day = day_of(stated, source.timezone)
        split = page["split"]
        results[split]["pages"] += 1
        results[split]["rasad (exact)"] += got == stated
        results[split]["rasad (day)"] += day_of(got, source.timezone) == want_day
        for name, call in HTMLDATE_CALLS.items():
            results[split][name] += call(body.decode("utf-8")) == want_day
        places[split][f"{page['date_place']}->{getattr(article, 'published_at_source', None)}"] += 1
    names = ["rasad (exact)", "rasad (day)", *HTMLDATE_CALLS]
    print("\noutlet pages: right dates per split")
    print_table(
        ["split", "pages", *names],
        [
            [s, results[s]["pages"], *(f"{results[s][n]}/{results[s]['pages']}" for n in names)]
            for s in ("dev", "heldout")
        ],
    )
    for split in ("dev", "heldout"):
        print(f"  {split}: labelled place -> Rasad's provenance: {dict(places[split])}")


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value if "T" in value else f"{value}T12:00:00+00:00")


def _written(moment: datetime | None, date_only: bool, timezone: str) -> str | None:
    if moment is None:
        return None
    if date_only:
        return moment.astimezone(ZoneInfo(timezone)).date().isoformat()
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def cost_per_page(repeat: int) -> None:
    """Median time of the date step on each page, Rasad's beside htmldate's, same tree."""
    pages = [
        (p.read_bytes(), "https://news.example/article")
        for p in sorted(OUTLET_PAGES.glob("*.html"))
    ]
    pages += [(f.body, f.url) for f in fixture_pages(project=False)]
    trees = [lxml.html.document_fromstring(body) for body, _ in pages]
    source = Source(
        id="bench", name="bench", homepage="https://news.example/", timezone="Asia/Damascus"
    )
    now = datetime.now(UTC)

    # The page's meta tags and JSON-LD are read once by the extractor for title and byline
    # too, so they are read here before the clock starts.
    declared = {id(tree): declared_values(tree) for tree in trees}

    def rasad(tree: lxml.html.HtmlElement, url: str) -> object:
        meta, linked_data = declared[id(tree)]
        return publication_date(
            tree, url, source, fetched_at=now, meta=meta, linked_data=linked_data
        )

    def rasad_text_only(tree: lxml.html.HtmlElement, url: str) -> object:
        # The page's markup ignored: the cost when the visible line must be read.
        return publication_date(tree, url, source, fetched_at=now, meta={}, linked_data=[])

    readers = {
        "rasad (declared, then text)": rasad,
        "rasad (text only)": rasad_text_only,
        "htmldate markup only": lambda t, u: find_date(t, extensive_search=False),
        "htmldate default": lambda t, u: find_date(t),
    }
    rows = []
    for name, reader in readers.items():
        per_page = []
        for tree, (_, url) in zip(trees, pages, strict=True):
            runs = []
            for _ in range(repeat):
                started = time.perf_counter()
                reader(tree, url)
                runs.append(time.perf_counter() - started)
            per_page.append(statistics.median(runs))
        rows.append(
            [name, f"{statistics.median(per_page) * 1000:.2f}", f"{max(per_page) * 1000:.2f}"]
        )
    lines = ["الأحد 22 نوفمبر 2026 - 09:30 م", "منذ 3 ساعات", "22 تشرين الثاني 2026"]
    from rasad.crawler.datelines import read_date_line

    zone = ZoneInfo("Asia/Damascus")
    for name, reader in {
        "rasad date line": lambda line: read_date_line(line, zone, now),
        "dateparser date line": lambda line: dateparser.parse(line, languages=["ar"]),
    }.items():
        runs = []
        for _ in range(repeat):
            for line in lines:
                started = time.perf_counter()
                reader(line)
                runs.append(time.perf_counter() - started)
        rows.append([name, f"{statistics.median(runs) * 1000:.2f}", f"{max(runs) * 1000:.2f}"])
    print(f"\ncost of the date step on {len(trees)} pages (ms, median of {repeat} runs per page)")
    print_table(["reader", "median page", "slowest page"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per page")
    parser.add_argument("--per-case", action="store_true", help="list Rasad's misses")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # htmldate and dateparser log every unparsable string
    dateparser.parse("1 يناير 2026", languages=["ar"])  # its first call loads its data
    for split in SPLITS:
        score_cases(split, args.per_case)
    score_outlet_pages()
    cost_per_page(args.repeat)


if __name__ == "__main__":
    main()
