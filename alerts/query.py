"""The topic query language: parse, match against an analysed article, render as a tsquery.

Grammar, loosest binding first (NOT > AND > OR)::

    query  := or
    or     := and ("OR" and)*
    and    := not (["AND"] not)*          a space between two terms means AND
    not    := "NOT" not | atom
    atom   := word | word"*" | '"' words '"' | "(" or ")"

Operators are the upper-case Latin words AND, OR and NOT; everything else is a word. A word
is looked up under its stem (`rasad.alerts.analysis.query_stem`) and matches an article token
stored under that stem (`analysis.word_stems`); a `word*` prefix matches the stems that start
with it. A word whose stem starts with an alef also looks up its other spellings there
(`rasad.alerts.spelling.seat_variants`): `إعلام` is `إعلام | اعلام`, for writers who drop the
hamza, but never `أعلام`; `اعلام` is the bare spelling and every seat. Articles stored before
stems kept their hamza seat hold bare terms only, and a query still finds them through that
bare spelling (`rasad db reanalyse` stores them as they are written). `Query.matches` and the
PostgreSQL tsquery from `Query.to_tsquery` give the same answers because both look up the same
terms: a word's spellings are one OR in the tsquery (`('إعلام' | 'اعلام') <-> 'رسمي'` in a
phrase), and any of them in the article in Python.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from rasad.alerts.analysis import (
    AnalysedDocument,
    analyse_document,
    prefix_stem,
    query_stem,
    quote_lexeme,
    word_tokens,
)
from rasad.alerts.spelling import seat_variants
from rasad.config.errors import TopicError

__all__ = ["MAX_DEPTH", "MAX_QUERY_CHARS", "Query", "parse_query"]

_MIN_PREFIX = 2  # `م*` would match most articles: a prefix needs two letters at least
# A topic query is a few lines an analyst writes; these bounds refuse in one sentence what
# would otherwise exhaust the recursive parser (300 nested parentheses) or the matcher.
MAX_QUERY_CHARS = 2000
MAX_DEPTH = 20  # nested parentheses and NOTs together
_OPERATORS = frozenset({"AND", "OR", "NOT"})
_LEXEME = re.compile(r'\(|\)|"[^"]*"?|[^\s()"]+')


@dataclass(frozen=True)
class Anchors:
    """Terms (and term prefixes) of which a matching article contains at least one.

    Matching many topics looks these up first and evaluates only the queries they point to.
    """

    terms: frozenset[str] = frozenset()
    prefixes: frozenset[str] = frozenset()

    def __len__(self) -> int:
        return len(self.terms) + len(self.prefixes)


@dataclass(frozen=True)
class Word:
    """One normalised word, or a prefix when `prefix` is set, and the stored spellings it
    matches: itself, and the other hamza seats a bare alef may stand for (`seat_variants`)."""

    term: str
    prefix: bool = False
    spellings: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "spellings", seat_variants(self.term))

    def _terms(self, doc: AnalysedDocument) -> list[str]:
        """The document's terms this word matches."""
        if self.prefix:
            return [term for spelling in self.spellings for term in doc.terms_with_prefix(spelling)]
        return [spelling for spelling in self.spellings if doc.has(spelling)]

    def positions(self, doc: AnalysedDocument) -> frozenset[int]:
        return frozenset().union(*map(doc.positions_of, self._terms(doc)))

    def accepts(self, stems: frozenset[str]) -> bool:
        """Whether a token stored under ``stems`` is this word (snippets mark words by it):
        one of the spellings is one of the stems, or, for a prefix, begins one."""
        if self.prefix:
            return any(stem.startswith(self.spellings) for stem in stems)
        return not stems.isdisjoint(self.spellings)

    def occurs(self, doc: AnalysedDocument) -> bool:
        return bool(self._terms(doc))

    def to_tsquery(self) -> str:
        suffix = ":*" if self.prefix else ""
        rendered = [quote_lexeme(spelling) + suffix for spelling in self.spellings]
        return rendered[0] if len(rendered) == 1 else "(" + " | ".join(rendered) + ")"

    def anchors(self) -> Anchors:
        spellings = frozenset(self.spellings)
        return Anchors(prefixes=spellings) if self.prefix else Anchors(spellings)


