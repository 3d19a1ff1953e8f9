"""General rules for what boilerplate looks like on Arabic news pages.

trafilatura finds the article block; what it lets through is the same on every outlet
(DESIGN.md, "Extraction"): mastheads, bylines inside the article block, photo captions
between paragraphs, "read also" headlines, comment and share prompts, cookie banners,
copyright and date lines, promos. Two stages remove them, and neither knows any one page:

- ``prepare_tree`` works on the parsed page before trafilatura, where markup still tells a
  caption or a "read also" link list from a paragraph;
- ``clean_text`` works on trafilatura's lines, for boilerplate that only its wording
  gives away (a masthead in plain ``<p>`` elements, «حوار: ...» in bold inside the body).

Wording is matched folded (``rasad.crawler.wording``). Bylines found in the text are taken out
by ``rasad.crawler.bylines``; titles are ``rasad.crawler.titles``'.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from lxml.cssselect import CSSSelector
from lxml.etree import XPath

from rasad.crawler.bylines import NAME_MAX_WORDS, SOURCE_LINE, byline_in_line, is_name
from rasad.crawler.dates import MONTHS, TIME_WORDS, WEEKDAYS
from rasad.crawler.wording import fold, phrases, short

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from lxml.html import HtmlElement

logger = logging.getLogger(__name__)


# --- limits -------------------------------------------------------------------------------
# A caption, a name or a prompt is a few words; the thresholds stay well under the shortest
# paragraphs of the fixture pages (12 words) so no sentence of an article meets them.
_CAPTION_MAX_WORDS = 30
_BARENAME_MAX_WORDS = 3
_PROMPT_MAX_WORDS = 14
_BANNER_MAX_WORDS = 70
_HEADLINE_MAX_WORDS = 22
_READ_ALSO_MAX_HEADLINES = 8
# A block holding more text than this is a wrapper (an article body with a "caption" or
# "related" class among others), never the boilerplate itself.
_BLOCK_MAX_CHARS = 1500

# --- wording --------------------------------------------------------------------------------
_MASTHEAD_ROLES = phrases(
    "الإشراف العام",
    "المشرف العام",
    "رئيس التحرير",
    "رئيس التحرير التنفيذي",
    "نائب رئيس التحرير",
    "مدير التحرير",
    "مدير عام التحرير",
    "سكرتير التحرير",
    "رئيس مجلس الإدارة",
    "رئيس مجلس الإدارة والعضو المنتدب",
    "المدير العام",
    "المدير المسؤول",
    "المؤسس",
    "رئيس التحرير المسؤول",
)
_READ_ALSO = phrases(
    "اقرأ أيضا",
    "اقرأ ايضا",
    "اقرأ كذلك",
    "اقرأ المزيد",
    "طالع أيضا",
    "شاهد أيضا",
    "اقرأ أيضا ذات صلة",
    "ذات صلة",
    "أخبار ذات صلة",
    "مواضيع ذات صلة",
    "موضوعات ذات صلة",
    "موضوعات متعلقة",
    "أخبار متعلقة",
    "قد يهمك",
    "قد يهمك أيضا",
    "قد يعجبك",
    "قصص مقترحة",
    "المزيد حول هذه القصة",
    "يستحق الانتباه",
    "الأكثر قراءة",
    "read more",
    "related",
)
_CAPTION_LABELS = phrases(
    "التعليق على الصورة", "صدر الصورة", "مصدر الصورة", "صورة أرشيفية", "أرشيفية"
)
# Prompts that are the whole line («شارك» alone; «شارك الوزير في ...» is a sentence).
_PROMPT_WORDS = phrases(
    "شارك",
    "مشاركة",
    "طباعة",
    "إعلان",
    "التعليقات",
    "تعليقات",
    "share",
    "print",
    "comments",
    "advertisement",
)
# Prompts recognisable by their opening words.
_PROMPT_OPENINGS = phrases(
    "أضف تعليق",
    "أضف تعليقا",
    "أضف تعليقك",
    "اضف تعليقا",
    "إضافة تعليق",
    "اترك تعليقا",
    "اترك ردا",
    "اكتب تعليقك",
    "شارك برأيك",
    "شاركنا رأيك",
    "تعليقات القراء",
    "تعليقات فيسبوك",
    "لن يتم نشر عنوان بريدك الإلكتروني",
    "تم أضافة تعليقك",
    "تم إضافة تعليقك",
    "بروتوكول نشر التعليقات",
    "شارك الخبر",
    "شارك المقال",
    "شارك هذا المقال",
    "شارك هذا الخبر",
    "رابط مختصر",
    "الرابط المختصر",
    "انسخ الرابط",
    "نسخ الرابط",
    "أرسل لصديق",
    "share this",
    "short url",
    "sponsored links",
    "leave a comment",
    "role,",
)
_COPYRIGHT = phrases(
    "حقوق النشر محفوظة",
    "جميع الحقوق محفوظة",
    "الحقوق محفوظة",
    "حقوق الطبع",
    "all rights reserved",
    "copyright",
    "©",
)
# Openings of a publication-date line; the line must also hold a digit.
_DATE_OPENINGS = phrases(
    "تم نشره",
    "تم النشر",
    "تم نشر",
    "نشر في",
    "نشر بتاريخ",
    "نشر يوم",
    "تاريخ النشر",
    "آخر تحديث",
    "تم التحديث",
    "تحديث",
    "published",
    "updated",
    "last updated",
)
# Labels of a metadata line, always followed by a colon («المصدر: وكالات»).
_META_LABELS = phrases("التاريخ", "المصدر", "الوقت", "تاريخ", "date", "source")
_PROMO_VERBS = phrases(
    "تابع",
    "تابعوا",
    "تابعونا",
    "تابعي",
    "للمزيد",
    "لمزيد",
    "لمتابعة",
    "اشترك",
    "اشتركوا",
    "للاشتراك",
    "انضم",
    "انضموا",
    "حمل",
    "نزل",
    "استمع",
)
_PROMO_CHANNELS = phrases(
    "قناة",
    "تطبيق",
    "النشرة البريدية",
    "نشرتنا",
    "بودكاست",
    "جوجل نيوز",
    "غوغل نيوز",
    "google news",
    "تليجرام",
    "تلغرام",
    "telegram",
    "واتساب",
    "whatsapp",
    "يوتيوب",
    "youtube",
    "فيسبوك",
    "تويتر",
    "إنستغرام",
    "انستجرام",
)
_COOKIE_TERMS = phrases("ملفات تعريف الارتباط", "الكوكيز", "سياسة الخصوصية", "cookies", "cookie")
_BANNER_VERBS = phrases(
    "نستخدم", "موافق", "أوافق", "قبول", "اقبل", "حدثنا", "الاستمرار", "we use", "accept"
)
_WEEKDAYS = phrases(*WEEKDAYS)
_MONTHS = phrases(*MONTHS)
_TIME_WORDS = phrases(*TIME_WORDS)

_MASTHEAD_LINE = re.compile(
    rf"^(?:{_MASTHEAD_ROLES})(?!\w)(?:\s*(?P<sep>[:：\-–—/|،,])?\s*(?P<name>.*))?$"
)
_MASTHEAD_ROLE = re.compile(rf"(?:^|\s)(?:{_MASTHEAD_ROLES})(?!\w)\s*[:：\-–/]")
_READ_ALSO_LINE = re.compile(rf"^(?:{_READ_ALSO})\s*[:：.…]*\s*(?P<rest>.*)$")
_CAPTION_LINE = re.compile(rf"^\(?(?:{_CAPTION_LABELS})\)?(?:\s*[،,:：]|$)")
_PROMPT_LINE = re.compile(
    rf"^[-•]?\s*(?:(?:{_PROMPT_WORDS})\s*[:：.!]?$|(?:{_PROMPT_OPENINGS})(?!\w))"
)
_COPYRIGHT_ANY = re.compile(rf"(?:{_COPYRIGHT})")
_DATE_LINE = re.compile(rf"^(?:(?:{_DATE_OPENINGS})(?!\w).*\d|(?:{_META_LABELS})\s*[:：])")
_PROMO_LINE = re.compile(rf"^(?:{_PROMO_VERBS})(?!\w).*(?:{_PROMO_CHANNELS})")
_COOKIE_ANY = re.compile(rf"(?:{_COOKIE_TERMS})")
_BANNER_ANY = re.compile(rf"(?:{_BANNER_VERBS})")
_DATE_TOKEN = re.compile(rf"^(?:{_WEEKDAYS}|{_MONTHS}|{_TIME_WORDS}|[\d/.:\-–،,|]+)$")
# What makes a run of date tokens a date and not a table row of figures.
_DATE_WORD = re.compile(
    rf"(?:{_WEEKDAYS}|{_MONTHS})|\d{{1,4}}[/.\-]\d{{1,2}}[/.\-]\d{{1,4}}|\d{{1,2}}:\d{{2}}"
)


# --- tree stage -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageHints:
    """What the tree stage saw that the text stage needs: texts known to be captions."""

    captions: frozenset[str]


# Class and id tests spell out the usual cases: XPath 1.0 has no lower-case(), and
# translate() on every attribute of a large page costs more than trafilatura's own pass.
_CAPTION_ELEMENTS = XPath(
    "//figcaption | //*[contains(@class, 'caption') or contains(@class, 'Caption')"
    " or contains(@id, 'caption') or contains(@id, 'Caption')]"
)
_RELATED_ELEMENTS = XPath(
    "//*[contains(@class, 'related') or contains(@class, 'Related')"
    " or contains(@id, 'related') or contains(@id, 'Related')"
    " or contains(@class, 'read-also') or contains(@class, 'readAlso')"
    " or contains(@class, 'also-read')]"
)
_IMAGE_ALTS = XPath("//img/@alt | //img/@title")
# Only short text nodes can be a «اقرأ أيضا» marker; the cheap tests come first, and the
# contains() tests keep the Python side to a handful of nodes per page.
_MARKER_TEXTS = XPath(
    "//body//text()[string-length(.) < 80][not(parent::script or parent::style)]"
    "[contains(., 'يض') or contains(., 'صلة') or contains(., 'يهمك') or contains(., 'يعجبك')"
    " or contains(., 'مقترح') or contains(., 'متعلقة') or contains(., 'كذلك')"
    " or contains(., 'المزيد')]"
)
_HEADLINE = XPath(".//h1")
_HEADINGS = XPath(".//h1|.//h2")
# Elements that can hold a photo and its caption and nothing else. Not <p>: a paragraph with
# an inline image (an emoji, an icon) is still a paragraph.
_BOX_TAGS = frozenset({"div", "figure", "li", "section", "aside", "picture", "center", "td"})
_BLOCKS = frozenset({"p", "div", "li", "section", "aside", "h2", "h3", "h4", "h5", "h6", "ul"})
_LINK_LIST_MAX_WORDS = 150


def prepare_tree(tree: HtmlElement, drop: Sequence[str] = ()) -> PageHints:
    """Remove the outlet's ``drop`` selectors and general boilerplate blocks, in place."""
    for selector in drop:
        _remove_all(_css(selector)(tree))
    captions = {fold(value) for value in _IMAGE_ALTS(tree)}
    captions |= _remove_captions(tree)
    captions |= _remove_image_boxes(tree)
    _remove_all(element for element in _RELATED_ELEMENTS(tree) if _is_boilerplate_block(element))
    _remove_read_also_blocks(tree)
    captions.discard("")
    return PageHints(captions=frozenset(c for c in captions if short(c, _CAPTION_MAX_WORDS)))


