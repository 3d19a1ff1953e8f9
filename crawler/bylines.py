"""Bylines: the author's name, wherever a page states it, without «كتب:» and its kin.

A byline line inside the article block («كتب: فلان», «حوار: فلان», «Author, ...») is taken
out of the text and kept as the byline; metadata (JSON-LD, meta author) wins over it, and
an element marked up or worded as a byline comes last.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml.etree import XPath

from rasad.crawler.wording import fold, phrases

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.html import HtmlElement

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
# An agency or place tag in brackets, «(أبوظبي - البيان)»: a source line, not a name.
SOURCE_LINE = re.compile(r"^\([^()]{2,60}\)$")
_NAME_NOISE = re.compile(r"[\d.!؟?؛:«»\"()@/]")
_BYLINE_PREFIX = re.compile(
    r"^[-•*\s]*(?:(?:كتب|كتبت|كتبه|كتبها|بقلم|حوار|حاوره|حاورته|حاورها|تقرير|إعداد|اعداد"
    r"|متابعة|ترجمة|تحرير|تصوير|الكاتب|الكاتبة|المحرر|By|Author|Written by)"
    r"(?=[\s:：\-–—،,]|$)[\s:：\-–—،,]*)+",
    re.IGNORECASE,
)

# Elements that name the author by markup, and short texts worded as a byline
# («كتبت أسماء نصار») whatever their class; read before the tree stage removes them.
_BYLINE_ELEMENTS = XPath(
    "//body//*[@itemprop='author' or @rel='author' or contains(@class, 'byline')"
    " or contains(@class, 'author') or contains(@class, 'writer')]"
    "[string-length(.) < 160]"
)
_BYLINE_WORDED = XPath(
    "//body//text()[string-length(.) < 120][not(parent::script or parent::style)]"
    "[contains(., 'كتب') or contains(., 'بقلم') or contains(., 'حوار')]"
)


def is_name(folded: str) -> bool:
    """A few words with no digits or sentence punctuation: what a person's name looks like."""
    return (
        0 < len(folded.split()) <= NAME_MAX_WORDS
        and not _NAME_NOISE.search(folded)
        and "،" not in folded
    )


def byline_in_line(line: str) -> str | None:
    """The name of a byline line («كتب: فلان», «حوار: فلان», «Author, ...»), else None."""
    match = _BYLINE_LINE.match(fold(line))
    if not match or not is_name(match["name"].removesuffix(" ").strip(" -–—")):
        return None
    return clean_byline(line)


def clean_byline(raw: str | None) -> str | None:
    """The author's name without «كتب:», «بقلم», «حوار:» and similar prefixes."""
    if not raw:
        return None
    name = " ".join(_BYLINE_PREFIX.sub("", " ".join(raw.split())).split()).strip(" -–—:،,")
    # A date, a link or a source line in the author slot is not a name.
    if not name or SOURCE_LINE.match(name) or re.search(r"\d|://", name) or len(name.split()) > 12:
        return None
    return name


def marked_bylines(tree: HtmlElement) -> Iterator[str]:
    """Names in elements marked up as bylines, then in short texts worded as one."""
    for element in _BYLINE_ELEMENTS(tree):
        if name := clean_byline(element.text_content()):
            yield name
    for text in _BYLINE_WORDED(tree):
        if name := byline_in_line(str(text)):
            yield name


def first_name(candidates: tuple[str | None, ...], site_name: str | None) -> str | None:
    """The first candidate that cleans to a name other than the site's own."""
    for raw in candidates:
        name = clean_byline(raw)
        if name and name != site_name:
            return name
    return None
