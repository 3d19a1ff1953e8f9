"""The topic query language: grammar, errors, matching and the tsquery rendering."""

import time

import psycopg
import pytest
from test_analysis import load_cases

from rasad.alerts.analysis import analyse_document, to_tsvector_literal
from rasad.alerts.query import parse_query
from rasad.config.errors import TopicError

ISIS_DETAINEES = (
    '(داعش OR "تنظيم الدولة" OR دواعش) AND '
    "(سجن OR سجون OR معتقل* OR محتجز* OR مخيم OR الهول OR روج OR فرار)"
)
ARTICLE = (
    "فر عشرات من عناصر تنظيم الدولة من أحد السجون في الحسكة، فيما نقلت عائلاتهم إلى "
    "مخيم الهول. المصدر: https://example.com/داعش-روج"
)


def test_topic_from_the_design_matches_and_names_its_terms() -> None:
    query = parse_query(ISIS_DETAINEES)
    doc = analyse_document(ARTICLE)
    assert query.matches(doc)
    assert query.matched_terms(doc) == ['"تنظيم الدولة"', "سجون", "مخيم", "الهول"]


@pytest.mark.parametrize(
    ("text", "sentence", "expected"),
    [
        ("سجن مخيم", "من السجن إلى المخيم", True),  # a space is AND
        ("سجن مخيم", "من السجن إلى البيت", False),
        ("سجن AND مخيم", "من السجن إلى البيت", False),
        ("سجن OR مخيم", "من السجن إلى البيت", True),
        ("سجن NOT مخيم", "من السجن إلى البيت", True),
        ("سجن NOT مخيم", "من السجن إلى المخيم", False),
        ("NOT مخيم سجن", "من السجن إلى البيت", True),
        # NOT > AND > OR: (NOT a AND b) OR c
        ("NOT مخيم سجن OR بيت", "من المخيم إلى البيت", True),
        ("بيت OR سجن مخيم", "من السجن إلى البيت", True),
        ("(بيت OR سجن) مخيم", "من السجن إلى البيت", False),
        ("NOT NOT سجن", "من السجن إلى البيت", True),
        ('"السجن إلى"', "من السجن إلى البيت", True),
        ('"إلى السجن"', "من السجن إلى البيت", False),
        ("al-Hol", "families moved to al Hol camp", True),  # one word, two tokens: a phrase
        ("al-Hol", "al-Qaeda in Hol", False),
    ],
)
def test_grammar(text: str, sentence: str, expected: bool) -> None:
    assert parse_query(text).matches(analyse_document(sentence)) is expected


def test_matched_terms_leave_out_negated_ones() -> None:
    query = parse_query("سجن NOT (مخيم AND بيت)")
    assert query.matched_terms(analyse_document("السجن والمخيم")) == ["سجن"]


def test_prefix_ignores_terms_that_only_sort_nearby() -> None:
    doc = analyse_document("سجل سجلات سجن")
    assert parse_query("سجل*").matched_terms(doc) == ["سجل*"]
    assert not parse_query("سجلا*").matches(analyse_document("سجن سجل"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "query: the query is empty"),
        ("   ", "query: the query is empty"),
        ("(داعش OR سجن", "query: unbalanced '(' at position 1"),
        ("داعش (سجن OR (مخيم)", "query: unbalanced '(' at position 6"),
        ("داعش) سجن", "query: unbalanced ')' at position 5"),
        ('داعش "تنظيم الدولة', "query: unbalanced '\"' at position 6"),
        ("NOT", "query: 'NOT' at position 1 has nothing after it"),
        ("داعش AND", "query: 'AND' at position 6 has nothing after it"),
        ("داعش OR", "query: 'OR' at position 6 has nothing after it"),
        ("OR داعش", "query: 'OR' at position 1 comes at the start"),
        ("داعش AND OR سجن", "query: 'OR' at position 10 comes after 'AND'"),
        ("داعش ()", "query: empty parentheses at position 6"),
        ("م*", "query: prefix 'م*' at position 1 needs two letters before '*'"),
        ("داعش ؟", "query: '؟' at position 6 has no letters or digits"),
        ("NOT داعش", "query: a query must have at least one positive term that every match needs"),
        (
            "سجن OR NOT داعش",
            "query: a query must have at least one positive term that every match needs",
        ),
    ],
)
def test_malformed_queries_say_where(text: str, message: str) -> None:
    with pytest.raises(TopicError) as raised:
        parse_query(text)
    assert str(raised.value) == message


