"""Random and mutated HTML through extraction (the function the pipeline and ``rasad extract``
call): every input gives an article, a skip, or an ExtractionError with its sentence; nothing
else escapes, and an article keeps within the limits.

Mutations of the fixture pages: truncation, byte flips, NUL bytes, deep nesting, huge
attributes, wrong encodings; and HTML-like soups of tags, entities and Arabic words. The
examples are derandomized (the same every run, so the suite cannot flake) and few, so the
module takes seconds.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rasad.config.errors import ExtractionError
from rasad.config.limits import BYLINE_MAX_CHARS, TEXT_MAX_CHARS, TITLE_MAX_CHARS
from rasad.crawler.extract import ExtractedArticle, SkippedPage, extract_page

PAGES = {
    path.name: path.read_bytes()
    for path in sorted((Path(__file__).parents[1] / "crawler" / "pages").glob("*.html"))
}
URL = "https://example.org/news/1"
fuzz = settings(
    max_examples=15,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Big inputs cost a parse each: fewer examples.
fuzz_big = settings(fuzz, max_examples=6)
pages = st.sampled_from(sorted(PAGES)).map(PAGES.__getitem__)


def contained(body: bytes, http_encoding: str | None = None) -> None:
    """Extraction of ``body`` ends in one of its three documented outcomes."""
    try:
        result = extract_page(body, URL, http_encoding=http_encoding)
    except ExtractionError as exc:
        message = str(exc)
        assert message
        assert "\n" not in message
        return
    assert isinstance(result, ExtractedArticle | SkippedPage)
    if isinstance(result, ExtractedArticle):
        assert len(result.title) <= TITLE_MAX_CHARS
        assert len(result.text) <= TEXT_MAX_CHARS
        assert result.byline is None or len(result.byline) <= BYLINE_MAX_CHARS
        # Storable: PostgreSQL refuses NUL in text.
        assert "\0" not in result.title + result.text + (result.byline or "")


@fuzz
@given(st.binary(max_size=4096))
def test_random_bytes(body: bytes) -> None:
    contained(body)


@fuzz
@given(pages, st.data())
def test_truncated_pages(page: bytes, data: st.DataObject) -> None:
    contained(page[: data.draw(st.integers(0, len(page)))])


@fuzz
@given(pages, st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=40))  # fmt: skip
def test_byte_flips(page: bytes, flips: list[tuple[float, int]]) -> None:
    body = bytearray(page)
    for where, value in flips:
        body[int(where * len(body))] = value
    contained(bytes(body))


@fuzz
@given(pages, st.lists(st.floats(0, 1), min_size=1, max_size=20))
def test_nul_bytes(page: bytes, places: list[float]) -> None:
    body = page
    for where in places:
        cut = int(where * len(body))
        body = body[:cut] + b"\0" + body[cut:]
    contained(body)


@fuzz_big
@given(pages, st.sampled_from(["div", "p", "span", "table", "a", "b", "article"]),
       st.integers(100, 20_000), st.booleans())  # fmt: skip
def test_deep_nesting(page: bytes, tag: str, depth: int, closed: bool) -> None:
    nested = f"<{tag}>".encode() * depth + (f"</{tag}>".encode() * depth if closed else b"")
    body = page.replace(b"<body", nested + b"<body", 1) if b"<body" in page else nested + page
    contained(body.replace(b"</p>", b"</p>" + nested, 1))


@fuzz_big
@given(pages, st.integers(10_000, 1_000_000), st.sampled_from(["content", "class", "href", "datetime"]))  # fmt: skip
def test_huge_attributes(page: bytes, size: int, attribute: str) -> None:
    value = ("ن" * size).encode()
    huge = b'<meta property="og:title" ' + attribute.encode() + b'="' + value + b'">'
    body = page.replace(b"<head>", b"<head>" + huge, 1).replace(
        b"<p>", b'<p title="' + value + b'">', 1
    )
    contained(body)


@fuzz
@given(pages, st.integers(1, 100_000), st.sampled_from(["[", '{"@graph":', '{"author":']))
def test_deeply_nested_json_ld(page: bytes, depth: int, opener: str) -> None:
    script = b'<script type="application/ld+json">' + opener.encode() * depth + b"</script>"
    contained(page.replace(b"<head>", b"<head>" + script, 1))


@fuzz
@given(pages, st.text(alphabet=st.characters(max_codepoint=31), min_size=1, max_size=4))
@example(PAGES["elbalad-isis-families.html"], "\0")
@example(PAGES["cairo-no-offset.html"], "\x0b\x01")
def test_control_characters_in_json_ld(page: bytes, controls: str) -> None:
    # JSON escapes carry what HTML cannot: NUL and other control characters.
    author = json.dumps({"@type": "NewsArticle", "author": {"name": controls + "أحمد علي"}})
    script = f'<script type="application/ld+json">{author}</script>'.encode()
    contained(page.replace(b"<head>", b"<head>" + script, 1))


CODECS = ["utf-16", "utf-32", "cp1256", "iso8859-6", "cp1252", "koi8-r", "shift_jis", "utf-7"]
DECLARED = [*CODECS, "x-unknown", "utf-8", "", "base64", "rot13", "zlib", "undefined"]


@fuzz
@given(pages, st.sampled_from(CODECS), st.sampled_from(DECLARED))
def test_wrong_encodings(page: bytes, codec: str, declared: str) -> None:
    text = page.decode("utf-8", errors="replace")
    body = codecs.encode(text, codec, errors="replace")
    contained(body, http_encoding=declared or None)
    contained(page, http_encoding=declared or None)


TOKENS = st.sampled_from([
    "<html>", "</html>", "<head>", "<body>", "<div>", "</div>", "<p>", "</p>", "<article>",
    "<script>", "</script>", "<style>", "<!--", "-->", "<![CDATA[", "]]>", "<title>",
    "</title>", '<meta property="og:title" content="', '">', "&#0;", "&#99999999;", "&amp",
    "&nbsp;", "<h1>", "</h1>", '<script type="application/ld+json">{"author": [', "]}",
    "<svg><foreignObject>", "<math>", "<template>", "<table><tr><td>", "\0", "\ufeff",
    "\u202e", "<?xml version='1.0' encoding='utf-16'?>", "<!DOCTYPE html>", "<",
    "خروج دفعة جديدة من العائلات السورية من مخيم الهول بكفالة عشائرية ", "داعش ",
])  # fmt: skip


@fuzz
@given(st.lists(TOKENS, max_size=300), st.sampled_from(["utf-8", "utf-16", "cp1256"]))
def test_tag_soup(tokens: list[str], codec: str) -> None:
    contained("".join(tokens).encode(codec, errors="replace"))


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_fixture_pages_themselves_are_contained(name: str) -> None:
    contained(PAGES[name])
