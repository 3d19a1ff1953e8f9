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

from lxml import etree
from lxml.cssselect import CSSSelector

from rasad.crawler.bylines import (
    NAME_MAX_WORDS,
    SOURCE_LINE,
    byline_in_line,
    clean_byline,
    dateline,
    is_name,
)
from rasad.crawler.dates import MONTHS, TIME_WORDS, WEEKDAYS
from rasad.crawler.wording import credits, fold, phrases, short

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from lxml.html import HtmlElement

    from rasad.crawler.landmarks import Landmarks

logger = logging.getLogger(__name__)


# --- limits -------------------------------------------------------------------------------
# A caption, a name or a prompt is a few words; the thresholds stay well under the shortest
# paragraphs of the fixture pages (12 words) so no sentence of an article meets them.
_CAPTION_MAX_WORDS = 30
_CAPTION_MAX_CHARS = 30 * 16
_BARENAME_MAX_WORDS = 3
_PROMPT_MAX_WORDS = 14
_BANNER_MAX_WORDS = 70
_HEADLINE_MAX_WORDS = 22
_READ_ALSO_MAX_HEADLINES = 8
_TITLE_LINES = 2  # the headline repeated in the text is among its first lines
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
_MEDIA_LABELS = phrases(
    "فيديو", "بالفيديو", "شاهد", "شاهدوا", "بالصور", "صور", "إنفوغراف", "انفوغراف", "بودكاست",
    "video", "watch",
)  # fmt: skip
_CAPTION_LABELS = phrases(
    "التعليق على الصورة", "صدر الصورة", "مصدر الصورة", "صورة أرشيفية", "أرشيفية"
)
# Prompts that are the whole line («شارك» alone; «شارك الوزير في ...» is a sentence).
_PROMPT_WORDS = phrases(
    "شارك",
    "شاركها",
    "تابعونا",
    "تابعونا على",
    "تابعونا عبر",
    "تابعنا",
    "تابعنا على",
    "تابعوا",
    "تابعوا على",
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
    "نشرت في",
    "نشر بتاريخ",
    "نشرت بتاريخ",
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
    "فيس بوك",
    "فايسبوك",
    "تويتر",
    "إكس",
    "تيك توك",
    "تيليجرام",
    "تيليغرام",
    "إنستغرام",
    "انستجرام",
    "انستغرام",
    "منصاتنا",
    "حساباتنا",
    "صفحتنا",
    "صفحاتنا",
)
_COOKIE_TERMS = phrases("ملفات تعريف الارتباط", "الكوكيز", "سياسة الخصوصية", "cookies", "cookie")
_BANNER_VERBS = phrases(
    "نستخدم", "موافق", "أوافق", "قبول", "اقبل", "حدثنا", "الاستمرار", "we use", "accept"
)
# A comment notice names comments and speaks to the reader about them: a disclaimer («لا تعبر
# عن رأي ...»), house rules, moderation. A sentence reporting on comments («موجة من
# التعليقات») has the first and not the second.
_COMMENT_TERMS = re.compile(phrases("تعليق", "الردود", "comment"))
_COMMENT_POLICY_WORDS = (
    "لا تعبر", "لا يعبر", "لا تمثل", "لا يمثل", "لا تعكس", "غير مسؤول", "غير مسؤولة",
    "يتحمل", "مسؤوليتها", "وجهة نظر أصحابها", "قواعد النشر", "شروط النشر", "شروط التعليق",
    "سياسة التعليق", "آداب الحوار", "أدب الحوار", "يرجى", "نرجو", "المرجو", "الرجاء",
    "سيتم حذف", "ستحذف", "سيتم مراجعة", "لن يتم نشر", "لن تنشر", "نحتفظ بحق", "تحتفظ",
    "يحظر نشر", "do not reflect", "do not represent",
)  # fmt: skip
_COMMENT_POLICY = re.compile(phrases(*_COMMENT_POLICY_WORDS))
_NOTICE_LABEL = re.compile(
    rf"^(?:{phrases('ملاحظة', 'تنويه', 'تنبيه', 'إخلاء مسؤولية', 'شروط', 'قواعد', 'سياسة')})"
    r"[^:：]{0,20}[:：]"
)
_NOTICE_MAX_WORDS = 60
# Lines longer than a caption reach the rules only with one of these (raw, unfolded) in them:
# a cookie banner, a comment notice, a caption label. Above _BANNER_MAX_WORDS, none applies.
# Substrings, not a regex alternation: six `in` tests on a paragraph take half the time of
# one search (a paragraph line is tested on every page).
_LONG_LINE_HINTS = ("ارتباط", "كوكيز", "ookie", "عليق", "صور", "رشيف")
_BYLINE_LINE_MAX_WORDS = 16  # a byline, a dateline, a credit of two roles
_PLACE_MAX_WORDS = 5
# The start of a paragraph up to a dash: a dateline when it is a place or names a source.
# A few words, or a quoted or bracketed name («القدس العربي», (CNN)) after an optional place
# («دبي، الإمارات العربية المتحدة»), then a dash or a colon.
_DATELINE_OPENING = re.compile(
    r"^(?:(?:(?P<place>[^()«».:؛\-–—]{2,60}?)\s+)?(?P<quoted>«[^«»]{2,40}»|\([^()]{2,40}\))"
    r"|(?P<bare>[^\s\d.،:؛()«»\"\-–—]+(?:\s[^\s\d.،:؛()«»\"\-–—]+){0,3}))"
    r"\s*(?P<sep>[-–—]{1,2}|[:：])\s*(?=\S)"
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
# «فيديو | ...», «شاهد: ...»: the title of an embedded video or gallery, a headline long.
_MEDIA_LINE = re.compile(rf"^(?:{_MEDIA_LABELS})\s*[|:：\-–—]")
_PROMPT_LINE = re.compile(
    rf"^[-•]?\s*(?:(?:{_PROMPT_WORDS})\s*[:：.!]?$|(?:{_PROMPT_OPENINGS})(?!\w))"
)
_COPYRIGHT_ANY = re.compile(rf"(?:{_COPYRIGHT})")
# An opening with a date after it, or alone with its colon (the date was in a <time> element).
_DATE_LINE = re.compile(
    rf"^(?:(?:{_DATE_OPENINGS})(?!\w)(?:.*\d|\s*[:：]$)|(?:{_META_LABELS})\s*[:：])"
)
# No comma before the channel: «لمتابعة النتائج، وضع الديوان تطبيقا» is a sentence.
_PROMO_LINE = re.compile(rf"^(?:{_PROMO_VERBS})(?!\w)[^،,.]*(?:{_PROMO_CHANNELS})")
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


# Elements that can hold a photo and its caption and nothing else. Not <p>: a paragraph with
# an inline image (an emoji, an icon) is still a paragraph.
_BOX_TAGS = frozenset({"div", "figure", "li", "section", "aside", "picture", "center", "td"})
_BLOCKS = frozenset({"p", "div", "li", "section", "aside", "h2", "h3", "h4", "h5", "h6", "ul"})
_LINK_LIST_MAX_WORDS = 150
# Elements trafilatura deletes with their content (its MANUALLY_CLEANED) that never hold text
# an article keeps; not <form> (ASP.NET pages hold the whole page in one) nor <figure>.
_NEVER_TEXT = (
    "script", "style", "noscript", "template", "svg", "iframe", "nav", "footer", "aside",
    "button", "select", "input", "textarea", "canvas", "object", "embed", "menu",
)  # fmt: skip
_TEASER_LINK_SHARE = 0.9
# A reply form and what comes with it (the house rules, the e-mail notice) sit in a box of
# their own: climb from its <textarea> while the box stays this small.
_FORM_BOX_MAX_CHARS = 1200
_FORM_NOTE_CHARS = 400  # what a box may add to the form at each step: a notice, a title


def prepare_tree(tree: HtmlElement, landmarks: Landmarks, drop: Sequence[str] = ()) -> PageHints:
    """Remove the outlet's ``drop`` selectors and general boilerplate blocks, in place.

    ``landmarks`` is the walk of the page made before anything was removed.
    """
    for selector in drop:
        _remove_all(_css(selector)(tree))
    # Related blocks first: they hold most of a page's thumbnails, which then need no look.
    _remove_all(e for e in landmarks.related if _attached(e) and _is_boilerplate_block(e))
    alts = {" ".join(alt.split()) for alt in landmarks.image_alts}
    captions = {fold(alt) for alt in alts if short(alt, _CAPTION_MAX_WORDS)}
    captions |= _remove_captions(landmarks.captions)
    images = (e for e in (*landmarks.images, *landmarks.media) if _in_document(e, tree))
    captions |= _remove_image_boxes(images)
    _remove_all(box for form in landmarks.forms if (box := _form_box(form)) is not None)
    _remove_read_also_blocks(landmarks.markers)
    _remove_all(p for _, p in landmarks.paragraphs if _attached(p) and _is_teaser(p))
    captions.discard("")
    return PageHints(captions=frozenset(c for c in captions if short(c, _CAPTION_MAX_WORDS)))


def strip_unread(tree: HtmlElement) -> None:
    """Remove in one C call what trafilatura discards first thing (scripts, styles, navigation,
    sidebars, footers, form controls): it copies the page before anything else, and each of
    its passes then walks a smaller tree. Measured: a fifth of extract_page's time."""
    etree.strip_elements(tree, *_NEVER_TEXT, with_tail=False)


@lru_cache(maxsize=256)
def _css(selector: str) -> CSSSelector:
    return CSSSelector(selector)


def _attached(element: HtmlElement) -> bool:
    return element.getparent() is not None


def _in_document(element: HtmlElement, root: HtmlElement) -> bool:
    """Whether ``element`` is still in the page, not inside a block removed before it."""
    top = element
    for top in element.iterancestors():  # noqa: B007 - the last ancestor is the one wanted
        pass
    return top is root


def _remove_all(elements: Iterable[HtmlElement]) -> None:
    for element in list(elements):
        if element.getparent() is not None:
            element.drop_tree()


def _is_boilerplate_block(element: HtmlElement) -> bool:
    # A class such as "article-body has-related" names the wrapper of the article itself:
    # never remove a block holding the headline, or much text that is not links.
    if _holds(element, "h1"):
        return False
    text = element.text_content()
    return len(text) < _BLOCK_MAX_CHARS or _link_share(element, text) >= 0.5


def _link_share(element: HtmlElement, text: str) -> float:
    linked = sum(len(link.text_content().strip()) for link in element.iter("a"))
    return linked / max(len(text.strip()), 1)


def _form_box(textarea: HtmlElement) -> HtmlElement | None:
    """The box around a reply form that holds the form and its notices, and nothing else.

    Climbing stops at a box that also holds other text: a short article and its reply form
    may share one container.
    """
    box, parent = textarea, textarea.getparent()
    inside = len(textarea.text_content())
    while parent is not None and parent.tag not in ("body", "html", "article", "main"):
        total = len(parent.text_content())
        if _holds(parent, "h1") or total > _FORM_BOX_MAX_CHARS or total - inside > _FORM_NOTE_CHARS:
            break
        box, parent, inside = parent, parent.getparent(), total
    return box if box is not textarea else None


def _is_teaser(paragraph: HtmlElement) -> bool:
    # A paragraph that is one linked headline and nothing else, between the body's paragraphs:
    # another article's teaser.
    if next(paragraph.iter("a"), None) is None:
        return False
    text = paragraph.text_content()
    return short(text, _HEADLINE_MAX_WORDS) and _link_share(paragraph, text) >= _TEASER_LINK_SHARE


def _remove_captions(elements: Iterable[HtmlElement]) -> set[str]:
    removed = set()
    for element in elements:
        if element.getparent() is None or _holds(element, "h1", "h2"):
            continue
        text = fold(element.text_content())
        if short(text, _CAPTION_MAX_WORDS):
            removed.add(text)
            element.drop_tree()
    return removed


def _remove_image_boxes(images: Iterable[HtmlElement]) -> set[str]:
    # An image with a few words beside it in a box of its own is a photo and its caption,
    # however the outlet names its classes (youm7's div.imgcontainer, El Balad's photo div);
    # a video player with its title likewise.
    removed = set()
    seen: set[HtmlElement] = set()  # a gallery's images share their boxes: judge each once
    for image in images:
        box = _image_box(image, seen)
        if box is not None and box.getparent() is not None:
            removed.add(fold(box.text_content()))
            box.drop_tree()
    return removed


def _image_box(image: HtmlElement, seen: set[HtmlElement]) -> HtmlElement | None:
    box = None
    parent = image.getparent()
    for _ in range(3):
        if parent is None or parent.tag in ("body", "html", "article", "main", "p"):
            break
        if parent in seen:
            return None
        seen.add(parent)
        # The headline first: the article's container holds it near its top, where the walk
        # stops, and its whole text need not be built.
        if _holds(parent, "h1", "h2"):
            break
        text = parent.text_content()
        # Thirty words are never this many characters: no need to count them.
        if len(text) > _CAPTION_MAX_CHARS or len(text.split()) > _CAPTION_MAX_WORDS:
            break
        if text.strip() and parent.tag in _BOX_TAGS:
            box = parent
        parent = parent.getparent()
    return box


def _holds(element: HtmlElement, *tags: str) -> bool:
    """Whether ``element`` contains one of ``tags`` (lxml's C iterator, stopping at the first)."""
    return next(element.iterdescendants(*tags), None) is not None


def _remove_read_also_blocks(owners: Iterable[HtmlElement]) -> None:
    # «اقرأ أيضا» and the linked headlines after it, up to the next element that is not a
    # link: markup still tells these links from the paragraphs around them.
    for owner in owners:
        marker = _marker_block(owner)
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


def clean_text(
    text: str,
    *,
    title: str = "",
    hints: PageHints | None = None,
    site: frozenset[str] = frozenset(),
) -> CleanText:
    """Drop boilerplate lines from trafilatura's text; lines are paragraphs.

    ``site`` holds the outlet's names (:func:`rasad.crawler.wording.site_keys`): a dateline
    or a credit names the outlet or an agency.
    """
    captions = hints.captions if hints else frozenset()
    # Each line split once: its words give both the normalised line and the word count.
    split_lines = [words for line in text.splitlines() if (words := line.split())]
    kept: list[str] = []
    bylines: list[str] = []
    skip_names = False  # the line after a lone masthead role is the name it introduces
    skip_headlines = 0  # lines after a lone «اقرأ أيضا» are the headlines it introduces
    for line_words in split_lines:
        line, words = " ".join(line_words), len(line_words)
        if words > _CAPTION_MAX_WORDS and not any(hint in line for hint in _LONG_LINE_HINTS):
            # A paragraph: longer than a caption, a prompt or a name, and without a word of
            # the few rules that take long lines (cookie banners, comment notices, labelled
            # captions), so it is kept without folding it.
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
        if words <= _BYLINE_LINE_MAX_WORDS and (name := _byline(line, folded, site)) is not None:
            bylines.append(name)
            continue
        if (match := _READ_ALSO_LINE.match(folded)) and short(folded, _HEADLINE_MAX_WORDS):
            skip_headlines = 0 if match["rest"] else _READ_ALSO_MAX_HEADLINES
            continue
        if folded in captions or _is_boilerplate(folded) or _is_comment_notice(folded):
            continue
        kept.append(line)
    kept = _without_trailing_notices(_without_leading_title(kept, title))
    kept = [_without_dateline(line, site) for line in kept[:_TITLE_LINES]] + kept[_TITLE_LINES:]
    return CleanText(text="\n".join(kept), byline=next((b for b in bylines if b), None))


def _byline(line: str, folded: str, site: frozenset[str]) -> str | None:
    """The name of a byline, credit or dateline line ("" when it names nobody), else None."""
    if (name := byline_in_line(line, folded)) is not None:
        return name
    is_dateline, name = dateline(folded, site)
    if is_dateline:
        return clean_byline(name, site) or ""
    return None


def _is_comment_notice(folded: str, *, trailing: bool = False) -> bool:
    """House rules or a disclaimer about readers' comments. Under the body (``trailing``) one
    sign of speaking to the reader is enough; elsewhere a label («ملاحظة:») or two."""
    if len(folded.split()) > _NOTICE_MAX_WORDS or not _COMMENT_TERMS.search(folded):
        return False
    signs = len({match.group() for match in _COMMENT_POLICY.finditer(folded)})
    return signs >= 2 or (signs == 1 and (trailing or _NOTICE_LABEL.match(folded) is not None))


def _without_dateline(line: str, site: frozenset[str]) -> str:
    """A paragraph without the dateline that opens it: «بغداد - ...», «دبي، الإمارات (CNN)--
    ...», «عمان – «القدس العربي»: ...»: a one-word place, the outlet or an agency (after its
    place), each followed by a dash (or a colon after a credit)."""
    placed = False
    while (match := _DATELINE_OPENING.match(line)) and not short(
        line[match.end() :], _PROMPT_MAX_WORDS
    ):
        prefix, place = fold(match["quoted"] or match["bare"]), match["place"]
        if credits(prefix, site) and (not place or len(place.split()) <= _PLACE_MAX_WORDS):
            line = line[match.end() :]
        elif not placed and match["bare"] and len(prefix.split()) == 1 and match["sep"] in "-–—":
            line, placed = line[match.end() :], True
        else:
            break
    return line


def _without_trailing_notices(lines: list[str]) -> list[str]:
    while lines and _is_comment_notice(fold(lines[-1]), trailing=True):
        lines = lines[:-1]
    return lines


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
    if words <= _HEADLINE_MAX_WORDS and _MEDIA_LINE.match(folded):
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
    # trafilatura often repeats the headline as the first line (the second, after a lead put
    # back in front); the title field holds it.
    folded_title = fold(title)
    if not folded_title:
        return lines
    head = [line for line in lines[:_TITLE_LINES] if fold(line) != folded_title]
    return head + lines[_TITLE_LINES:]