@lru_cache(maxsize=256)
def _css(selector: str) -> CSSSelector:
    return CSSSelector(selector)


def _remove_all(elements: Iterable[HtmlElement]) -> None:
    for element in list(elements):
        if element.getparent() is not None:
            element.drop_tree()


def _is_boilerplate_block(element: HtmlElement) -> bool:
    # A class such as "article-body has-related" names the wrapper of the article itself:
    # never remove a block holding the headline, or much text that is not links.
    if _HEADLINE(element):
        return False
    text = element.text_content()
    return len(text) < _BLOCK_MAX_CHARS or _link_share(element, text) >= 0.5


def _link_share(element: HtmlElement, text: str) -> float:
    linked = sum(len(link.text_content().strip()) for link in element.iter("a"))
    return linked / max(len(text.strip()), 1)


def _remove_captions(tree: HtmlElement) -> set[str]:
    removed = set()
    for element in _CAPTION_ELEMENTS(tree):
        if element.getparent() is None or _HEADINGS(element):
            continue
        text = fold(element.text_content())
        if short(text, _CAPTION_MAX_WORDS):
            removed.add(text)
            element.drop_tree()
    return removed


def _remove_image_boxes(tree: HtmlElement) -> set[str]:
    # An image with a few words beside it in a box of its own is a photo and its caption,
    # however the outlet names its classes (youm7's div.imgcontainer, El Balad's photo div).
    removed = set()
    for image in list(tree.iter("img")):
        box = _image_box(image)
        if box is not None and box.getparent() is not None:
            removed.add(fold(box.text_content()))
            box.drop_tree()
    return removed


