"""The JSON API: the DESIGN.md fields, the filters of `rasad search`, errors as one sentence,
and an OpenAPI description that Schemathesis fuzzes without meeting a server error."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from rasad.config.settings import Settings
from rasad.output import ARTICLE_FIELDS
from rasad.web.app import create_app

if TYPE_CHECKING:
    from conftest import Archive
    from fastapi.testclient import TestClient

DESIGN_FIELDS = set(ARTICLE_FIELDS)  # the JSON fields of DESIGN.md, as the CLI prints them


def test_search_returns_design_fields_matched_words_and_the_story_outlets(
    client: TestClient, archive: Archive
) -> None:
    response = client.get("/api/search", params={"q": "مخيم الهول"})
    assert response.status_code == 200
    (hit,) = response.json()["hits"]  # the two outlets' copies are one story
    assert set(hit) >= DESIGN_FIELDS
    assert hit["id"] in (archive.ids["hol"], archive.ids["hol_copy"])
    assert hit["outlets"] == 2
    assert sorted(hit["outlet_sources"]) == ["alpha", "beta"]
    assert hit["published_at"].endswith("Z")
    assert {"text": "مخيم", "matched": True} in hit["snippet"]
    every_copy = client.get("/api/search", params={"q": "مخيم الهول", "all": "true"}).json()
    assert {h["id"] for h in every_copy["hits"]} == {archive.ids["hol"], archive.ids["hol_copy"]}


def test_search_filters_by_source_topic_and_local_dates(
    client: TestClient, archive: Archive
) -> None:
    def ids(**params: object) -> set[int]:
        response = client.get("/api/search", params={"q": "سجون OR سجن OR داعش", **params})
        assert response.status_code == 200, response.text
        return {hit["id"] for hit in response.json()["hits"]}

    everything = ids(all="true")
    assert archive.ids["prisons"] in everything
    assert archive.ids["undated"] in everything
    assert ids(source="beta", all="true") == {archive.ids["prisons"], archive.ids["hol_copy"]}
    assert ids(topic="prisons") == {archive.ids["prisons"], archive.ids["undated"]}
    topic_only = client.get("/api/search", params={"topic": "hol"}).json()["hits"]
    assert [(hit["alert"], len(hit["deliveries"])) for hit in topic_only] == [("emailed", 2)]
    assert ids(since="150m", all="true") == {archive.ids["hol_copy"], archive.ids["undated"]}
    assert ids(until="2000-01-01") == set()


def test_search_pages_by_cursor_until_the_end(client: TestClient) -> None:
    seen: list[int] = []
    params: dict[str, object] = {"q": "سجون OR سجن OR داعش", "limit": 1, "sort": "date"}
    for _ in range(10):
        page = client.get("/api/search", params=params).json()
        seen += [hit["id"] for hit in page["hits"]]
        if page["next_cursor"] is None:
            break
        params["after"] = page["next_cursor"]
    assert len(seen) == len(set(seen)) == 3


@pytest.mark.parametrize(
    ("params", "sentence"),
    [
        ({"q": "(داعش"}, "query: unbalanced '(' at position 1"),
        ({"q": "داعش", "since": "yesterday"}, "'yesterday' is not a date like 2026-11-22"),
        ({"q": "داعش", "since": "999999w"}, "'999999w' is outside the calendar's range"),
        ({"q": "داعش", "limit": "1000"}, "query parameter 'limit'"),
        ({"q": "داعش", "after": "forged"}, "the --after cursor is damaged"),
        ({"q": "داعش", "source": "alpah"}, "no source 'alpah' (did you mean 'alpha'?)"),
        ({"q": "داعش", "topic": "nosuch"}, "no topic 'nosuch'"),
        ({"q": "داعش", "source": "no such"}, "'no such' is not a source or topic id"),
        ({"q": "x" * 1001}, "query parameter 'q'"),
    ],
)
def test_a_bad_search_is_400_with_one_sentence(
    client: TestClient, params: dict[str, str], sentence: str
) -> None:
    response = client.get("/api/search", params=params)
    assert response.status_code == 400
    assert set(response.json()) == {"error"}
    assert response.json()["error"].startswith(sentence)
    assert "Traceback" not in response.text


def test_an_article_with_its_cluster_topics_and_deliveries(
    client: TestClient, archive: Archive
) -> None:
    article = client.get(f"/api/articles/{archive.ids['hol']}").json()
    assert set(article) >= DESIGN_FIELDS
    assert article["byline"] == "سارة العلي"
    assert [copy["source"] for copy in article["other_articles"]] == ["beta"]
    (match,) = article["matches"]
    assert (match["topic"], match["alert"]) == ("hol", "emailed")
    assert {(d["recipient"], d["status"]) for d in match["deliveries"]} == {
        ("analyst@example.org", "sent"),
        ("desk@example.org", "sent"),
    }
    missing = client.get("/api/articles/999999")
    assert (missing.status_code, missing.json()) == (
        404,
        {"error": "There is no article with this id."},
    )


def test_topics_and_a_topics_matches_newest_first(client: TestClient, archive: Archive) -> None:
    topics = {topic["id"]: topic for topic in client.get("/api/topics").json()}
    assert topics["hol"]["matches"] == 1
    assert topics["prisons"]["mode"] == "daily 08:00"
    prisons = client.get("/api/topics/prisons").json()
    matches = prisons["matches"]
    # the undated article is placed by when it was matched, after the older dated one
    assert [m["article_id"] for m in matches] == [archive.ids["undated"], archive.ids["prisons"]]
    assert matches[1]["alert"] == "not emailed: published before the topic was created"
    assert matches[1]["deliveries"] == []
    assert [(d["kind"], d["status"]) for d in matches[0]["deliveries"]] == [("digest", "pending")]
    first = client.get("/api/topics/prisons", params={"limit": 1})
    assert first.status_code == 200


def test_sources_carry_health_and_the_reasons(client: TestClient) -> None:
    sources = {source["id"]: source for source in client.get("/api/sources").json()}
    assert sources["gamma"]["health"] == "failing"
    assert sources["gamma"]["last_error"] == "HTTP 403 from the feed"
    assert sources["alpha"]["health"] == "ok"
    assert sources["alpha"]["last_skip_reasons"] == {"listing page": 2}
    assert sources["beta"]["health"] == "not yet crawled"


def test_the_openapi_description_lists_the_api(client: TestClient) -> None:
    description = client.get("/api/openapi.json").json()
    assert set(description["paths"]) == {
        "/api/search",
        "/api/articles/{article_id}",
        "/api/topics",
        "/api/topics/{topic_id}",
        "/api/sources",
    }


# The description is fixed by the code, not the data: it is read from an application that never
# starts, and the cases then run against the test's running one.
fuzzed = schemathesis.openapi.from_dict(
    create_app(Settings(data_dir=Path("unused")), "postgresql://unused", ()).openapi()
)


@fuzzed.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_schemathesis_finds_no_server_error(client: TestClient, case: schemathesis.Case) -> None:
    request = case.as_transport_kwargs(base_url="http://testserver")
    response = client.request(
        request["method"],
        request["url"],
        params=request.get("params"),
        headers=request.get("headers"),
    )
    assert response.status_code < 500, (case.path, case.query, response.text)
