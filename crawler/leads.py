"""Standfirsts: the lead paragraph an outlet sets apart from the body, under the headline.

Outlets put the lead («مقدمة», the chapo, the spot) in a container of its own between the
headline and the body; trafilatura's precision mode, which keeps comment prompts and "most
read" lists out, drops it with them. It is article text (often the article's first sentence),
so it is found by markup and put back in front of the text when the text lacks it:

- a block named as a lead by its class or id (summary, standfirst, chapo, lead, intro,
  excerpt, subhead, subtitle, teaser, dek, spot, abstract), or
- the headline's next sibling when it is a heading or paragraph holding a sentence, or
- a paragraph between the headline and the body that says what the page's description says,

and in every case placed after the headline and before the body's first paragraph, holding
a sentence, not links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rasad.alerts.analysis import ARABIC_LETTER
from rasad.crawler.wording import fold

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.html import HtmlElement

    from rasad.crawler.landmarks import Landmarks

# A lead is a sentence or two: more words than a byline or a date, fewer than a body.
_LEAD_MIN_WORDS = 8
_LEAD_MAX_WORDS = 90
_LINK_SHARE_MAX = 0.3
_SIBLING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "p"})
# A description is the lead shortened: most of its words are in the lead.
_DESCRIPTION_MIN_WORDS = 6
_DESCRIPTION_OVERLAP = 0.7
_LABEL_MAX_WORDS = 2
_PREFIX_CHARS = 60  # how much of a lead's start tells whether the text holds it already
_TOP_LINES = 3  # where trafilatura puts the headline and a lead it keeps
# Without a paragraph that opens the text, the body is taken to start this many paragraphs
# after the headline.
_FALLBACK_PARAGRAPHS = 2


def standfirst(landmarks: Landmarks, text: str, title: str, description: str | None) -> str | None:
    """The page's lead when ``text`` (trafilatura's) lacks it, else None."""
    headline = _headline(landmarks, title)
    if headline is None:
        return None
    start, element = headline
    end = _body_start(landmarks, start, text, title)
    top = None  # trafilatura keeps a lead, when it does, at the top of its text
    for candidate in _candidates(landmarks, start, end, element, description):
        lead = _text(candidate)
        if not _is_lead(candidate, lead):
            continue
        top = top or fold(" ".join(text.split("\n", _TOP_LINES)[:_TOP_LINES]))
        if fold(lead)[:_PREFIX_CHARS] not in top:
            return lead
    return None


def _headline(landmarks: Landmarks, title: str) -> tuple[int, HtmlElement] | None:
    folded_title = fold(title)
    for position, element in landmarks.headlines:
        if folded_title and fold(element.text_content()) == folded_title:
            return position, element
    return landmarks.headlines[0] if landmarks.headlines else None


def _body_start(landmarks: Landmarks, after: int, text: str, title: str) -> int:
    """Where the body begins: the paragraph that opens trafilatura's text (the headline it
    may repeat aside), or failing that the third paragraph after the headline."""
    # Compared as trafilatura writes text, whitespace collapsed: folding every paragraph of a
    # long page would cost more than the rest of this module.
    lines = (" ".join(line.split()) for line in text.split("\n", _TOP_LINES)[:_TOP_LINES])
    first = next((line for line in lines if line and line != " ".join(title.split())), "")
    following = [(p, e) for p, e in landmarks.paragraphs if p > after]
    for position, paragraph in following:
        if first and " ".join(paragraph.text_content().split()).startswith(first[:_PREFIX_CHARS]):
            return position
    return following[_FALLBACK_PARAGRAPHS][0] if len(following) > _FALLBACK_PARAGRAPHS else after


def _candidates(
    landmarks: Landmarks,
    start: int,
    end: int,
    headline: HtmlElement,
    description: str | None,
) -> Iterator[HtmlElement]:
    yield from (element for position, element in landmarks.leads if start < position < end)
    sibling = next((s for s in headline.itersiblings() if s.text_content().strip()), None)
    if sibling is not None and sibling.tag in _SIBLING_TAGS:
        yield sibling
    if description and len(description.split()) >= _DESCRIPTION_MIN_WORDS:
        wanted = set(fold(description).split())
        for position, paragraph in landmarks.paragraphs:
            if start < position < end and _says(paragraph.text_content(), wanted):
                yield paragraph


def _text(element: HtmlElement) -> str:
    """The lead's text without the label a box may open with («ملخص», «Summary»)."""
    text = " ".join(element.text_content().split())
    first = next((child for child in element if isinstance(child.tag, str)), None)
    if first is not None and not (element.text or "").strip():
        label = " ".join(first.text_content().split())
        if 0 < len(label.split()) <= _LABEL_MAX_WORDS and text.startswith(label):
            return text[len(label) :].strip(" :：")
    return text


def _says(candidate: str, wanted: set[str]) -> bool:
    return len(set(fold(candidate).split()) & wanted) >= _DESCRIPTION_OVERLAP * len(wanted)


def _is_lead(element: HtmlElement, lead: str) -> bool:
    words = len(lead.split())
    if not _LEAD_MIN_WORDS <= words <= _LEAD_MAX_WORDS or not ARABIC_LETTER.search(lead):
        return False
    linked = sum(len(link.text_content()) for link in element.iter("a"))
    return element.getparent() is not None and linked <= _LINK_SHARE_MAX * len(lead)