def _image_box(image: HtmlElement) -> HtmlElement | None:
    box = None
    parent = image.getparent()
    for _ in range(3):
        if parent is None or parent.tag in ("body", "html", "article", "main", "p"):
            break
        words = parent.text_content().split()
        if len(words) > _CAPTION_MAX_WORDS or _HEADINGS(parent):
            break
        if words and parent.tag in _BOX_TAGS:
            box = parent
        parent = parent.getparent()
    return box


def _remove_read_also_blocks(tree: HtmlElement) -> None:
    # «اقرأ أيضا» and the linked headlines after it, up to the next element that is not a
    # link: markup still tells these links from the paragraphs around them.
    for node in _MARKER_TEXTS(tree):
        marker = _marker_block(node.getparent())
        if marker is None or marker.getparent() is None:
            continue
        for sibling in list(marker.itersiblings())[:_READ_ALSO_MAX_HEADLINES]:
            if not _is_link_list(sibling):
                break
            sibling.drop_tree()
        marker.drop_tree()


def _marker_block(element: HtmlElement | None) -> HtmlElement | None:
    # Climb from <strong>اقرأ أيضا</strong> to the block that holds nothing else.
    while element is not None and element.tag not in _BLOCKS:
        element = element.getparent()
    if element is None:
        return None
    match = _READ_ALSO_LINE.match(fold(element.text_content()))
    return element if match and not match["rest"] else None


