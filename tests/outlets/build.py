"""Fixture outlets of our own making, served locally, with the facts the crawl tests assert.

``build_outlets(folder)`` starts three outlets and writes a catalog for them:

* alpha (ألفا نيوز): RSS feed with ETag/Last-Modified, sitemap index, AMP copy, robots.txt
  that disallows /private/, a tracking-parameter link, a repeated item, a 500 and a 404;
* beta (بيتا برس): no feed; a section page full of noise links, a windows-1256 page whose
  charset is only in the HTTP header, a syndicated copy of an alpha article, dated sitemaps;
* gamma: refuses everything with 403, robots.txt included.

Each outlet sits on its own loopback address (127.0.0.1, .2, .3), not only its own port:
Scrapy keys its per-domain download slots, and Rasad its ``Source.domain``, on the host name
without the port, so three ports on one address would be one "domain" to both.

``build_big_outlet`` serves N distinct article pages behind a sitemap index, for the benchmark.
All Arabic texts below are written for these fixtures.
"""

from __future__ import annotations

import html
import json
import random
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import format_datetime
from itertools import combinations
from pathlib import Path
from typing import Self
from zoneinfo import ZoneInfo

from .server import HTML, Handler, OutletServer, Request, Response

ALPHA_HOST, BETA_HOST, GAMMA_HOST = "127.0.0.1", "127.0.0.2", "127.0.0.3"
TIMEZONE = "Asia/Damascus"  # both outlets' catalog time zone; beta's dates carry no offset
ALPHA_ZONE = timezone(timedelta(hours=3))  # alpha writes its dates with a +03:00 offset
XML = "application/xml"  # deliberately without a charset: the XML declaration carries it
AGENCY_CREDIT = "وكالات"  # the byline of beta's syndicated copy: agencies, no author
COMMENT_PROMPT = "شاركنا رأيك في التعليقات أدناه، ولا تنس متابعة صفحاتنا على مواقع التواصل"
# Page chrome that a clean extraction must not keep (captions are per article: Article.caption).
BOILERPLATE = (
    "جميع الحقوق محفوظة",
    "اقرأ أيضا",
    COMMENT_PROMPT,
    "كتب:",
    "أخبار سوريا والعالم على مدار الساعة",
    "الأكثر قراءة",
    "اشترك في نشرتنا البريدية",
)


@dataclass(frozen=True)
class Story:
    """The writing of one article, before it is put on a page."""

    title: str
    byline: str
    caption: str
    paragraphs: tuple[str, ...]


# ---------------------------------------------------------------------------------------------
# Texts. HOL mentions «مخيم الهول» and «داعش»; WEATHER, FOOTBALL and EXAMS mention neither.

