"""Spelling variants of Arabic text folded away, in two steps, and the one variant kept.

`fold_text` removes what never changes a word: presentation forms, diacritics, tatweel,
invisible marks, Persian letter and digit variants, case. It keeps two things the analysis
still reads: a hamza on an alef (the article is always written with a bare alef, so «ألغاز»
is no ال + غاز). `fold_word` folds that too, and keeps two letters the stemmer still needs:
a final ة (a ta marbuta, not the pronoun ه) and ى (an alef maqsura, never the ending -ي:
«جرحى» is no جرح + ي). `normalize` is all of it, ة folded into ه and ى into ي: the form the
stemmer reads and the lexicon holds.

The seat of a hamza on a stem's first letter is kept (`seated`): أ, إ and آ there tell words
apart (أمام/إمام, أعلام/إعلام, أنفاق/إنفاق, أثار/آثار), so a stored term starts with the alef
its writer wrote, while every other letter is the folded one. Writers often drop that hamza
(«اعلام», «ايران», «اربيل»), so a bare alef is no seat of its own: two spellings match when
their first letters agree or either is bare (`seat_variants`, the spellings a query word
looks up). A hamza inside a word (مسؤول/مسئول, مآرب/مارب) stays folded, as do ى/ي and ة/ه:
writers swap those freely.
"""

import re
import unicodedata

__all__ = [
    "ARABIC_LETTER",
    "HAMZA_SEATS",
    "fold_text",
    "fold_word",
    "normalize",
    "seat_variants",
    "seated",
]

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
WITHOUT_MARKS = dict.fromkeys(_INVISIBLE_MARKS)
# Tatweel stretches a word on the page and is never part of it.
_INVISIBLE = {**WITHOUT_MARKS, 0x0640: None}
# A letter of the Arabic script in any of its Unicode blocks (Persian and Urdu letters, and
# presentation forms, included).
ARABIC_LETTER = re.compile(
    "[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]"
)
_HAMZA_ALEFS = {"أ": "ا", "إ": "ا", "آ": "ا"}
HAMZA_SEATS = tuple(_HAMZA_ALEFS)  # the alefs with a hamza (or madda) a stem may start with
_BARE_ALEF = "ا"
_OTHER_LETTERS = {
    "ٱ": "ا",  # alef wasla: the article's own alef
    "ٲ": "ا",
    "ٳ": "ا",
    # Own rule: hamza on a waw or yeh seat becomes a bare hamza rather than و/ي, because
    # the seat moves with the vowel after it: مسؤول/مسئول, سجناء/سجنائهم stay one word.
    "ؤ": "ء",
    "ئ": "ء",
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


class _Translation:
    """``str.translate`` with the table of ``mapping``, for a few characters of a long text.

    `str.translate` looks every character of the text up in the table (75-95 ns a character
    of Arabic text, most of it a missed lookup's KeyError), and folding was half the time of
    an article's signature. A regex finds the few characters the table maps, 5-10 times
    faster; each is replaced as `str.translate` would, and the replacement is not read again.
    """

    def __init__(self, mapping: dict[str, str | None] | dict[str | int, str | None]) -> None:
        self._table: dict[int, str | None] = str.maketrans(mapping)
        self._pattern = re.compile(f"[{''.join(re.escape(chr(key)) for key in self._table)}]")

    def _replacement(self, match: re.Match[str]) -> str:
        return self._table[ord(match.group())] or ""

    def __call__(self, text: str) -> str:
        return self._pattern.sub(self._replacement, text)


_TEXT = _Translation(_OTHER_LETTERS)
_WORD = _Translation({**_HAMZA_ALEFS, **_OTHER_LETTERS})
_FINAL_LETTERS = _Translation({"ة": "ه", "ى": "ي"})


def fold_text(text: str) -> str:
    """Text without marks and letter variants, hamza on alef and ة still kept."""
    folded = _TEXT(unicodedata.normalize("NFKC", text)).casefold()
    # a hamza on a yeh seat is often typed as a dotless yeh and a hamza: لاجىء is لاجئ
    return folded.replace("ىء", "ء")


def fold_word(word: str) -> str:
    """A word (or any text already through `fold_text`) with hamza on alef folded, ة and ى
    kept."""
    return _WORD(word)


def fold_final_letters(word: str) -> str:
    """ة as ه and ى as ي: writers use either, so stored terms hold one."""
    return _FINAL_LETTERS(word)


def normalize(text: str) -> str:
    """Fold spelling variants away: presentation forms, marks, letter and digit variants."""
    return fold_final_letters(fold_word(fold_text(text)))


def seated(stem: str, written: str) -> str:
    """``stem`` (folded, read from ``written``) starting with the alef ``written`` starts with.

    ``written`` is the word as it stands after its proclitics, before `fold_word`: «إعلام»
    of «بالإعلام». The stem is read from its folded letters and starts where it does, so
    only its first letter may change: a bare alef becomes the hamza's seat.
    """
    if stem[:1] == _BARE_ALEF and written[:1] in _HAMZA_ALEFS:
        return written[0] + stem[1:]
    return stem


def seat_variants(term: str) -> tuple[str, ...]:
    """The stored spellings a term matches: itself, and by its first letter, the bare alef
    for a seat (a writer may drop the hamza) or every seat for a bare alef (the writer may
    have dropped it). Two explicit seats never meet: أمام is not إمام."""
    first, rest = term[:1], term[1:]
    if first == _BARE_ALEF:
        return (term, *(seat + rest for seat in HAMZA_SEATS))
    if first in _HAMZA_ALEFS:
        return (term, _BARE_ALEF + rest)
    return (term,)
