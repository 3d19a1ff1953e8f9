"""The archive as an analyst reads it: ``rasad search``, ``rasad export``, ``rasad topics test``
and ``rasad db grant-reader``, every flag through the command line."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import psycopg
import pytest
from harness import clean_environment
from psycopg.conninfo import make_conninfo

from rasad.alerts.analysis import to_tsvector_literal
from rasad.crawler.neardup import cluster_signature
from rasad.storage import search as search_storage
from rasad.storage.articles import NewArticle, store_article
from rasad.storage.outbox import (
    TopicEntry,
    new_message_id,
    queue_match_email,
    record_match,
    sync_topics,
)
from rasad.storage.sources import SourceEntry, sync_sources

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import Rasad

NOW = datetime.now(UTC).replace(microsecond=0)
WIRE = (
    "قالت مصادر محلية إن عشرات من عائلات عناصر تنظيم داعش فروا من مخيم الهول في ريف "
    "الحسكة الشرقي ليلة أمس، بعد اشتباكات بين حراس المخيم ومجموعة مسلحة اقتحمت أحد "
    "قطاعاته. وأضافت المصادر أن قوات الأمن فرضت طوقا حول المخيم وبدأت عمليات تفتيش واسعة "
    "بحثا عن الفارين، فيما لم تصدر الإدارة الذاتية أي بيان رسمي حتى الآن."
)
LONG_PATH = "/news/2026/11/" + "تقرير-عن-مخيم-الهول-" * 6 + "نهاية"


def story(number: int) -> str:
    """A story of its own about the camp: the wire's words in an order of its own."""
    words = WIRE.split()
    return " ".join(words[number * 3 :] + words[: number * 3])


def stored_article(
    db: psycopg.Connection, source: str, number: int, text: str, hours_ago: float
) -> int:
    url = f"https://{source}.example/n/{number}"
    published = NOW - timedelta(hours=hours_ago)
    result = store_article(
        db,
        NewArticle(
            source_id=source,
            url=f"https://www.{source}.example/n/{number}?utm_source=rss&fbclid=abc",
            canonical_url=url + (LONG_PATH if number == 1 else ""),
            title=f"خبر رقم {number}",
            byline=None,
            published_at=published,
            language="ar",
            text=text,
            content_hash=hashlib.sha256(f"{number}{text}".encode()).hexdigest(),
            terms=to_tsvector_literal(f"خبر رقم {number}\n{text}"),
            # only story 1 and its copy are signed: the other stories share the wire's words
            signature=cluster_signature(text) if number in (1, 100) else None,
        ),
    )
    return result.article_id


@pytest.fixture
def archive(database_url: str) -> str:
    """Twelve stories about the camp from alpha (one an hour), one copied by beta, and a
    story about bread prices from beta."""
    with psycopg.connect(database_url) as db:
        sync_sources(
            db,
            [
                SourceEntry("alpha", "ألفا", "https://alpha.example/", 15, True),
                SourceEntry("beta", "بيتا", "https://beta.example/", 15, True),
            ],
        )
        for number in range(1, 13):
            stored_article(db, "alpha", number, story(number), number)
        stored_article(db, "beta", 100, "نقلت وكالة محلية: " + story(1), 0.5)  # a copy
        stored_article(
            db, "beta", 200, "ارتفعت أسعار الخبز في الأسواق بعد قرار الحكومة رفع الدعم.", 3
        )
    return database_url


def test_search_pages_through_every_match_with_the_after_cursor(rasad: Rasad, archive: str) -> None:
    seen: list[str] = []
    after: list[str] = []
    for _ in range(5):
        result = rasad("search", "مخيم", "--all", "--limit", "5", "--format", "json", *after)
        assert result.exit_code == 0, result.stderr
        page = json.loads(result.stdout)
        seen += [hit["canonical_url"] for hit in page["hits"]]
        if page["next_cursor"] is None:
            break
        after = ["--after", page["next_cursor"]]
    assert len(seen) == 13 == len(set(seen))  # every camp article once, over three pages
    dated: list[str] = []
    after = []
    for _ in range(5):
        result = rasad(
            "search", "مخيم", "--sort", "date", "--limit", "4", "--format", "json", *after
        )
        page = json.loads(result.stdout)
        dated += [hit["published_at"] for hit in page["hits"]]
        if page["next_cursor"] is None:
            break
        after = ["--after", page["next_cursor"]]
    assert dated == sorted(dated, reverse=True)
    assert len(dated) == len(set(dated)) == 12  # one per story: beta's copy stands for story 1