HOL = Story(
    "خروج دفعة جديدة من العائلات السورية من مخيم الهول بكفالة عشائرية",
    "سامر الأحمد",
    "عائلات تستعد لمغادرة المخيم في ريف الحسكة الشرقي",
    (
        "أعلنت الإدارة الذاتية في شمال شرق سوريا، اليوم الثلاثاء، خروج دفعة جديدة من العائلات"
        " السورية من مخيم الهول بريف الحسكة الشرقي، تضم أكثر من مئة وخمسين عائلة من أبناء"
        " ريف دير الزور، وذلك بموجب اتفاق مع وجهاء العشائر في المنطقة.",
        "وقال مسؤول في إدارة المخيم إن العائلات خضعت لتدقيق أمني استمر عدة أسابيع للتأكد من"
        " عدم ارتباط أفرادها بتنظيم داعش، مضيفا أن الكفالة العشائرية شرط أساسي لإتمام عملية"
        " الخروج.",
        "ويؤوي مخيم الهول نحو أربعين ألف شخص غالبيتهم من النساء والأطفال، بينهم آلاف من"
        " عائلات عناصر التنظيم القادمين من العراق ومن أكثر من خمسين دولة أخرى، في ظروف"
        " إنسانية تصفها المنظمات الدولية بالصعبة.",
        "وتطالب الإدارة الذاتية الدول المعنية منذ سنوات باستعادة رعاياها من المخيم، محذرة من"
        " أن بقاء الأطفال في بيئة مغلقة يعرضهم لخطر التطرف، فيما تتباطأ معظم الحكومات في"
        " تنفيذ عمليات الإعادة.",
        "وشهد المخيم خلال الأشهر الماضية حملات أمنية متكررة أسفرت عن ضبط أسلحة وأنفاق، بعد"
        " سلسلة من حوادث القتل التي طالت قاطنين وعاملين في المجال الإنساني.",
    ),
)
PRISONS = Story(
    "مخاوف حقوقية من اكتظاظ السجون التي تضم معتقلي التنظيم في الحسكة",
    "ليلى حسن",
    "مدخل أحد مراكز الاحتجاز في مدينة الحسكة",
    (
        "حذرت منظمات حقوقية من تدهور الأوضاع داخل السجون التي تحتجز فيها قوات سوريا"
        " الديمقراطية آلاف المشتبه بانتمائهم إلى تنظيم داعش في محافظة الحسكة، مشيرة إلى نقص"
        " حاد في الرعاية الطبية.",
        "وبحسب تقرير صدر الأسبوع الماضي، يقبع في سجن الصناعة بحي غويران وحده ما يزيد على"
        " أربعة آلاف معتقل، بينهم مئات الفتيان الذين نقلوا من المخيمات بعد بلوغهم سن الرشد.",
        "وتقول الإدارة الذاتية إن إمكاناتها المحدودة لا تسمح بمحاكمة هذا العدد الكبير من"
        " المحتجزين، وتدعو إلى إنشاء محكمة دولية خاصة على الأراضي السورية للنظر في قضاياهم.",
        "ويستذكر سكان الحسكة الهجوم الذي شنه التنظيم على السجن مطلع عام ألفين واثنين وعشرين،"
        " حين دارت معارك استمرت أياما وأدت إلى فرار عدد من السجناء قبل إعادة السيطرة على"
        " المبنى.",
    ),
)
WEATHER = Story(
    "موجة حر تضرب المنطقة ودرجات الحرارة تتجاوز الأربعين",
    "رامي يوسف",
    "شارع شبه خال في ساعات الظهيرة",
    (
        "توقعت مديرية الأرصاد الجوية أن تشهد معظم المناطق ارتفاعا ملحوظا في درجات الحرارة"
        " خلال الأيام الثلاثة المقبلة، لتتجاوز الأربعين درجة مئوية في المناطق الشرقية"
        " والبادية.",
        "ودعت المديرية المواطنين إلى تجنب التعرض المباشر لأشعة الشمس في ساعات الظهيرة"
        " والإكثار من شرب الماء، مع إيلاء اهتمام خاص بكبار السن والأطفال والمصابين بأمراض"
        " مزمنة.",
        "وأشار خبير في الأرصاد إلى أن الكتلة الهوائية الحارة قادمة من شبه الجزيرة العربية، وأن"
        " الرياح الشرقية الجافة قد تثير الغبار في بعض المناطق، ما يؤدي إلى انخفاض مدى الرؤية"
        " على الطرق السريعة.",
        "ومن المنتظر أن تنحسر الموجة تدريجيا مطلع الأسبوع القادم، مع عودة درجات الحرارة إلى"
        " معدلاتها المعتادة في مثل هذا الوقت من السنة.",
    ),
)
FOOTBALL = Story(
    "الفتوة يقلب تأخره إلى فوز مثير على تشرين في الدوري الممتاز",
    "باسل عيسى",
    "لاعبو الفتوة يحتفلون بهدف الفوز",
    (
        "حقق فريق الفتوة فوزا مثيرا على ضيفه تشرين بثلاثة أهداف مقابل هدفين، في المباراة التي"
        " جمعتهما مساء أمس ضمن منافسات المرحلة الثانية عشرة من الدوري الممتاز لكرة القدم.",
        "وكان الضيوف قد تقدموا بهدفين نظيفين في الشوط الأول، قبل أن ينتفض أصحاب الأرض بعد"
        " الاستراحة ويسجلوا ثلاثة أهداف في غضون عشرين دقيقة، كان آخرها من ركلة جزاء في الوقت"
        " بدل الضائع.",
        "وقال مدرب الفتوة في المؤتمر الصحفي عقب اللقاء إن لاعبيه أظهروا روحا قتالية عالية،"
        " مؤكدا أن الفريق ما زال قادرا على المنافسة على اللقب رغم الإصابات التي يعاني منها خط"
        " الدفاع.",
        "وبهذا الفوز يرتفع رصيد الفتوة إلى ست وعشرين نقطة في المركز الثاني بفارق نقطتين عن"
        " المتصدر، فيما تجمد رصيد تشرين عند تسع عشرة نقطة.",
    ),
)
MARKETS = Story(
    "تراجع أسعار الخضار في أسواق الحسكة مع وفرة الإنتاج المحلي",
    "نور الدين خليل",
    "بسطة خضار في سوق الهال",
    (
        "شهدت أسواق مدينة الحسكة خلال الأسبوع الجاري انخفاضا في أسعار عدد من أصناف الخضار،"
        " بعد دخول إنتاج المزارع المحلية إلى الأسواق بكميات كبيرة، ما خفف العبء عن الأسر ذات"
        " الدخل المحدود.",
        "وقال تاجر في سوق الهال إن سعر كيلو البندورة انخفض إلى النصف تقريبا مقارنة بالشهر"
        " الماضي، كما تراجعت أسعار الخيار والباذنجان، في حين بقيت أسعار البطاطا مرتفعة بسبب"
        " اعتمادها على الاستيراد.",
        "في المقابل يشكو المزارعون من ارتفاع تكاليف الري والأسمدة والمحروقات، ويقولون إن"
        " الأسعار الحالية بالكاد تغطي نفقات الإنتاج، مطالبين بفتح باب التسويق إلى المحافظات"
        " الأخرى.",
        "ويرى اقتصاديون أن استقرار سعر صرف الليرة خلال الفترة الأخيرة ساهم في ضبط الأسعار،"
        " لكنهم يحذرون من أن أي اضطراب جديد في سوق القطع قد يعيد موجة الغلاء سريعا.",
    ),
)
ROJ = Story(
    "إعادة أطفال ونساء من مخيم روج إلى بلدانهم الأصلية",
    "سامر الأحمد",
    "حافلة تقل عائلات عند معبر حدودي",
    (
        "تسلم وفد حكومي أوروبي، أمس الأحد، عددا من النساء والأطفال من مخيم روج في ريف"
        " المالكية، في عملية إعادة هي الثالثة من نوعها منذ مطلع العام الجاري.",
        "وأوضح مسؤول العلاقات الخارجية في الإدارة الذاتية أن عملية التسليم جرت عند معبر"
        " حدودي بحضور ممثلين عن التحالف الدولي، وأن الأطفال سينقلون إلى مراكز رعاية متخصصة"
        " فور وصولهم.",
        "وتنتقد منظمات إنسانية بطء هذه العمليات، إذ لا يزال آلاف الأطفال يعيشون في الخيام"
        " منذ سنوات دون تعليم منتظم أو رعاية صحية كافية، وتطالب بتسريع إجراءات الإعادة قبل"
        " حلول فصل الشتاء.",
    ),
)
EXAMS = Story(
    "انطلاق امتحانات الشهادة الثانوية وسط إجراءات تنظيمية جديدة",
    "هبة منصور",
    "طلاب أمام أحد المراكز الامتحانية",
    (
        "انطلقت صباح اليوم امتحانات الشهادة الثانوية بفرعيها العلمي والأدبي، بمشاركة عشرات"
        " الآلاف من الطلاب موزعين على مئات المراكز الامتحانية في مختلف المحافظات.",
        "واعتمدت وزارة التربية هذا العام نظاما جديدا لتوزيع الأسئلة إلكترونيا قبل بدء"
        " الامتحان بدقائق، للحد من ظاهرة تسريب الأسئلة التي أثارت جدلا واسعا في الدورات"
        " السابقة.",
        "وأبدى عدد من الطلاب ارتياحهم لأسئلة مادة اللغة العربية، واصفين إياها بالواضحة"
        " والمتوازنة، فيما اشتكى آخرون من ضيق الوقت المخصص للإجابة.",
        "ومن المقرر أن تصدر النتائج في النصف الثاني من الشهر المقبل، بحسب ما أعلنته الوزارة"
        " في بيان رسمي.",
    ),
)
SECRET = Story(
    "وثيقة داخلية لا ينبغي أن تصل إليها الزواحف",
    "الإدارة",
    "صورة أرشيفية",
    ("هذه الصفحة محجوبة عن الزواحف في ملف robots.txt، وأي طلب لها خطأ في الزاحف.",),
)
WATER = Story(
    "انقطاع المياه عن مدينة الحسكة لليوم العاشر على التوالي",
    "أحمد درويش",
    "صهريج مياه في أحد أحياء الحسكة",
    (
        "يعيش سكان مدينة الحسكة أزمة عطش متجددة بعد توقف محطة علوك عن ضخ المياه لليوم العاشر"
        " على التوالي، ما دفع آلاف العائلات إلى شراء مياه الصهاريج بأسعار مرتفعة.",
        "ويقول أبو محمد، وهو موظف متقاعد من حي الناصرة، إن أسرته تنفق ربع دخلها الشهري على"
        " المياه، مضيفا أن جودة المياه المنقولة بالصهاريج غير مضمونة وتسببت بحالات إسهال بين"
        " الأطفال.",
        "وتحاول المنظمات الإنسانية تخفيف الأزمة عبر توزيع المياه مجانا في بعض الأحياء، إلا أن"
        " الكميات المتوفرة لا تغطي سوى جزء صغير من حاجة المدينة التي يقطنها قرابة مليون نسمة.",
    ),
)
# Served as windows-1256: it mentions «مخيم الهول» and «داعش», so a decoding error shows up
# as a missed alert as well as as mojibake.
FAMILIES = Story(
    "عائلات تبحث عن أبنائها المحتجزين منذ سنوات دون جواب",
    "مريم العلي",
    "أم تحمل صورة ابنها المفقود",
    (
        "تواصل عشرات العائلات في ريف دير الزور البحث عن مصير أبنائها الذين اعتقلوا قبل سنوات"
        " بتهمة الانتماء إلى تنظيم داعش، من دون أن تتلقى أي معلومات رسمية عن أماكن احتجازهم"
        " أو التهم الموجهة إليهم.",
        "وتروي أم خالد أنها زارت مكاتب عدة في الحسكة والقامشلي، وأنها انتقلت مع أحفادها إلى"
        " مخيم الهول أملا في الحصول على خبر عن ابنها، لكنها لم تحصل حتى الآن سوى على وعود.",
        "ويطالب ناشطون بإنشاء قاعدة بيانات موحدة للمحتجزين تتيح لذويهم معرفة أوضاعهم،"
        " وبالسماح للجنة الدولية للصليب الأحمر بزيارة جميع مراكز الاحتجاز بانتظام.",
    ),
)
WHEAT = Story(
    "توقعات بموسم قمح أفضل من العام الماضي في منطقة الجزيرة",
    "خالد الصالح",
    "حقل قمح قرب القامشلي",
    (
        "يتوقع مزارعو منطقة الجزيرة موسم قمح أفضل من الموسم الماضي، بعد هطولات مطرية جيدة"
        " خلال الشتاء والربيع وتحسن نسبي في توفر البذار والأسمدة.",
        "وقال رئيس اتحاد الفلاحين في القامشلي إن المساحات المزروعة بالقمح البعل تضاعفت"
        " تقريبا، متوقعا أن يتجاوز الإنتاج حاجة المنطقة للمرة الأولى منذ سنوات.",
        "لكن المزارعين يخشون من تكرار حرائق المحاصيل التي التهمت آلاف الدونمات في مواسم"
        " سابقة، ويطالبون بتجهيز فرق إطفاء متنقلة قرب الحقول خلال فترة الحصاد.",
        "كما لم يحدد حتى الآن سعر شراء الطن من المزارعين، وهو ما يثير قلقا من أن يضطر بعضهم"
        " إلى بيع محاصيلهم للتجار بأسعار زهيدة.",
    ),
)
CLINIC = Story(
    "افتتاح مركز صحي جديد في بلدة الشدادي جنوب الحسكة",
    "ريم حداد",
    "قاعة الانتظار في المركز الصحي الجديد",
    (
        "افتتح في بلدة الشدادي جنوب الحسكة مركز صحي جديد بتمويل من منظمة دولية، يقدم خدمات"
        " الرعاية الأولية والتلقيح ورعاية الأمومة لسكان البلدة والقرى المحيطة.",
        "وقالت مديرة المركز إن الكادر يضم أربعة أطباء وعشر ممرضات، وإن المركز سيعمل بنظام"
        " المناوبة على مدار الساعة لاستقبال الحالات الإسعافية.",
        "وكان سكان المنطقة يضطرون سابقا إلى قطع مسافة تزيد على ستين كيلومترا للوصول إلى أقرب"
        " مستشفى في مدينة الحسكة، وهو ما كان يشكل عبئا كبيرا خاصة على الحوامل وكبار السن.",
    ),
)
TUNNEL = Story(
    "إحباط محاولة فرار من سجن في القامشلي بعد اكتشاف نفق",
    "أحمد درويش",
    "سور أحد السجون في القامشلي",
    (
        "أعلنت قوى الأمن الداخلي في القامشلي إحباط محاولة فرار جماعي من أحد السجون التي تضم"
        " موقوفين يشتبه بانتمائهم إلى تنظيم داعش، بعد العثور على نفق قيد الحفر أسفل أحد"
        " المهاجع.",
        "وذكر بيان صادر عن القوى الأمنية أن حراس السجن لاحظوا تحركات غير معتادة خلال جولة"
        " تفتيش ليلية، ما قاد إلى اكتشاف النفق الذي بلغ طوله نحو خمسة عشر مترا.",
        "وأضاف البيان أنه جرى نقل عدد من الموقوفين إلى مراكز احتجاز أخرى، وفتح تحقيق لمعرفة"
        " الجهات التي ساعدتهم في الحصول على أدوات الحفر.",
    ),
)
ORIGINAL_STORIES = (HOL, PRISONS, WEATHER, FOOTBALL, MARKETS, ROJ, EXAMS)
ORIGINAL_STORIES += (WATER, FAMILIES, WHEAT, CLINIC, TUNNEL)


