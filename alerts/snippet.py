"""The passage of an article shown in an alert, with the words that matched marked.

The passage is cut from the text as published, so diacritics, tatweel and spelling stay as the
outlet wrote them; each word is then compared through the one analysis of matching
(`rasad.alerts.analysis`): a word is marked when the stem of a term is one of its stems, so
«السُّجون» and «بالسجون» are marked for the term ``سجون``.

Matched terms are the query's words and phrases as the topic wrote them (``سجون``,
``معتقل*``, ``"تنظيم الدولة"``), that is what `Query.matched_terms` stores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rasad.alerts.analysis import prefix_stem, query_stem, word_stems, word_tokens
from rasad.alerts.query import Word
from rasad.config.limits import cached_when_short

__all__ = ["Segment", "shortened", "snippet"]

Segment = tuple[str, bool]  # (original text, whether it is a matched word)

ELLIPSIS = "…"
# A word as written: letters and digits, with the marks and joiners that sit inside Arabic
# words (tashkeel, superscript alef, Quranic marks, tatweel, ZWNJ/ZWJ). `tokenize` would drop
# these, and splitting on them would cut «السُّجون» in three.
_WORD = re.compile(r"(?:[^\W_]|[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200C\u200D])+")
_CHUNK = re.compile(r"\S+")
_SPACES = re.compile(r"\s+")
# A window is widened to whole words, but not without end: a "word" of a million letters
# (junk, or an attack on the email's size) is cut instead.
_MAX_WIDENING = 40


def shortened(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters and
    ending in "…" when it was cut (mid-word only when a single word is that long)."""
    text = _SPACES.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    boundary = cut.rfind(" ")
    if boundary > limit - 1 - _MAX_WIDENING:
        cut = cut[:boundary]
    return cut.rstrip() + ELLIPSIS


@dataclass(frozen=True)
class _TextWord:
    start: int
    end: int
    stems: frozenset[str]


def snippet(text: str, matched_terms: list[str], width: int = 240) -> list[Segment]:
    """About ``width`` characters of ``text`` around its first matched word, as segments.

    Every word of the window that matches a term (or is part of a matched phrase) is its own
    segment marked True. The window is widened to whole words, starts or ends with "…" where
    it cuts the text, and has its runs of whitespace (paragraph breaks) folded to one space,
    since a snippet is shown as one passage. Without any match it is the start of the text.
    """
    terms = _parse_terms(matched_terms)
    marked = _marked_words(_words_through_window(text, terms, width), terms)
    anchor = marked[min(marked)].start if marked else 0
    start, end = _window(text, anchor, width)
    segments: list[Segment] = [(ELLIPSIS, False)] if start > 0 else []
    cursor = start
    for _, word in sorted(marked.items()):
        if word.start < start or word.end > end:
            continue
        segments.append((_SPACES.sub(" ", text[cursor : word.start]), False))
        segments.append((text[word.start : word.end], True))
        cursor = word.end
    segments.append((_SPACES.sub(" ", text[cursor:end]), False))
    if end < len(text.rstrip()):
        segments.append((ELLIPSIS, False))
    return _merged(segments)


def _parse_terms(matched_terms: list[str]) -> list[tuple[Word, ...]]:
    """Each term as the sequence of analysed words a phrase must show in a row."""
    parsed = []
    for term in matched_terms:
        words: list[Word] = []
        for raw in term.strip('"').split():
            tokens = word_tokens(raw.rstrip("*"))
            words.extend(Word(query_stem(token), prefix=False) for token in tokens[:-1])
            if tokens and raw.endswith("*"):
                words.append(Word(prefix_stem(tokens[-1]), prefix=True))
            elif tokens:
                words.append(Word(query_stem(tokens[-1]), prefix=False))
        if words:
            parsed.append(tuple(words))
    return parsed


def _words(text: str) -> list[_TextWord | None]:
    """The words of ``text`` with their spans and stems; None stands for a URL.

    A URL is found by the analysis itself: a whitespace-delimited chunk whose tokenization
    loses words holds a URL, and words inside a URL are not article words. The None also
    keeps a phrase from matching across the URL, as the stored positions do.
    """
    words: list[_TextWord | None] = []
    for chunk in _CHUNK.finditer(text):
        found = _chunk_words(chunk.group())
        if found is None:
            words.append(None)
            continue
        base = chunk.start()
        words.extend(_TextWord(base + start, base + end, stems) for start, end, stems in found)
    return words