@pytest.mark.parametrize("tier_size", [200, 3])
def test_collapsed_pages_show_every_story_once_across_pages_and_tiers(
    rasad: Rasad, archive: str, monkeypatch: pytest.MonkeyPatch, tier_size: int
) -> None:
    # a tier of 3 makes the twelve stories cross tiers within and between pages
    monkeypatch.setattr(search_storage, "TIER_SIZE", tier_size)
    for sort in ("relevance", "date"):
        stories: list[str] = []
        after: list[str] = []
        for _ in range(10):
            flags = ("--sort", sort, "--limit", "5", "--format", "json", *after)
            page = json.loads(rasad("search", "مخيم", *flags).stdout)
            stories += [hit["title"].removesuffix("00") for hit in page["hits"]]  # 100: 1's copy
            if page["next_cursor"] is None:
                break
            after = ["--after", page["next_cursor"]]
        assert sorted(stories) == sorted(f"خبر رقم {n}" for n in range(1, 13)), sort


def test_a_damaged_or_foreign_cursor_is_one_sentence(rasad: Rasad, archive: str) -> None:
    page = json.loads(rasad("search", "مخيم", "--limit", "2", "--format", "json").stdout)
    cursor = page["next_cursor"]
    damaged = rasad("search", "مخيم", "--limit", "2", "--after", cursor[:-3] + "xyz")
    assert damaged.exit_code == 2
    assert damaged.stderr == "rasad: the --after cursor is damaged: use one that a search printed\n"
    foreign = rasad("search", "الخبز", "--limit", "2", "--after", cursor)
    assert foreign.exit_code == 2
    assert "belongs to another search" in foreign.stderr


def test_collapsed_results_show_a_story_once_and_all_shows_every_copy(
    rasad: Rasad, archive: str
) -> None:
    def urls(*flags: str) -> list[str]:
        result = rasad("search", "فروا", "--limit", "50", "--format", "ndjson", *flags)
        assert result.exit_code == 0, result.stderr
        return [json.loads(line)["source"] for line in result.stdout.splitlines()]

    collapsed, every = urls(), urls("--all")
    assert len(every) == len(collapsed) + 1  # beta's copy joined a story of alpha's
    assert sorted(every) == ["alpha"] * 12 + ["beta"]


def hits(rasad: Rasad, query: str, *flags: str) -> list[tuple[str, str, int]]:
    result = rasad("search", query, "--limit", "50", "--format", "ndjson", *flags)
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    return [(r["source"], r["canonical_url"], r["outlets"]) for r in records]


def test_a_story_is_found_by_a_copy_matching_a_word_its_first_article_lacks(
    rasad: Rasad, archive: str
) -> None:
    copy = ("beta", "https://beta.example/n/100", 2)  # only beta's copy says وكالة
    for sort in ("relevance", "date"):
        assert hits(rasad, "وكالة", "--sort", sort) == [copy]
        assert hits(rasad, "وكالة", "--sort", sort, "--all") == [copy]
        # both articles match: the story is listed once, by one of them, with both outlets
        story = hits(rasad, "وكالة OR فروا", "--sort", sort)
        assert len(story) == 12
        assert sum(url.endswith(("/n/1" + LONG_PATH, "/n/100")) for _, url, _ in story) == 1
    assert hits(rasad, "وكالة AND فروا", "--sort", "date", "--all") == [copy]


def test_a_source_shows_its_copies_of_stories_another_outlet_carried_first(
    rasad: Rasad, archive: str
) -> None:
    copy = ("beta", "https://beta.example/n/100", 2)
    for sort in ("relevance", "date"):
        assert hits(rasad, "فروا", "--source", "beta", "--sort", sort) == [copy]
        assert hits(rasad, "فروا", "--source", "beta", "--sort", sort, "--all") == [copy]
        alpha = hits(rasad, "فروا", "--source", "alpha", "--sort", sort)
        assert len(alpha) == 12  # alpha's first article of the story, beta's copy aside
        assert ("alpha", "https://alpha.example/n/1" + LONG_PATH, 2) in alpha


