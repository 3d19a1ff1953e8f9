"""The one Arabic text analysis of Rasad, shared by topic matching and search.

An article is analysed once: its text is folded (`rasad.alerts.spelling`), URLs are dropped,
and each token is stored under its stem (`rasad.alerts.morphology.word_stems`: one term, two
where the reading is open). A query word is looked up under its own stem, found by the same
analysis (`query_stem`), so `سجون` finds «بالسجون» and «وسجونها», `مسلح` finds «المسلحة» and
«مسلحين», and `سجل` never finds «سجن»: a query word matches a token when its stem is one of
the token's stems. A stem keeps the hamza seat of its first letter (أمام, إمام, آثار are three
terms), and a query word looks up each spelling it agrees with: the same seat or a bare alef
(`rasad.alerts.spelling.seat_variants`), so `إعلام` finds «الاعلام» but not «أعلام».

The same (term, position) pairs are stored in PostgreSQL as a tsvector (`tsvector_literal`)
and queried with the tsquery that `rasad.alerts.query` renders, so SQL search and in-Python
matching give the same answers.
"""

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import count

from rasad.alerts.morphology import clear_caches, prefix_stem, query_stem, word_stems
from rasad.alerts.spelling import (
    ARABIC_LETTER,
    WITHOUT_MARKS,
    fold_final_letters,
    fold_text,
    fold_word,
    normalize,
)

__all__ = [
    "ARABIC_LETTER",
    "AnalysedDocument",
    "analyse_article",
    "analyse_document",
    "analyse_terms",
    "clear_caches",
    "normalize",
    "prefix_stem",
    "query_stem",
    "to_tsvector_literal",
    "tokenize",
    "word_stems",
    "word_tokens",
]

# PostgreSQL clamps tsvector positions to 16383 and keeps at most 256 positions per lexeme;
# the Python side does the same so that phrase matching agrees with SQL on long articles.
MAX_POSITION = 16383
MAX_POSITIONS_PER_TERM = 256
# No word is this long; a run of base64 or a pasted hash is not worth a lexeme, and PostgreSQL
# refuses lexemes over 2 kB.
_MAX_TOKEN = 64