def _is_link_list(element: HtmlElement) -> bool:
    if not isinstance(element.tag, str):
        return False
    text = element.text_content()
    words = len(text.split())
    return 0 < words <= _LINK_LIST_MAX_WORDS and _link_share(element, text) >= 0.8


# --- text stage ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CleanText:
    """The article text after the rules, and a byline found inside it (if any)."""

    text: str
    byline: str | None


def clean_text(text: str, *, title: str = "", hints: PageHints | None = None) -> CleanText:
    """Drop boilerplate lines from trafilatura's text; lines are paragraphs."""
    captions = hints.captions if hints else frozenset()
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    kept: list[str] = []
    byline = None
    skip_names = False  # the line after a lone masthead role is the name it introduces
    skip_headlines = 0  # lines after a lone «اقرأ أيضا» are the headlines it introduces
    for line in lines:
        if len(line.split()) > _BANNER_MAX_WORDS:  # a paragraph no rule applies to
            skip_names, skip_headlines = False, 0
            kept.append(line)
            continue
        folded = fold(line)
        if skip_names and is_name(folded):
            skip_names = False
            continue
        skip_names = False
        if skip_headlines and _is_headline(line):
            skip_headlines -= 1
            continue
        skip_headlines = 0
        if (match := _MASTHEAD_LINE.match(folded)) and _is_masthead(match["name"], match["sep"]):
            skip_names = not match["name"]
            continue
        if (name := byline_in_line(line)) is not None:
            byline = byline or name
            continue
        if (match := _READ_ALSO_LINE.match(folded)) and short(folded, _HEADLINE_MAX_WORDS):
            skip_headlines = 0 if match["rest"] else _READ_ALSO_MAX_HEADLINES
            continue
        if folded in captions or _is_boilerplate(folded):
            continue
        kept.append(line)
    kept = _without_leading_title(kept, title)
    return CleanText(text="\n".join(kept), byline=byline)


def _is_masthead(name: str | None, separator: str | None) -> bool:
    if not name:
        return True
    # Without a colon or dash, only a short name: «المدير العام للوكالة الدولية للطاقة الذرية»
    # is a phrase of the article. «رئيس التحرير : محمود مكاوي مدير التحرير: طه جبريل» holds
    # several roles in one line.
    short_name = short(name, NAME_MAX_WORDS if separator else _BARENAME_MAX_WORDS)
    return (is_name(name) and short_name) or (
        _MASTHEAD_ROLE.search(name) is not None and short(name, _HEADLINE_MAX_WORDS)
    )


def _is_headline(line: str) -> bool:
    return short(line, _HEADLINE_MAX_WORDS) and not re.search(r"[.!:]$", line)


def _is_boilerplate(folded: str) -> bool:
    words = len(folded.split())
    if words <= _PROMPT_MAX_WORDS and (
        _PROMPT_LINE.match(folded)
        or _DATE_LINE.match(folded)
        or SOURCE_LINE.match(folded)
        or _is_date(folded)
    ):
        return True
    if words <= _CAPTION_MAX_WORDS and (_COPYRIGHT_ANY.search(folded) or _PROMO_LINE.match(folded)):
        return True
    if words <= _BANNER_MAX_WORDS and _COOKIE_ANY.search(folded):
        return _BANNER_ANY.search(folded) is not None
    # «التعليق على الصورة، ...» opens a caption of any length.
    return bool(_CAPTION_LINE.match(folded))


def _is_date(folded: str) -> bool:
    tokens = re.sub(r"([/\-–])", r" \1 ", folded).split()
    return (
        bool(tokens)
        and all(_DATE_TOKEN.match(token) for token in tokens)
        and _DATE_WORD.search(folded) is not None
    )


def _without_leading_title(lines: list[str], title: str) -> list[str]:
    # trafilatura often repeats the headline as the first line; the title field holds it.
    folded_title = fold(title)
    while lines and folded_title and fold(lines[0]) == folded_title:
        lines = lines[1:]
    return lines
