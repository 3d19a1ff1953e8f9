"""The one Arabic text analysis of Rasad, shared by topic matching and search.

An article is analysed once: its text is normalised, URLs are dropped, and each token is
expanded into a small set of candidate terms (`word_forms`): the token itself, the token
without attached proclitics, and the token without common suffixes. A query word matches a
token when the query word's normalised form is one of the token's candidates, so `سجون`
finds «بالسجون» and «وسجونها» while `سجل` never finds «سجن»: nothing is ever added to the
query side, only exact candidates are compared.

The same (term, position) pairs are stored in PostgreSQL as a tsvector (`to_tsvector_literal`)
and queried with the tsquery that `rasad.alerts.query` renders, so SQL search and in-Python
matching give the same answers.

Letter tables and clitic rules are written out here rather than taken from a library:
measured on tests/alerts/data/arabic_match_cases.tsv (see benchmarks/analysis_quality.py),
the light stemmers available (Snowball, Tashaphyne, ISRI) strip letters that only look like
clitics (`وطن` -> `طن`) and stem `السجون` and `سجون` differently.
"""

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "AnalysedDocument",
    "analyse_document",
    "analyse_terms",
    "normalize",
    "to_tsvector_literal",
    "tokenize",
    "word_forms",
]

# PostgreSQL clamps tsvector positions to 16383 and keeps at most 256 positions per lexeme;
# the Python side does the same so that phrase matching agrees with SQL on long articles.
MAX_POSITION = 16383
MAX_POSITIONS_PER_TERM = 256
# No word is this long; a run of base64 or a pasted hash is not worth a lexeme, and PostgreSQL
# refuses lexemes over 2 kB.
_MAX_TOKEN = 64

_TASHKEEL = dict.fromkeys((*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)))
# Characters that shape how text is shown, never what it says.
_INVISIBLE_MARKS = (
    0x00AD,  # soft hyphen
    0x061C,  # Arabic letter mark
    *range(0x200B, 0x2010),  # zero-width space/joiners, LRM, RLM
    *range(0x202A, 0x202F),  # bidi embeddings and overrides
    *range(0x2066, 0x206A),  # bidi isolates
    0xFEFF,
)
_WITHOUT_MARKS = dict.fromkeys(_INVISIBLE_MARKS)
# Tatweel stretches a word on the page and is never part of it.
_INVISIBLE = {**_WITHOUT_MARKS, 0x0640: None}
# A letter of the Arabic script in any of its Unicode blocks (Persian and Urdu letters, and
# presentation forms, included).
ARABIC_LETTER = re.compile(
    "[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]"
)
_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        # Own rule: hamza on a waw or yeh seat becomes a bare hamza rather than و/ي, because
        # the seat moves with the vowel after it: مسؤول/مسئول, سجناء/سجنائهم stay one word.
        "ؤ": "ء",
        "ئ": "ء",
        "ى": "ي",
        "ی": "ي",  # Persian yeh
        "ې": "ي",
        "ک": "ك",  # Persian keheh
        "ڪ": "ك",
        "ۀ": "ه",
        "ہ": "ه",
        "ە": "ه",
        "٫": ".",  # Arabic decimal separator
        "٬": ",",  # Arabic thousands separator
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
        **_TASHKEEL,
        **_INVISIBLE,
    }
)