def test_source_filters_repeat_and_unknown_ids_are_refused(rasad: Rasad, archive: str) -> None:
    def sources(*flags: str) -> set[str]:
        result = rasad(
            "search", "الخبز OR مخيم", "--all", "--limit", "50", "--format", "csv", *flags
        )
        assert result.exit_code == 0, result.stderr
        return {row["source"] for row in csv.DictReader(io.StringIO(result.stdout))}

    assert sources("--source", "beta") == {"beta"}
    assert sources("--source", "alpha", "--source", "beta") == {"alpha", "beta"}
    unknown = rasad("search", "مخيم", "--source", "alfa")
    assert unknown.exit_code == 2
    assert unknown.stderr == (
        "rasad: no source 'alfa' (did you mean 'alpha'?) (see `rasad sources`)\n"
    )


@pytest.mark.parametrize("tier_size", [200, 3])
def test_several_sources_are_merged_newest_first_and_page_as_one_list(
    rasad: Rasad, archive: str, monkeypatch: pytest.MonkeyPatch, tier_size: int
) -> None:
    # each source is read from its own part of the date index, then merged
    monkeypatch.setattr(search_storage, "TIER_SIZE", tier_size)
    flags = ("--source", "alpha", "--source", "beta", "--source", "alpha")  # one twice
    for sort, collapse in (("date", "--all"), ("relevance", "--all"), ("relevance", "")):
        paged: list[tuple[str, str]] = []
        after: list[str] = []
        for _ in range(20):
            page = json.loads(
                rasad(
                    "search",
                    "مخيم OR الخبز",
                    *flags,
                    "--sort",
                    sort,
                    "--limit",
                    "2",
                    "--format",
                    "json",
                    *([collapse] if collapse else []),
                    *after,
                ).stdout
            )
            paged += [(hit["published_at"], hit["source"]) for hit in page["hits"]]
            if page["next_cursor"] is None:
                break
            after = ["--after", page["next_cursor"]]
        # alpha's twelve stories, beta's copy of story 1 (collapsed into it) and beta's bread
        assert len(paged) == len(set(paged)) == (14 if collapse else 13), (sort, collapse)
        assert {source for _, source in paged} == {"alpha", "beta"}
        if sort == "date":
            assert [at for at, _ in paged] == sorted((at for at, _ in paged), reverse=True)


def test_since_until_and_limit(rasad: Rasad, archive: str) -> None:
    def count(*flags: str) -> int:
        result = rasad("search", "مخيم", "--all", "--format", "ndjson", *flags)
        assert result.exit_code == 0, result.stderr
        return len(result.stdout.splitlines())

    assert count("--since", "6h") == 6  # alpha's 1..5 hours ago and beta's copy
    assert count("--until", "6h", "--limit", "50") == 7
    assert count("--since", "3h", "--until", "1h") == 2
    assert count("--limit", "3") == 3


def test_the_table_shows_whole_canonical_urls_and_labelled_times(
    rasad: Rasad, archive: str
) -> None:
    rasad.env["RASAD_TIMEZONE"] = "Asia/Damascus"
    result = rasad("search", "مخيم", "--all", "--limit", "5", "--sort", "date")
    assert result.exit_code == 0, result.stderr
    assert "published (Asia/Damascus, +03)" in result.stdout
    assert "https://alpha.example/n/1" + LONG_PATH in result.stdout  # whole, on one line
    assert "utm_source" not in result.stdout
    assert "fbclid" not in result.stdout
    local = (NOW - timedelta(hours=1)).astimezone(UTC) + timedelta(hours=3)
    assert local.strftime("%Y-%m-%d %H:%M") in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].startswith("more results: --after ")
    as_json = json.loads(rasad("search", "مخيم", "--all", "--format", "json").stdout)["hits"]
    first = next(
        hit for hit in as_json if hit["canonical_url"].startswith("https://alpha.example/n/1/")
    )
    assert first["url"] == "https://www.alpha.example/n/1?utm_source=rss&fbclid=abc"  # kept


def test_search_needs_a_query_unless_a_topic_and_refuses_unknown_topics(
    rasad: Rasad, archive: str
) -> None:
    result = rasad("search")
    assert result.exit_code == 2
    assert result.stderr == "rasad: a search needs a query (or a topic whose matches to list)\n"
    unknown = rasad("search", "--topic", "isis")
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("rasad: no topic 'isis'")


