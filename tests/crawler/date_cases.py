"""The labelled publication dates of data/dates/ read the way Rasad reads a page: one home for
the test over them and for benchmarks/dates.py.

A text case is a date line on a page (``<p>…</p>``), an HTML case a few elements of an
article page. Answers compare as the labels are written: a UTC moment
(``2026-11-22T19:30:00Z``) when a time of day is stated, the outlet's local day
(``2026-11-22``) when only a day is, None when no publication date is stated.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.html

from rasad.crawler.catalog import Source
from rasad.crawler.dates import PublicationDate, publication_date
from rasad.crawler.extract import declared_values

DATES = Path(__file__).resolve().parent / "data" / "dates"
SPLITS = ("dev", "heldout")


@dataclass(frozen=True)
class DateCase:
    id: str
    kind: str
    input_type: str
    input: str
    timezone: str
    fetched_at: datetime
    expected: str | None


def load_cases(split: str) -> list[DateCase]:
    """The cases of ``dev`` or ``heldout``, in file order."""
    with (DATES / f"{split}.jsonl").open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    return [
        DateCase(
            id=r["id"],
            kind=r["kind"],
            input_type=r["input_type"],
            input=r["input"],
            timezone=r["timezone"],
            fetched_at=datetime.fromisoformat(r["fetched_at"]),
            expected=r["expected"],
        )
        for r in records
    ]


def case_html(case: DateCase) -> str:
    """The page a case stands for, as score_htmldate.py builds it for htmldate."""
    if case.input_type == "text":
        return f"<html><body><p>{case.input}</p></body></html>"
    return f"<html><body>{case.input}</body></html>"


def rasad_answer(case: DateCase) -> str | None:
    """What Rasad reads from the case's page, written as the labels are."""
    tree = lxml.html.document_fromstring(case_html(case))
    source = Source(
        id="case", name="case", homepage="https://news.example/", timezone=case.timezone
    )
    meta, linked_data = declared_values(tree)
    found = publication_date(
        tree,
        "https://news.example/article",
        source,
        fetched_at=case.fetched_at,
        meta=meta,
        linked_data=linked_data,
    )
    return written(found, case.timezone)


def written(found: PublicationDate | None, timezone: str) -> str | None:
    if found is None:
        return None
    if found.date_only:
        return found.moment.astimezone(ZoneInfo(timezone)).date().isoformat()
    return found.moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def expected_day(case: DateCase) -> str | None:
    """The outlet's local day of the expected answer (what a day-level reader can match)."""
    if case.expected is None or "T" not in case.expected:
        return case.expected
    moment = datetime.fromisoformat(case.expected.replace("Z", "+00:00"))
    return moment.astimezone(ZoneInfo(case.timezone)).date().isoformat()