_URL = re.compile(
    r"""(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>"']+"""  # scheme or www. up to whitespace
    r"""|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/[^\s<>"']*""",  # bare domain with a path
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[^\W_]+")

# Conjunction, then preposition, then article: و/ف + ب/ك/ل + ال, where ل + ال is written لل.
_PREPOSITIONS = (("", ""), ("ب", ""), ("ك", ""), ("ل", ""))
_ARTICLES = (("", "ال"), ("ب", "ال"), ("ك", "ال"), ("ل", "ل"))
_PROCLITICS = tuple(  # (the letters, whether they hold an article), e.g. ("وبال", True)
    (conjunction + preposition + article, bool(article))
    for conjunction in ("", "و", "ف")
    for preposition, article in (*_PREPOSITIONS, *_ARTICLES)
    if conjunction + preposition + article
)
_PROCLITIC_LETTERS = frozenset("وفبكلا")
_MIN_REMAINDER = 3  # `وطن` is not و + `طن`: no candidate shorter than three letters

# Pronoun suffixes come last in a word (سجون+ها), so they are stripped first.
_PRONOUNS = ("هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ه")
# Own rule: number, gender and nisba endings, each with the shortest stem it may leave. Sound
# plurals, duals and nisbas are built on stems of four letters or more far more often than a
# three-letter word happens to end in the same letters: زيتون is not زيت + ون, لبنان is not
# لبن + ان, عملي is not عمل + ي.
_ENDINGS = (
    # ending, what replaces it, minimum stem length
    ("ات", "", 3),  # سجلات -> سجل, المعتقلات -> معتقل
    ("ات", "ة", 2),  # منظمات -> منظمة, قوات -> قوة
    ("ية", "ي", 3),  # السورية -> سوري: the feminine nisba answers for the masculine
    ("ون", "", 4),
    ("ين", "", 4),
    ("ان", "", 4),
    ("و", "", 4),  # construct plural: معتقلو داعش
    ("ي", "", 4),  # construct plural (معتقلي داعش) and nisba (فلسطيني)
    ("ا", "", 3),  # accusative tanween alif: قتل 20 شخصا, وقعت الغارات ليلا
)
_ENDINGS_BY_LAST_LETTER = {
    letter: tuple(entry for entry in _ENDINGS if entry[0].endswith(letter))
    for letter in {ending[-1] for ending, _, _ in _ENDINGS}
}
# Own rule: a final ة is never taken off. Feminine and unit nouns are other words far too often
# (دولة/دول, حماسة/حماس, ثورة/ثور, مكتبة/مكتب), so tokens keep ة until their forms are built,
# and only a final ه (the pronoun, or a ta marbuta written without its dots) is stripped.
_TA_MARBUTA = str.maketrans({"ة": "ه"})


def _fold(text: str) -> str:
    """Everything `normalize` does except folding ة, which `word_forms` still needs."""
    return unicodedata.normalize("NFKC", text).translate(_LETTERS).casefold()


def normalize(text: str) -> str:
    """Fold spelling variants away: presentation forms, marks, letter and digit variants."""
    return _fold(text).translate(_TA_MARBUTA)


def _strip_urls(text: str) -> Iterator[str]:
    """The stretches of text between URLs; words inside a URL are not article words."""
    start = 0
    for url in _URL.finditer(text):
        yield text[start : url.start()]
        start = url.end()
    yield text[start:]


def _positioned_tokens(text: str) -> Iterator[tuple[str, int]]:
    """Tokens (ة still kept) with 1-based positions; a URL leaves a gap so no phrase spans it."""
    position = 0
    for stretch in _strip_urls(_fold(text)):
        tokens = _TOKEN.findall(stretch)
        for offset, token in enumerate(tokens, start=1):
            if len(token) <= _MAX_TOKEN:
                yield token, position + offset
        position += len(tokens) + 1


def tokenize(text: str) -> list[str]:
    """The normalised tokens of `text`, URLs removed."""
    return [token.translate(_TA_MARBUTA) for token, _ in _positioned_tokens(text)]


def _without_proclitics(token: str) -> Iterator[str]:
    """Every reading of the token's start as proclitics that leaves at least three letters."""
    if token[0] not in _PROCLITIC_LETTERS:
        return
    for proclitics, has_article in _PROCLITICS:
        if token.startswith(proclitics) and len(token) - len(proclitics) >= _MIN_REMAINDER:
            rest = token[len(proclitics) :]
            yield rest
            if has_article:
                yield "ال" + rest  # بالسجون and للدولة also answer a query for السجون


def _stem_length(stem: str) -> int:
    """Letters of a stem, not counting an article: الزيت(ون) is as short as زيت(ون)."""
    return len(stem) - 2 if stem.startswith("ال") else len(stem)


def _without_pronoun(word: str) -> Iterator[str]:
    for pronoun in _PRONOUNS:
        if not word.endswith(pronoun):
            continue
        stem = word[: -len(pronoun)]
        if _stem_length(stem) >= _MIN_REMAINDER:
            yield stem
            if stem.endswith("ت"):
                yield stem[:-1] + "ة"  # ta marbuta is written ت before a pronoun: حكومتها


def _without_endings(word: str) -> Iterator[str]:
    for ending, replacement, min_stem in _ENDINGS_BY_LAST_LETTER.get(word[-1], ()):
        if not word.endswith(ending):
            continue
        stem = word[: -len(ending)]
        if _stem_length(stem) >= min_stem:
            yield stem + replacement


def _suffix_forms(word: str) -> set[str]:
    """The word and what is left after a pronoun and up to two endings are taken off."""
    forms = {word, *_without_pronoun(word)}
    stems = {stem for form in forms for stem in _without_endings(form)}
    # a second ending only under the first: فلسطينيين -> فلسطيني -> فلسطين
    return forms | stems | {stem for form in stems for stem in _without_endings(form)}


@lru_cache(maxsize=200_000)
def word_forms(token: str) -> frozenset[str]:
    """The candidate terms of one normalised token; a query word matches if it is one of them.

    The token may still end in ة, saying that its last letter is a ta marbuta and not the
    pronoun ه; the forms returned are fully normalised.
    """
    if not ARABIC_LETTER.search(token):
        return frozenset((token,))
    forms: set[str] = set()
    for word in (token, *_without_proclitics(token)):
        forms |= _suffix_forms(word)
    return frozenset(form.translate(_TA_MARBUTA) for form in forms)


def analyse_terms(text: str) -> list[tuple[str, int]]:
    """Every candidate term of every token with its 1-based token position."""
    return [
        (term, min(position, MAX_POSITION))
        for token, position in _positioned_tokens(text)
        for term in sorted(word_forms(token))
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


def _grouped_positions(text: str) -> dict[str, list[int]]:
    grouped: dict[str, list[int]] = {}
    for token, position in _positioned_tokens(text):
        clamped = min(position, MAX_POSITION)
        for term in word_forms(token):
            positions = grouped.setdefault(term, [])
            # positions arrive in order; keep PostgreSQL's first 256 distinct ones
            if not positions or (
                positions[-1] != clamped and len(positions) < MAX_POSITIONS_PER_TERM
            ):
                positions.append(clamped)
    return grouped


def analyse_document(text: str) -> AnalysedDocument:
    """Analyse an article once, for matching against many queries."""
    grouped = _grouped_positions(text)
    return AnalysedDocument(
        positions={term: frozenset(positions) for term, positions in grouped.items()},
        sorted_terms=tuple(sorted(grouped)),
    )


def without_invisible_marks(text: str) -> str:
    """``text`` without zero-width, bidi and soft-hyphen marks (tatweel is kept)."""
    return text.translate(_WITHOUT_MARKS)


def quote_lexeme(term: str) -> str:
    """A tsvector or tsquery lexeme, quoted so that any character is taken literally."""
    escaped = term.replace("\\", "\\\\").replace("'", "''")
    return f"'{escaped}'"


def to_tsvector_literal(text: str) -> str:
    """The analysed terms as a tsvector literal, to pass as a parameter to `%s::tsvector`."""
    return tsvector_literal(analyse_document(text))


def tsvector_literal(document: AnalysedDocument) -> str:
    """An analysed document's terms as a tsvector literal (analyse once, store and match)."""
    return " ".join(
        f"{quote_lexeme(term)}:{','.join(map(str, sorted(document.positions[term])))}"
        for term in document.sorted_terms
    )
