"""The query parser under hostile and random input: one sentence or a query, nothing else.

Hypothesis writes the inputs: any text at all, and well-formed queries built from a small
vocabulary, whose tsquery rendering PostgreSQL must answer exactly as `Query.matches` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasad.alerts.analysis import analyse_document, tsvector_literal
from rasad.alerts.query import MAX_DEPTH, MAX_QUERY_CHARS, Query, parse_query
from rasad.config.errors import TopicError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from conftest import Rasad

# Words that share stems and prefixes, so that random queries and texts meet often.
VOCABULARY = ["سجن", "السجون", "بالسجون", "مخيم", "المخيمات", "داعش", "الدواعش", "الهول", "فرار"]
OPERATOR_PIECES = ["AND", "OR", "NOT", "(", ")", '"', "*", " ", "سجن", "x", "١٢", "ـ"]


@given(st.text(max_size=300))
def test_any_text_is_a_query_or_one_sentence(text: str) -> None:
    assert_query_or_one_sentence(text)


@given(st.lists(st.sampled_from(OPERATOR_PIECES), max_size=60).map("".join))
def test_any_arrangement_of_operators_is_a_query_or_one_sentence(text: str) -> None:
    assert_query_or_one_sentence(text)


def assert_query_or_one_sentence(text: str) -> None:
    try:
        query = parse_query(text)
    except TopicError as exc:
        message = str(exc)
        assert message.startswith("query: ")
        assert "\n" not in message
        return
    assert isinstance(query, Query)
    assert query.to_tsquery()


def word(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(VOCABULARY))
    return text[:3] + "*" if draw(st.booleans()) and len(text) > 3 else text


@st.composite
def queries(draw: st.DrawFn, depth: int = 3) -> str:
    """A well-formed query: words, prefixes, phrases, AND/OR/NOT and parentheses."""
    kind = draw(st.sampled_from(["word", "phrase", "and", "or", "not"] if depth else ["word"]))
    if kind == "word":
        return word(draw)
    if kind == "phrase":
        return (
            '"'
            + " ".join(draw(st.lists(st.sampled_from(VOCABULARY), min_size=2, max_size=3)))
            + '"'
        )
    if kind == "not":
        return f"{draw(queries(depth - 1))} NOT {draw(queries(depth - 1))}"
    operands = draw(st.lists(queries(depth - 1), min_size=2, max_size=3))
    return "(" + f" {kind.upper()} ".join(operands) + ")"


@pytest.fixture(scope="module")
def pg(server_url: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(server_url, autocommit=True) as conn:
        yield conn


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=queries(),
    article=st.lists(st.sampled_from([*VOCABULARY, "في", "من"]), max_size=12).map(" ".join),
)
def test_postgresql_answers_the_rendered_tsquery_as_the_parser_does(
    pg: psycopg.Connection, text: str, article: str
) -> None:
    try:
        query = parse_query(text)
    except TopicError:
        return  # a NOT-only query is refused; its shape is covered above
    document = analyse_document(article)
    (answer,) = pg.execute(
        "SELECT %s::tsvector @@ %s::tsquery", (tsvector_literal(document), query.to_tsquery())
    ).fetchone()
    assert answer == query.matches(document), (text, article, query.to_tsquery())


def test_deep_nesting_is_refused_in_one_sentence_naming_the_position() -> None:
    with pytest.raises(TopicError) as caught:
        parse_query("(" * 300 + "سجن" + ")" * 300)
    assert str(caught.value) == (
        f"query: '(' at position {MAX_DEPTH + 1} nests deeper than {MAX_DEPTH} levels of "
        "parentheses and NOT"
    )
    assert parse_query("(" * MAX_DEPTH + "سجن" + ")" * MAX_DEPTH).to_tsquery() == "'سجن'"
    with pytest.raises(TopicError, match="'NOT' at position"):
        parse_query("سجن " + "NOT " * 100 + "مخيم")


def test_a_long_query_is_refused_in_one_sentence() -> None:
    with pytest.raises(TopicError, match=f"more than {MAX_QUERY_CHARS}$"):
        parse_query("سجن OR " * 400 + "مخيم")


@pytest.mark.parametrize(
    "query", ["(" * 300 + "داعش" + ")" * 300, "NOT " * 1000 + "داعش", "داعش " * 2000]
)
def test_rasad_search_refuses_a_hostile_query_with_exit_2(rasad: Rasad, query: str) -> None:
    result = rasad("search", query)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("rasad: query: ")
    assert result.stderr.count("\n") == 1
