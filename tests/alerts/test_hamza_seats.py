"""A hamza on a stem's first alef tells words apart; a bare alef matches every seat.

What a user sees: a query and a sentence match or not, in Python and in PostgreSQL alike
(the stored tsvector @@ the rendered tsquery on the real database).
"""

import psycopg
import pytest

from rasad.alerts.analysis import (
    AnalysedDocument,
    analyse_document,
    quote_lexeme,
    to_tsvector_literal,
    word_stems,
    word_tokens,
)
from rasad.alerts.query import parse_query
from rasad.alerts.snippet import snippet
from rasad.alerts.spelling import fold_word, seat_variants

CASES = [
    # explicit seats that differ are different words
    ("أمام", "قتل إمام المسجد في انفجار", False),
    ("إمام", "قتل إمام المسجد في انفجار", True),
    ("إمام", "وقف المتظاهرون أمام المسجد", False),
    ("إعلام", "رفع المتظاهرون أعلام الثورة", False),
    ("أعلام", "قال وزير الإعلام إن القرار نهائي", False),
    ("إعلام", "قال وزير الإعلام إن القرار نهائي", True),
    ("إنفاق", "دمر الجيش أنفاقا على الحدود", False),
    ("أنفاق", "ارتفع الإنفاق العام", False),
    ("إنفاق", "ارتفع الإنفاق العام", True),
    ("آثار", "أثار القرار جدلا واسعا", False),
    ("أثار", "زار الوفد آثار تدمر", False),
    ("آثار", "زار الوفد آثار تدمر", True),
    # a bare alef, in the query or in the article, matches every seat
    ("امام", "قتل إمام المسجد", True),
    ("امام", "وقف المتظاهرون أمام المسجد", True),
    ("اعلام", "رفع المتظاهرون أعلام الثورة", True),
    ("اعلام", "قال وزير الإعلام", True),
    ("اثار", "أثار القرار جدلا", True),
    ("إعلام", "قال وزير الاعلام", True),
    ("أعلام", "رفع المتظاهرون اعلام الثورة", True),
    ("إيران", "وصل الوفد إلى ايران", True),
    ("ايران", "وصل الوفد إلى إيران", True),
    ("أربيل", "انفجار في اربيل", True),
    ("اربيل", "انفجار في أربيل", True),
    # the seat is the stem's first letter, after the proclitics
    ("إعلام", "نقلت بالإعلام الرسمي", True),
    ("أعلام", "نقلت بالإعلام الرسمي", False),
    ("أمام", "تقدم الجيش والأمام مفتوح", True),
    ("إمام", "تقدم الجيش والأمام مفتوح", False),
    ("أعلن", "فأعلن الجيش حظر التجول", True),
    ("إيران", "سافر لإيران أمس", True),
    ("إعلام", "قدم دعما للإعلام المحلي", True),
    # the article's alef is bare and no seat: ألغاز is one word, الغاز is ال + غاز
    ("غاز", "ارتفع سعر الغاز", True),
    ("غاز", "حل ألغاز القضية", False),
    # phrases, prefixes and the operators keep the rule
    ('"وزير الإعلام"', "قال وزير الاعلام إن القرار نهائي", True),
    ('"وزير إعلام"', "رفع وزير أعلام الثورة", False),
    ('"أعلام الثورة"', "رفع المتظاهرون أعلام الثورة", True),
    ('"اعلام الثورة"', "رفع المتظاهرون أعلام الثورة", True),
    ("إعلام*", "نقلت وسائل الإعلامية الخبر", True),
    ("إعلام*", "رفع المتظاهرون أعلامهم", False),
    ("اعلام*", "رفع المتظاهرون أعلامهم", True),
    ("أعلام*", "رفع المتظاهرون اعلامهم", True),
    ("مسجد NOT أمام", "قتل إمام المسجد", True),
    ("مسجد NOT امام", "قتل إمام المسجد", False),
    ("أمام OR إعلام", "قال وزير الإعلام", True),
    ("أمام AND إعلام", "قال وزير الإعلام", False),
    # a hamza inside the word stays folded: writers swap its seat
    ("مأرب", "قال إن للحزب مآرب سياسية", True),
    ("مسؤول", "قال مسئول أمني", True),
]


