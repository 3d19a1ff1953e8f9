"""A small archive for the web's tests, stored the way the daemon stores one.

Pages are written here, then go through the crawler's own ingest (extraction, analysis, story
clusters, topic matching, emails owed) and the daemon's delivery; a source's failed crawl is
recorded through the lease functions the scheduler uses. The database is built once per
module and only read by the tests, as the web only reads.
"""

from __future__ import annotations

import html
import itertools
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import psycopg
import pytest
from fastapi.testclient import TestClient
from harness import create_database, drop_database, with_database

from rasad.alerts.deliver import deliver_due
from rasad.config.settings import Settings
from rasad.crawler.catalog import catalog
from rasad.crawler.ingest import ingest_page
from rasad.crawler.urls import canonical_url
from rasad.scheduler.runtime import open_runtime
from rasad.storage.discovered import Discovery
from rasad.storage.sources import CrawlRecord, claim_source, finish_crawl
from rasad.web.app import create_app

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

CATALOG = """
[[source]]
id = "alpha"
name = "ألفا نيوز"
homepage = "https://alpha.example/"
timezone = "Asia/Damascus"

[[source]]
id = "beta"
name = "بيتا برس"
homepage = "https://beta.example/"
timezone = "Asia/Damascus"

[[source]]
id = "gamma"
name = "غاما"
homepage = "https://gamma.example/"
"""
_databases = itertools.count()
HOL_TOPIC = """
[[topic]]
id = "hol"
name = "مخيم الهول"
query = '"مخيم الهول" AND داعش'
recipients = ["analyst@example.org", "desk@example.org"]
"""
PRISONS_TOPIC = """
[[topic]]
id = "prisons"
name = "السجون"
query = "سجون OR سجن"
recipients = ["analyst@example.org"]
mode = "daily 08:00"
"""
WIRE = (
    "أعلنت الإدارة الذاتية في شمال شرق سوريا، اليوم الثلاثاء، خروج دفعة جديدة من العائلات",
    "السورية من مخيم الهول بريف الحسكة الشرقي، تضم أكثر من مئة وخمسين عائلة بعد تدقيق طويل.",
    "وقال مسؤول في إدارة المخيم إن العائلات خضعت لتدقيق أمني استمر عدة أسابيع للتأكد من عدم"
    " ارتباط أفرادها بتنظيم داعش، مضيفا أن الكفالة العشائرية شرط أساسي لإتمام الخروج.",
    "ويؤوي مخيم الهول نحو أربعين ألف شخص غالبيتهم من النساء والأطفال، بينهم آلاف من عائلات"
    " عناصر تنظيم داعش القادمين من العراق ومن أكثر من خمسين دولة أخرى.",
    "وتطالب الإدارة الذاتية الدول المعنية منذ سنوات باستعادة رعاياها من المخيم، محذرة من أن"
    " بقاء الأطفال في بيئة مغلقة يعرضهم لخطر التطرف.",
)
# Another outlet's copy of the same wire story: a dateline, the last paragraph dropped.
REWRITE = ("دمشق - وكالات: " + WIRE[0], *WIRE[1:4], "(وكالات)")
PRISONS = (
    "نقلت السلطات المحلية مئات الموقوفين من سجون مكتظة في ريف حلب إلى مبنى جديد شيدته",
    "منظمات دولية، بعد شكاوى متكررة من ذوي المعتقلين حول ظروف الاحتجاز وانتشار الأمراض.",
    "وقال محامون يتابعون ملفات الموقوفين إن كثيرا منهم لم يمثل أمام قاض منذ شهور، وإن نقلهم"
    " لا يغني عن تسريع المحاكمات والإفراج عمن انتهت مدد توقيفهم.",
    "وتعد السجون في المنطقة من أكثر الملفات حساسية، إذ تضم موقوفين بتهم جنائية وآخرين بتهم"
    " تتصل بالنزاع، في ظل غياب رقابة مستقلة على أوضاعها.",
)
# Another story on prisons, from a reporter who gave no date.
VISITS = (
    "سمحت إدارة سجن حمص المركزي للمرة الأولى منذ عامين بزيارات عائلية منتظمة للنزلاء، بعد",
    "مفاوضات طويلة بين لجان الأهالي والجهات القضائية، وفق ما أكده عدد من ذوي السجناء.",
    "وقالت إحدى الأمهات إنها انتظرت ساعات أمام البوابة قبل أن ترى ابنها لعشر دقائق فقط،"
    " مطالبة بتمديد مدة الزيارة وتخفيف إجراءات التفتيش المرهقة.",
    "ويأمل الأهالي أن تكون الخطوة بداية لمراجعة أوسع لأوضاع السجون وظروف الاحتجاز فيها.",
)
# Text that is markup when put on a page unescaped: the web must show it as text.
HOSTILE_TITLE = '<script>alert("title")</script> تقرير عن أسعار الخبز في دمشق'
HOSTILE = (
    'ارتفعت أسعار الخبز في أسواق دمشق هذا الأسبوع <img src=x onerror=alert("text")> بنسبة'
    " تجاوزت عشرين في المئة، وفق ما رصده تجار ومستهلكون في أحياء عدة من المدينة.",
    "وقال بائعون إن ارتفاع أسعار الطحين والوقود انعكس مباشرة على سعر الربطة، فيما تحدث"
    " مستهلكون عن طوابير طويلة أمام الأفران الحكومية منذ ساعات الصباح الأولى.",
    "ونشرت وزارة التجارة الداخلية جدولا بالأسعار على موقعها https://trade.example/prices"
    " مؤكدة أن الدعم مستمر للخبز التمويني رغم ارتفاع التكاليف.",
)