def test_topic_matches_say_whether_and_to_whom_they_were_emailed(
    rasad: Rasad, archive: str
) -> None:
    with psycopg.connect(archive) as db:
        sync_topics(db, [TopicEntry("camps", "المخيمات", "مخيم", "immediate", ("a@example.org",))])
        rows = db.execute(
            "SELECT id, cluster_id FROM articles WHERE source_id = 'alpha' ORDER BY id LIMIT 2"
        ).fetchall()
        with db.transaction():
            emailed = record_match(db, "camps", rows[0][1], rows[0][0], ["مخيم"], "emailed")
            record_match(
                db,
                "camps",
                rows[1][1],
                rows[1][0],
                ["مخيم"],
                "not emailed: published before the topic was created",
            )
            assert emailed is not None
            outbox = queue_match_email(
                db,
                kind="alert",
                topic_id="camps",
                recipient="a@example.org",
                match_id=emailed,
                due_at=NOW,
                message_id=new_message_id("example.org"),
            )
            db.execute(
                "UPDATE outbox SET status = 'sent', sent_at = now() WHERE id = %s", (outbox,)
            )
    result = rasad("search", "--topic", "camps", "--format", "json")
    assert result.exit_code == 0, result.stderr
    hits = json.loads(result.stdout)["hits"]
    assert len(hits) == 2
    by_alert = {hit["alert"]: hit for hit in hits}
    assert by_alert["emailed"]["emails"][0]["recipient"] == "a@example.org"
    assert by_alert["emailed"]["emails"][0]["status"] == "sent"
    assert by_alert["not emailed: published before the topic was created"]["emails"] == []
    table = rasad("search", "--topic", "camps")
    assert "sent to a@example.org" in table.stdout
    assert "published before the topic was created" in table.stdout
    # a query narrows the topic's matches
    narrowed = rasad("search", "الخبز", "--topic", "camps", "--format", "json")
    assert json.loads(narrowed.stdout)["hits"] == []


def test_topics_test_refuses_a_mistyped_topic_id_and_says_what_was_emailed(
    rasad: Rasad, archive: str, tmp_path: Path
) -> None:
    topics = tmp_path / "topics.toml"
    topics.write_text(
        '[[topic]]\nid = "camps"\nname = "المخيمات"\nquery = "مخيم"\n'
        'recipients = ["a@example.org"]\n',
        encoding="utf-8",
    )
    rasad.env["RASAD_TOPICS"] = str(topics)
    mistyped = rasad("topics", "test", "camp")
    assert mistyped.exit_code == 2
    assert mistyped.stderr.startswith("rasad: no topic 'camp' (did you mean 'camps'?)")
    result = rasad("topics", "test", "camps")
    assert result.exit_code == 0, result.stderr
    assert "emailed" in result.stdout
    assert "not matched yet" in result.stdout  # nothing recorded: the daemon never ran
    query = rasad("topics", "test", "الخبز")
    assert query.stdout.startswith("query: 1 matching article(s)")