@dataclass(frozen=True)
class Phrase:
    """Words that must follow each other; a single word is a phrase of one."""

    words: tuple[Word, ...]
    text: str  # as written in the query, for matched_terms

    def matches(self, doc: AnalysedDocument) -> bool:
        first, *rest = self.words
        if not rest:
            return first.occurs(doc)
        starts = first.positions(doc)
        for offset, word in enumerate(rest, start=1):
            if not starts:
                return False
            following = word.positions(doc)
            starts = frozenset(p for p in starts if p + offset in following)
        return bool(starts)

    def matched(self, doc: AnalysedDocument, negated: bool) -> Iterator[str]:
        if not negated and self.matches(doc):
            yield self.text

    def to_tsquery(self) -> str:
        rendered = " <-> ".join(word.to_tsquery() for word in self.words)
        return f"({rendered})" if len(self.words) > 1 else rendered

    def anchors(self) -> Anchors:
        return self.words[0].anchors()


@dataclass(frozen=True)
class Not:
    operand: "Node"

    def matches(self, doc: AnalysedDocument) -> bool:
        return not self.operand.matches(doc)

    def matched(self, doc: AnalysedDocument, negated: bool) -> Iterator[str]:
        return self.operand.matched(doc, not negated)

    def to_tsquery(self) -> str:
        return f"!{self.operand.to_tsquery()}"

    def anchors(self) -> Anchors | None:
        return None  # absence cannot be looked up


@dataclass(frozen=True)
class And:
    operands: tuple["Node", ...]

    def matches(self, doc: AnalysedDocument) -> bool:
        return all(operand.matches(doc) for operand in self.operands)

    def matched(self, doc: AnalysedDocument, negated: bool) -> Iterator[str]:
        for operand in self.operands:
            yield from operand.matched(doc, negated)

    def to_tsquery(self) -> str:
        return "(" + " & ".join(operand.to_tsquery() for operand in self.operands) + ")"

    def anchors(self) -> Anchors | None:
        # Every operand is needed, so any one operand's anchors will do: the fewest.
        known = [a for a in (operand.anchors() for operand in self.operands) if a is not None]
        return min(known, key=len, default=None)


@dataclass(frozen=True)
class Or:
    operands: tuple["Node", ...]

    def matches(self, doc: AnalysedDocument) -> bool:
        return any(operand.matches(doc) for operand in self.operands)

    def matched(self, doc: AnalysedDocument, negated: bool) -> Iterator[str]:
        for operand in self.operands:
            yield from operand.matched(doc, negated)

    def to_tsquery(self) -> str:
        return "(" + " | ".join(operand.to_tsquery() for operand in self.operands) + ")"

    def anchors(self) -> Anchors | None:
        found = [operand.anchors() for operand in self.operands]
        if any(a is None for a in found):
            return None
        return Anchors(
            frozenset().union(*(a.terms for a in found if a)),
            frozenset().union(*(a.prefixes for a in found if a)),
        )


Node = Phrase | Not | And | Or


@dataclass(frozen=True)
class Query:
    """A parsed topic query."""

    text: str
    root: Node

    def matches(self, doc: AnalysedDocument) -> bool:
        return self.root.matches(doc)

    def matched_terms(self, doc: AnalysedDocument) -> list[str]:
        """The words and phrases of the query, as written, that the article contains."""
        return list(dict.fromkeys(self.root.matched(doc, negated=False)))

    def to_tsquery(self) -> str:
        """A tsquery literal over the analysed terms, to pass as a parameter to `%s::tsquery`."""
        return self.root.to_tsquery()

    def anchors(self) -> Anchors | None:
        """Terms of which an article must contain one to match; None when there is no such set."""
        return self.root.anchors()


@dataclass(frozen=True)
class _Lexeme:
    text: str
    position: int  # 1-based, as the error messages say

    @property
    def operator(self) -> str | None:
        return self.text if self.text in _OPERATORS else None


def _fail(message: str) -> TopicError:
    return TopicError(f"query: {message}")


def _lex(text: str) -> list[_Lexeme]:
    lexemes = [_Lexeme(m.group(), m.start() + 1) for m in _LEXEME.finditer(text)]
    for lexeme in lexemes:
        if lexeme.text.startswith('"') and (len(lexeme.text) == 1 or not lexeme.text.endswith('"')):
            raise _fail(f"unbalanced '\"' at position {lexeme.position}")
    return lexemes