def _words_through_window(
    text: str, terms: list[tuple[Word, ...]], width: int, batch: int = 48
) -> list[_TextWord | None]:
    """The words of ``text`` up to where the snippet's window ends: past the window of the
    first match found, plus as many words as the longest term (a phrase starting inside the
    window is still seen whole). The words after are never analysed; the snippet is the
    same as over every word, since the first match is found in the same order."""
    longest = max((len(term) for term in terms), default=1)
    words: list[_TextWord | None] = []
    window_end: int | None = None
    beyond = checked = 0
    for chunk in _CHUNK.finditer(text):
        found = _chunk_words(chunk.group())
        if found is None:
            words.append(None)
        else:
            words.extend(_TextWord(chunk.start() + a, chunk.start() + b, f) for a, b, f in found)
        if window_end is not None:
            beyond += 1 if chunk.start() > window_end else 0
            if beyond > longest:
                break
        elif len(words) - checked >= batch:
            # runs starting in the last batch (and the few before, not whole then)
            if marked := _marked_words(words, terms, first=max(0, checked - longest)):
                window_end = _window(text, marked[min(marked)].start, width)[1]
            checked = len(words)
    return words


# A chunk is a word with its punctuation, a few dozen characters; a longer one (a URL, a run
# of junk) is analysed each time rather than kept.
@cached_when_short(max_chars=256, maxsize=100_000)
def _chunk_words(chunk: str) -> tuple[tuple[int, int, frozenset[str]], ...] | None:
    """The words of one whitespace-delimited chunk (spans within it, stems), or None for a
    URL. Cached: news text repeats its words, and analysing them was most of a snippet's cost
    (5 ms for an article of 300 words, 0.5 ms with the cache warm)."""
    found = [(m, word_tokens(m.group())) for m in _WORD.finditer(chunk)]
    found = [(m, tokens) for m, tokens in found if tokens]
    if len(word_tokens(chunk)) < sum(len(tokens) for _, tokens in found):
        return None
    return tuple(
        (m.start(), m.end(), frozenset().union(*map(word_stems, tokens))) for m, tokens in found
    )


def _marked_words(
    words: list[_TextWord | None], terms: list[tuple[Word, ...]], first: int = 0
) -> dict[int, _TextWord]:
    """The words that match a term, every word of a matched phrase included, by index;
    only runs starting at ``first`` or later are looked at."""
    marked: dict[int, _TextWord] = {}
    for term in terms:
        head, rest = term[0], term[1:]
        for start in range(first, len(words) - len(rest)):
            word = words[start]
            # the first word decides for most runs: the rest are compared only after it
            if word is None or not head.accepts(word.stems):
                continue
            run = words[start + 1 : start + len(term)]
            if all(w is not None and t.accepts(w.stems) for w, t in zip(run, rest, strict=True)):
                marked[start] = word
                marked.update((start + i, w) for i, w in enumerate(run, 1) if w is not None)
    return marked


def _window(text: str, anchor: int, width: int) -> tuple[int, int]:
    """A span of about ``width`` characters holding ``anchor``, widened to whole words.

    The match sits a third of the way in: the sentence leading to it usually says more
    about the story than what follows.
    """
    start = max(0, anchor - width // 3)
    end = min(len(text), start + width)
    start = max(0, min(start, end - width))
    floor, ceiling = max(0, start - _MAX_WIDENING), min(len(text), end + _MAX_WIDENING)
    while start > floor and not text[start - 1].isspace():
        start -= 1
    while end < ceiling and not text[end].isspace():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _merged(segments: list[Segment]) -> list[Segment]:
    """Adjacent plain segments joined and empty ones dropped, so templates stay simple."""
    merged: list[Segment] = []
    for piece, is_match in segments:
        if not piece:
            continue
        if merged and not is_match and not merged[-1][1]:
            merged[-1] = (merged[-1][0] + piece, False)
        else:
            merged.append((piece, is_match))
    return merged
