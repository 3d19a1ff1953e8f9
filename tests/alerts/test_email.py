"""Alert emails as the analyst's mail client sees them, and the passages they quote."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from rasad.alerts.email import count_phrase, header_text, render_email
from rasad.alerts.snippet import snippet
from rasad.config.settings import Settings
from rasad.storage.outbox import MatchedCluster, OutboxRow

TOPIC = "معتقلو داعش ومخيمات الشمال السوري"
SETTINGS = Settings(
    data_dir=Path("/nonexistent"), timezone="Asia/Damascus", mail_from="رصد <rasad@example.org>"
)
ROW = OutboxRow(
    id=7,
    kind="alert",
    topic_id="isis",
    recipient="analyst@example.org",
    subject=None,
    body=None,
    attempts=1,
    message_id="<rasad.0f3a@test.example>",
    created_at=datetime(2026, 11, 1, 9, 31, tzinfo=UTC),
)
STORY = MatchedCluster(
    match_id=1,
    topic_id="isis",
    topic_name=TOPIC,
    article_id=10,
    cluster_id=10,
    title="فرار عناصر من تنظيم الدولة من أحد السجون في الحسكة",
    url="https://enab.example/news/1?ref=rss&x=1",
    canonical_url="https://enab.example/news/1?id=7&x=1",
    source_id="enab",
    source_name="عنب بلدي",
    published_at=datetime(2026, 11, 1, 9, 30, tzinfo=UTC),
    fetched_at=datetime(2026, 11, 1, 9, 31, tzinfo=UTC),
    text="قالت مصادر محلية إن عشرات من المعتقلين فرّوا من أحد السُّجون في الحسكة ليلًا.",
    matched_terms=["سجون", "معتقل*"],
    outlets=["عنب بلدي", "وكالة هاوار"],
)


def delivered(row: OutboxRow, stories: list[MatchedCluster]) -> tuple[object, str, str]:
    """The email as a recipient parses it: (message, html, text)."""
    raw = render_email(row, stories, SETTINGS).as_bytes()
    message = message_from_bytes(raw, policy=policy.default)
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    return message, html, text


def test_one_story_is_an_rtl_alert_with_the_match_marked_and_the_link() -> None:
    message, html, text = delivered(ROW, [STORY])
    assert message["Subject"] == f"رصد — {TOPIC}: {STORY.title}"
    assert message["Message-ID"] == ROW.message_id
    assert message["To"] == "analyst@example.org"
    assert message["From"] == "رصد <rasad@example.org>"
    assert message["Date"].datetime.tzinfo is not None
    assert '<html dir="rtl" lang="ar">' in html
    assert TOPIC in html
    assert "<mark" in html
    assert ">السُّجون</mark>" in html
    assert ">المعتقلين</mark>" in html
    # the canonical link, escaped; the tracking parameter of the fetched URL is not shown
    assert 'href="https://enab.example/news/1?id=7&amp;x=1"' in html
    assert "ref=rss" not in html
    # both clocks: Damascus is UTC+3 all year since 2022
    assert "2026-11-01 12:30 (Asia/Damascus)" in html
    assert "2026-11-01 09:30 UTC" in html
    assert "وكالة هاوار" in html  # the other outlet that carried the story
    assert "[[السُّجون]]" in text
    assert STORY.canonical_url in text
    assert "ref=rss" not in text
    assert "<" not in text.split("\n")[0]


def test_several_stories_make_one_listing_email() -> None:
    stories = [
        replace(
            STORY,
            match_id=n,
            title=f"خبر رقم {n} عن السجون",
            url=f"https://www.x.example/{n}?utm_source=rss",
            canonical_url=f"https://x.example/{n}",
        )
        for n in range(1, 6)
    ]
    message, html, text = delivered(ROW, stories)
    assert message["Subject"] == f"رصد: 5 قصص جديدة — {TOPIC}"
    for n in range(1, 6):
        assert f"https://x.example/{n}" in html
        assert f"https://x.example/{n}" in text
    assert html.count("<h2") == 5


@pytest.mark.parametrize(
    "title",
    [
        "قسد تنقل عشرات المعتقلين من سجن غويران إلى سجون أخرى في ريف الحسكة الجنوبي",
        "«الإدارة الذاتية» تعلن إعادة 150 امرأة وطفلًا من مخيم الهول إلى مناطقهم في دير الزور",
        "Breaking: فرار عناصر من تنظيم الدولة (ISIS) من أحد السجون — 2026",
        "ا ب ت ث ج ح خ د ذ ر ز س ش ص ض ط ظ ع غ ف ق ك ل م ن ه و ي " * 3,
    ],
)
def test_long_arabic_subjects_decode_with_every_space(title: str) -> None:
    message, _, _ = delivered(ROW, [replace(STORY, title=title)])
    assert message["Subject"] == f"رصد — {TOPIC}: {' '.join(title.split())}"


def test_a_digest_of_one_story_is_still_a_listing() -> None:
    message, _, _ = delivered(replace(ROW, kind="digest"), [STORY])
    assert message["Subject"] == f"رصد: قصة جديدة — {TOPIC}"


@pytest.mark.parametrize(
    ("count", "phrase"),
    [(2, "قصتان جديدتان"), (3, "3 قصص جديدة"), (10, "10 قصص جديدة"), (11, "11 قصة جديدة")],
)
def test_story_counts_agree_in_arabic(count: int, phrase: str) -> None:
    assert count_phrase(count) == phrase


def test_a_title_cannot_inject_a_header() -> None:
    evil = replace(STORY, title="خبر عن السجون\r\nBcc: victim@evil.example\nX-Evil: 1")
    raw = render_email(ROW, [evil], SETTINGS).as_bytes()
    message = message_from_bytes(raw, policy=policy.default)
    assert message["Bcc"] is None
    assert message["X-Evil"] is None
    assert message["Subject"] == f"رصد — {TOPIC}: خبر عن السجون Bcc: victim@evil.example X-Evil: 1"
    headers = raw.split(b"\n\n", 1)[0]
    assert b"\nBcc:" not in headers
    assert b"\nX-Evil:" not in headers
    assert header_text("a\u2028b\x00c\td") == "a b c d"


def test_article_text_is_shown_as_text_not_markup() -> None:
    evil = replace(
        STORY,
        title='<script>alert("x")</script> السجون',
        text='<img src=x onerror=alert(1)> فرّوا من السجون & "المعتقلين"',
        source_name="<b>outlet</b>",
    )
    _, html, text = delivered(ROW, [evil])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;outlet&lt;/b&gt;" in html
    assert "&amp;" in html
    assert '<script>alert("x")</script> السجون' in text  # plain text stays unescaped


def test_an_operator_email_is_plain_text_with_its_own_subject() -> None:
    row = replace(
        ROW,
        kind="operator",
        topic_id=None,
        subject="مصدر صامت:\nenab",
        body="لم يُجمع شيء منذ 6 ساعات.",
    )
    raw = render_email(row, [], SETTINGS).as_bytes()
    message = message_from_bytes(raw, policy=policy.default)
    assert message.get_content_type() == "text/plain"
    assert message["Subject"] == "مصدر صامت: enab"
    assert message.get_content().strip() == "لم يُجمع شيء منذ 6 ساعات."


def test_an_undated_story_shows_when_rasad_found_its_link_and_says_so() -> None:
    found = datetime(2026, 11, 1, 9, 5, tzinfo=UTC)
    _, html, text = delivered(ROW, [replace(STORY, published_at=None, found_at=found)])
    for part in (html, text):
        assert "لا يذكر الخبر وقت نشره؛ وجده رصد" in part
        assert "نُشر" not in part
        assert "2026-11-01 12:05 (Asia/Damascus)" in part
        assert "2026-11-01 09:05 UTC" in part


def test_an_undated_story_without_a_sighting_shows_its_fetch_time() -> None:
    _, html, _ = delivered(ROW, [replace(STORY, published_at=None)])
    assert "وجده رصد" in html
    assert "2026-11-01 12:31 (Asia/Damascus)" in html


def test_a_story_dated_by_a_day_alone_shows_the_day_without_a_time() -> None:
    # The page said «22 نوفمبر 2026» (Cairo): stored as Cairo midnight, 21 Nov 22:00 UTC.
    day = datetime(2026, 11, 21, 22, 0, tzinfo=UTC)
    _, html, text = delivered(ROW, [replace(STORY, published_at=day, published_date_only=True)])
    for part in (html, text):
        assert "نُشر يوم: " in part
        assert "2026-11-22" in part
        assert "22:00" not in part
        assert "00:00" not in part


def marked(segments: list[tuple[str, bool]]) -> list[str]:
    return [piece for piece, is_match in segments if is_match]


def test_snippet_keeps_the_text_as_published_and_marks_through_normalisation() -> None:
    text = "نقلت القوات عشرات إلى السُّجون، وبالسجــون الأخرى مئات من المعتقلين والمحتجزات."
    segments = snippet(text, ["سجون", "معتقل*", "محتجز*"])
    assert "".join(piece for piece, _ in segments) == text
    assert marked(segments) == ["السُّجون", "وبالسجــون", "المعتقلين", "والمحتجزات"]


def test_snippet_marks_phrases_only_where_the_words_follow_each_other() -> None:
    text = "قال تنظيم الدولة إن الدولة السورية نقلت التنظيم إلى الهول."
    assert marked(snippet(text, ['"تنظيم الدولة"', "الهول"])) == ["تنظيم", "الدولة", "الهول"]


def test_snippet_does_not_mark_lookalikes_or_words_inside_urls() -> None:
    text = "سجل المحكمة يذكر السجن. المصدر: https://example.com/سجون-الحسكة"
    assert marked(snippet(text, ["سجون"])) == []
    assert marked(snippet("ارتفعت أسعار الزيتون", ["زيت"])) == []
    # ة is a ta marbuta, not the pronoun ه: دولة is no form of دول
    assert marked(snippet("قالت الدولة إن الدول المجاورة", ["دول"])) == ["الدول"]


def test_snippet_marks_the_inflected_forms_a_query_word_matched() -> None:
    text = "قالت مسلحة إن المسلحين وكمال عادوا إلى العراق، وقال مسؤول عراقي إن المسؤولية مشتركة."
    assert marked(snippet(text, ["مسلح", "العراق", "مسؤول"])) == [
        "مسلحة",
        "المسلحين",
        "العراق",
        "مسؤول",
        "عراقي",
    ]
    assert marked(snippet(text, ["مال*", "عراقي*"])) == ["عراقي"]  # not كمال, not العراق


def test_snippet_is_a_window_around_the_first_match() -> None:
    before = " ".join(f"كلمة{n}" for n in range(200))
    after = " ".join(f"لفظ{n}" for n in range(200))
    segments = snippet(f"{before} فرّوا من السجون {after}", ["سجون"], width=120)
    joined = "".join(piece for piece, _ in segments)
    assert joined.startswith("…")
    assert joined.endswith("…")
    assert marked(segments) == ["السجون"]
    assert 110 <= len(joined) <= 140
    assert joined.index("السجون") < len(joined) / 2


def test_snippet_without_a_match_is_the_start_of_the_text() -> None:
    segments = snippet("الخبر\n\nفي سطرين", ["سجون"])
    assert segments == [("الخبر في سطرين", False)]
