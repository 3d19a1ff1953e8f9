"""canonical_url: one key per article, however a link to it is written."""

from __future__ import annotations

import pytest

from rasad.crawler.urls import canonical_url, same_site

YOUM7 = (
    "https://youm7.com/story/2020/8/24/%D9%88%D8%B2%D9%8A%D8%B1-%D8%A7%D9%84%D8%B1%D9%89/4943459"
)


@pytest.mark.parametrize(
    "url",
    [
        pytest.param(YOUM7, id="already-canonical"),
        pytest.param("https://www.youm7.com/story/2020/8/24/وزير-الرى/4943459", id="raw-arabic"),
        pytest.param(
            "https://www.youm7.com/story/2020/8/24/%d9%88%d8%b2%d9%8a%d8%b1-%d8%a7%d9%84%d8%b1%d9%89/4943459",
            id="lower-case-hex",
        ),
        pytest.param(
            "HTTPS://WWW.YOUM7.COM:443/story/2020/8/24/وزير-الرى/4943459", id="case-and-port"
        ),
        pytest.param("https://m.youm7.com/story/2020/8/24/وزير-الرى/4943459", id="mobile-host"),
        pytest.param("https://amp.youm7.com/story/2020/8/24/وزير-الرى/4943459", id="amp-host"),
        pytest.param(
            "https://www.youm7.com/amp/story/2020/8/24/وزير-الرى/4943459", id="amp-prefix"
        ),
        pytest.param(
            "https://www.youm7.com/story/2020/8/24/وزير-الرى/4943459/amp", id="amp-suffix"
        ),
        pytest.param("https://www.youm7.com/story/2020/8/24/وزير-الرى/4943459?amp", id="amp-query"),
        pytest.param(
            "https://www.youm7.com/story/2020/8/24/وزير-الرى/4943459?amp=1", id="amp-query-1"
        ),
        pytest.param(
            "https://www.youm7.com/story/2020/8/24/وزير-الرى/4943459#comments", id="fragment"
        ),
        pytest.param(
            "https://www.youm7.com/story/2020/8/24/وزير-الرى/4943459?utm_source=facebook&utm_medium=social&fbclid=IwAR0x",
            id="utm-fbclid",
        ),
        pytest.param(
            "https://www.youm7.com/story/2020/8/24/وزير-الرى/4943459?gclid=abc&ref=home",
            id="gclid-ref",
        ),
    ],
)
def test_variants_share_one_key(url: str) -> None:
    assert canonical_url(url) == YOUM7


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # Parameters that select the article stay, sorted.
        ("https://www.masrawy.com/news?id=5&cat=2", "https://masrawy.com/news?cat=2&id=5"),
        ("https://www.elbalad.news/4017575", "https://elbalad.news/4017575"),
        ("https://Example.com", "https://example.com/"),
        # Unreserved characters are unescaped, reserved ones stay escaped.
        ("https://example.com/a%7Eb%2Fc", "https://example.com/a~b%2Fc"),
        ("http://example.com/x", "http://example.com/x"),
        # A host that merely starts with "m" keeps its letters.
        ("https://mada.example/story", "https://mada.example/story"),
    ],
)
def test_canonical_form(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_different_articles_stay_different() -> None:
    assert canonical_url("https://www.elbalad.news/4017575") != canonical_url(
        "https://www.elbalad.news/4017576"
    )
    assert canonical_url("https://example.com/news?id=5") != canonical_url(
        "https://example.com/news?id=6"
    )


def test_same_site() -> None:
    assert same_site("https://m.youm7.com/a", "https://www.youm7.com/b")
    assert not same_site("https://youm7.com/a", "https://elbalad.news/a")
