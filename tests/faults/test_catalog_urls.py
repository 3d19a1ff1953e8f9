"""Hostile or mistyped URLs in the catalog: refused at start by ``rasad crawl`` and ``rasad run``
with one sentence naming the file, the source and the key, before anything is fetched."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from outlets.build import write_catalog

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import Rasad


@pytest.mark.parametrize("command", ["crawl", "run"])
@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {"homepage": "http://[::1/"},
            "key 'homepage' ('http://[::1/') is not a valid URL",
        ),
        (
            {"feeds": ["http://example.org:99999/feed.xml"]},
            "key 'feeds' ('http://example.org:99999/feed.xml') is not a valid URL "
            "(Port out of range 0-65535)",
        ),
        (
            {"sitemaps": ["file:///etc/passwd"]},
            "key 'sitemaps' ('file:///etc/passwd') must start with http://, https://, "
            "got scheme 'file'",
        ),
        (
            {"sections": [{"url": "gopher://example.org/1/news"}]},
            "key 'sections' ('gopher://example.org/1/news') must start with http://, https://, "
            "got scheme 'gopher'",
        ),
    ],
)
def test_a_catalog_url_outside_http_is_one_sentence(
    rasad: Rasad, tmp_path: Path, command: str, entry: dict[str, object], message: str
) -> None:
    source = {"id": "bad", "name": "سيئ", "homepage": "https://example.org/", **entry}
    rasad.env["RASAD_CATALOG"] = str(write_catalog(tmp_path / "sources.toml", [source]))
    result = rasad(command)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"rasad: sources.toml: source 'bad': {message}")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
