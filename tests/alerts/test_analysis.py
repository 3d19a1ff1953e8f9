"""The Arabic analysis: named cases from the requirements, then the labelled set as a whole."""

import csv
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from rasad.alerts.analysis import (
    MAX_POSITION,
    analyse_document,
    analyse_terms,
    normalize,
    to_tsvector_literal,
    tokenize,
    word_forms,
)
from rasad.alerts.query import parse_query

CASES = Path(__file__).parent / "data" / "arabic_match_cases.tsv"


@dataclass(frozen=True)
class Case:
    query: str
    sentence: str
    expected: bool
    kind: str


def load_cases() -> list[Case]:
    with CASES.open(encoding="utf-8", newline="") as file:
        # QUOTE_NONE: a phrase query is written with its double quotes
        rows = csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            Case(row["query"], row["sentence"], row["expected"] == "1", row["kind"]) for row in rows
        ]


def matches(query: str, sentence: str) -> bool:
    return parse_query(query).matches(analyse_document(sentence))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("سُجُونِ", "سجون"),
        ("داعـــش", "داعش"),
        ("أإآٱ", "اااا"),
        ("مسؤول مسئول", "مسءول مسءول"),
        ("مدرسة", "مدرسه"),
        ("مستشفى", "مستشفي"),
        ("ایران کابل", "ايران كابل"),
        ("٢٠٢٤ ۱۲", "2024 12"),
        ("ﻻجئ", "لاجء"),
        ("دا\u200cعش\u200f", "داعش"),
        ("ISIS", "isis"),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_tokenize_drops_urls_and_punctuation() -> None:
    text = "سجن صيدنايا: https://example.com/سجون و www.example.org/داعش، #سجون_سوريا"
    assert tokenize(text) == ["سجن", "صيدنايا", "و", "سجون", "سوريا"]


@pytest.mark.parametrize(
    ("query", "sentence"),
    [
        ("سجون", "نقل إلى السجون"),
        ("سجون", "يعذبون بالسجون"),
        ("سجون", "وسجونها مكتظة"),
        ("معتقل*", "أفرج عن المعتقلين"),
        ("معتقل*", "والمعتقلات في خطر"),
        ("سجون", "اكتظت سُجُونِ المدينة"),
        ("داعش", "هاجم عناصر داعـــش القرية"),
        ("دواعش", "هاجم الدواعش القرية"),
        ("الهول", "وصل وفد بالهول"),
        ('"تنظيم الدولة"', "قال إن لتنظيم الدولة خلايا"),
    ],
)
def test_required_matches(query: str, sentence: str) -> None:
    assert matches(query, sentence)


@pytest.mark.parametrize(
    ("query", "sentence"),
    [
        ("داعش", "هاجم الدواعش القرية"),
        ("سجل", "نقل إلى السجن"),
        ("سجن", "سجل الزوار أسماءهم"),
        ("طن", "عاد إلى الوطن"),
        ("زيت", "قطف المزارعون الزيتون"),
        ("الزيت", "ارتفع سعر الزيتون"),
        ("كتب", "صدر كتاب جديد"),
        ("ليل", "يمر نهر النيل"),
        ("حماس", "استقبلوا الفريق بحماسة"),
        ("داعش", "المصدر: https://example.com/news/داعش"),
        ('"تنظيم الدولة"', "قال التنظيم إن الدولة تلاحقه"),
    ],
)
def test_required_non_matches(query: str, sentence: str) -> None:
    assert not matches(query, sentence)


def test_no_lone_letter_is_left() -> None:
    forms = {form for token in tokenize("لله وكل ولد ليل بنت كتب") for form in word_forms(token)}
    assert all(len(form) >= 3 for form in forms), forms


def test_analyse_terms_share_positions() -> None:
    terms = analyse_terms("في السجون")
    assert ("في", 1) in terms
    assert {("السجون", 2), ("سجون", 2)} <= set(terms)


def test_url_leaves_a_gap_so_phrases_do_not_span_it() -> None:
    assert not matches('"سجن صيدنايا"', "سجن https://example.com/ صيدنايا")


def test_positions_are_clamped_like_postgresql() -> None:
    doc = analyse_document("كلمة " * (MAX_POSITION + 10) + "سجون")
    assert doc.positions_of("سجون") == {MAX_POSITION}
    assert len(doc.positions_of("كلمه")) == 256


def test_tsvector_literal_quotes_lexemes() -> None:
    assert to_tsvector_literal("O'Brien سجون") == "'brien':2 'o':1 'سجون':3"
    assert to_tsvector_literal("") == ""


def test_labelled_set_is_large_and_varied() -> None:
    cases = load_cases()
    assert len(cases) >= 300
    assert sum(not case.expected for case in cases) >= 100
    kinds = {case.kind for case in cases}
    assert {"proclitic", "suffix", "diacritics", "tatweel", "hamza", "ta_marbuta"} <= kinds
    assert {"alef_maqsura", "persian", "digits", "prefix", "phrase", "trap"} <= kinds
    assert {"broken_plural", "url"} <= kinds


def test_labelled_set_precision_and_recall() -> None:
    results = [(case, matches(case.query, case.sentence)) for case in load_cases()]
    true_positives = sum(case.expected and got for case, got in results)
    precision = true_positives / sum(got for _, got in results)
    recall = true_positives / sum(case.expected for case, _ in results)
    misses = [(case.query, case.sentence) for case, got in results if got != case.expected]
    assert precision >= 0.98, misses
    assert recall >= 0.98, misses


def test_postgresql_agrees_with_python(server_url: str) -> None:
    """The stored tsvector and the rendered tsquery give the in-Python answer in SQL."""
    cases = load_cases()
    with psycopg.connect(server_url) as conn:
        for case in cases:
            query = parse_query(case.query)
            in_sql = conn.execute(
                "SELECT %s::tsvector @@ %s::tsquery",
                (to_tsvector_literal(case.sentence), query.to_tsquery()),
            ).fetchone()
            assert in_sql == (query.matches(analyse_document(case.sentence)),), case


def test_overlong_tokens_are_dropped_but_keep_their_place() -> None:
    assert tokenize("سجن " + "ب" * 5000 + " مخيم") == ["سجن", "مخيم"]
    assert not matches('"سجن مخيم"', "سجن " + "ب" * 5000 + " مخيم")
