"""The pages in a real browser: headless Chromium, driven by Playwright, on `rasad web`.

An analyst's path: the search page, an Arabic query typed, the result, its article, the same
story in another outlet, the topic that matched it, and the topic's Atom feed. Screenshots of
every page, at desktop and phone width, are kept under the test's tmp_path.
"""

from __future__ import annotations

import tempfile
from typing import TYPE_CHECKING

import feedparser
import pytest
from harness import serving, web_environment
from playwright.sync_api import Page, sync_playwright

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from conftest import Archive

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="module")
def served(archive: Archive) -> Iterator[str]:
    with serving(web_environment(archive.settings), "--port", "0") as url:
        yield url


@pytest.fixture
def browser_page(chromium: Path, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page in a fresh Chromium profile; console errors (a CSP refusal among them) and
    dialogs (an article's script running) are collected and must stay empty."""
    size = DESKTOP if "phone" not in request.node.name else PHONE
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(chromium), args=CHROMIUM_ARGS, **size
        )
        page = context.pages[0] if context.pages else context.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("dialog", lambda d: problems.append(f"dialog: {d.message}"))
        try:
            yield page
        finally:
            context.close()
        assert problems == []


def test_an_analyst_searches_reads_the_story_elsewhere_and_follows_the_topic_feed(
    browser_page: Page, served: str, archive: Archive, tmp_path: Path
) -> None:
    page = browser_page
    page.goto(f"{served}/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    page.fill("#q", "مخيم الهول")
    page.press("#q", "Enter")
    page.wait_for_url("**/search?q=*")
    page.screenshot(path=tmp_path / "search.png", full_page=True)
    hits = page.locator("article.hit")
    assert hits.count() == 1
    assert "مخيم الهول" in hits.first.locator("h2").inner_text()
    assert hits.first.locator("mark").count() >= 2
    assert "2 مصادر" in hits.first.inner_text()

    hits.first.locator("h2 a").click()
    page.wait_for_url("**/articles/*")
    page.screenshot(path=tmp_path / "article.png", full_page=True)
    first_outlet = page.locator("dl.facts dd").first.inner_text()
    copies = page.locator("#copies li a")
    assert copies.count() == 1
    copies.first.click()
    page.wait_for_url("**/articles/*")
    other_outlet = page.locator("dl.facts dd").first.inner_text()
    assert {first_outlet.split()[0], other_outlet.split()[0]} == {"ألفا", "بيتا"}
    assert page.locator("#copies li").count() == 1  # and it links back

    page.locator(".matches a[href='/topics/hol']").click()
    page.wait_for_url("**/topics/hol")
    page.screenshot(path=tmp_path / "topic.png", full_page=True)
    assert page.locator("h1").inner_text() == "مخيم الهول"
    href = page.locator("a[href$='feed.atom']").get_attribute("href") or ""
    response = page.goto(served + href)  # what a feed reader given the link fetches
    assert response is not None
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.body())
    assert not feed.bozo
    assert [entry.link for entry in feed.entries] == [f"{served}/articles/{archive.ids['hol']}"]


def test_a_hostile_article_runs_nothing_and_reads_as_text(
    browser_page: Page, served: str, archive: Archive, tmp_path: Path
) -> None:
    browser_page.goto(f"{served}/articles/{archive.ids['hostile']}")
    browser_page.screenshot(path=tmp_path / "hostile.png", full_page=True)
    assert browser_page.locator("h1").inner_text().startswith('<script>alert("title")</script>')
    assert browser_page.locator("script, img").count() == 0


@pytest.mark.parametrize("path", ["/search?q=سجون", "/articles/1", "/topics/prisons", "/sources"])
def test_on_a_phone_no_page_is_wider_than_the_screen(
    browser_page: Page, served: str, path: str, tmp_path: Path
) -> None:
    browser_page.goto(served + path)
    browser_page.screenshot(path=tmp_path / "phone.png", full_page=True)
    overflow = browser_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
