"""extract_page on small pages made for one behaviour each, and the cleaning rules alone."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rasad.config.errors import ExtractionError
from rasad.crawler.boilerplate import clean_text
from rasad.crawler.bylines import clean_byline
from rasad.crawler.catalog import Source
from rasad.crawler.extract import ExtractedArticle, SkippedPage, content_hash, extract_page
from rasad.crawler.titles import strip_site_name
from rasad.crawler.wording import site_keys

PAGES = Path(__file__).parent / "pages"
NILE = Source(
    id="nile", name="بوابة النيل", homepage="https://www.nile.example/", timezone="Africa/Cairo"
)


def _article(name: str, url: str, source: Source | None = None, **kwargs: str) -> ExtractedArticle:
    result = extract_page((PAGES / name).read_bytes(), url, source, **kwargs)
    assert isinstance(result, ExtractedArticle), result
    return result


# --- the seed page: an El Balad article as a plain scraper saw it --------------------------


@pytest.fixture(scope="module")
def elbalad() -> ExtractedArticle:
    return _article("elbalad-isis-families.html", "https://www.elbalad.news/4017575?utm_source=rss")


def test_seed_text_starts_at_the_first_sentence(elbalad: ExtractedArticle) -> None:
    assert elbalad.text.startswith("سنوات من القتال في سوريا أسفرت عن انحسار حلم")
    assert elbalad.text.endswith("معتمدا على سياسة الهجوم والفرار.")
    assert len(elbalad.text.splitlines()) == 7


def test_seed_title_is_the_headline_alone(elbalad: ExtractedArticle) -> None:
    assert elbalad.title == "بعد فرار عائلات داعش من سجون سوريا.. أين التحالف الدولي؟"
    assert elbalad.site_name == "صدى البلد"


@pytest.mark.parametrize(
    "boilerplate",
    [
        "الإشراف العام",
        "إلهام أبو الفتح",
        "رئيس التحرير",
        "أحمــد صبـري",
        "سجون عائلات داعش",  # the photo's alt text and its caption
        "اقرأ أيضا",
        "فرار 785 من عائلات داعش من مخيم عين عيسى",
        "ترامب يعلن فرض عقوبات",
        "أضف تعليقك",
        "شارك",
        "الأكثر قراءة",
        "جميع الحقوق محفوظة",
        "الإثنين 14/أكتوبر/2019",
    ],
)
def test_seed_boilerplate_is_gone(elbalad: ExtractedArticle, boilerplate: str) -> None:
    assert boilerplate not in elbalad.text


def test_seed_metadata(elbalad: ExtractedArticle) -> None:
    assert elbalad.url == "https://www.elbalad.news/4017575?utm_source=rss"
    assert elbalad.canonical_url == "https://elbalad.news/4017575"
    assert elbalad.published_at == datetime(2019, 10, 14, 13, 30, tzinfo=UTC)
    assert elbalad.language == "ar"
    assert elbalad.content_hash == content_hash(elbalad.text)


# --- encodings -----------------------------------------------------------------------------

BREAD_TITLE = "ارتفاع أسعار الخبز في الأسواق المحلية"


@pytest.mark.parametrize(
    "http_encoding",
    [
        pytest.param("windows-1256", id="declared-in-http-header-only"),
        pytest.param(None, id="undeclared"),
        pytest.param("ISO-8859-1", id="server-default-latin1"),
    ],
)
def test_windows_1256_page_decodes(http_encoding: str | None) -> None:
    kwargs = {"http_encoding": http_encoding} if http_encoding else {}
    article = _article("cp1256-bread-prices.html", "https://alwatan.example/news/1", **kwargs)
    assert article.title == BREAD_TITLE
    assert article.text.startswith("شهدت الأسواق المحلية خلال الأسبوع الجاري")
    assert "بوزن الرغيف." in article.text


def test_catalog_encoding_wins_over_a_lying_header() -> None:
    source = Source(
        id="alwatan", name="الوطن", homepage="https://alwatan.example/", encoding="cp1256"
    )
    article = _article(
        "cp1256-bread-prices.html", "https://alwatan.example/news/1", source, http_encoding="utf-8"
    )
    assert article.title == BREAD_TITLE


# --- dates -----------------------------------------------------------------------------------


def test_date_without_offset_is_read_in_the_source_timezone() -> None:
    article = _article("cairo-no-offset.html", "https://www.nile.example/news/7", NILE)
    # 2024-01-01 01:30 in Cairo (UTC+2) is the evening before in UTC.
    assert article.published_at == datetime(2023, 12, 31, 23, 30, tzinfo=UTC)


def test_date_without_offset_and_without_source_is_utc() -> None:
    article = _article("cairo-no-offset.html", "https://www.nile.example/news/7")
    assert article.published_at == datetime(2024, 1, 1, 1, 30, tzinfo=UTC)


# --- skipped pages ---------------------------------------------------------------------------


def test_listing_page_is_skipped() -> None:
    result = extract_page(
        (PAGES / "listing-arab-news.html").read_bytes(), "https://nile.example/arab"
    )
    assert isinstance(result, SkippedPage)
    assert result.reason.startswith("listing page: 87 links")


def test_english_page_is_skipped() -> None:
    result = extract_page(
        (PAGES / "english-water-plant.html").read_bytes(), "https://nile.example/en"
    )
    assert result == SkippedPage("https://nile.example/en", "not Arabic (language en)")


def test_short_page_is_not_an_article() -> None:
    body = "<html><body><h1>عنوان</h1><p>خبر قصير من ثلاث كلمات.</p></body></html>".encode()
    result = extract_page(body, "https://nile.example/short")
    assert isinstance(result, SkippedPage)
    assert result.reason.startswith("not an article: ")


@pytest.mark.parametrize("body", [b"", b"  \n ", b"\x00\x01PK\x03\x04" * 40])
def test_unreadable_input_raises(body: bytes) -> None:
    with pytest.raises(ExtractionError, match=r"nile\.example/x"):
        extract_page(body, "https://nile.example/x")


# --- catalog drop rules ----------------------------------------------------------------------

_PARAGRAPH = "<p>وأكد المسؤول في تصريحات صحفية اليوم أن العمل في المشروع يسير وفق الجدول الزمني المحدد له، وأن الافتتاح سيكون خلال الربع الأخير من العام الجاري بحضور عدد من الوزراء والمسؤولين.</p>"
_PROMO = "<div class='partner-box'><p>هذه فقرة ترويجية طويلة من شريك تجاري يظهر نصها داخل جسم المقال نفسه ولا علاقة لها بالخبر المنشور على الإطلاق ولا يجوز أن تبقى في نصه المخزن.</p></div>"


def test_source_drop_selectors_remove_elements() -> None:
    body = (
        f"<html><body><article><h1>خبر</h1>{_PARAGRAPH}{_PROMO}{_PARAGRAPH}</article></body></html>"
    )
    source = Source(
        id="nile", name="بوابة النيل", homepage="https://nile.example/", drop=(".partner-box",)
    )
    kept = extract_page(body.encode(), "https://nile.example/1")
    dropped = extract_page(body.encode(), "https://nile.example/1", source)
    assert isinstance(kept, ExtractedArticle)
    assert isinstance(dropped, ExtractedArticle)
    assert "فقرة ترويجية" in kept.text
    assert "فقرة ترويجية" not in dropped.text
    assert "وفق الجدول الزمني" in dropped.text


# --- bylines and titles ----------------------------------------------------------------------


def test_byline_is_read_from_the_page_without_prefix() -> None:
    assert _article("cairo-no-offset.html", "https://nile.example/n/7").byline == "منى عبد الله"
    bread = _article("cp1256-bread-prices.html", "https://alwatan.example/news/1")
    assert bread.byline == "سامر الحلبي"


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("كتب: أحمد علي", "أحمد علي"),
        ("كتب - أحمد علي", "أحمد علي"),
        ("كتبت أسماء نصار", "أسماء نصار"),
        ("بقلم  سامر الحلبي", "سامر الحلبي"),
        ("تقرير: محمد سعيد", "محمد سعيد"),
        ("حوار: آسيا العتروس ", "آسيا العتروس"),
        ("- Author, كايلا إبستين وأنجليكا كاساس", "كايلا إبستين وأنجليكا كاساس"),
        ("By Jane Doe", "Jane Doe"),
        ("ضحى عرفة", "ضحى عرفة"),
        ("(أبوظبي - البيان)", None),
        ("https://www.facebook.com/someone", None),
        ("2020/12/25 - 1:59 صباحًا", None),
        ("", None),
        (None, None),
    ],
)
def test_clean_byline(raw: str | None, name: str | None) -> None:
    assert clean_byline(raw) == name


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("بيروت: هالة السباعي", "هالة السباعي"),
        ("نيل نيوز - سامر الحلبي", "سامر الحلبي"),
        ("نيل نيوز- سامر الحلبي", "سامر الحلبي"),
        ("القاهرة/ سامر الحلبي/ الأناضول", "سامر الحلبي"),
        ("بواسطة نيل نيوز", None),
        ("القاهرة - نيل نيوز", None),  # a desk: a place and the outlet, nobody's name
        ("أ ف ب", None),
        ("سامر الحلبي مع وكالات", "سامر الحلبي"),
    ],
)
def test_clean_byline_leaves_out_the_outlet_agencies_and_places(raw: str, name: str | None) -> None:
    assert clean_byline(raw, site_keys(["نيل نيوز"])) == name


@pytest.mark.parametrize(
    ("title", "names", "expected"),
    [
        (
            "وزارة العمل: تفاصيل تسفير 5 آلاف عامل - اليوم السابع",
            ["اليوم السابع"],
            "وزارة العمل: تفاصيل تسفير 5 آلاف عامل",
        ),
        (
            "آرون بوشنيل: أصدقاء الطيار | BBC News عربي",
            ["BBC News عربي"],
            "آرون بوشنيل: أصدقاء الطيار",
        ),
        ("سرقة منزل أميرة سعودية – Beirut Observer", ["Beirut Observer"], "سرقة منزل أميرة سعودية"),
        ("صدى البلد | بعد فرار عائلات داعش", ["صدى البلد"], "بعد فرار عائلات داعش"),
        (
            "تركى آل الشيخ: يارب يرفع عنك - قناة صدى البلد",
            ["صدى البلد"],
            "تركى آل الشيخ: يارب يرفع عنك",
        ),
        ("مصر - السودان: اتفاق جديد", ["اليوم السابع"], "مصر - السودان: اتفاق جديد"),
        ("عنوان بلا اسم موقع", [], "عنوان بلا اسم موقع"),
    ],
)
def test_strip_site_name(title: str, names: list[str], expected: str) -> None:
    assert strip_site_name(title, names) == expected


# --- text rules --------------------------------------------------------------------------------

BODY = "وقال المتحدث الرسمي باسم الوزارة في بيان صحفي اليوم إن الحكومة ستواصل دعم الأسر المتضررة من الأزمة الاقتصادية خلال الأشهر المقبلة، وإن برامج الدعم ستشمل المحافظات كافة."


@pytest.mark.parametrize(
    "boilerplate",
    [
        pytest.param(
            "الإشراف العام\nإلهام أبو الفتح\nرئيس التحرير\nأحمــد صبـري", id="masthead-lines"
        ),
        pytest.param("الإشراف العام : إلهام أبو الفتح", id="masthead-inline"),
        pytest.param("رئيس التحرير : محمود مكاوي مدير التحرير: طه جبريل", id="masthead-two-roles"),
        pytest.param("المـــؤســـس : الحــبـيـب شــيـخ روحه", id="masthead-tatweel"),
        pytest.param("كتب - محمد علي", id="byline-kataba"),
        pytest.param("حوار: آسيا العتروس", id="byline-hiwar"),
        pytest.param("- Author, كايلا إبستين\n- Role, بي بي سي نيوز", id="byline-bbc"),
        pytest.param(
            "إقرأ أيضاً\nقسد: فرار 785 من عائلات داعش\nترامب يعلن فرض عقوبات", id="read-also"
        ),
        pytest.param("اقرأ أيضا: ترامب يعلن فرض عقوبات على مسؤولين أتراك", id="read-also-inline"),
        pytest.param("التعليق على الصورة، متظاهرة تحمل لافتة", id="caption-label"),
        pytest.param("اضف تعليقاً واقرأ تعليقات القراء", id="comment-prompt"),
        pytest.param("لن يتم نشر عنوان بريدك الإلكتروني.", id="comment-form"),
        pytest.param("شارك", id="share"),
        pytest.param("Short URL", id="short-url"),
        pytest.param("نستخدم ملفات تعريف الارتباط لتحسين تجربتك. موافق", id="cookie-banner"),
        pytest.param("جميع الحقوق محفوظة © 2020 مؤسسة دبي للإعلام", id="copyright"),
        pytest.param("حقوق النشر محفوظة لـ اليوم السابع 2024", id="copyright-2"),
        pytest.param("تم نشره الخميس 24 ديسمبر 2020", id="published-line"),
        pytest.param("الجمعة 8 فيفري 2019", id="date-only-line"),
        pytest.param("الإثنين 14/أكتوبر/2019 - 03:30 م", id="date-time-line"),
        pytest.param("رئيس التحرير أحمد صبري", id="masthead-without-colon"),
        pytest.param("التاريخ: 03 يونيو 2020", id="date-label"),
        pytest.param("تابع أخبار قناة صدي البلد وانضم الآن", id="promo-channel"),
        pytest.param("تابعوا أخبار الإمارات من البيان عبر غوغل نيوز", id="promo-google-news"),
        pytest.param("(أبوظبي - البيان)", id="source-line"),
        pytest.param("تابعونا على:", id="follow-us-label"),
        pytest.param("تابعونا على فايسبوك وتويتر ويوتيوب", id="follow-us-channels"),
        pytest.param("فيديو | موظفون يواصلون الإضراب للمطالبة بالرواتب", id="video-title"),
        pytest.param("نشرت في:", id="date-label-without-its-time"),
        pytest.param(
            "ملاحظة: التعليقات لا تمثل رأي الموقع وإنما تعبر عن وجهة نظر أصحابها", id="notice"
        ),
        pytest.param("إعداد: سامر الحلبي – تحرير: ليلى حسن", id="credit-line"),
    ],
)
def test_boilerplate_lines_are_dropped(boilerplate: str) -> None:
    cleaned = clean_text(f"{boilerplate}\n{BODY}\n{BODY}")
    assert cleaned.text == f"{BODY}\n{BODY}"


@pytest.mark.parametrize(
    "sentence",
    [
        "شارك الوزير في اجتماع مجلس الوزراء.",
        "كتب الرئيس على حسابه في تويتر أن المفاوضات مستمرة وأن الاتفاق بات قريبا جدا، مشيرا إلى أن الوفد سيعود الأسبوع المقبل.",
        "تابع الوزير جولته في المحافظة بزيارة المستشفى العام.",
        "رحلة غير عادية",
        "تحقيقٌ رسمي:",
        "وقال رئيس التحرير إن الصحيفة ستواصل عملها رغم الضغوط التي تتعرض لها منذ أشهر.",
        "المدير العام للوكالة الدولية للطاقة الذرية",
        "المؤسسة العامة للمياه",
        "2020 | 150 | 30",
        "وأثار المقطع موجة من التعليقات على مواقع التواصل الاجتماعي.",
        "وقالت الهيئة إنها ستحاسب الصفحات التي تنشر التعليقات المسيئة.",
        '"تابعنا الموقف عن كثب منذ الصباح"، قال المسؤول.',
        "نشر في الجريدة الرسمية، الأربعاء، قرار رئيس مجلس الوزراء رقم 2140 لسنة 2026 بإنشاء الوحدة.",
        "لمتابعة النتائج، وضع الديوان تطبيقا إلكترونيا وموقعا مخصصا للمترشحين.",
        "سوريا – تركيا",
    ],
)
def test_article_sentences_are_kept(sentence: str) -> None:
    assert clean_text(f"{BODY}\n{sentence}\n{BODY}").text == f"{BODY}\n{sentence}\n{BODY}"


def test_byline_line_becomes_the_byline() -> None:
    assert clean_text(f"كتبت آية دعبس\n{BODY}").byline == "آية دعبس"


NILE_NAMES = site_keys(["نيل نيوز"])


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("نيل نيوز – القاهرة", None),
        ("الجيزة - نيل نيوز", None),
        ("القاهرة/ سامر الحلبي/ الأناضول", "سامر الحلبي"),
        ("إعداد: سامر الحلبي – تحرير: ليلى حسن", "سامر الحلبي"),
    ],
)
def test_a_dateline_in_its_own_paragraph_is_dropped(line: str, byline: str | None) -> None:
    cleaned = clean_text(f"{line}\n{BODY}", site=NILE_NAMES)
    assert (cleaned.text, cleaned.byline) == (BODY, byline)


@pytest.mark.parametrize(
    "opening",
    [
        "القاهرة - ",
        "نيل نيوز- ",
        "القاهرة - نيل نيوز - ",
        "الجيزة، مصر (رويترز)-- ",
        "«نيل نيوز»: ",
    ],
)
def test_a_dateline_opening_the_first_paragraph_is_dropped(opening: str) -> None:
    assert clean_text(f"{opening}{BODY}", site=NILE_NAMES).text == BODY


@pytest.mark.parametrize("opening", ["وقال الوزير - في بيان - ", "المدير العام للشركة - "])
def test_a_sentence_with_a_dash_is_not_a_dateline(opening: str) -> None:
    assert clean_text(f"{opening}{BODY}", site=NILE_NAMES).text == f"{opening}{BODY}"


NOTICE = "التعليقات المنشورة لا تعبر عن رأي الموقع، ويتحمل أصحابها مسؤوليتها."


def test_a_comment_notice_under_the_body_is_dropped() -> None:
    assert clean_text(f"{BODY}\n{BODY}\n{NOTICE}").text == f"{BODY}\n{BODY}"


def test_a_sentence_on_comment_rules_inside_the_body_is_kept() -> None:
    sentence = "وقالت الهيئة إن على أصحاب الصفحات الالتزام بقواعد النشر في التعليقات."
    text = f"{BODY}\n{sentence}\n{BODY}"
    assert clean_text(text).text == text


def test_headline_repeated_at_the_top_is_dropped() -> None:
    title = "بعد فرار عائلات داعش من سجون سوريا.. أين التحالف الدولي؟"
    assert clean_text(f"{title}\n{BODY}", title=title).text == BODY


def test_content_hash_ignores_whitespace_and_follows_text() -> None:
    assert content_hash("سطر أول\nسطر  ثان") == content_hash("سطر أول سطر ثان ")
    assert content_hash("سطر أول") != content_hash("سطر ثان")
    assert content_hash("إسلام") == content_hash(unicodedata.normalize("NFD", "إسلام"))


def test_a_page_that_starts_with_an_xml_declaration_is_read(elbalad: ExtractedArticle) -> None:
    body = (
        b'<?xml version="1.0" encoding="utf-8"?>\n'
        + (PAGES / "elbalad-isis-families.html").read_bytes()
    )
    result = extract_page(body, "https://www.elbalad.news/4017575")
    assert isinstance(result, ExtractedArticle)
    assert result.text == elbalad.text


# --- tree rules: leads, reply forms, teasers, players, bylines by markup ----------------------

_PARAGRAPHS = (
    _PARAGRAPH,
    "<p>وأوضح أن الشركة المنفذة أنجزت حتى الآن نحو ثلثي الأعمال الإنشائية، وأن ما تبقى يتعلق بتركيب المعدات وتجربة التشغيل قبل التسليم النهائي للجهات المختصة في المحافظة.</p>",
    "<p>ويعد المشروع واحدا من أكبر مشروعات البنية التحتية في المنطقة، إذ يخدم عند اكتماله مئات الآلاف من السكان ويوفر فرص عمل لعدد كبير من الشباب في القرى المجاورة.</p>",
)
_LEAD = "تتجه الحكومة إلى رفع أسعار الوقود للمرة الثالثة هذا العام، في خطوة يقول مسؤولون إنها ضرورية لخفض عجز الموازنة"


def _page(header: str, after_body: str = "", meta: str = "") -> ExtractedArticle:
    body = "".join(_PARAGRAPHS)
    html = (
        f"<html><head><title>الحكومة ترفع الوقود</title>{meta}</head><body><article>"
        f"<h1>الحكومة ترفع أسعار الوقود</h1>{header}<div class='content'>{body}</div>"
        f"{after_body}</article></body></html>"
    )
    return _article_html(html)


def _article_html(html: str) -> ExtractedArticle:
    result = extract_page(html.encode(), "https://nile.example/news/1")
    assert isinstance(result, ExtractedArticle), result
    return result


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(f"<div class='article-summary'>{_LEAD}</div>", id="summary-class"),
        pytest.param(f"<p class='chapo'><em>{_LEAD}</em></p>", id="chapo-class"),
        pytest.param(f"<h2>{_LEAD}</h2>", id="heading-after-the-headline"),
        pytest.param(
            f"<div class='box'><span>ملخص</span><p>{_LEAD}</p></div>", id="labelled-summary-box"
        ),
    ],
)
def test_a_lead_set_apart_from_the_body_opens_the_text(header: str) -> None:
    assert _page(header).text.split("\n")[0] == _LEAD


def test_a_lead_is_found_by_the_description_it_resembles() -> None:
    meta = f"<meta name='description' content='{_LEAD[:70]}'>"
    article = _page(f"<div class='meta'><span>منذ ساعة</span></div><p>{_LEAD}</p>", meta=meta)
    assert article.text.split("\n")[0] == _LEAD


def test_a_byline_or_date_under_the_headline_is_no_lead() -> None:
    header = "<div class='info'><span>كتب: سامر الحلبي</span> <span>الإثنين 15-06-2026 14:32</span></div>"
    article = _page(header)
    assert article.text.split("\n")[0] == _PARAGRAPH[3:-4]
    assert article.byline == "سامر الحلبي"


def test_a_reply_form_and_its_rules_are_removed() -> None:
    form = (
        "<div class='box-x'><div>أضف رأيك</div><p>يمنع نشر ما يسيء إلى الأشخاص أو الجهات، "
        "وتخضع المشاركات للمراجعة قبل ظهورها على الصفحة.</p><textarea></textarea></div>"
    )
    assert "يمنع نشر" not in _page("", after_body=form).text


def test_a_reader_comment_names_no_author() -> None:
    comments = (
        "<div class='comments'><div class='comment'><span class='comment-author'>أبو علي</span>"
        "<p>تعليق قصير</p></div></div>"
    )
    assert _page("", after_body=comments).byline is None


def test_an_author_page_link_is_the_byline() -> None:
    header = "<div class='meta'><a href='/author/samer'>سامر الحلبي</a></div>"
    assert _page(header).byline == "سامر الحلبي"


def test_a_teaser_and_a_video_title_between_paragraphs_are_removed() -> None:
    teaser = "<p><a href='/news/2'>مصر ترفع أسعار الخبز المدعم للمرة الأولى منذ عقود</a></p>"
    player = (
        "<div class='media'><div class='video-player' data-id='1'></div>"
        "<p>مشاهد من طوابير السيارات أمام محطات الوقود في العاصمة</p></div>"
    )
    html = (
        f"<html><body><article><h1>الحكومة ترفع أسعار الوقود</h1>{_PARAGRAPHS[0]}{teaser}"
        f"{_PARAGRAPHS[1]}{player}{_PARAGRAPHS[2]}</article></body></html>"
    )
    text = _article_html(html).text
    assert "الخبز المدعم" not in text
    assert "طوابير السيارات" not in text
    assert text == "\n".join(p[3:-4] for p in _PARAGRAPHS)
