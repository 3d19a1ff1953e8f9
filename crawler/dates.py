"""Publication dates: where pages and feeds state them, and how Arabic outlets write them.

Declared dates (meta tags, RDFa, microdata, JSON-LD) are read first; htmldate's markup search
is the fallback for a page that declares none. A time without an offset is the outlet's
local time (the catalog's ``timezone``). The calendar words below are also what the text
rules know a date line by.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from htmldate import find_date

if TYPE_CHECKING:
    from datetime import tzinfo

    from lxml.html import HtmlElement

# Where pages declare their publication time, most trusted first. htmldate reads meta tags
# too, but drops the time of day of «...T09:23:13Z» (youm7) and never reads RDFa on body
# elements (assabah's <span property="dc:date" content="2019-02-08T00:00:00+01:00">).
PUBLISHED_KEYS = (
    "article:published_time",
    "datepublished",
    "og:published_time",
    "dc:date",
    "dcterms:created",
    "dcterms:issued",
    "dc.date.issued",
    "schema:datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "sailthru.date",
    "parsely-pub-date",
)
_DATE_ONLY = re.compile(r"^\d{4}-?\d{2}-?\d{2}$")

WEEKDAYS = ("السبت", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة")
# Egyptian and Gulf, Maghrebi and Levantine month names, as outlets write them.
MONTHS = (
    "يناير", "فبراير", "مارس", "أبريل", "إبريل", "ابريل", "مايو", "يونيو", "يوليو", "أغسطس",
    "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر", "جانفي", "فيفري", "أفريل", "ماي", "جوان", "جويلية",
    "أوت", "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
    "تشرين الأول", "تشرين الثاني", "كانون الأول",
)  # fmt: skip
TIME_WORDS = ("صباحا", "مساء", "مساءا", "ص", "م", "ظهرا", "الساعة", "بتوقيت", "غرينتش")


def declared_published(
    meta: dict[str, str], linked_data: list[dict[str, Any]], timezone: tzinfo
) -> datetime | None:
    """The publication time the page declares in its markup, most trusted key first."""
    values = [meta.get(key) for key in PUBLISHED_KEYS]
    values += [item.get("datePublished") for item in linked_data]
    parsed = [moment for value in values if (moment := parse_moment(value, timezone))]
    # A value with a time of day beats a bare date (beirutobserver gives both).
    timed = [moment for moment, has_time in parsed if has_time]
    return (timed or [moment for moment, _ in parsed] or [None])[0]


def parse_moment(value: object, timezone: tzinfo) -> tuple[datetime, bool] | None:
    """An aware UTC datetime, and whether the value had a time of day; None if unusable."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        # No offset given: the time is the outlet's local time (catalog ``timezone``).
        moment = moment.replace(tzinfo=timezone)
    moment = moment.astimezone(UTC)
    if not datetime(1995, 1, 1, tzinfo=UTC) <= moment <= datetime.now(UTC) + timedelta(days=2):
        return None
    return moment, not _DATE_ONLY.match(value)


def fallback_published(tree: HtmlElement, timezone: tzinfo) -> datetime | None:
    """htmldate's markup-based search, for a page that declares no date of its own."""
    # htmldate's extensive search reads dates out of the page text; on the assabah page it
    # picked a sidebar date, so only the markup-based search runs here.
    found = find_date(
        tree, extensive_search=False, original_date=True, outputformat="%Y-%m-%dT%H:%M:%S"
    )
    parsed = parse_moment(found, timezone)
    return parsed[0] if parsed else None
