"""Headlines: the visible <h1> when it agrees with the declared title, without the site name.

Outlets append or prepend their name to the declared title («... - اليوم السابع») and some
put their logo in an <h1>; the headline an analyst sees is the <h1> that shares most words
with the declared title (og:title, twitter:title, <title>), stripped of the site's names.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml.etree import XPath

from rasad.crawler.wording import fold

if TYPE_CHECKING:
    from collections.abc import Iterable

    from lxml.html import HtmlElement

_TITLE_MATCH = 0.5
_H1 = XPath("//h1")
_TITLE_SEPARATORS = re.compile(r"\s+[-–—]\s+|\s*\|\s*|\s+::?\s+")


def headline(tree: HtmlElement, titles: tuple[str | None, ...], site_names: list[str]) -> str:
    """The visible headline when an <h1> matches the declared title, else that title."""
    declared = strip_site_name(next((t for t in titles if t and t.strip()), ""), site_names)
    headlines = [" ".join(h1.text_content().split()) for h1 in _H1(tree)[:5]]
    best = max(headlines, key=lambda h1: _overlap(h1, declared), default="")
    if best and _overlap(best, declared) >= _TITLE_MATCH:
        return strip_site_name(best, site_names)
    return declared or next((h1 for h1 in headlines if h1), "")


def _overlap(first: str, second: str) -> float:
    # Dice coefficient of the word sets: BBC's h1 and og:title are the same words reordered,
    # and a logo in an <h1> («اليوم السابع») shares almost none with the headline.
    a, b = set(first.split()), set(second.split())
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def strip_site_name(title: str, site_names: Iterable[str]) -> str:
    """``title`` without a leading or trailing part naming the site («... - اليوم السابع»)."""
    title = " ".join(title.split())
    names = {fold(name) for name in site_names if name and name.strip()}
    if not names:
        return title
    parts = _TITLE_SEPARATORS.split(title)
    separators = _TITLE_SEPARATORS.findall(title)
    while len(parts) > 1 and _names_site(parts[-1], names):
        parts.pop()
        separators.pop()
    while len(parts) > 1 and _names_site(parts[0], names):
        parts.pop(0)
        separators.pop(0)
    rebuilt = parts[0]
    for separator, part in zip(separators, parts[1:], strict=True):
        rebuilt += separator + part
    return rebuilt


def _names_site(part: str, names: set[str]) -> bool:
    folded = fold(part)
    return any(
        name == folded or (name in folded and len(folded) < 2 * len(name) + 12) for name in names
    )
