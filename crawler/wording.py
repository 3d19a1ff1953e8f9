"""Wording shared by the extraction rules: phrase lists folded as the text they meet.

Rules match text after ``rasad.alerts.analysis.normalize`` (hamza, ta marbuta, tatweel and
diacritics folded), so «إقرأ أيضاً», «اقرأ ايضا» and «اقـرأ أيضًا» are one pattern.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rasad.alerts.analysis import normalize
from rasad.config.limits import cached_when_short

if TYPE_CHECKING:
    from collections.abc import Iterable


def phrases(*texts: str) -> str:
    """A regex alternation of phrases, folded like the text they are matched against."""
    folded = sorted({normalize(text) for text in texts}, key=len, reverse=True)
    return "|".join(re.escape(text).replace(r"\ ", r"\s+") for text in folded)


# Kept: a page's lines are folded again by several rules, and short texts (alts, captions,
# titles, an outlet's chrome lines) come back page after page; normalising is an NFKC and three
# str.translate passes over the text.
@cached_when_short(max_chars=2000, maxsize=1024)
def fold(text: str) -> str:
    """``text`` normalised and with its runs of whitespace collapsed to one space."""
    return " ".join(normalize(text).split())


def short(text: str, limit: int) -> bool:
    """At most ``limit`` words."""
    return len(text.split()) <= limit


# News agencies as outlets credit them in datelines and bylines («إسطنبول/ الأناضول»).
_AGENCIES = (
    "الأناضول", "وكالة الأناضول", "رويترز", "فرانس برس", "وكالة فرانس برس", "أ ف ب", "أ.ف.ب",
    "د ب أ", "د.ب.أ", "أسوشيتد برس", "أ ب", "أ.ب", "أ ش أ", "سانا", "واس", "وام", "قنا", "كونا",
    "بترا", "شينخوا", "سبوتنيك", "إرنا", "وكالات", "الوكالات", "وكالات الأنباء", "afp", "reuters",
    "ap", "dpa", "xinhua",
)  # fmt: skip
# A short form of the outlet's name («CNN» of «CNN Arabic») is at least this long.
_SHORT_NAME_CHARS = 3
_AGENCY = re.compile(rf"^\(?(?:{phrases(*_AGENCIES)})\)?$")


def site_keys(names: Iterable[str]) -> frozenset[str]:
    """The outlet's names folded and without spaces, as :func:`credits` compares them."""
    return frozenset(key for name in names if (key := fold(name).replace(" ", "")))


def credits(folded: str, site: frozenset[str]) -> bool:
    """Whether a short folded text names the outlet itself (``site``: :func:`site_keys`) or a
    news agency, the way a dateline or an agency byline does («نورث برس», «أ ف ب»)."""
    if _AGENCY.match(folded):
        return True
    key = folded.replace(" ", "").strip("«»\"'()")
    return any(
        name == key
        or (name in key and len(key) < 2 * len(name) + 12)
        or (key in name and len(key) >= _SHORT_NAME_CHARS and 3 * len(key) >= len(name))
        for name in site
    )
