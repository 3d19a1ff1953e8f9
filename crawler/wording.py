"""Wording shared by the extraction rules: phrase lists folded as the text they meet.

Rules match text after ``rasad.alerts.analysis.normalize`` (hamza, ta marbuta, tatweel and
diacritics folded), so «إقرأ أيضاً», «اقرأ ايضا» and «اقـرأ أيضًا» are one pattern.
"""

from __future__ import annotations

import re

from rasad.alerts.analysis import normalize


def phrases(*texts: str) -> str:
    """A regex alternation of phrases, folded like the text they are matched against."""
    folded = sorted({normalize(text) for text in texts}, key=len, reverse=True)
    return "|".join(re.escape(text).replace(r"\ ", r"\s+") for text in folded)


def fold(text: str) -> str:
    """``text`` normalised and with its runs of whitespace collapsed to one space."""
    return " ".join(normalize(text).split())


def short(text: str, limit: int) -> bool:
    """At most ``limit`` words."""
    return len(text.split()) <= limit
