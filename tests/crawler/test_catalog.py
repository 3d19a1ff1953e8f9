"""The catalog: the bundled one loads, and a bad one is refused naming file, source and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasad.config.errors import CatalogError
from rasad.crawler.catalog import load_catalog

GOOD = """
[[source]]
id = "alpha"
name = "ألفا"
homepage = "https://alpha.example/"
feeds = ["https://alpha.example/rss"]
article_pattern = '^https://alpha\\.example/news/\\d+$'
interval = 5
drop = ["div.masthead"]
timezone = "Africa/Cairo"
notes = "documentation keys are accepted and ignored"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_bundled_catalog_loads_with_unique_ids() -> None:
    sources = load_catalog()
    ids = [source.id for source in sources]
    assert len(ids) >= 39
    assert len(set(ids)) == len(ids)
    elbalad = next(source for source in sources if source.id == "elbalad")
    assert elbalad.is_article_url("https://www.elbalad.news/6917359")
    assert not elbalad.is_article_url("https://www.elbalad.news/category/2")


def test_a_good_entry_becomes_a_source(tmp_path: Path) -> None:
    (source,) = load_catalog(write(tmp_path, GOOD))
    assert source.interval_minutes == 5
    assert source.drop == ("div.masthead",)
    assert source.timezone == "Africa/Cairo"
    assert source.domain == "alpha.example"
    assert source.is_article_url("https://alpha.example/news/12")
    assert not source.is_article_url("https://alpha.example/tag/12")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("interval = 5", "interval = '15m'"),
            "source 'alpha': key 'interval' must be a number from 1 to 10080, got '15m'",
        ),
        (("interval = 5", "colour = 'red'"), "source 'alpha': unknown key 'colour'"),
        (
            ('timezone = "Africa/Cairo"', "timezone = 'Cairo'"),
            "source 'alpha': key 'timezone' must be an IANA",
        ),
        (
            ('drop = ["div.masthead"]', "drop = ['div[']"),
            "source 'alpha': key 'drop' has an invalid CSS selector",
        ),
        (
            (r"\d+$", r"(\d+$"),
            "source 'alpha': key 'article_pattern' is not a valid regular expression",
        ),
        (
            ('feeds = ["https://alpha.example/rss"]', 'feeds = ["ftp://x"]'),
            "source 'alpha': key 'feeds' ('ftp://x') must start with http://, https://",
        ),
        (('id = "alpha"', 'id = "Alpha One"'), "key 'id' must be an ascii slug"),
        (('name = "ألفا"', ""), "source 'alpha': key 'name' is missing"),
    ],
)
def test_a_bad_entry_is_refused_naming_file_source_and_key(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    old, new = change
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    assert str(caught.value).startswith("sources.toml: ")
    assert message in str(caught.value)


def test_a_source_declared_twice_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="source 'alpha' is declared twice"):
        load_catalog(write(tmp_path, GOOD + GOOD))