@dataclass(frozen=True)
class Page:
    source: str
    number: int
    title: str
    byline: str
    paragraphs: tuple[str, ...]
    published_at: datetime | None

    @property
    def url(self) -> str:
        return f"https://{self.source}.example/news/{self.number}"

    def html(self) -> bytes:
        date = (
            f'<meta property="article:published_time" content="{self.published_at.isoformat()}">'
            if self.published_at
            else ""
        )
        body = "".join(f"<p>{html.escape(p)}</p>" for p in self.paragraphs)
        return (
            f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
            f"<title>{html.escape(self.title)}</title>{date}"
            f'<link rel="canonical" href="{self.url}"></head><body><article>'
            f"<h1>{html.escape(self.title)}</h1>"
            f'<p class="byline">{html.escape(self.byline)}</p>{body}</article></body></html>'
        ).encode()


@dataclass
class Archive:
    """The stored archive: its database, settings, and the ids of what the tests look for."""

    database_url: str
    settings: Settings
    ids: dict[str, int] = field(default_factory=dict)


def pages(now: datetime) -> dict[str, Page]:
    hours = lambda n: now - timedelta(hours=n)  # noqa: E731
    return {
        "hol": Page("alpha", 1, "خروج دفعة جديدة من العائلات من مخيم الهول", "سارة العلي", WIRE, hours(3)),
        "hol_copy": Page("beta", 2, "دفعة عائلات جديدة تغادر مخيم الهول", "وكالات", REWRITE, hours(2)),
        "prisons": Page("beta", 3, "نقل موقوفين من سجون مكتظة في ريف حلب", "أحمد درويش", PRISONS, hours(5)),
        "undated": Page("alpha", 4, "زيارات عائلية في سجن حمص بعد انقطاع", "مراسلنا", VISITS, None),
        "hostile": Page("alpha", 5, HOSTILE_TITLE, "كتب: فريق التحرير", HOSTILE, hours(1)),
    }  # fmt: skip


def build_archive(folder: Path, database_url: str) -> Archive:
    """Store the pages with the hol topic a week old and the prisons topic new, deliver what is
    due, and record a refused crawl of gamma."""
    (folder / "sources.toml").write_text(CATALOG, encoding="utf-8")
    (folder / "topics.toml").write_text(HOL_TOPIC, encoding="utf-8")
    settings = Settings(
        data_dir=folder / "data",
        database_url=database_url,
        catalog=folder / "sources.toml",
        topics=folder / "topics.toml",
        timezone="Asia/Damascus",
    )
    open_runtime(settings).close()  # the hol topic exists from here on...
    with psycopg.connect(database_url) as conn:  # ...and, for the test, since a week ago
        conn.execute("UPDATE topics SET created_at = now() - interval '7 days'")
    (folder / "topics.toml").write_text(HOL_TOPIC + PRISONS_TOPIC, encoding="utf-8")
    runtime = open_runtime(settings)
    archive = Archive(database_url, settings)
    sources = {source.id: source for source in catalog(settings)}
    try:
        with runtime.pool.connection() as conn:
            now = datetime.now(UTC).replace(microsecond=0)
            for name, page in pages(now).items():
                # The page without a date came from a feed on a later crawl, after the topics
                # existed: the one case in which an undated article is emailed.
                seen = datetime.now(UTC)
                found = Discovery(canonical_url(page.url), "feed", None, False, seen, False)
                result = ingest_page(
                    conn,
                    page.html(),
                    page.url,
                    sources[page.source],
                    matcher=runtime.matcher,
                    discovery=found if name == "undated" else None,
                )
                assert result.outcome == "new", (name, result)
                archive.ids[name] = result.article_id or 0
            assert claim_source(conn, "alpha", "test", 60)
            record = CrawlRecord(12, 3, 1, 2, 0, None, False, True, {"listing page": 2})
            finish_crawl(conn, "alpha", "test", record)
            assert claim_source(conn, "gamma", "test", 60)
            record = CrawlRecord(0, 0, 0, 0, 1, "HTTP 403 from the feed", True, False)
            finish_crawl(conn, "gamma", "test", record)
        deliver_due(runtime.pool, settings)
    finally:
        runtime.close()
    return archive


@pytest.fixture(scope="module")
def archive(
    tmp_path_factory: pytest.TempPathFactory, server_url: str, template_database: str
) -> Iterator[Archive]:
    name = f"rasad_web_{os.getpid()}_{next(_databases)}"
    create_database(server_url, name, template=template_database)
    yield build_archive(tmp_path_factory.mktemp("web"), with_database(server_url, name))
    drop_database(server_url, name)


@pytest.fixture(scope="module")
def client(archive: Archive) -> Iterator[TestClient]:
    """The web application on the archive, as ``rasad web`` serves it, through httpx."""
    app = create_app(archive.settings, archive.database_url, catalog(archive.settings))
    with TestClient(app) as opened:
        yield opened
