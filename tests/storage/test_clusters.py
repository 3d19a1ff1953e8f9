"""Story clusters: copies of one story from several outlets end in one cluster, one alert and one
search result, also when two writers store them at the same moment."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from hashlib import sha256

import psycopg
import pytest

from rasad.alerts.analysis import to_tsvector_literal
from rasad.alerts.matcher import AlertPolicy, TopicMatcher
from rasad.alerts.query import parse_query
from rasad.alerts.topics import Mode, Topic
from rasad.crawler.neardup import SIMILARITY_THRESHOLD, cluster_signature
from rasad.storage.articles import (
    NewArticle,
    Outcome,
    StoreResult,
    store_article,
)
from rasad.storage.clusters import ClusterSignature
from rasad.storage.outbox import TopicEntry, sync_topics
from rasad.storage.search import ArticleFilter, newest, ranked
from rasad.storage.sources import SourceEntry, sync_sources

WIRE = (
    "أعلنت الإدارة الذاتية في شمال شرق سوريا، اليوم الثلاثاء، خروج دفعة جديدة من العائلات"
    " السورية من مخيم الهول بريف الحسكة الشرقي، تضم أكثر من مئة وخمسين عائلة.\n"
    "وقال مسؤول في إدارة المخيم إن العائلات خضعت لتدقيق أمني استمر عدة أسابيع للتأكد من عدم"
    " ارتباط أفرادها بتنظيم داعش، مضيفا أن الكفالة العشائرية شرط أساسي لإتمام الخروج.\n"
    "ويؤوي مخيم الهول نحو أربعين ألف شخص غالبيتهم من النساء والأطفال، بينهم آلاف من عائلات"
    " عناصر تنظيم داعش القادمين من العراق ومن أكثر من خمسين دولة أخرى.\n"
    "وتطالب الإدارة الذاتية الدول المعنية منذ سنوات باستعادة رعاياها من المخيم، محذرة من أن بقاء"
    " الأطفال في بيئة مغلقة يعرضهم لخطر التطرف."
)
# Another outlet's copy: an agency dateline, the last paragraph dropped, a tag line added.
REWRITE = "دمشق - سانا: " + WIRE.rsplit("\n", 1)[0] + "\n(سانا)"
# Another report on al-Hol camp in the same week: a different story.
OTHER = (
    "أطلقت قوى الأمن الداخلي، فجر الخميس، حملة تفتيش واسعة في القطاعين الخامس والسادس من مخيم"
    " الهول، بمشاركة وحدات من قوات سوريا الديمقراطية وبدعم من التحالف الدولي.\n"
    "وأفاد متحدث باسم الحملة بأن الدوريات ضبطت أسلحة خفيفة وأجهزة اتصال مخبأة في خيام وأنفاق،"
    " واعتقلت سبعة أشخاص يشتبه بانتمائهم إلى تنظيم داعش وتورطهم في عمليات اغتيال."
)
QUERY = '"مخيم الهول" AND داعش'
NOW = datetime.now(UTC).replace(microsecond=0)


def article(source_id: str, text: str, number: int, minutes: int = 0) -> NewArticle:
    url = f"https://{source_id}.example/news/{number}"
    return NewArticle(
        source_id=source_id,
        url=url,
        canonical_url=url,
        title=f"خبر {number}",
        byline=None,
        published_at=NOW - timedelta(hours=1) + timedelta(minutes=minutes),
        language="ar",
        text=text,
        content_hash=sha256(text.encode()).hexdigest(),
        terms=to_tsvector_literal(text),
        signature=cluster_signature(text),
    )


def add_sources(db: psycopg.Connection) -> None:
    sync_sources(
        db,
        [
            SourceEntry(source, source, f"https://{source}.example/", 15, True)
            for source in ("alpha", "beta", "gamma")
        ],
    )


def cluster_row(db: psycopg.Connection, cluster_id: int) -> tuple[object, ...]:
    return db.execute(
        """
        SELECT first_article_id, article_count, source_ids, first_published_at, last_published_at
        FROM clusters WHERE id = %s
        """,
        (cluster_id,),
    ).fetchone()


def test_a_rewrite_from_another_outlet_joins_the_first_articles_cluster(
    db: psycopg.Connection,
) -> None:
    add_sources(db)
    first = store_article(db, article("alpha", WIRE, 1))
    copy = store_article(db, article("beta", REWRITE, 2, minutes=40))
    assert copy.outcome is Outcome.NEW  # stored: it is another outlet's article
    assert copy.cluster_id == first.cluster_id
    assert cluster_row(db, first.cluster_id) == (
        first.article_id,
        2,
        ["alpha", "beta"],
        NOW - timedelta(hours=1),
        NOW - timedelta(minutes=20),
    )
    assert db.execute("SELECT count(*) FROM clusters").fetchone()[0] == 1


def test_another_report_on_the_same_subject_is_another_story(db: psycopg.Connection) -> None:
    add_sources(db)
    first = store_article(db, article("alpha", WIRE, 1))
    other = store_article(db, article("beta", OTHER, 2))
    assert other.cluster_id != first.cluster_id
    assert cluster_row(db, other.cluster_id)[:3] == (other.article_id, 1, ["beta"])


def test_an_article_without_a_signature_opens_its_own_cluster(db: psycopg.Connection) -> None:
    add_sources(db)
    first = store_article(db, article("alpha", WIRE, 1))
    unsigned = store_article(db, replace(article("beta", REWRITE, 2), signature=None))
    assert unsigned.cluster_id != first.cluster_id


def test_storing_a_copy_again_counts_it_once(db: psycopg.Connection) -> None:
    add_sources(db)
    first = store_article(db, article("alpha", WIRE, 1))
    copy = article("beta", REWRITE, 2)
    store_article(db, copy)
    again = store_article(db, copy)
    assert again.outcome is Outcome.DUPLICATE
    assert cluster_row(db, first.cluster_id)[1:3] == (2, ["alpha", "beta"])
    bands = db.execute("SELECT count(*) FROM article_bands").fetchone()[0]
    assert bands == len(set(copy.signature.band_keys)) + len(
        set(article("alpha", WIRE, 1).signature.band_keys)
    )


def test_an_earlier_copy_is_found_under_band_keys_crowded_by_another_story(
    db: psycopg.Connection,
) -> None:
    # Half of the story's band keys are also held by twenty articles of another story
    # (unlike it in every signature value): the lookup reads only the newest articles under
    # each key, and the earlier copy is still found under the keys that are its own.
    add_sources(db)
    story = ClusterSignature(bytes(range(256)), tuple(range(1, 33)), SIMILARITY_THRESHOLD)
    first = store_article(db, replace(article("alpha", WIRE, 1), signature=story))
    crowd = ClusterSignature(bytes(256), tuple(range(1, 17)), SIMILARITY_THRESHOLD)
    crowding = [
        store_article(db, replace(article("beta", f"{OTHER} {n}", 100 + n), signature=crowd))
        for n in range(20)
    ]
    assert {stored.cluster_id for stored in crowding}.isdisjoint({first.cluster_id})
    copy = store_article(db, replace(article("gamma", REWRITE, 2), signature=story))
    assert copy.cluster_id == first.cluster_id


def waiting_for_advisory_lock(database_url: str) -> bool:
    with psycopg.connect(database_url) as conn:
        row = conn.execute(
            """
            SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """
        ).fetchone()
    return row[0] > 0


def test_two_writers_storing_copies_at_once_end_in_one_cluster(database_url: str) -> None:
    """The second writer waits on a band lock until the first commits, then finds its copy.

    Without the lock it would look up candidates while the first copy is uncommitted, find
    none, and open a second cluster.
    """
    with psycopg.connect(database_url) as conn:
        add_sources(conn)
    inside, release = threading.Event(), threading.Event()
    results: dict[str, StoreResult] = {}

    def hold(*_: object) -> None:  # the first writer's transaction stays open until released
        inside.set()
        release.wait(timeout=30)

    def write(source_id: str, text: str, number: int, on_new: object = None) -> None:
        with psycopg.connect(database_url) as conn:
            results[source_id] = store_article(conn, article(source_id, text, number), on_new)

    first = threading.Thread(target=write, args=("alpha", WIRE, 1, hold))
    second = threading.Thread(target=write, args=("beta", REWRITE, 2))
    first.start()
    assert inside.wait(timeout=30)
    second.start()
    deadline = time.monotonic() + 30
    while not waiting_for_advisory_lock(database_url):
        assert time.monotonic() < deadline, "the second writer never waited for a band lock"
        time.sleep(0.02)
    release.set()
    first.join()
    second.join()
    assert results["alpha"].outcome is results["beta"].outcome is Outcome.NEW
    assert results["alpha"].cluster_id == results["beta"].cluster_id
    with psycopg.connect(database_url) as conn:
        assert conn.execute("SELECT count(*), sum(article_count) FROM clusters").fetchone() == (
            1,
            2,
        )


@pytest.mark.parametrize("round_number", range(3))
def test_writers_racing_with_copies_never_split_a_story(
    database_url: str, round_number: int
) -> None:
    with psycopg.connect(database_url) as conn:
        add_sources(conn)
    start = threading.Barrier(3)
    texts = {"alpha": WIRE, "beta": REWRITE, "gamma": "(أ ف ب) - " + WIRE}
    results: list[StoreResult] = []

    def write(source_id: str) -> None:
        with psycopg.connect(database_url) as conn:
            start.wait(timeout=30)
            results.append(store_article(conn, article(source_id, texts[source_id], round_number)))

    threads = [threading.Thread(target=write, args=(source,)) for source in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({result.cluster_id for result in results}) == 1
    with psycopg.connect(database_url) as conn:
        assert conn.execute("SELECT count(*) FROM clusters").fetchone()[0] == 1


def matcher(db: psycopg.Connection) -> TopicMatcher:
    topic = Topic(
        id="hol",
        name="مخيم الهول",
        query_text=QUERY,
        query=parse_query(QUERY),
        recipients=("analyst@example.org",),
        mode=Mode("immediate"),
        sources=frozenset(),
    )
    entry = TopicEntry(topic.id, topic.name, topic.query_text, str(topic.mode), topic.recipients)
    created = sync_topics(db, [entry])
    # The topic existed before these articles were published, so a match is emailed.
    created = {topic.id: created[topic.id] - timedelta(days=1)}
    policy = AlertPolicy(timedelta(hours=48), timedelta(minutes=10), "UTC", "rasad.test")
    return TopicMatcher((topic,), created, policy)


def test_a_later_copy_from_another_outlet_does_not_alert_again(db: psycopg.Connection) -> None:
    add_sources(db)
    on_new = matcher(db)
    first = store_article(db, article("alpha", WIRE, 1), on_new)
    copy = store_article(db, article("beta", REWRITE, 2, minutes=30), on_new)
    assert copy.cluster_id == first.cluster_id
    matches = db.execute("SELECT cluster_id, article_id, alert FROM topic_matches").fetchall()
    assert matches == [(first.cluster_id, first.article_id, "emailed")]
    assert db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 1
    # a different report on the camp is a story of its own: it alerts
    other = store_article(db, article("gamma", OTHER, 3), on_new)
    assert db.execute("SELECT count(*) FROM topic_matches").fetchone()[0] == 2
    assert other.cluster_id != first.cluster_id


def test_a_collapsed_search_shows_each_story_once_by_its_best_match(
    db: psycopg.Connection,
) -> None:
    add_sources(db)
    first = store_article(db, article("alpha", WIRE, 1, minutes=1))
    # the copy is older and repeats the query words: date order shows the first article,
    # relevance the copy, each time once for the story
    copy = store_article(db, article("beta", REWRITE + "\nمخيم الهول مخيم الهول", 2))
    other = store_article(db, article("gamma", OTHER, 3))
    query = "'مخيم' & 'هول'"
    collapsed = newest(db, ArticleFilter(query), None, 20)
    assert [(r.id, r.outlets) for r in collapsed] == [(first.article_id, 2), (other.article_id, 1)]
    best = ranked(db, ArticleFilter(query), None, None, 20)
    assert best.rows[0].id == copy.article_id
    assert {r.id for r in best.rows} == {copy.article_id, other.article_id}
    expanded = newest(db, ArticleFilter(query, collapse=False), None, 20)
    assert {r.id for r in expanded} == {first.article_id, copy.article_id, other.article_id}
    assert {r.id: r.outlets for r in expanded}[copy.article_id] == 2
