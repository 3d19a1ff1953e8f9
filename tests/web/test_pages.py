"""The pages as an analyst's browser receives them: right to left, escaped, linkable, in the
timezone setting, and only ever read."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import feedparser
import pytest

from rasad.web.guard import CONTENT_SECURITY_POLICY

if TYPE_CHECKING:
    from conftest import Archive
    from fastapi.testclient import TestClient


def test_the_search_page_finds_a_story_once_with_its_outlets(client: TestClient) -> None:
    home = client.get("/")
    assert home.status_code == 200
    assert '<html lang="ar" dir="rtl">' in home.text
    assert 'action="/search"' in home.text
    page = client.get("/search", params={"q": "مخيم الهول"})
    assert page.status_code == 200
    assert page.text.count('<article class="hit">') == 1
    assert "2 مصادر" in page.text
    assert "ألفا نيوز، بيتا برس" in page.text
    assert "<mark>مخيم</mark>" in page.text
    assert "Asia/Damascus, +0" in page.text  # the zone is named


def test_a_topic_search_shows_whether_each_story_was_emailed(client: TestClient) -> None:
    page = client.get("/search", params={"topic": "prisons"}).text
    assert "نقل موقوفين من سجون مكتظة" in page
    assert "نُشر قبل إنشاء الموضوع" in page
    assert "في الانتظار" in page


def test_a_result_page_url_is_the_whole_search(client: TestClient, archive: Archive) -> None:
    params = {"q": "سجون OR سجن OR داعش", "limit": "1", "sort": "date", "source": "alpha"}
    first = client.get("/search", params=params)
    found = re.search(r'<a rel="next" href="([^"]+)"', first.text)
    assert found is not None
    link = found.group(1).replace("&amp;", "&")
    assert "sort=date" in link
    assert "source=alpha" in link
    second = client.get(link)  # what a colleague opening the link sees
    assert second.status_code == 200
    assert f'href="/articles/{archive.ids["hol"]}"' in second.text
    assert f'href="/articles/{archive.ids["undated"]}"' in first.text


def test_a_bad_query_is_a_page_with_one_sentence(client: TestClient) -> None:
    page = client.get("/search", params={"q": "داعش AND"})
    assert page.status_code == 400
    assert "query: &#39;AND&#39; at position 6 has nothing after it" in page.text
    assert 'value="داعش AND"' in page.text  # the form keeps the query, to be corrected
    assert "Traceback" not in page.text


def test_the_article_page_shows_date_zone_links_copies_and_topics(
    client: TestClient, archive: Archive
) -> None:
    page = client.get(f"/articles/{archive.ids['hol']}").text
    assert "خروج دفعة جديدة من العائلات من مخيم الهول" in page
    assert "سارة العلي" in page
    assert "(Asia/Damascus, +03)" in page
    assert '<bdi dir="ltr">https://alpha.example/news/1</bdi>' in page
    assert f'href="/articles/{archive.ids["hol_copy"]}"' in page  # the story in beta
    assert "بيتا برس" in page
    assert 'href="/topics/hol"' in page
    assert "أُرسل بالبريد" in page
    assert page.count('<span class="status sent">') == 2  # one per recipient


def test_article_text_is_shown_as_text_never_as_markup(
    client: TestClient, archive: Archive
) -> None:
    page = client.get(f"/articles/{archive.ids['hostile']}").text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(&#34;text&#34;)&gt;" in page
    assert "<script" not in page
    assert "<img" not in page
    results = client.get("/search", params={"q": "الخبز", "all": "true"}).text
    assert "<script" not in results
    assert "<img" not in results


def test_the_topic_page_lists_matches_with_their_emails(client: TestClient) -> None:
    page = client.get("/topics/prisons").text
    assert page.index("زيارات عائلية في سجن حمص") < page.index("نقل موقوفين من سجون مكتظة")
    assert "نُشر قبل إنشاء الموضوع" in page  # matched before the topic existed: not emailed
    assert "ملخص" in page
    assert "في الانتظار" in page  # the daily digest is still owed
    assert 'type="application/atom+xml"' in page
    topics = client.get("/topics").text
    assert 'href="/topics/hol"' in topics
    assert 'href="/topics/prisons"' in topics


def test_the_topic_feed_is_atom_with_links_to_the_pages(
    client: TestClient, archive: Archive
) -> None:
    response = client.get("/topics/hol/feed.atom")
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "مخيم الهول · رصد"
    (entry,) = feed.entries
    assert entry.title == "خروج دفعة جديدة من العائلات من مخيم الهول"
    assert entry.link == f"http://testserver/articles/{archive.ids['hol']}"
    assert "أُرسل بالبريد" in entry.summary


def test_the_sources_page_shows_health_and_reasons(client: TestClient) -> None:
    page = client.get("/sources").text
    assert "HTTP 403 from the feed" in page
    assert "listing page: 2" in page
    assert '<span class="badge failing">' in page
    assert '<span class="badge ok">' in page


@pytest.mark.parametrize("path", ["/", "/search?q=داعش", "/sources", "/nosuch", "/api/topics"])
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'none'" in CONTENT_SECURITY_POLICY
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
@pytest.mark.parametrize("path", ["/search", "/api/search", "/api/topics", "/static/style.css"])
def test_only_reading_methods_are_allowed(client: TestClient, method: str, path: str) -> None:
    response = client.request(method, path)
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"


def test_head_answers_like_get_without_a_body(client: TestClient) -> None:
    response = client.head("/sources")
    assert response.status_code == 200
    assert response.content == b""


def test_a_missing_page_is_404_in_one_sentence(client: TestClient) -> None:
    for path in ("/articles/999999", "/topics/nosuch", "/nosuch"):
        response = client.get(path)
        assert response.status_code == 404
        assert "There is no such page." in response.text
        assert "Traceback" not in response.text
