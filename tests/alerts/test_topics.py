"""topics.toml as an analyst writes it: good topics load, bad ones are refused in one sentence."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from rasad.alerts.topics import Mode, check_topic_sources, load_topics
from rasad.config.errors import TopicError

GOOD = """
[[topic]]
id = "isis-detainees"
name = "معتقلو داعش"
query = '(داعش OR "تنظيم الدولة") AND (سجون OR معتقل*)'
recipients = ["analyst@example.org"]
mode = "daily 08:30"
sources = ["npa_syria"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "topics.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_topic_loads(tmp_path: Path) -> None:
    (topic,) = load_topics(write(tmp_path, GOOD))
    assert topic.mode == Mode("daily", time(8, 30))
    assert topic.recipients == ("analyst@example.org",)
    assert topic.watches("npa_syria")
    assert not topic.watches("youm7")


def test_no_topics_file_means_no_topics() -> None:
    assert load_topics(None) == ()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('mode = "daily 08:30"', 'mode = "weekly"', "topic 'isis-detainees': key 'mode' must be"),
        ('mode = "daily 08:30"', 'mode = "daily 25:00"', "key 'mode' must be"),
        (
            '["analyst@example.org"]',
            '["not-an-address"]',
            "key 'recipients' must hold one email address per entry, got 'not-an-address'",
        ),
        (
            '["analyst@example.org"]',
            '["evil,analyst@example.org"]',
            "key 'recipients' must hold one email address per entry",
        ),
        ('["analyst@example.org"]', "[]", "key 'recipients' must be a list of 1 to 100"),
        ('mode = "daily 08:30"', 'colour = "red"', "topic 'isis-detainees': unknown key 'colour'"),
        ('id = "isis-detainees"', 'id = "ISIS"', "key 'id' must be an ascii slug"),
        ("(سجون OR معتقل*)'", "(سجون OR معتقل*'", "query: unbalanced '(' at position"),
        ("AND (سجون", "AND NOT (سجون", ""),  # a valid query: NOT with a positive term
        ('"تنظيم الدولة"', '"تنظيم الدولة', "query: unbalanced"),
    ],
)
def test_bad_topics_are_refused_naming_topic_and_key(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new))
    if not message:
        assert load_topics(path)
        return
    with pytest.raises(TopicError) as caught:
        load_topics(path)
    assert str(caught.value).startswith("topics.toml: ")
    assert message in str(caught.value)


def test_a_topic_declared_twice_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TopicError, match="topic 'isis-detainees' is declared twice"):
        load_topics(write(tmp_path, GOOD + GOOD))


def test_a_topic_naming_an_unknown_source_is_refused(tmp_path: Path) -> None:
    topics = load_topics(write(tmp_path, GOOD))
    with pytest.raises(TopicError, match="names 'npa_syria', which is not in the catalog"):
        check_topic_sources(topics, {"youm7"}, "topics.toml")