def test_export_streams_the_selection_to_a_file_or_stdout(
    rasad: Rasad, archive: str, tmp_path: Path
) -> None:
    target = tmp_path / "camp.csv"
    result = rasad("export", "مخيم", "--all", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"exported 13 article(s) to {target}\n"
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == 13
    assert rows[0]["published_at"] > rows[-1]["published_at"]
    lines = rasad("export", "--source", "beta", "--all", "--format", "ndjson").stdout.splitlines()
    assert {json.loads(line)["source"] for line in lines} == {"beta"}
    assert len(lines) == 2
    # story 1 and beta's copy of it: one story collapsed (by its newest match), two with --all
    recent = rasad("export", "--since", "90m", "--format", "ndjson").stdout.splitlines()
    assert [(json.loads(line)["source"], json.loads(line)["outlets"]) for line in recent] == [
        ("beta", 2)
    ]
    assert (
        len(rasad("export", "--since", "90m", "--all", "--format", "csv").stdout.splitlines()) == 3
    )


EXPORT_PEAK = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def test_export_memory_stays_flat_from_10k_to_100k_articles(
    database_url: str, tmp_path: Path
) -> None:
    with psycopg.connect(database_url) as db:
        sync_sources(db, [SourceEntry("alpha", "ألفا", "https://alpha.example/", 15, True)])
        _copy_articles(db, 100_000)
    peaks = {}
    for label, flags in (("10k", ["--until", "10000h"]), ("100k", [])):
        env = clean_environment(
            RASAD_DATABASE_URL=database_url,
            RASAD_DATA_DIR=str(tmp_path / "data"),
            HOME=str(tmp_path),
        )
        command = [
            sys.executable,
            "-m",
            "rasad",
            "export",
            "--output",
            str(tmp_path / "out.csv"),
            *flags,
        ]
        peak = subprocess.run(
            [sys.executable, "-c", EXPORT_PEAK, *command],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        peaks[label] = int(peak.stdout)
        assert (tmp_path / "out.csv").stat().st_size > 0
    lines = (tmp_path / "out.csv").read_text(encoding="utf-8").count("\n")
    assert lines == 100_001
    # ten times the rows, the same memory: a server-side cursor, not a list
    assert peaks["100k"] < peaks["10k"] * 1.3, peaks


def _copy_articles(db: psycopg.Connection, count: int) -> None:
    """``count`` small articles, one hour apart going back, loaded with COPY."""
    base = datetime(2026, 1, 1, tzinfo=UTC)
    with db.cursor().copy(
        "COPY clusters (id, first_article_id, first_published_at, last_published_at,"
        " source_ids) FROM STDIN"
    ) as copy:
        for n in range(1, count + 1):
            at = base - timedelta(hours=n)
            copy.write_row((n, n, at, at, ["alpha"]))
    text = WIRE * 2
    terms = to_tsvector_literal(text)
    with db.cursor().copy(
        "COPY articles (id, source_id, url, canonical_url, title, published_at, language, text,"
        " content_hash, cluster_id, terms) FROM STDIN"
    ) as copy:
        for n in range(1, count + 1):
            url = f"https://alpha.example/n/{n}"
            at = base - timedelta(hours=n)
            copy.write_row((n, "alpha", url, url, f"خبر {n}", at, "ar", text, str(n), n, terms))
    db.commit()


def test_a_reader_reads_the_views_and_nothing_else(rasad: Rasad, archive: str) -> None:
    result = rasad("db", "grant-reader", "analyst_ro", "--password", "s3cret-pw")
    assert result.exit_code == 0, result.stderr
    url = result.stdout.strip()
    assert "s3cret-pw" not in url  # a password given on the command line is not echoed
    assert "analyst_ro@" in url
    again = rasad("db", "grant-reader", "analyst_ro", "--password", "s3cret-pw")
    assert again.stderr == "updated reader 'analyst_ro'\n"
    # The same server as the role (a host and port, or the embedded server's socket folder).
    as_reader = make_conninfo(archive, user="analyst_ro", password="s3cret-pw")  # noqa: S106
    with psycopg.connect(as_reader, autocommit=True) as reader:
        for view in (
            "analyst_articles",
            "analyst_clusters",
            "analyst_matches",
            "analyst_source_health",
        ):
            reader.execute(f"SELECT count(*) FROM {view}").fetchone()
        assert reader.execute("SELECT count(*) FROM analyst_articles").fetchone() == (14,)
        refused = [
            "SELECT count(*) FROM articles",
            "SELECT count(*) FROM outbox",
            "INSERT INTO sources (id, name, homepage) VALUES ('x', 'x', 'x')",
            "UPDATE articles SET title = 'x'",
            "DELETE FROM topic_matches",
            "CREATE TABLE mine (x int)",
            "CREATE TEMP TABLE mine (x int)",
            "SELECT lo_create(0)",
        ]
        for statement in refused:  # no right, or a read-only session, refuses each
            with pytest.raises(
                (psycopg.errors.InsufficientPrivilege, psycopg.errors.ReadOnlySqlTransaction)
            ):
                reader.execute(statement)
        # without the read-only default, the missing rights still refuse
        reader.execute("SET default_transaction_read_only = off")
        for statement in refused[:-1]:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                reader.execute(statement)
    bad = rasad("db", "grant-reader", "Robert'); DROP")
    assert bad.exit_code == 2
    assert "reader name" in bad.stderr