# ---------------------------------------------------------------------------------------------
# Facts


@dataclass(frozen=True)
class Article:
    """One article page as served, with what a correct extraction yields from it."""

    url: str  # the page's own (canonical) URL
    source: str  # catalog id
    title: str  # the visible headline, without the site name
    byline: str  # the reporter's name, without «كتب:»
    caption: str  # the photo caption, which is page chrome, not text
    paragraphs: tuple[str, ...]
    published_at: datetime  # aware, UTC

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class Outlets:
    """The three running outlets, their catalog, and what a correct crawl of them finds."""

    alpha: OutletServer
    beta: OutletServer
    gamma: OutletServer
    catalog_path: Path
    articles: dict[str, Article]  # every article page answering 200, keyed by its URL
    alpha_feed: str
    alpha_sitemap_index: str
    alpha_sitemap: str
    beta_section: str
    beta_dated_sitemaps: tuple[str, str]  # today's and yesterday's, in TIMEZONE
    gamma_feed: str
    tracking_url: str  # a feed link with utm_* parameters ...
    tracking_clean: str  # ... and the article it is
    repeated_in_feed: str  # an item listed twice in the feed
    amp_url: str  # reached from the feed ...
    amp_canonical: str  # ... and its canonical, reached from the sitemap: one article
    feed_and_sitemap: str  # an article listed both in the feed and in the sitemap
    disallowed: tuple[str, ...]  # in the feed, disallowed by robots.txt: never requested
    server_error: str  # answers 500 (Scrapy retries it)
    not_found: str  # answers 404
    windows_1256: str  # bytes in windows-1256, charset only in the Content-Type header
    syndicated: tuple[str, str]  # (beta's copy, alpha's original): identical text
    section_articles: tuple[str, ...]  # the article links of beta's section page
    section_noise: tuple[str, ...]  # every other href on it, as written
    topic_hits: frozenset[str] = field(default_factory=frozenset)  # «مخيم الهول» and «داعش»
    topic_misses: frozenset[str] = field(default_factory=frozenset)  # neither word

    @property
    def unique_articles(self) -> frozenset[str]:
        """Article URLs a full crawl stores as distinct stories (the syndicated copy aside)."""
        return frozenset(self.articles) - {self.syndicated[0]}

    def stop(self) -> None:
        for server in (self.alpha, self.beta, self.gamma):
            server.stop()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