@pytest.mark.parametrize(("query", "sentence", "expected"), CASES)
def test_query_and_sentence(query: str, sentence: str, expected: bool) -> None:
    assert parse_query(query).matches(analyse_document(sentence)) is expected


def test_postgresql_gives_the_same_answers(server_url: str) -> None:
    with psycopg.connect(server_url) as conn:
        for query, sentence, expected in CASES:
            row = conn.execute(
                "SELECT %s::tsvector @@ %s::tsquery",
                (to_tsvector_literal(sentence), parse_query(query).to_tsquery()),
            ).fetchone()
            assert row == (expected,), (query, sentence)


def test_a_matching_article_holds_one_of_the_query_anchors() -> None:
    for query, sentence, expected in CASES:
        anchors = parse_query(query).anchors()
        document = analyse_document(sentence)
        if not expected or anchors is None:
            continue
        assert any(document.has(term) for term in anchors.terms) or any(
            document.terms_with_prefix(prefix) for prefix in anchors.prefixes
        ), query


def test_one_stored_term_per_token() -> None:
    assert word_stems(word_tokens("بالإعلام")[0]) == ("إعلام",)
    assert word_stems(word_tokens("الاعلام")[0]) == ("اعلام",)
    assert word_stems(word_tokens("والأمام")[0]) == ("أمام",)
    assert word_stems(word_tokens("آثار")[0]) == ("آثار",)


def test_tsquery_ors_the_compatible_spellings() -> None:
    assert seat_variants("إعلام") == ("إعلام", "اعلام")
    assert seat_variants("اعلام") == ("اعلام", "أعلام", "إعلام", "آعلام")
    assert seat_variants("سجن") == ("سجن",)
    assert parse_query('"وزير الإعلام"').to_tsquery() == "('وزير' <-> ('إعلام' | 'اعلام'))"
    assert parse_query("إعلام*").to_tsquery() == "('إعلام':* | 'اعلام':*)"


def _archived(sentence: str) -> AnalysedDocument:
    """A sentence as the analysis before hamza seats stored it: every term's alef bare."""
    document = analyse_document(sentence)
    positions: dict[str, frozenset[int]] = {}
    for term, found in document.positions.items():
        positions[fold_word(term)] = positions.get(fold_word(term), frozenset()) | found
    return AnalysedDocument(positions, tuple(sorted(positions)))


ARCHIVED = [
    ("إعلام", "قال وزير الإعلام إن القرار نهائي"),
    ("أعلام", "رفع المتظاهرون أعلام الثورة"),
    ('"وزير الإعلام"', "قال وزير الإعلام إن القرار نهائي"),
    ("إعلام*", "نقلت وسائل الإعلامية الخبر"),
    ("آثار", "زار الوفد آثار تدمر"),
    ("امام", "وقف المتظاهرون أمام المسجد"),
]


@pytest.mark.parametrize(("query", "sentence"), ARCHIVED)
def test_archives_stored_with_bare_alefs_are_still_found(
    server_url: str, query: str, sentence: str
) -> None:
    """Rows stored before this rule hold bare terms only; every query ORs the bare spelling,
    so they are still found (more widely than reanalysed rows: `rasad db reanalyse`)."""
    document = _archived(sentence)
    literal = " ".join(
        f"{quote_lexeme(term)}:{','.join(map(str, sorted(document.positions[term])))}"
        for term in document.sorted_terms
    )
    parsed = parse_query(query)
    assert parsed.matches(document)
    with psycopg.connect(server_url) as conn:
        row = conn.execute(
            "SELECT %s::tsvector @@ %s::tsquery", (literal, parsed.to_tsquery())
        ).fetchone()
    assert row == (True,)


def test_snippet_marks_the_words_the_query_matched() -> None:
    marked = [text for text, hit in snippet("قال وزير الاعلام ورفع أعلام", ["إعلام"]) if hit]
    assert marked == ["الاعلام"]