def test_tsquery_rendering() -> None:
    assert parse_query(ISIS_DETAINEES).to_tsquery() == (
        "(('داعش' | ('تنظيم' <-> 'دوله') | 'دواعش') & ('سجن' | 'سجون' | 'معتقل':* | "
        "'محتجز':* | 'مخيم' | 'هول' | 'روج' | 'فرار'))"
    )
    assert parse_query("سجن NOT مخيم").to_tsquery() == "('سجن' & !'مخيم')"


SQL_CASES = [
    (ISIS_DETAINEES, ARTICLE),
    (ISIS_DETAINEES, "عاد النازحون إلى مخيم روج"),
    ("سجن NOT (مخيم OR بيت)", "من السجن إلى البيت"),
    ('"تنظيم الدولة" NOT "مخيم الهول"', ARTICLE),
    ('"معتقل* سياسي*"', "أفرج عن المعتقلين السياسيين"),
    ("O'Brien OR back\\slash", "O'Brien said"),
    ("O'Brien OR back\\slash", "back\\slash"),
    ("مسؤول", "قال مسئول أمني"),
]


@pytest.mark.parametrize(("text", "sentence"), SQL_CASES)
def test_postgresql_gives_the_same_answer(server_url: str, text: str, sentence: str) -> None:
    query = parse_query(text)
    with psycopg.connect(server_url) as conn:
        row = conn.execute(
            "SELECT %s::tsvector @@ %s::tsquery",
            (to_tsvector_literal(sentence), query.to_tsquery()),
        ).fetchone()
    assert row == (query.matches(analyse_document(sentence)),)


def test_thousand_topics_match_an_article_in_a_few_milliseconds() -> None:
    words = ["سجن", "معتقل*", '"تنظيم الدولة"', "مخيم", "الهول", "فرار", "غزة", "حماس*"]
    queries = [
        parse_query(f"({words[i % 8]} OR {words[(i + 3) % 8]}) AND NOT {words[(i + 5) % 8]}")
        for i in range(1000)
    ]
    doc = analyse_document(ARTICLE * 40)
    started = time.perf_counter()
    for query in queries:
        query.matches(doc)
    # the budget is 10% of extracting an article (10-30 ms); this leaves room for slow CI
    assert time.perf_counter() - started < 0.05


COMPOUND = [
    '(داعش OR "تنظيم الدولة") AND (سجون OR معتقل* OR مخيم)',
    '"مخيم الهول" NOT أطفال',
    "فرار AND (سجن OR سجون) AND NOT تدريب",
    "معتقل* OR محتجز*",
    '(الحسكة OR "دير الزور") مخيم*',
]


def test_a_matching_article_always_holds_one_of_the_query_anchors() -> None:
    """The topic index looks anchors up first; it must never hide a real match."""
    cases = load_cases()
    queries = [parse_query(case.query) for case in cases] + [parse_query(q) for q in COMPOUND]
    documents = [analyse_document(case.sentence) for case in cases]
    checked = 0
    for query in queries:
        anchors = query.anchors()
        for document in documents:
            if not query.matches(document):
                continue
            checked += 1
            assert anchors is not None
            assert any(document.has(term) for term in anchors.terms) or any(
                document.terms_with_prefix(prefix) for prefix in anchors.prefixes
            )
    assert checked > 300


def test_negation_beside_a_positive_term_keeps_anchors() -> None:
    assert parse_query("داعش AND NOT سجون").anchors() is not None
    assert parse_query("(داعش NOT سجون) OR مخيم").anchors() is not None
