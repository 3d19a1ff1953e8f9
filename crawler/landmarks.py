"""One walk over a parsed page that finds every element the extraction rules look at.

The rules ask the same kind of question many times: which elements are named caption,
related, comment, author or lead by their class or id, which short texts read «اقرأ أيضا» or
«كتب:». Asked as one XPath each, with ``contains()`` on every attribute and text node of the
page, they cost more than trafilatura's own pass (measured: 11 ms a page against its 9 ms);
one walk in Python that reads each element's class, id and short texts once answers them all
for about a tenth of that. The walk happens before anything is removed, so bylines are read
from the page as published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rasad.config.limits import cached_when_short

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# What a class or id names, lower-cased; one element may hold several roles
# ("comment__author"). Lead words are the usual CMS names of a standfirst: Drupal's summary,
# Le Monde's chapo, WordPress' excerpt, the dek and spot of US and Turkish newsrooms. The
# pattern is written as a trie (alternatives grouped by their first letters): Python's re
# tries every alternative at every position, and a flat list of 30 words costs six times as
# much on the few hundred class names of a page.
_ROLE_WORD = re.compile(
    r"c(?:aption|omment|hapo)|r(?:elated|ead-?also|ead-?more|espond|eactions)"
    r"|a(?:lso-?read|uthor|udio|bstract)|d(?:isqus|ek\b|eck\b)|byline|writer|video"
    r"|p(?:layer|odcast)|s(?:ummary|tandfirst|ubhead|ub-?title|pot\b)|lead|intro|excerpt|teaser"
)
_ROLES = {
    "caption": "caption",
    "related": "related", "readalso": "related", "readmore": "related", "alsoread": "related",
    "comment": "comment", "respond": "comment", "disqus": "comment", "reactions": "comment",
    "author": "byline", "byline": "byline", "writer": "byline",
    "video": "media", "player": "media", "podcast": "media", "audio": "media",
}  # fmt: skip
_LEAD_ROLE = "lead"  # every other word of the pattern
# Words a «اقرأ أيضا»-style marker contains, and the verbs of a byline («كتب:», «بقلم»).
_MARKER_HINT = re.compile("يض|صلة|يهمك|يعجبك|مقترح|متعلقة|كذلك|المزيد")
_BYLINE_HINT = re.compile("كتب|بقلم|حوار")
_HINT = re.compile(f"{_MARKER_HINT.pattern}|{_BYLINE_HINT.pattern}")
_MARKER_MAX_CHARS = 80
_BYLINE_MAX_CHARS = 120
_AUTHOR_HREF = re.compile(r"/(?:author|writer)s?/", re.I)
_MEDIA_TAGS = frozenset({"video", "audio", "iframe"})
_TAGS = frozenset({"p", "img", "h1", "figcaption", "textarea", "a"}) | _MEDIA_TAGS
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template"})


@dataclass
class Landmarks:
    """The elements (and short texts) of one page the rules look at, in document order."""

    captions: list[HtmlElement] = field(default_factory=list)
    related: list[HtmlElement] = field(default_factory=list)
    forms: list[HtmlElement] = field(default_factory=list)  # textareas: reply forms
    bylines: list[HtmlElement] = field(default_factory=list)
    byline_texts: list[str] = field(default_factory=list)
    markers: list[HtmlElement] = field(default_factory=list)
    images: list[HtmlElement] = field(default_factory=list)
    media: list[HtmlElement] = field(default_factory=list)  # video and audio players, embeds
    image_alts: list[str] = field(default_factory=list)
    # (position in the walk, element): leads are looked for between the headline and the body.
    headlines: list[tuple[int, HtmlElement]] = field(default_factory=list)
    leads: list[tuple[int, HtmlElement]] = field(default_factory=list)
    paragraphs: list[tuple[int, HtmlElement]] = field(default_factory=list)


def find_landmarks(tree: HtmlElement) -> Landmarks:
    """Walk the page's body once and sort what the rules need into a :class:`Landmarks`."""
    # The loop body runs for every element of the page: it reads each attribute and text
    # once, and calls out only for the few elements a rule wants.
    found = Landmarks()
    body = tree.find("body")
    for position, element in enumerate((body if body is not None else tree).iter()):
        tag = element.tag
        if tag in _TAGS:
            _by_tag(found, tag, position, element)
        elif tag in _SKIPPED_TAGS or not isinstance(tag, str):
            continue
        get = element.get
        names, ident = get("class"), get("id")
        if names or ident:
            roles = _named_roles(f"{names} {ident}" if names and ident else names or ident)
            if roles:
                _by_role(found, position, element, roles)
        if get("itemprop") == "author":
            found.bylines.append(element)
        # A text node belongs to the element it sits in: .text to this one, .tail to its parent.
        # The hints are Arabic words: an ASCII text (most are indentation) is passed over by
        # str.isascii, which reads a flag, before the regular expression would scan it.
        text = element.text
        if text and not text.isascii() and len(text) < _BYLINE_MAX_CHARS and _HINT.search(text):
            _short_text(found, text, element)
        text = element.tail
        if text and not text.isascii() and len(text) < _BYLINE_MAX_CHARS and _HINT.search(text):
            _short_text(found, text, element.getparent())
    return found


def _by_tag(found: Landmarks, tag: str, position: int, element: HtmlElement) -> None:
    if tag == "p":
        found.paragraphs.append((position, element))
    elif tag == "a":
        href = element.get("href") or ""
        if element.get("rel") == "author" or (
            ("uthor" in href or "riter" in href) and _AUTHOR_HREF.search(href)
        ):
            found.bylines.append(element)
    elif tag == "img":
        found.images.append(element)
        found.image_alts.extend(v for v in (element.get("alt"), element.get("title")) if v)
    elif tag in _MEDIA_TAGS:
        found.media.append(element)
    elif tag == "h1":
        found.headlines.append((position, element))
    elif tag == "figcaption":
        found.captions.append(element)
    elif tag == "textarea":
        found.forms.append(element)


# Cached: a page's class names repeat from element to element, and a CMS's from page to page;
# the search and findall are not run again. Ordinary names are a few dozen characters.
@cached_when_short(max_chars=200, maxsize=4096)
def _named_roles(names: str) -> frozenset[str]:
    """The roles a class and id name, if any."""
    key = names.lower()
    return frozenset(_roles(key)) if _ROLE_WORD.search(key) else frozenset()


def _roles(key: str) -> set[str]:
    return {_ROLES.get(word.replace("-", ""), _LEAD_ROLE) for word in _ROLE_WORD.findall(key)}


def _by_role(found: Landmarks, position: int, element: HtmlElement, roles: frozenset[str]) -> None:
    if "caption" in roles and element.tag != "figcaption":
        found.captions.append(element)
    if "related" in roles:
        found.related.append(element)
    if "byline" in roles and "comment" not in roles:  # a reader's name is no byline
        found.bylines.append(element)
    if "media" in roles:
        found.media.append(element)
    if _LEAD_ROLE in roles:
        found.leads.append((position, element))


def _short_text(found: Landmarks, text: str, owner: HtmlElement | None) -> None:
    if owner is None:
        return
    if len(text) < _MARKER_MAX_CHARS and _MARKER_HINT.search(text):
        found.markers.append(owner)
    if _BYLINE_HINT.search(text):
        found.byline_texts.append(text)
