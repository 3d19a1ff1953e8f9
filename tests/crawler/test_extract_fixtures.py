"""Golden pages: every page of ../shared/fixtures through extract_page, checked as labelled.

The manifest says, per page, which snippets a clean text must contain and which boilerplate
it must not, the visible headline and the publication date the page states. Comparison is
after NFC, without bidi and zero-width marks, with whitespace collapsed, as the fixtures'
README prescribes.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from harness import in_ci

from rasad.alerts.analysis import without_invisible_marks
from rasad.crawler.extract import ExtractedArticle, extract_page

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"

# The manifest's `published` is the date the page shows, in the outlet's local time, while
# published_at is an instant in UTC. The elbaladtv page shows 2020/12/25 01:59 and declares
# 2020-12-24T23:59:50+00:00 (= 01:59:50 in Cairo): storing the instant and comparing its
# date in the outlet's zone checks both the instant and the page's stated date.
_LOCAL_ZONES = {
    "elbaladtv.net": "Africa/Cairo",
    "youm7.com": "Africa/Cairo",
    "bbc.com": "Europe/London",
    "assabah.com.tn": "Africa/Tunis",
    "albayan.ae": "Asia/Dubai",
    "beirutobserver.com": "Asia/Beirut",
}


ABSENT = f"{FIXTURES} is absent: the shared fixtures sit beside the repository as ../shared"


def _entries() -> list[Any]:
    manifest = FIXTURES / "manifest.json"
    if not manifest.is_file():
        # A skip on a developer's machine; under CI the fixtures must be there (a failure).
        marks = [] if in_ci() else [pytest.mark.skip(reason=ABSENT)]
        return [pytest.param(None, marks=marks, id="no-fixtures")]
    pages = json.loads(manifest.read_text(encoding="utf-8"))["pages"]
    return [pytest.param(entry, id=entry["file"].removesuffix(".html")) for entry in pages]


def _normal(text: str) -> str:
    return " ".join(without_invisible_marks(unicodedata.normalize("NFC", text)).split())


def _local_date(entry: dict[str, Any], article: ExtractedArticle) -> str | None:
    if article.published_at is None:
        return None
    host = (urlsplit(entry["url"]).hostname or "").removeprefix("www.")
    return article.published_at.astimezone(ZoneInfo(_LOCAL_ZONES[host])).date().isoformat()


@pytest.mark.parametrize("entry", _entries())
def test_fixture_page_is_extracted_clean(entry: dict[str, Any] | None) -> None:
    if entry is None:
        pytest.fail(ABSENT)
    body = (FIXTURES / "pages" / entry["file"]).read_bytes()

    article = extract_page(body, entry["url"])

    assert isinstance(article, ExtractedArticle), article
    text = _normal(article.text)
    missing = [snippet for snippet in entry["must_contain"] if _normal(snippet) not in text]
    leaked = [snippet for snippet in entry["must_not"] if _normal(snippet) in text]
    assert (missing, leaked) == ([], [])
    assert _normal(article.title) == _normal(entry["title"])
    assert _local_date(entry, article) == entry["published"]
    assert article.language == "ar"
    assert article.published_at is not None
    assert article.published_at.utcoffset() is not None
    assert article.published_at.utcoffset().total_seconds() == 0