def _words(lexeme: _Lexeme) -> tuple[Word, ...]:
    """The analysed words of one query word or phrase; `*` may end any of them."""
    position = lexeme.position
    words: list[Word] = []
    for raw in lexeme.text.strip('"').split():
        prefix = raw.endswith("*")
        tokens = word_tokens(raw.rstrip("*"))
        if prefix and (not tokens or len(tokens[-1]) < _MIN_PREFIX):
            raise _fail(f"prefix '{raw}' at position {position} needs two letters before '*'")
        words.extend(Word(query_stem(token)) for token in tokens[:-1])
        words.extend(
            Word(prefix_stem(token), True) if prefix else Word(query_stem(token))
            for token in tokens[-1:]
        )
    if not words:
        raise _fail(f"'{lexeme.text}' at position {position} has no letters or digits")
    return tuple(words)


class _Parser:
    """Recursive descent over the lexemes, one method per grammar rule."""

    def __init__(self, text: str) -> None:
        self.lexemes = _lex(text)
        self.index = 0
        self.depth = 0

    def parse(self) -> Node:
        if not self.lexemes:
            raise _fail("the query is empty")
        node = self.parse_or()
        if self.index < len(self.lexemes):
            lexeme = self.lexemes[self.index]
            raise _fail(f"unbalanced ')' at position {lexeme.position}")
        return node

    def peek(self) -> _Lexeme | None:
        return self.lexemes[self.index] if self.index < len(self.lexemes) else None

    def take(self) -> _Lexeme:
        lexeme = self.lexemes[self.index]
        self.index += 1
        return lexeme

    def parse_or(self) -> Node:
        operands = [self.parse_and()]
        while (lexeme := self.peek()) and lexeme.operator == "OR":
            self.take()
            operands.append(self.parse_and())
        return operands[0] if len(operands) == 1 else Or(tuple(operands))

    def parse_and(self) -> Node:
        operands = [self.parse_not()]
        while (lexeme := self.peek()) and lexeme.text != ")" and lexeme.operator != "OR":
            if lexeme.operator == "AND":
                self.take()
            operands.append(self.parse_not())
        return operands[0] if len(operands) == 1 else And(tuple(operands))

    def parse_not(self) -> Node:
        lexeme = self.peek()
        if lexeme and lexeme.operator == "NOT":
            self.take()
            with self.nested(lexeme):
                return Not(self.parse_not())
        return self.parse_atom()

    def parse_atom(self) -> Node:
        previous = self.lexemes[self.index - 1] if self.index else None
        lexeme = self.peek()
        if lexeme is None:  # the query ends where a term should come
            last = self.lexemes[-1]
            if last.text == "(":
                raise _fail(f"unbalanced '(' at position {last.position}")
            raise _fail(f"'{last.text}' at position {last.position} has nothing after it")
        if lexeme.operator or lexeme.text == ")":
            if lexeme.text == ")" and previous and previous.text == "(":
                raise _fail(f"empty parentheses at position {previous.position}")
            if lexeme.text == ")" and (previous is None or previous.operator is None):
                raise _fail(f"unbalanced ')' at position {lexeme.position}")
            where = f"after '{previous.text}'" if previous else "at the start"
            raise _fail(f"'{lexeme.text}' at position {lexeme.position} comes {where}")
        self.take()
        if lexeme.text == "(":
            with self.nested(lexeme):
                return self.parse_group(lexeme)
        return Phrase(_words(lexeme), lexeme.text)

    @contextmanager
    def nested(self, lexeme: _Lexeme) -> Iterator[None]:
        """One level deeper; refused past MAX_DEPTH, naming where the limit was crossed."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _fail(
                f"'{lexeme.text}' at position {lexeme.position} nests deeper than "
                f"{MAX_DEPTH} levels of parentheses and NOT"
            )
        yield
        self.depth -= 1

    def parse_group(self, opening: _Lexeme) -> Node:
        node = self.parse_or()
        closing = self.peek()
        if closing is None or closing.text != ")":
            raise _fail(f"unbalanced '(' at position {opening.position}")
        self.take()
        return node


_EMPTY_DOCUMENT = analyse_document("")


def parse_query(text: str) -> Query:
    """Parse a topic query; a malformed one raises TopicError naming the position."""
    if len(text) > MAX_QUERY_CHARS:
        raise _fail(f"the query is {len(text)} characters long, more than {MAX_QUERY_CHARS}")
    query = Query(text, _Parser(text).parse())
    if query.matches(_EMPTY_DOCUMENT):
        # NOT-only queries (or `x OR NOT y`) would alert on nearly every article
        raise _fail("a query must have at least one positive term that every match needs")
    return query