# ---------------------------------------------------------------------------------------------
# Pages


def alpha_page(article: Article, *, related: tuple[Article, ...] = (), amp: bool = False) -> str:
    """An alpha article page: masthead, menu, headline, byline, captioned photo, body, chrome."""
    local = article.published_at.astimezone(ALPHA_ZONE)
    stamp = local.isoformat()  # e.g. 2025-06-01T10:30:00+03:00
    path = article.url.split("/", 3)[3]
    if amp:  # AMP pages point back to the article, often with a relative URL
        head = f'<html ⚡ lang="ar" dir="rtl">\n<head>\n<link rel="canonical" href="/{path}">\n'
    else:
        head = f'<html lang="ar" dir="rtl">\n<head>\n<link rel="canonical" href="{article.url}">\n'
    paragraphs = [f"<p>{html.escape(p)}</p>" for p in article.paragraphs]
    figure = (
        f'<figure class="photo"><img src="/images/{path.rsplit("/", 1)[-1]}.jpg" alt="">'
        f"<figcaption>{html.escape(article.caption)}</figcaption></figure>"
    )
    paragraphs.insert(1, figure)  # between paragraphs, where real outlets put it
    links = "".join(f'<li><a href="{r.url}">{html.escape(r.title)}</a></li>' for r in related)
    title = html.escape(article.title)
    return f"""<!DOCTYPE html>
{head}<meta charset="utf-8">
<title>{title} - ألفا نيوز</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:site_name" content="ألفا نيوز">
<meta property="og:type" content="article">
<meta property="og:title" content="{title} - ألفا نيوز">
<meta property="article:published_time" content="{stamp}">
</head>
<body>
<header class="masthead">
<a class="logo" href="/">ألفا نيوز</a>
<p class="tagline">أخبار سوريا والعالم على مدار الساعة</p>
</header>
<nav class="menu"><ul>
<li><a href="/">الرئيسية</a></li><li><a href="/section/syria">سوريا</a></li>
<li><a href="/section/economy">اقتصاد</a></li><li><a href="/section/sport">رياضة</a></li>
<li><a href="/section/weather">طقس</a></li>
</ul></nav>
<main>
<article>
<h1 class="headline">{title}</h1>
<div class="byline">كتب: {html.escape(article.byline)}</div>
<time datetime="{stamp}">{local:%Y/%m/%d %H:%M}</time>
<div class="article-body">
{chr(10).join(paragraphs)}
</div>
</article>
<aside class="related"><h2>اقرأ أيضا</h2><ul>{links}</ul></aside>
<section class="comments"><p>{COMMENT_PROMPT}</p></section>
</main>
<footer><p>جميع الحقوق محفوظة © ألفا نيوز {local.year}</p></footer>
</body>
</html>
"""


