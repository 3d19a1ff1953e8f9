"""Times a command prints are in the ``timezone`` setting and say which zone; JSON stays UTC
and says where a publication time was stated."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
import pytest

from rasad.crawler.catalog import load_catalog
from rasad.storage.sources import SourceEntry, sync_sources

if TYPE_CHECKING:
    from conftest import Rasad

OUTLET_PAGES = Path(__file__).parent / "crawler" / "data" / "outlet_pages"
# Dev pages of the labelled outlet set: where each states its date, and the moment.
TEXT_ONLY = (
    OUTLET_PAGES / "npasyria-alhol-security-operation.html"
)  # «27 تشرين الأول 2026 - 11:15 ص»
META = OUTLET_PAGES / "euronews-morocco-desalination.html"
JSON_LD = OUTLET_PAGES / "france24-tunisia-sfax-migrants.html"


@pytest.fixture
def damascus(rasad: Rasad) -> Rasad:
    """``rasad`` with the timezone setting at Asia/Damascus (UTC+3 all year)."""
    return type(rasad)({**rasad.env, "RASAD_TIMEZONE": "Asia/Damascus"})


@pytest.mark.parametrize(
    ("page", "source", "published_at", "provenance"),
    [
        (TEXT_ONLY, "npa_syria", "2026-10-27T08:15:00Z", "text"),
        (META, "euronews_ar", "2026-04-09T10:48:31Z", "meta"),
        (JSON_LD, "france24_ar", "2026-10-14T14:22:09Z", "json-ld"),
    ],
)
def test_extract_json_gives_the_utc_moment_and_where_it_was_stated(
    damascus: Rasad, page: Path, source: str, published_at: str, provenance: str
) -> None:
    result = damascus("extract", str(page), "--source", source, "--json")
    assert result.exit_code == 0, result.stderr
    article = json.loads(result.stdout)
    assert (article["published_at"], article["published_at_source"]) == (published_at, provenance)
    assert article["published_date_only"] is False


def test_extract_json_says_a_date_in_the_url_is_a_day(damascus: Rasad, tmp_path: Path) -> None:
    # The page states no date; its address does (a saved copy under /2026/10/27/).
    page = TEXT_ONLY.read_text(encoding="utf-8")
    start, end = (
        page.index('<div class="jeg_meta_date">'),
        page.index("</div>", page.index('<div class="jeg_meta_date">')),
    )
    folder = tmp_path / "2026" / "10" / "27"
    folder.mkdir(parents=True)
    (folder / "page.html").write_text(page[:start] + page[end + 6 :], encoding="utf-8")
    result = damascus("extract", str(folder / "page.html"), "--json")
    article = json.loads(result.stdout)
    assert (article["published_at_source"], article["published_date_only"]) == ("url", True)
    assert article["published_at"] == "2026-10-27T00:00:00Z"  # midnight of the day, UTC default


def test_extract_prints_the_time_in_the_timezone_setting_named(damascus: Rasad) -> None:
    result = damascus("extract", str(TEXT_ONLY), "--source", "npa_syria")
    assert result.exit_code == 0, result.stderr
    published = result.stdout.splitlines()[2]
    assert published == "published: 2026-10-27 11:15 (Asia/Damascus, +03), from the text"


def test_extract_without_a_timezone_setting_prints_utc(rasad: Rasad) -> None:
    published = rasad("extract", str(TEXT_ONLY), "--source", "npa_syria").stdout.splitlines()[2]
    assert published == "published: 2026-10-27 08:15 (UTC, +00), from the text"


LAST_CRAWL = datetime(2026, 11, 22, 6, 30, tzinfo=UTC)
FETCHED = datetime(2026, 11, 22, 6, 31, tzinfo=UTC)


@pytest.fixture
def crawled_once(database_url: str) -> None:
    """One source crawled at 06:30 UTC, and one article fetched at 06:31 UTC."""
    alarabiya = next(s for s in load_catalog() if s.id == "alarabiya")
    with psycopg.connect(database_url) as conn:
        sync_sources(conn, [SourceEntry("alarabiya", alarabiya.name, alarabiya.homepage, 15, True)])
        conn.execute(
            "UPDATE sources SET last_attempt_at = %s, last_success_at = %s",
            (LAST_CRAWL, LAST_CRAWL),
        )
        conn.execute("INSERT INTO clusters (id) VALUES (1)")
        conn.execute(
            "INSERT INTO articles (source_id, url, canonical_url, title, text, content_hash,"
            " cluster_id, terms, fetched_at) VALUES ('alarabiya', 'https://a.example/1',"
            " 'https://a.example/1', 'عنوان', 'نص', 'h', 1, '', %s)",
            (FETCHED,),
        )


@pytest.mark.usefixtures("crawled_once")
def test_status_prints_its_times_in_the_timezone_setting_named(damascus: Rasad) -> None:
    result = damascus("status")
    assert result.exit_code == 0, result.stderr
    assert "newest fetched 2026-11-22 09:31 (Asia/Damascus, +03)" in result.stdout
    assert "last crawl 2026-11-22 09:30 (Asia/Damascus, +03)" in result.stdout


@pytest.mark.usefixtures("crawled_once")
def test_status_json_keeps_utc(damascus: Rasad) -> None:
    status = json.loads(damascus("status", "--json").stdout)
    assert status["articles"]["newest_fetched_at"] == "2026-11-22T06:31:00Z"
    assert status["sources"]["last_crawl_at"] == "2026-11-22T06:30:00Z"


@pytest.mark.usefixtures("crawled_once")
def test_sources_prints_last_success_in_the_timezone_setting_named(damascus: Rasad) -> None:
    result = damascus("sources")
    assert result.exit_code == 0, result.stderr
    assert "last success (Asia/Damascus, +03)" in result.stdout
    row = next(line for line in result.stdout.splitlines() if "alarabiya" in line)
    assert "2026-11-22 09:30" in row
    listed = json.loads(damascus("sources", "--json").stdout)
    assert next(s for s in listed if s["id"] == "alarabiya")["last_success_at"] == (
        "2026-11-22T06:30:00Z"
    )
