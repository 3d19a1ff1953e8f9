"""Bylines: the author's name, wherever a page states it, without «كتب:» and its kin.

A byline line inside the article block («كتب: فلان», «حوار: فلان», «Author, ...») is taken
out of the text and kept as the byline; metadata (JSON-LD, meta author) wins over it, and
an element marked up or worded as a byline comes last.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rasad.crawler.wording import credits, fold, phrases

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.html import HtmlElement

    from rasad.crawler.landmarks import Landmarks

# A name is a few words; the limit stays well under the shortest paragraphs of real pages.
NAME_MAX_WORDS = 6
_BYLINE_VERBS = phrases("كتب", "كتبت", "كتبه", "كتبها", "بقلم")
_BYLINE_LABELS = phrases(
    "حوار",
    "حاوره",
    "حاورته",
    "حاورها",
    "تقرير",
    "إعداد",
    "متابعة",
    "ترجمة",
    "تحرير",
    "تصوير",
    "الكاتب",
    "الكاتبة",
    "المحرر",
    "author",
    "reporter",
)
_BYLINE_LINE = re.compile(
    rf"^[-•*]?\s*(?:(?:{_BYLINE_VERBS})(?=[\s:：\-–—])|(?:{_BYLINE_LABELS})(?=\s*[:：\-–—،,]))"
    r"[\s:：\-–—،,]*(?P<name>.+)$"
)
# What a byline line opens with, tested before the line is cut into parts.
_BYLINE_START = re.compile(rf"^[-•*]?\s*(?:{_BYLINE_VERBS}|{_BYLINE_LABELS})")
# An agency or place tag in brackets, «(أبوظبي - البيان)»: a source line, not a name.
SOURCE_LINE = re.compile(r"^\([^()]{2,60}\)$")
_NAME_NOISE = re.compile(r"[\d.!؟?؛:«»\"()@/]")
_BYLINE_PREFIX = re.compile(
    r"^[-•*\s]*(?:(?:كتب|كتبت|كتبه|كتبها|بقلم|بواسطة|حوار|حاوره|حاورته|حاورها|تقرير|إعداد|اعداد"
    r"|متابعة|ترجمة|تحرير|تصوير|الكاتب|الكاتبة|المحرر|By|Author|Written by)"
    r"(?=[\s:：\-–—،,]|$)[\s:：\-–—،,]*)+",
    re.IGNORECASE,
)
# The parts of a byline or dateline: «إسطنبول/ عمار قاسم/ الأناضول», «هسبريس - سعيد الزوهري».
_SEGMENTS = re.compile(r"\s*[/|–—]\s*|\s+-\s*|\s*-\s+|\s+مع\s+")
# A place or label before a colon, «بيروت: هالة السباعي».
_LABEL = re.compile(r"^[^:：\s]+(?:\s[^:：\s]+)?\s*[:：]\s*(?P<rest>.+)$")
_DATELINE_MAX_WORDS = 8
_SEGMENT_MAX_WORDS = 4
_SENTENCE_MARKS = re.compile(r"[.،,؛!؟?\"«»“”:]")
_MARKED_MAX_CHARS = 160
_NAME_MIN_WORDS = 2
# The box of a reader's comment: its author is not the article's.
_COMMENT_BOX = re.compile(r"comment|respond|reaction|reply|disqus")


def is_name(folded: str) -> bool:
    """A few words with no digits or sentence punctuation: what a person's name looks like."""
    return (
        0 < len(folded.split()) <= NAME_MAX_WORDS
        and not _NAME_NOISE.search(folded)
        and "،" not in folded
    )


def byline_in_line(line: str, folded: str | None = None) -> str | None:
    """The name of a byline line («كتب: فلان», «حوار: فلان», «Author, ...») or of a credit
    line of several roles («إعداد: فلان – تحرير: فلان», the first one), else None.
    ``folded`` is the line already folded, when the caller has it."""
    folded = fold(line) if folded is None else folded
    if not _BYLINE_START.match(folded):
        return None
    first, *others = [part for part in _SEGMENTS.split(line.strip(" -•*")) if part] or [""]
    if not others or not all(_BYLINE_LINE.match(fold(part)) for part in others):
        first = line  # a dash inside one byline, not a list of roles
    match = _BYLINE_LINE.match(fold(first))
    if not match or not is_name(match["name"].removesuffix(" ").strip(" -–—")):
        return None
    return clean_byline(first)


def dateline(folded: str, site: frozenset[str]) -> tuple[bool, str | None]:
    """Whether a short line is a dateline or agency tag («عنب بلدي – دمشق», «إسطنبول/ عمار
    قاسم/ الأناضول»): parts of a few words, one of them the outlet or an agency; and the
    reporter's name when it names one between the place and the agency."""
    if len(folded.split()) > _DATELINE_MAX_WORDS or _SENTENCE_MARKS.search(folded):
        return False, None
    parts = [part for part in _SEGMENTS.split(folded) if part]
    if not parts or any(len(part.split()) > _SEGMENT_MAX_WORDS for part in parts):
        return False, None
    credited = [credits(part, site) for part in parts]
    if not any(credited) or (len(parts) == 1 and not credited[0]):
        return False, None
    if len(parts) == 3 and credited == [False, False, True] and is_name(parts[1]):
        return True, parts[1]
    return True, None


def clean_byline(raw: str | None, site: frozenset[str] = frozenset()) -> str | None:
    """The author's name without «كتب:», «بقلم», «حوار:», a place before a colon, and parts
    naming the outlet or an agency («هسبريس - سعيد الزوهري»)."""
    if not raw:
        return None
    name = " ".join(_BYLINE_PREFIX.sub("", " ".join(raw.split())).split()).strip(" -–—:،,")
    if "://" in name or SOURCE_LINE.match(name):
        return None
    if (label := _LABEL.match(name)) and len(label["rest"].split()) <= NAME_MAX_WORDS:
        name = label["rest"]
    parts = [part for part in _SEGMENTS.split(name) if part.strip(" -–—")]
    kept = [part for part in parts if not credits(fold(part), site)]
    if not kept:
        return None
    if len(kept) < len(parts):
        # «إسطنبول/ عمار قاسم/ الأناضول»: the name comes after the place; a lone word left
        # beside the outlet is the place of a desk («أبوظبي - سكاي نيوز عربية»), no name.
        name = kept[-1]
        if len(name.split()) < _NAME_MIN_WORDS:
            return None
    name = name.strip(" -–—:،,")
    # A date, a link or a source line in the author slot is not a name.
    if not name or SOURCE_LINE.match(name) or re.search(r"\d|://", name) or len(name.split()) > 12:
        return None
    return name


def marked_bylines(landmarks: Landmarks, site: frozenset[str] = frozenset()) -> Iterator[str]:
    """Names in elements marked up as bylines (not a reader's, in a comment), then in short
    texts worded as one."""
    for element in landmarks.bylines:
        text = element.text_content()
        if (
            len(text) < _MARKED_MAX_CHARS
            and not _in_comments(element)
            and (name := clean_byline(text, site))
        ):
            yield name
    for text in landmarks.byline_texts:
        if name := byline_in_line(text):
            yield name


def _in_comments(element: HtmlElement) -> bool:
    return any(
        _COMMENT_BOX.search(f"{a.get('class') or ''} {a.get('id') or ''}".lower())
        for a in element.iterancestors()
    )


def first_name(candidates: tuple[str | None, ...], site: frozenset[str]) -> str | None:
    """The first candidate that cleans to a name other than the outlet's or an agency's."""
    for raw in candidates:
        name = clean_byline(raw, site)
        if name and not credits(fold(name), site):
            return name
    return None
