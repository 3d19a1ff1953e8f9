"""The stem of an Arabic word: its clitics and inflectional endings taken off where the lexicon
allows, so that a word and its inflected forms, in an article or in a query, meet on one term.

A word is read as proclitics + stem + endings + pronoun, every way its letters allow; each
reading is kept only if its stem is a word of the lexicon (`rasad.alerts.lexicon`) that takes
those endings, and the most probable one wins: the stem's frequency in a news corpus times how
common the affixes are. Rules, from Arabic morphology rather than from labelled cases:

- Proclitics (و/ف, then ب/ك/ل, then the article ال; ل + ال is written لل) are taken off only
  when the whole token is not itself a word: كمال, فراس, بغداد and وطن stay whole, وكمال is
  و + كمال. The article is written with a bare alef: «ألغاز» and «إلهام» hold none.
- Endings follow the stem's inflection in the lexicon: -ة for the feminine of participles and
  adjectives (مسلح/مسلحة), -ون/-ين (construct -و/-ي) for the sound plural of the words that
  take it, -ات for feminine plurals (مسلحات -> مسلحة -> مسلح, حملات -> حملة, never حمل), -ان/-ين
  and -تان/-تين for duals, -ا for the accusative. A nisba (رسمي, سوري) inflects like any
  adjective; a nisba of a country or city also answers for the place (لبناني -> لبنان).
- A word that is a word as it stands wins unless an inflected reading is far more common:
  مكتبة (library) stays مكتبة though مكتب takes -ة, while كبيرة is the feminine of كبير.
- A token the lexicon does not know (a new name, a transliteration) loses only an article,
  and the endings every nisba takes; a single letter that may be a proclitic gives it a second
  stem (وداعش: وداعش and داعش). A query word is read as typed (a citation form, perhaps with
  ال), so it loses no single-letter proclitic: `بعقوبة` is the city, and it is also kept whole
  in an article.

Every decision is made on the folded word (`fold_word`: أ, إ and آ read as ا, which is how the
lexicon holds them); the term emitted then starts with the hamza seat its writer put on the
stem's first letter, after the proclitics: «بالإعلام» is stored as إعلام, «والأمام» as أمام,
«فأعلن» as أعلن, «الاعلام» as اعلام (`rasad.alerts.spelling.seated`). The article's own
alef is bare and no stem's first letter: «ألغاز» is one word, stored as ألغاز.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from rasad.alerts.lexicon import Lexicon, lexicon
from rasad.alerts.spelling import ARABIC_LETTER, fold_final_letters, fold_word, seated

__all__ = ["clear_caches", "prefix_stem", "query_stem", "word_stems"]

# How often each proclitic starts a word, roughly, in news text: a reading through a proclitic
# must beat the whole word by that much. Conjunctions first, then prepositions, then article.
_CONJUNCTIONS = (("", 1.0), ("و", 0.2), ("ف", 0.05))
_PREPOSITIONS = (("", 1.0), ("ب", 0.1), ("ل", 0.1), ("ك", 0.02))
_ARTICLE = 0.5
_MIN_REMAINDER = 2  # بالسل, بحقهم: two-letter words are words
_MIN_INFLECTED_STEM = 3  # no sound plural, dual or feminine is built on two letters
# Pronoun suffixes and how often a noun carries each in news text, roughly: reports speak of
# third persons; "our" (نا) and "your" are found in quotes, and ي (my) is no news word. A rare
# pronoun must not outweigh the accusative -ا of a word ending in ن (كمينا is كمين, not كمي +
# نا).
_PRONOUNS = (
    ("هما", 0.1),
    ("كما", 0.02),
    ("هم", 0.1),
    ("هن", 0.1),
    ("ها", 0.1),
    ("كم", 0.02),
    ("كن", 0.02),
    ("نا", 0.02),
    ("ه", 0.1),
)
_NISBA_ENDINGS = ("ية", "يون", "يين", "يات", "يو")
# The readings of one word are few: a pronoun, a number/gender ending, a nisba, a feminine.
_MAX_STEPS = 4
_PLACE = 100.0  # a nisba of a place always answers for the place
# The last letters of every ending and pronoun: a word ending otherwise is read as it stands.
_ENDING_LETTERS = frozenset("ةتنويهام")
# Cardinals take no dual or sound plural: ثلاثين, خمسين are the tens, words of their own.
_CARDINALS = frozenset({"ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع", "عشر"})


def _proclitics() -> tuple[tuple[str, bool, float], ...]:
    """(letters, whether they end in the article, prior) for every proclitic sequence."""
    found = []
    for conjunction, p_conjunction in _CONJUNCTIONS:
        for preposition, p_preposition in _PREPOSITIONS:
            prior = p_conjunction * p_preposition
            if conjunction or preposition:
                found.append((conjunction + preposition, False, prior))
            article = "لل" if preposition == "ل" else preposition + "ال"
            found.append((conjunction + article, True, prior * _ARTICLE))
    return tuple(sorted(found, key=lambda entry: -len(entry[0])))


_PROCLITICS = _proclitics()
_PROCLITICS_BY_LETTER = {
    letter: tuple(entry for entry in _PROCLITICS if entry[0].startswith(letter))
    for letter in {entry[0][0] for entry in _PROCLITICS}
}


@dataclass(frozen=True)
class _Step:
    word: str
    prior: float  # how common this step is, in news text, roughly
    nominal: bool = False  # a number or gender ending: only nouns and adjectives take one
    article_only: bool = False  # accusative and construct forms: never a query word


def _inflections(word: str, lex: Lexicon, accusative: bool) -> Iterator[_Step]:
    """Shorter words ``word`` may be an inflected form of."""
    if word[-1] not in _ENDING_LETTERS:
        return
    if word.endswith("ه") and len(word) > _MIN_REMAINDER:
        # a ta marbuta written without its dots: some outlets always do, most never
        yield _Step(word[:-1] + "ة", 0.3)
    for pronoun, prior in _PRONOUNS:
        base = word.removesuffix(pronoun)
        if base != word and len(base) >= _MIN_REMAINDER:
            yield _Step(base, prior)
            if base.endswith("ت"):
                yield _Step(base[:-1] + "ة", prior)  # ta marbuta is written ت before a pronoun
    yield from _number_and_gender(word, lex, construct=accusative)
    if word.endswith("ا") and len(word) > _MIN_REMAINDER and accusative:
        yield _Step(word[:-1], 0.05, True, True)  # accusative tanween: قتل 20 شخصا
    if word.endswith("ي") and word not in lex.places:
        # لبناني -> لبنان, أمريكي -> أمريكا, سوري -> سوريا
        for place in (word[:-1], word[:-1] + "ا", word + "ا"):
            if place in lex.places:
                yield _Step(place, _PLACE)


# Number and gender endings by their last letter: (ending, what it makes, construct form?).
_ENDINGS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "ة": (("ة", "feminine", False),),
    "ت": (("ات", "feminine plural", False),),
    "ن": (
        ("ون", "plural", False),
        ("ين", "plural", False),
        ("ان", "dual", False),
        ("ين", "dual", False),
        ("تان", "feminine dual", False),
        ("تين", "feminine dual", False),
    ),
    # construct forms (معتقلو داعش, طرفا النزاع) are found in articles, never typed as a query
    "و": (("و", "plural", True),),
    "ي": (("ي", "plural", True), ("ي", "dual", True), ("تي", "feminine dual", True)),
    "ا": (("ا", "dual", True), ("تا", "feminine dual", True)),
}


def _number_and_gender(word: str, lex: Lexicon, construct: bool) -> Iterator[_Step]:
    singular = word in lex.singulars  # زيتون, مليون: a singular of the dictionary is no plural
    if word.endswith("ات") and len(word) > 3 and not singular:
        yield _Step(word[:-2] + "ة", 0.5, True)  # قوات -> قوة: the singular has three letters
    for ending, makes, is_construct in _ENDINGS.get(word[-1], ()):
        base = word[: -len(ending)]
        if is_construct and not construct:
            continue
        if not word.endswith(ending) or len(base) < _MIN_INFLECTED_STEM or base in _CARDINALS:
            continue
        if makes == "feminine":
            if base in lex.nisba:
                yield _Step(base, 1.0, True)  # رسمية is رسمي: a nisba's feminine is no other word
            elif base in lex.feminine:
                yield _Step(base, 0.1, True)
        elif singular:
            continue
        elif makes == "feminine plural":
            for masculine in _with_alef_maqsura(base):
                if masculine in lex.feminine_plural:
                    yield _Step(masculine, 0.3, True)
        elif makes == "plural":
            if base in lex.sound_plural or base in lex.nisba:
                yield _Step(base, 0.05 if is_construct else 0.3, True, is_construct)
            if base + "ي" in lex.defective and not is_construct:
                yield _Step(base + "ي", 0.3, True)  # محامون -> محامي
        elif makes == "dual":
            for one in _with_alef_maqsura(base):
                if one in lex.dual:
                    yield _Step(one, 0.05, True, is_construct)
        elif base + "ة" in lex.dual or base in lex.feminine:  # feminine dual
            yield _Step(base + "ة", 0.05, True, is_construct)


def _with_alef_maqsura(base: str) -> tuple[str, ...]:
    """A final ى is written ي before an ending: مستشفيان, مستشفيات are of مستشفى."""
    if base.endswith("ي"):
        return base, base[:-1] + "ى"
    return (base,) if base else ()


@dataclass
class _Reading:
    prior: float
    before: str  # the word one step longer: tells a nisba from its place
    nominal: bool
    article_only: bool = False


def _readings(word: str, lex: Lexicon, accusative: bool) -> dict[str, _Reading]:
    """Every word reachable from ``word`` by taking endings off."""
    found = {word: _Reading(1.0, "", nominal=False)}
    frontier = [word]
    for _ in range(_MAX_STEPS):
        following = []
        for current in frontier:
            reading = found[current]
            for step in _inflections(current, lex, accusative):
                prior = reading.prior * step.prior
                known = found.get(step.word)
                if known is None or known.prior < prior:
                    found[step.word] = _Reading(
                        prior,
                        current,
                        reading.nominal or step.nominal,
                        reading.article_only or step.article_only,
                    )
                    following.append(step.word)
        frontier = following
    return found


@dataclass(frozen=True)
class _Best:
    score: float
    stems: tuple[str, ...]
    article_only: bool = False  # read through an accusative or construct ending


_NOTHING = _Best(0.0, ())


@lru_cache(maxsize=100_000)
def _best(word: str, in_article: bool) -> _Best:
    """The most probable known stem of ``word`` (no proclitics) and its score; a nisba of a
    place gives the nisba as a second stem, so `عراقي*` still finds «العراقيين»."""
    lex = lexicon()
    best_score, best = 0.0, ""
    readings = _readings(word, lex, accusative=in_article)
    for candidate, reading in readings.items():
        nominal = reading.nominal and candidate not in lex.places
        count = lex.nominal_count(candidate) if nominal else lex.count(candidate)
        if count * reading.prior > best_score:
            best_score, best = count * reading.prior, candidate
    if not best:
        return _NOTHING
    reading = readings[best]
    if best in lex.places and best != word and reading.before.endswith("ي"):
        return _Best(best_score, (best, reading.before), reading.article_only)
    if best == word[:-1] and word.endswith("ا") and not lex.is_word(word):
        # many names end in -ا (درعا): the accusative (or dual construct) reading of a word
        # the lexicon lacks keeps the word too; a query word, typed as cited, has neither
        return _Best(best_score, (best, word), article_only=True)
    return _Best(best_score, (best,), reading.article_only)


def _unknown(word: str) -> str:
    """What is left of a word the lexicon does not know: the endings every nisba takes."""
    for ending in _NISBA_ENDINGS:
        base = word.removesuffix(ending)
        if base != word and len(base) >= _MIN_INFLECTED_STEM:
            return base + "ي"
    return word


@dataclass(frozen=True)
class _Analysis:
    stems: tuple[str, ...]
    conjunction: bool = False  # the reading took a lone و off: و + a word, nearly always
    as_typed: bool = True  # the same token typed as a query word is read as stems[0]


def _analyse(token: str, in_article: bool) -> _Analysis:
    """Stems of a token folded by `fold_text` (hamza on alef, ة and ى still there)."""
    lex = lexicon()
    whole = fold_word(token)
    best = _best(whole, in_article)
    best_score = best.score
    if lex.is_word(whole) and not _bare_article(token):
        # a word as it stands keeps its letters: كمال, فراس, بغداد, وطن. Only a bare ال
        # is read both ways: الغاز is ال + غاز before it is ألغاز written without its hamza.
        return _Analysis(_seated(best.stems, token), as_typed=not best.article_only)
    taken, written = "", token  # the proclitic taken off, and the stem's letters as written
    for letters, article, prior in _PROCLITICS_BY_LETTER.get(token[0], ()):
        rest = token[len(letters) :]
        if not token.startswith(letters) or len(rest) < _MIN_REMAINDER:
            continue
        if not (article or in_article):
            continue
        found = _best(fold_word(rest), in_article)
        if found.score * prior > best_score:
            best_score, best = found.score * prior, found
            taken, written = "" if article else letters, rest
    if not best.stems:
        return _Analysis(_unknown_token(token, whole, in_article))
    stems = _seated(best.stems, written)
    if taken == "و":
        return _Analysis(stems, conjunction=True, as_typed=False)
    if taken:
        # the letter may belong to a name the lexicon lacks: بعقوبة, وبعقوبة
        kept = token[len(taken) - 1 :] if len(taken) > 1 else token
        return _Analysis((*stems, _unknown(fold_word(kept))), as_typed=False)
    return _Analysis(stems, as_typed=not best.article_only)


def _seated(stems: tuple[str, ...], written: str) -> tuple[str, ...]:
    """The stems read from ``written`` (folded) with the hamza seat of its first letter:
    the lexicon decides on folded letters, the stored term keeps أ, إ or آ (`seated`)."""
    return tuple(seated(stem, written) for stem in stems)


def _bare_article(token: str) -> bool:
    """Whether the token may start with the article and a word of three letters or more."""
    return token.startswith("ال") and len(token) >= 2 + _MIN_INFLECTED_STEM


def _unknown_token(token: str, whole: str, in_article: bool) -> tuple[str, ...]:
    """A token no reading explains loses an article; letters that may be proclitics give it a
    second stem (ولدواعش: ولدواعش and دواعش). Proclitics come longest first."""
    for letters, article, _ in _PROCLITICS:
        rest = token[len(letters) :]
        if not token.startswith(letters) or len(rest) < _MIN_INFLECTED_STEM:
            continue
        if article:
            return (seated(_unknown(fold_word(rest)), rest),)
        if in_article:
            return (seated(_unknown(whole), token), seated(_unknown(fold_word(rest)), rest))
    return (seated(_unknown(whole), token),)


def _normalised(stems: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(fold_final_letters(stem) for stem in stems))


@lru_cache(maxsize=200_000)
def word_stems(token: str) -> tuple[str, ...]:
    """The terms an article token is stored under: one stem, two where the reading is open.

    ``token`` comes from `rasad.alerts.spelling.fold_text`; the stems are normalised.
    """
    if not ARABIC_LETTER.search(token):
        return (token,)
    analysis = _analyse(token, in_article=True)
    if analysis.conjunction or analysis.as_typed:
        # a query is no word with و attached (وقال is stored as قال); otherwise the stem
        # the same token typed as a query word looks up is always one of the stems
        return _normalised(analysis.stems)
    return _normalised((*analysis.stems, query_stem(token)))


@lru_cache(maxsize=20_000)
def query_stem(token: str) -> str:
    """The one term a query word is looked up under: its first stem read as typed.

    A word that an article would read as و + a word (وأطفاله, pasted from a page) is looked
    up as that word: it is stored so (`word_stems`), and read as typed it would be a term
    no article holds.
    """
    if not ARABIC_LETTER.search(token):
        return token
    in_article = _analyse(token, in_article=True)
    if in_article.conjunction:
        return _normalised(in_article.stems)[0]
    return _normalised(_analyse(token, in_article=False).stems)[0]


def prefix_stem(token: str) -> str:
    """A `word*` prefix without its article: what the stems of the words it means start with
    (a hamza seat on its first letter kept, as stored terms keep it)."""
    rest = token.removeprefix("ال")
    word = rest if len(rest) >= _MIN_REMAINDER else token
    return seated(fold_final_letters(fold_word(word)), word)


def clear_caches() -> None:
    """Forget every word analysed so far (benchmarks measure an empty cache with it)."""
    for cached in (word_stems, query_stem, _best):
        cached.cache_clear()