_URL = re.compile(
    r"""(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>"']+"""  # scheme or www. up to whitespace
    r"""|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/[^\s<>"']*""",  # bare domain with a path
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[^\W_]+")


def _strip_urls(text: str) -> Iterator[str]:
    """The stretches of text between URLs; words inside a URL are not article words."""
    if "/" not in text and "www." not in text.lower():
        # Every URL holds one or the other and most articles neither: the test is a tenth
        # of the case-insensitive scan, which was a fifth of an article's analysis.
        yield text
        return
    start = 0
    for url in _URL.finditer(text):
        yield text[start : url.start()]
        start = url.end()
    yield text[start:]


def _numbered_stretches(text: str) -> Iterator[tuple[list[str], int]]:
    """The folded tokens of each stretch between URLs, with the 1-based position of its first
    token; a URL leaves a gap of one position so no phrase spans it. Long tokens included."""
    position = 1
    for stretch in _strip_urls(fold_text(text)):
        tokens = _TOKEN.findall(stretch)
        yield tokens, position
        position += len(tokens) + 1


def _positioned_tokens(text: str) -> Iterator[tuple[str, int]]:
    """Folded tokens with 1-based positions; a URL leaves a gap so no phrase spans it."""
    for tokens, first in _numbered_stretches(text):
        for position, token in enumerate(tokens, start=first):
            if len(token) <= _MAX_TOKEN:
                yield token, position


def word_tokens(text: str) -> list[str]:
    """The tokens of `text` as `word_stems` and `query_stem` take them, URLs removed."""
    return [token for token, _ in _positioned_tokens(text)]


def tokenize(text: str) -> list[str]:
    """The normalised tokens of `text`, URLs removed (as `word_tokens`, each normalised)."""
    # Folded a stretch at a time, not a token at a time: the folding maps letters to letters,
    # so the tokens are the same, with two `str.translate` calls per stretch instead of per
    # word (they were a tenth of the cost of storing an article).
    return [
        token
        for stretch in _strip_urls(fold_text(text))
        for token in _TOKEN.findall(fold_final_letters(fold_word(stretch)))
        if len(token) <= _MAX_TOKEN
    ]


def analyse_terms(text: str) -> list[tuple[str, int]]:
    """Every candidate term of every token with its 1-based token position."""
    return [
        (term, min(position, MAX_POSITION))
        for token, position in _positioned_tokens(text)
        for term in sorted(word_stems(token))
    ]


@dataclass(frozen=True, eq=False)
class AnalysedDocument:
    """An article's terms, analysed once and then tested against every topic query."""

    positions: Mapping[str, frozenset[int]]
    sorted_terms: tuple[str, ...]

    def has(self, term: str) -> bool:
        return term in self.positions

    def terms_with_prefix(self, prefix: str) -> list[str]:
        """Terms starting with `prefix`: a bisection, not a scan over every term."""
        start = bisect_left(self.sorted_terms, prefix)
        end = start
        while end < len(self.sorted_terms) and self.sorted_terms[end].startswith(prefix):
            end += 1
        return list(self.sorted_terms[start:end])

    def positions_of(self, term: str) -> frozenset[int]:
        return self.positions.get(term, frozenset())


def _token_positions(text: str) -> tuple[dict[str, list[int]], int]:
    """Each distinct token's 1-based positions, as `_positioned_tokens` numbers them (long
    tokens included), and the position after the last one."""
    by_token: defaultdict[str, list[int]] = defaultdict(list)
    end = 0
    for tokens, first in _numbered_stretches(text):
        for token, at in zip(tokens, count(first), strict=False):
            by_token[token].append(at)
        end = first + len(tokens)
    return by_token, end


def _grouped_positions(text: str) -> dict[str, frozenset[int]]:
    """Each term's positions, with PostgreSQL's rules: clamped to 16383, the first 256 kept.

    Positions are grouped per distinct token first, then per stem: a word recurs, so
    `word_stems` and the per-term bookkeeping run once per word, not once per token.
    """
    by_token, end = _token_positions(text)
    grouped: dict[str, list[int]] = {}
    merged: set[str] = set()
    for token, positions in by_token.items():
        if len(token) > _MAX_TOKEN:
            continue
        for term in word_stems(token):
            known = grouped.get(term)
            if known is None:
                grouped[term] = positions  # shared with the token's other stem, if any
            elif term in merged:
                known.extend(positions)
            else:  # a list of its own, from the second word with this stem on
                grouped[term] = known + positions
                merged.add(term)
    # Each position holds one token, so a term's positions are distinct unless clamped; terms
    # are inserted in the order of their first token, as when grouped token by token.
    clamped = end > MAX_POSITION
    return {
        term: frozenset(positions)
        if len(positions) <= MAX_POSITIONS_PER_TERM and not clamped
        else frozenset(sorted({min(at, MAX_POSITION) for at in positions})[:MAX_POSITIONS_PER_TERM])
        for term, positions in grouped.items()
    }


def analyse_article(title: str, text: str) -> AnalysedDocument:
    """An article's title and text, analysed as one document: what is stored and matched."""
    return analyse_document(f"{title}\n{text}")


def analyse_document(text: str) -> AnalysedDocument:
    """Analyse an article once, for matching against many queries."""
    positions = _grouped_positions(text)
    return AnalysedDocument(positions=positions, sorted_terms=tuple(sorted(positions)))


def without_invisible_marks(text: str) -> str:
    """``text`` without zero-width, bidi and soft-hyphen marks (tatweel is kept)."""
    return text.translate(WITHOUT_MARKS)


def quote_lexeme(term: str) -> str:
    """A tsvector or tsquery lexeme, quoted so that any character is taken literally."""
    escaped = term.replace("\\", "\\\\").replace("'", "''")
    return f"'{escaped}'"


def to_tsvector_literal(text: str) -> str:
    """The analysed terms as a tsvector literal, to pass as a parameter to `%s::tsvector`."""
    return tsvector_literal(analyse_document(text))


def tsvector_literal(document: AnalysedDocument) -> str:
    """An analysed document's terms as a tsvector literal (analyse once, store and match)."""
    positions = document.positions
    entries: list[str] = []
    for term in document.sorted_terms:
        at = positions[term]
        # Most terms are letters only and found once: neither escaped nor sorted.
        lexeme = quote_lexeme(term) if "'" in term or "\\" in term else f"'{term}'"
        listed = str(min(at)) if len(at) == 1 else ",".join(map(str, sorted(at)))
        entries.append(f"{lexeme}:{listed}")
    return " ".join(entries)