def beta_page(article: Article, *, meta_charset: bool = True) -> str:
    """A beta article page: other chrome, a naive local date, the byline as «إعداد: ...»."""
    local = article.published_at.astimezone(ZoneInfo(TIMEZONE)).replace(tzinfo=None)
    charset = '<meta charset="utf-8">\n' if meta_charset else ""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs)
    title = html.escape(article.title)
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
{charset}<title>{title} | بيتا برس</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{local:%Y-%m-%dT%H:%M:%S}">
</head>
<body>
<div id="top-bar"><a href="/">بيتا برس</a> <span>اشترك في نشرتنا البريدية</span></div>
<div id="menu"><a href="/section/syria">سوريا</a> | <a href="/section/economy">اقتصاد</a></div>
<div class="content">
<h1>{title}</h1>
<span class="author">إعداد: {html.escape(article.byline)}</span>
<div class="image"><img src="/img/photo.jpg" alt=""><p class="caption">{html.escape(article.caption)}</p></div>
<div class="text">
{body}
</div>
</div>
<div class="sidebar"><h3>الأكثر قراءة</h3><ul><li><a href="/article/2001">انقطاع المياه</a></li></ul></div>
<div class="footer">جميع الحقوق محفوظة لموقع بيتا برس</div>
</body>
</html>
"""


def listing_page(name: str, links: list[tuple[str, str]]) -> str:
    """A homepage or section page: a list of (href, label) links, written as given."""
    items = "\n".join(
        f'<li><a href="{href}">{html.escape(label)}</a></li>' for href, label in links
    )
    return (
        f'<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n<head><meta charset="utf-8">'
        f"<title>{name}</title></head>\n<body>\n<h1>{name}</h1>\n<ul>\n{items}\n</ul>\n"
        "</body>\n</html>\n"
    )


def urlset(urls: list[str], lastmod: datetime) -> bytes:
    entries = "".join(
        f"<url><loc>{url}</loc><lastmod>{lastmod:%Y-%m-%dT%H:%M:%SZ}</lastmod></url>\n"
        for url in urls
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}</urlset>\n'
    ).encode()


def sitemap_index(urls: list[str], lastmod: datetime) -> bytes:
    entries = "".join(
        f"<sitemap><loc>{url}</loc><lastmod>{lastmod:%Y-%m-%dT%H:%M:%SZ}</lastmod></sitemap>\n"
        for url in urls
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}'
        "</sitemapindex>\n"
    ).encode()


def rss(base: str, items: list[tuple[str, Article]], built: datetime) -> bytes:
    """RSS 2.0 with two faults real feeds have: a bare «&» and an HTML-only entity."""
    entries = []
    for index, (link, article) in enumerate(items):
        lead = html.escape(article.paragraphs[0])
        if index == 1:
            lead += "&nbsp;التفاصيل"  # &nbsp; is not an XML entity
        entries.append(
            f"<item><title>{html.escape(article.title)}</title><link>{link}</link>"
            f'<guid isPermaLink="true">{link}</guid>'
            f"<pubDate>{format_datetime(article.published_at)}</pubDate>"
            f"<description>{lead}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n'
        "<title>ألفا نيوز - أخبار & تقارير</title>\n"  # the bare & makes it ill-formed XML
        f"<link>{base}/</link>\n<description>آخر أخبار ألفا نيوز</description>\n"
        f"<language>ar</language>\n<lastBuildDate>{format_datetime(built)}</lastBuildDate>\n"
        + "\n".join(entries)
        + "\n</channel>\n</rss>\n"
    ).encode()


def page(text: str, *, encoding: str = "utf-8", content_type: str | None = None) -> Response:
    return Response(body=text.encode(encoding), content_type=content_type or HTML)


def robots(text: str) -> Response:
    return Response(body=text.encode(), content_type="text/plain")


# ---------------------------------------------------------------------------------------------
# The three outlets


def article_at(url: str, source: str, story: Story, published_at: datetime) -> Article:
    return Article(
        url, source, story.title, story.byline, story.caption, story.paragraphs, published_at
    )


def build_alpha(now: datetime) -> tuple[OutletServer, dict[str, Article]]:
    """Alpha on ALPHA_HOST: feed, sitemap index, AMP copy, robots.txt, errors."""
    server = OutletServer(host=ALPHA_HOST)
    base = server.base
    stories = (HOL, PRISONS, WEATHER, FOOTBALL, MARKETS, ROJ, EXAMS)
    articles = [
        article_at(f"{base}/news/{1001 + i}", "alpha", story, now - timedelta(hours=i + 1))
        for i, story in enumerate(stories)
    ]
    hol, prisons, weather, football, markets, roj, _exams = articles
    for index, article in enumerate(articles):
        related = (articles[index - 1], articles[(index + 1) % len(articles)])
        server.route(f"/news/{1001 + index}", page(alpha_page(article, related=related)))
    server.route("/amp/news/1005", page(alpha_page(markets, amp=True)))
    secret = article_at(f"{base}/private/secret-story", "alpha", SECRET, now)
    server.route("/private/secret-story", page(alpha_page(secret)))
    server.route("/news/1500", Response(500, b"<html><body>Internal Server Error</body></html>"))
    server.route("/news/1404", Response(404, b"<html><body>Not Found</body></html>"))
    server.route(
        "/robots.txt",
        robots(f"User-agent: *\nDisallow: /private/\n\nSitemap: {base}/sitemap_index.xml\n"),
    )
    feed_items = [
        (f"{hol.url}?utm_source=rss&amp;utm_medium=feed", hol),
        (prisons.url, prisons),
        (prisons.url, prisons),  # the same item twice, as CMS feeds sometimes list it
        (weather.url, weather),
        (football.url, football),
        (f"{base}/amp/news/1005", markets),
        (roj.url, roj),
        (secret.url, secret),
        (f"{base}/news/1500", weather),
        (f"{base}/news/1404", football),
    ]
    server.route(
        "/rss.xml",
        Response(
            body=rss(base, feed_items, now),
            content_type="application/rss+xml; charset=utf-8",
            etag='"alpha-rss-1"',
            last_modified=format_datetime(now.replace(second=0, microsecond=0), usegmt=True),
        ),
    )
    server.route(
        "/sitemap_index.xml",
        Response(body=sitemap_index([f"{base}/sitemap-1.xml"], now), content_type=XML),
    )
    in_sitemap = [football.url, markets.url, articles[6].url]
    server.route("/sitemap-1.xml", Response(body=urlset(in_sitemap, now), content_type=XML))
    server.route("/", page(listing_page("ألفا نيوز", [(a.url, a.title) for a in articles])))
    return server, {article.url: article for article in articles}


SECTION_NOISE = (
    "/",
    "/section/syria",
    "/section/economy",
    "/tag/%D9%85%D8%AE%D9%8A%D9%85-%D8%A7%D9%84%D9%87%D9%88%D9%84",
    "/author/ahmad-darwish",
    "/category/reports",
    "/article/2001/print",  # article-like, but not an article: the pattern must refuse it
    "/articles?page=2",
    "https://www.example.org/news/2001",
    "https://twitter.com/betapress",
    "javascript:void(0)",
    "mailto:desk@beta.example",
    "#top",
    "#comments",
)


def build_beta(now: datetime, original: Article) -> tuple[OutletServer, dict[str, Article]]:
    """Beta on BETA_HOST: section page, windows-1256 page, syndicated copy, dated sitemaps."""
    server = OutletServer(host=BETA_HOST)
    base = server.base
    stories = (WATER, FAMILIES, HOL, WHEAT, CLINIC, TUNNEL)
    articles = [
        article_at(f"{base}/article/{2001 + i}", "beta", story, now - timedelta(hours=2 * i + 1))
        for i, story in enumerate(stories)
    ]
    # The syndicated copy keeps alpha's words; the byline and chrome are beta's.
    articles[2] = replace(articles[2], paragraphs=original.paragraphs, byline=AGENCY_CREDIT)
    for article in articles:
        server.route(article.url.removeprefix(base), page(beta_page(article)))
    server.route(
        "/article/2002",
        page(
            beta_page(articles[1], meta_charset=False),
            encoding="windows-1256",
            content_type="text/html; charset=windows-1256",
        ),
    )
    section_links = [(f"{base}/article/2001", WATER.title)]  # one absolute, the rest relative
    section_links += [(f"/article/{2002 + i}", a.title) for i, a in enumerate(articles[1:4])]
    section_links += [(f"/article/{2002 + i}", "الصورة") for i in range(2)]  # image links
    noise = [(href, "رابط") for href in SECTION_NOISE]
    server.route(
        "/section/syria",
        page(listing_page("سوريا - بيتا برس", noise[:8] + section_links + noise[8:])),
    )
    server.route("/robots.txt", robots("User-agent: *\nAllow: /\n"))
    server.route("/", page(listing_page("بيتا برس", [("/section/syria", "سوريا")])))
    server.fallback = dated_sitemaps(
        {0: [articles[4].url, articles[0].url], 1: [articles[5].url]}, now
    )
    return server, {article.url: article for article in articles}


def local_day(days_ago: int, now: datetime | None = None) -> date:
    today = (now or datetime.now(UTC)).astimezone(ZoneInfo(TIMEZONE)).date()
    return today - timedelta(days=days_ago)


def dated_path(day: date) -> str:
    return f"/sitemap/{day.year}/{day.month}/{day.day}.xml"  # {yyyy}/{m}/{d}: no zero padding


def dated_sitemaps(listed: dict[int, list[str]], lastmod: datetime) -> Handler:
    """A handler answering /sitemap/{yyyy}/{m}/{d}.xml for today and yesterday (in the outlet's
    time zone, as the crawler expands the template), 404 for any other date or path.

    "Today" is taken at request time, so a test running across midnight still finds it.
    """

    def answer(request: Request) -> Response:
        for days_ago, urls in listed.items():
            if request.target == dated_path(local_day(days_ago)):
                return Response(body=urlset(urls, lastmod), content_type=XML)
        return Response(404, b"<html><body>Not Found</body></html>")

    return answer


def refuse(request: Request) -> Response:
    return Response(403, b"<html><body><h1>403 Forbidden</h1><p>Access denied.</p></body></html>")


# ---------------------------------------------------------------------------------------------
# Catalog


def toml_value(value: object) -> str:
    """TOML for strings, ints, lists and inline tables (JSON strings are TOML basic strings)."""
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    return json.dumps(value, ensure_ascii=False)


def write_catalog(path: Path, sources: list[dict[str, object]]) -> Path:
    """A catalog of local outlets: they sit on loopback, so each is a private-network source."""
    sources = [{"private_network": True, **source} for source in sources]
    blocks = [
        "[[source]]\n" + "".join(f"{key} = {toml_value(value)}\n" for key, value in source.items())
        for source in sources
    ]
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


def article_pattern(server: OutletServer, shape: str) -> str:
    """A regex on absolute URLs of ``server``: any port, since ports change every run."""
    return f"^http://{re.escape(server.host)}:\\d+{shape}$"


def build_outlets(folder: Path, now: datetime | None = None) -> Outlets:
    """Start alpha, beta and gamma and write ``folder/sources.toml`` for them."""
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    alpha, alpha_articles = build_alpha(now)
    hol = alpha_articles[alpha.url("/news/1001")]
    beta, beta_articles = build_beta(now, hol)
    gamma = OutletServer(fallback=refuse, host=GAMMA_HOST)
    beta_pattern = article_pattern(beta, r"/article/\d+")
    catalog = write_catalog(
        folder / "sources.toml",
        [
            {
                "id": "alpha",
                "name": "ألفا نيوز",
                "name_en": "Alpha News",
                "homepage": alpha.url("/"),
                "feeds": [alpha.url("/rss.xml")],
                "sitemaps": [alpha.url("/sitemap_index.xml")],
                "interval": 15,
                "drop": ["header.masthead", "nav.menu"],
                "timezone": TIMEZONE,
            },
            {
                "id": "beta",
                "name": "بيتا برس",
                "name_en": "Beta Press",
                "homepage": beta.url("/"),
                "sitemaps": [beta.url("/sitemap/{yyyy}/{m}/{d}.xml")],
                "sections": [{"url": beta.url("/section/syria"), "article_pattern": beta_pattern}],
                "article_pattern": beta_pattern,
                "interval": 30,
                "timezone": TIMEZONE,
            },
            {
                "id": "gamma",
                "name": "غاما",
                "homepage": gamma.url("/"),
                "feeds": [gamma.url("/feed.xml")],
                "interval": 60,
            },
        ],
    )
    articles = alpha_articles | beta_articles
    words = ("مخيم الهول", "داعش")
    return Outlets(
        alpha=alpha,
        beta=beta,
        gamma=gamma,
        catalog_path=catalog,
        articles=articles,
        alpha_feed=alpha.url("/rss.xml"),
        alpha_sitemap_index=alpha.url("/sitemap_index.xml"),
        alpha_sitemap=alpha.url("/sitemap-1.xml"),
        beta_section=beta.url("/section/syria"),
        beta_dated_sitemaps=(
            beta.url(dated_path(local_day(0, now))),
            beta.url(dated_path(local_day(1, now))),
        ),
        gamma_feed=gamma.url("/feed.xml"),
        tracking_url=f"{hol.url}?utm_source=rss&utm_medium=feed",
        tracking_clean=hol.url,
        repeated_in_feed=alpha.url("/news/1002"),
        amp_url=alpha.url("/amp/news/1005"),
        amp_canonical=alpha.url("/news/1005"),
        feed_and_sitemap=alpha.url("/news/1004"),
        disallowed=(alpha.url("/private/secret-story"),),
        server_error=alpha.url("/news/1500"),
        not_found=alpha.url("/news/1404"),
        windows_1256=beta.url("/article/2002"),
        syndicated=(beta.url("/article/2003"), hol.url),
        section_articles=tuple(beta.url(f"/article/{n}") for n in range(2001, 2005)),
        section_noise=SECTION_NOISE,
        topic_hits=frozenset(u for u, a in articles.items() if all(w in a.text for w in words)),
        topic_misses=frozenset(
            u for u, a in articles.items() if not any(w in a.text for w in words)
        ),
    )


# ---------------------------------------------------------------------------------------------
# The benchmark outlet


def distinct_texts(n: int, size: int = 5, seed: int = 1256) -> list[tuple[str, ...]]:
    """``n`` paragraph selections, no two sharing more than ``size - 2`` paragraphs.

    Pages made of shuffled paragraphs must not look like near-duplicates of one another, or
    the benchmark would measure the story clustering instead of the crawl.
    """
    pool = [p for story in ORIGINAL_STORIES for p in story.paragraphs]
    rng = random.Random(seed)  # noqa: S311 - fixture text, not security
    used: set[tuple[int, ...]] = set()
    picks: list[tuple[str, ...]] = []
    while len(picks) < n:
        chosen = rng.sample(range(len(pool)), size)
        near = {tuple(sorted(c)) for c in combinations(chosen, size - 1)}
        if near & used:
            continue
        used |= near
        picks.append(tuple(pool[i] for i in chosen))
    return picks


def build_big_outlet(
    n_articles: int, delay_seconds: float, folder: Path
) -> tuple[OutletServer, Path]:
    """An alpha-like outlet of ``n_articles`` distinct pages, listed by a sitemap index of
    sitemaps of at most 100 URLs; every response is delayed by ``delay_seconds``.

    The catalog (one source, id "big") is written to ``folder/big-sources.toml``.
    """
    now = datetime.now(UTC).replace(microsecond=0)
    server = OutletServer(delay=delay_seconds)
    stories = ORIGINAL_STORIES
    urls = []
    for number, paragraphs in enumerate(distinct_texts(n_articles), start=1):
        lead = next(s for s in stories if paragraphs[0] in s.paragraphs)
        story = Story(f"{lead.title} ({number})", lead.byline, lead.caption, paragraphs)
        article = article_at(
            server.url(f"/news/{number}"), "big", story, now - timedelta(minutes=number)
        )
        server.route(f"/news/{number}", page(alpha_page(article)))
        urls.append(article.url)
    chunks = [urls[start : start + 100] for start in range(0, len(urls), 100)]
    for index, chunk in enumerate(chunks, start=1):
        server.route(f"/sitemap-{index}.xml", Response(body=urlset(chunk, now), content_type=XML))
    children = [server.url(f"/sitemap-{i}.xml") for i in range(1, len(chunks) + 1)]
    server.route(
        "/sitemap_index.xml", Response(body=sitemap_index(children, now), content_type=XML)
    )
    server.route("/robots.txt", robots("User-agent: *\nAllow: /\n"))
    server.route("/", page(listing_page("ألفا نيوز", [(u, u) for u in urls[:20]])))
    catalog = write_catalog(
        folder / "big-sources.toml",
        [
            {
                "id": "big",
                "name": "ألفا نيوز الموسعة",
                "homepage": server.url("/"),
                "sitemaps": [server.url("/sitemap_index.xml")],
                "article_pattern": article_pattern(server, r"/news/\d+"),
                "timezone": TIMEZONE,
            }
        ],
    )
    return server, catalog


# ---------------------------------------------------------------------------------------------
# An outlet with a block of its own on every page, for learned boilerplate

# Words no general rule knows: a partner disclaimer and a newsletter plug of an outlet that
# does not exist, on every page of it.
HORIZON_BLOCK = (
    "هذه المادة جزء من ملف الأفق الخاص بالمنطقة الشرقية، وتنشر بالتعاون مع شركائنا في الإقليم",
    "نشرة الأفق الصباحية: أهم ما يجري في المنطقة قبل أن يبدأ يومك، مجانا على بريدك",
)
# True sentences two or three articles share: a quote, and a syndicated paragraph.
SHARED_QUOTE = (
    "وقال المتحدث باسم مكتب الأمم المتحدة للشؤون الإنسانية إن «الوضع في المخيمات بلغ حدا لا"
    " يمكن السكوت عنه»، داعيا إلى تحرك دولي عاجل قبل حلول الشتاء."
)
SYNDICATED_PARAGRAPH = (
    "وكانت الأمم المتحدة قد حذرت في تقريرها الفصلي من أن نقص التمويل يهدد برامج الغذاء والصحة"
    " في شمال شرق سوريا، مشيرة إلى أن خطة الاستجابة لم تمول إلا بنسبة ثلاثين في المئة."
)
# A background paragraph an outlet repeats through a week's coverage of one story: true text
# in five articles of thirty, which a share of the window keeps from being learned.
BACKGROUND_PARAGRAPH = (
    "ويؤوي مخيم الهول منذ عام ألفين وتسعة عشر عشرات الآلاف من النازحين وعائلات عناصر التنظيم،"
    " وتديره الإدارة الذاتية بدعم من منظمات دولية تقول إن التمويل لا يغطي سوى جزء من احتياجاته."
)
_OPENINGS = ("", "وفي سياق متصل، ", "إلى ذلك، ", "من جهة أخرى، ", "وفي تطور لاحق، ", "كذلك ")
_PLACES = (
    "الحسكة", "القامشلي", "دير الزور", "الرقة", "منبج", "عين العرب", "المالكية", "الشدادي",
    "تل تمر", "عامودا", "الدرباسية", "الهول",
)  # fmt: skip


@dataclass(frozen=True)
class BlockOutlet:
    """Pages of one outlet in publication order, with the facts a clean store keeps."""

    pages: list[tuple[str, str]]  # (url, html)
    articles: list[Article]  # the true paragraphs of each page, block left out
    block: tuple[str, ...]
    shared: tuple[str, ...]  # the quote, the syndicated paragraph, the background paragraph


def varied_paragraphs(n: int, size: int = 4, seed: int = 2027) -> list[tuple[str, ...]]:
    """``n`` articles of ``size`` paragraphs each whose lines no two articles share.

    The fixture stories hold some thirty paragraphs, so paragraphs recur across articles;
    each occurrence gets an opening and a place of its own, as a reporter's rewrite would.
    """
    pool = [p for story in ORIGINAL_STORIES for p in story.paragraphs]
    rng = random.Random(seed)  # noqa: S311 - fixture text, not security
    framings = [(opening, place) for opening in _OPENINGS for place in _PLACES]
    used: dict[str, int] = {}
    articles = []
    for _ in range(n):
        picked = []
        for paragraph in rng.sample(pool, size):
            opening, place = framings[used.get(paragraph, 0) % len(framings)]
            used[paragraph] = used.get(paragraph, 0) + 1
            body = paragraph.rstrip(".")
            picked.append(f"{opening}{body}، بحسب ما أفاد مراسلنا في {place}.")
        articles.append(tuple(picked))
    return articles


def block_outlet(
    n: int, base_url: str, block: tuple[str, ...] = HORIZON_BLOCK, seed: int = 2027
) -> BlockOutlet:
    """``n`` article pages of one outlet, each carrying ``block`` (its first line above the
    body's last paragraph, the others under it); three share a quote, three others a
    syndicated paragraph and five a background paragraph, as real articles do."""
    now = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
    pages, facts = [], []
    for number, paragraphs in enumerate(varied_paragraphs(n, seed=seed), start=1):
        true = list(paragraphs)
        if number in (3, 9, 17):
            true.insert(2, SHARED_QUOTE)
        if number in (5, 12, 24):
            true.insert(1, SYNDICATED_PARAGRAPH)
        if number in (6, 11, 16, 21, 26):
            true.insert(3, BACKGROUND_PARAGRAPH)
        lead = next(
            s for s in ORIGINAL_STORIES if any(p[:40] in paragraphs[0] for p in s.paragraphs)
        )
        story = Story(f"{lead.title} ({number})", lead.byline, lead.caption, tuple(true))
        article = article_at(
            f"{base_url}/news/{number}", "horizon", story, now + timedelta(hours=number)
        )
        shown = replace(article, paragraphs=(*true[:-1], block[0], true[-1], *block[1:]))
        pages.append((article.url, alpha_page(shown)))
        facts.append(article)
    shared = (SHARED_QUOTE, SYNDICATED_PARAGRAPH, BACKGROUND_PARAGRAPH)
    return BlockOutlet(pages, facts, block, shared)
