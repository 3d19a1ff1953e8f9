"""What the Arabic analysis knows about words: which are words, how often, how they inflect.

The analysis strips a clitic or an ending only where what is left is a word that takes it, so
it needs a lexicon. It is read from two data sets installed as packages, never copied into
Rasad (their licences differ from Rasad's):

- arramooz-pysqlite (GPL-3.0; Taha Zerrouki, from the Ayaspell word lists): 30,215 noun
  entries with their inflection flags (takes a feminine in -ة, a sound plural in -ون/-ين or
  -ات, a dual; a broken plural; a nisba), 13,942 verbs, 16,929 function-word forms, and the
  lemma frequencies of 37,714 words in a news corpus (5,346 proper names among them). Its
  SQLite files are read directly; its Python code is not imported.
- Babel's copy of CLDR (BSD-3-Clause and the Unicode licence): the Arabic names of countries
  and of the cities CLDR names, the places whose nisba (لبناني, سوري) answers for them.

Reading them takes about a second, so the lexicon is built on first use (`lexicon()`), never
at import, and kept as a marshal file beside this module's bytecode (`__pycache__`, where
Python keeps what it compiles): later processes load it in milliseconds.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import logging
import marshal
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from rasad.alerts import spelling
from rasad.alerts.spelling import fold_word
from rasad.config.errors import RasadError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = ["Lexicon", "lexicon"]

log = logging.getLogger(__name__)

# How often a noun is in its (broken) plural rather than its singular, roughly.
_PLURAL_SHARE = 0.2
# A word found only in the dictionary tables, never counted in the corpus, is a word all the
# same, but the rarest one: any reading through a counted word outweighs it.
_UNCOUNTED = 1
# The dictionary's inflection flags, in the order of its columns, and the nisba beside them.
_FLAGS = ("feminine", "sound_plural", "feminine_plural", "dual", "defective", "nisba")
_DIACRITICS = re.compile("[\u064b-\u0652]")
# Corpus word classes that take number and gender endings (proper names and verbs do not).
_INFLECTING = frozenset({"noun", "adj", "adj_comp"})


class LexiconMissing(RasadError):
    """The lexicon package is not installed (a broken installation, not a user's mistake)."""


@dataclass(frozen=True)
class Lexicon:
    """Words folded as the analysis folds them (hamza seats, alef forms, ى), ة kept."""

    frequency: dict[str, int]  # corpus count of each word (its lemma), _UNCOUNTED if listed only
    nominal: dict[str, int]  # the same for common nouns and adjectives: the words that inflect
    broken_plurals: dict[str, int]  # سجون, جرحى: words of their own, counted under a singular
    singulars: frozenset[str]  # the dictionary's singular nouns: no sound plural of another
    feminine: frozenset[str]  # participles and adjectives whose feminine is the word + ة
    sound_plural: frozenset[str]  # take -ون/-ين (construct -و/-ي)
    feminine_plural: frozenset[str]  # take -ات directly (سجل -> سجلات)
    dual: frozenset[str]  # take -ان/-ين (for a word in ة: -تان/-تين)
    defective: frozenset[str]  # manqus nouns (محامي): the ي drops before -ون/-ين
    nisba: frozenset[str]  # relative adjectives in -ي (رسمي, سوري)
    places: frozenset[str]  # countries and cities, without the article

    def count(self, word: str) -> int:
        return max(self.frequency.get(word, 0), self.broken_plurals.get(word, 0))

    def is_word(self, word: str) -> bool:
        """A word as it stands: a lemma of the corpus or of the dictionary."""
        return word in self.frequency

    def nominal_count(self, word: str) -> int:
        return self.nominal.get(word, 0)


def _data_dir() -> Path:
    spec = importlib.util.find_spec("arramooz")
    if spec is None or not spec.submodule_search_locations:
        raise LexiconMissing("the Arabic lexicon (package arramooz-pysqlite) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _rows(path: Path, sql: str) -> list[tuple[str, ...]]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return [tuple(map(str, row)) for row in conn.execute(sql)]


def _folded(words: Iterable[str], fold: Callable[[str], str]) -> list[str]:
    # one translate over the joined words: 100,000 short strings folded in milliseconds
    return fold("\n".join(words)).split("\n")


def _spellings(word: str) -> tuple[str, ...]:
    """A final ى is often written ي (and the reverse): the lexicon answers for both."""
    if word.endswith("ى"):
        return word, word[:-1] + "ي"
    if word.endswith("ي"):
        return word, word[:-1] + "ى"
    return (word,)


@dataclass
class _Builder:
    fold: Callable[[str], str]
    frequency: dict[str, int]
    nominal: dict[str, int]
    plurals: dict[str, int]

    def add_counts(self, rows: list[tuple[str, ...]]) -> None:
        words = _folded((row[0] for row in rows), self.fold)
        for word, (_, kind, count) in zip(words, rows, strict=True):
            for variant in _spellings(word):
                self.frequency[variant] = self.frequency.get(variant, 0) + int(count)
                if kind in _INFLECTING:
                    self.nominal[variant] = self.nominal.get(variant, 0) + int(count)

    def add_broken_plurals(self, singulars: list[str], plurals: list[str]) -> None:
        """A broken plural is a word of its own (سجون, جرحى); the corpus counts it under its
        singular's lemma, so it gets a share of that count."""
        for singular, listed in zip(singulars, plurals, strict=True):
            for plural in _DIACRITICS.sub("", listed).replace("+", " ").replace(";", " ").split():
                if plural.startswith("ات") or len(plural) < 2:
                    continue  # "+ات": the sound feminine plural, already a flag
                count = max(int(self.nominal.get(singular, 0) * _PLURAL_SHARE), _UNCOUNTED)
                for variant in _spellings(self.fold(plural)):
                    self.plurals[variant] = max(self.plurals.get(variant, 0), count)

    def add_plurals(self, words: list[str]) -> None:
        for word in _folded(words, self.fold):
            for variant in _spellings(word):
                self.plurals.setdefault(variant, _UNCOUNTED)

    def add_listed(self, words: list[str], *, nominal: bool = False) -> list[str]:
        folded = _folded(words, self.fold)
        for word in folded:
            for variant in _spellings(word):
                self.frequency.setdefault(variant, _UNCOUNTED)
                if nominal:
                    self.nominal.setdefault(variant, _UNCOUNTED)
        return folded

    def add_function_words(self, words: list[str]) -> None:
        """Function words the corpus does not count are as common as those it does.

        The corpus counts a lemma, so التي and الذين are counted under الذي and left at
        _UNCOUNTED: then «والتي» read as و + ال + تي (tea) before و + التي. A closed-class
        word is among the commonest of any text; each one uncounted takes the median count of
        the function words the corpus counts.
        """
        folded = _folded(words, self.fold)
        counts = sorted(self.frequency[word] for word in folded if word in self.frequency)
        counted = [count for count in counts if count > _UNCOUNTED]
        if not counted:
            return
        median = counted[len(counted) // 2]
        for word in folded:
            for variant in _spellings(word):
                if self.frequency.get(variant, _UNCOUNTED) <= _UNCOUNTED:
                    self.frequency[variant] = median


def _nouns(data: Path, builder: _Builder) -> dict[str, frozenset[str]]:
    rows = _rows(
        data / "arabicdictionary.sqlite",
        "SELECT unvocalized, number, feminable, masculin_plural, feminin_plural, dualable,"
        " mankous, wordtype, broken_plural FROM nouns",
    )
    singular = [row for row in rows if row[1] == "مفرد"]
    words = builder.add_listed([row[0] for row in singular], nominal=True)
    builder.add_broken_plurals(words, [row[8] for row in singular])
    builder.add_plurals([row[0] for row in rows if row[1] != "مفرد"])
    flagged: dict[str, set[str]] = {name: set() for name in (*_FLAGS, "singulars")}
    for word, row in zip(words, singular, strict=True):
        flagged["singulars"].add(word)
        for name, value in zip(_FLAGS[:5], row[2:7], strict=True):
            if value == "1":
                flagged[name].add(word)
        if "منسوب" in row[7] and word.endswith("ي"):
            flagged["nisba"].add(word)
    return {name: frozenset(found) for name, found in flagged.items()}


def _places(data: Path, fold: Callable[[str], str], proper_names: set[str]) -> frozenset[str]:
    """Countries: CLDR's Arabic names of one word, and the dictionary's names of places.

    Cities are left out: their nisba is often another word (الرياض/رياضي, الناصرة/ناصري).
    """
    from babel import Locale  # Babel's locale data loads only with the lexicon

    countries = Locale("ar").territories
    names = [name for code, name in countries.items() if code.isalpha()]  # not 001, 419
    sql = "SELECT unvocalized FROM nouns WHERE wordtype LIKE '%علم مكان%'"
    names += [row[0] for row in _rows(data / "arabicdictionary.sqlite", sql)]
    # the article is taken off before hamza is folded: ألمانيا is no ال + مانيا
    single = _folded((name.removeprefix("ال") for name in names if " " not in name), fold)
    # a name said with a nisba (الأراضي الفلسطينية) names the place of its base: فلسطين
    words = _folded((word.removeprefix("ال") for name in names for word in name.split()), fold)
    nisba_bases = [word[:-2] for word in words if word.endswith("ية")]
    return frozenset(single) | {base for base in nisba_bases if base in proper_names}


def _places_in_a(proper_names: set[str], adjectives: set[str]) -> set[str]:
    """Proper names in -ا whose nisba the corpus has (أمريكا/أمريكي, بريطانيا/بريطاني): places
    (a person's name in -ا has no nisba)."""
    return {
        name
        for name in proper_names
        if name.endswith("ا") and len(name) > 3 and adjectives & {name[:-1], name[:-1] + "ي"}
    }


def build_lexicon(fold: Callable[[str], str]) -> Lexicon:
    """Read the installed data sets, folding every word with ``fold``."""
    data = _data_dir()
    builder = _Builder(fold, {}, {}, {})
    counted = _rows(data / "wordfreq.sqlite", "SELECT unvocalized, word_type, freq FROM wordfreq")
    builder.add_counts(counted)
    adjectives = _folded((row[0] for row in counted if row[1] == "adj"), fold)
    proper_names = set(_folded((row[0] for row in counted if row[1] == "noun_prop"), fold))
    flags = _nouns(data, builder)
    builder.add_listed(
        [row[0] for row in _rows(data / "arabicdictionary.sqlite", "SELECT unvocalized FROM verbs")]
    )
    # function words as they stand, not their forms with proclitics (وعلي is و + علي)
    sql = "SELECT unvocalized FROM stopwords WHERE procletic = ''"
    builder.add_listed([row[0] for row in _rows(data / "stopwords.sqlite", sql)])
    sql = "SELECT unvocalized FROM stopwords WHERE procletic = '' AND encletic = ''"
    builder.add_function_words([row[0] for row in _rows(data / "stopwords.sqlite", sql)])
    nisba = flags.pop("nisba") | {word for word in adjectives if word.endswith("ي")}
    return Lexicon(
        frequency=builder.frequency,
        nominal=builder.nominal,
        broken_plurals=builder.plurals,
        nisba=nisba,
        places=_places(data, fold, proper_names) | _places_in_a(proper_names, set(adjectives)),
        **flags,
    )


def _cache_file() -> Path:
    """Where the built lexicon is kept: beside this module's compiled bytecode, under a name
    that changes with the code that builds it and the versions of the data it reads."""
    key = hashlib.sha256()
    for module in (__file__, spelling.__file__):
        key.update(Path(module).read_bytes())
    for package in ("arramooz-pysqlite", "babel"):
        key.update(metadata.version(package).encode())
    compiled = Path(importlib.util.cache_from_source(__file__))
    return compiled.with_name(f"lexicon-{key.hexdigest()[:16]}.marshal")


def _load(path: Path) -> Lexicon | None:
    try:
        # marshal holds only dicts, sets, strings and ints; the file sits with the .pyc
        # files Python itself trusts
        return Lexicon(**marshal.loads(path.read_bytes()))  # noqa: S302
    except (OSError, ValueError, EOFError, TypeError):
        return None


def _store(path: Path, built: Lexicon) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as file:
            file.write(marshal.dumps(dataclasses.asdict(built)))
        Path(file.name).replace(path)  # atomic: a concurrent reader sees all or nothing
    except OSError as error:
        log.debug("could not keep the Arabic lexicon in %s: %s", path, error)


@cache
def lexicon() -> Lexicon:
    """The lexicon, folded as the analysis folds tokens: built on first use (about a second)
    and kept beside the module's bytecode, so later processes load it in milliseconds."""
    path = _cache_file()
    if (kept := _load(path)) is not None:
        return kept
    built = build_lexicon(fold_word)
    _store(path, built)
    return built
