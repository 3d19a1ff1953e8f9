"""How Arabic outlets write a date line, read into moments: the grammar of visible dates.

A date line is short text such as «الأحد 22/نوفمبر/2026 - 09:30 م», «نُشر: 3 آذار 2026 - 08:10 |
حُدّث: ...», «منذ 3 ساعات» or «الخميس 11 جمادى الأولى 1448 هـ - 22 أكتوبر 2026 م». The line is
folded first (``normalize``: Eastern and Persian digits, hamza and alef forms, ة, diacritics),
then read by a small grammar written here, because no library knows these forms together:
dateparser reads Egyptian month names but not Maghrebi ones (جانفي، شتنبر، دجنبر), takes the
م of «2026 م» (ميلادي) for the afternoon and the day of a Hijri date for the Gregorian one, and
costs milliseconds per line (benchmarks/dates.py measures it).

The grammar: month names of the three traditions (Egyptian and Gulf, Levantine and Iraqi,
Maghrebi), numeric dates day first, times with ص/م and the words for parts of the day, zone
labels (بتوقيت مكة المكرمة, GMT+3, GST), relative times against the fetch (منذ 3 ساعات, أمس),
Hijri dates (recognised and set aside: the Gregorian date beside them is taken), and labels
that say which date is the publication (نشر في) and which an update (آخر تحديث).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from datetime import timezone as fixed_offset
from zoneinfo import ZoneInfo

from rasad.alerts.analysis import normalize

__all__ = ["MONTH_NAMES", "DateMention", "parse_machine_date", "read_date_line"]

# Gregorian month names as outlets write them (folded by ``normalize`` below).
MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("يناير", "جانفي", "كانون الثاني", "كانون ثاني", "january", "jan"),
    2: ("فبراير", "فيفري", "شباط", "february", "feb"),
    3: ("مارس", "آذار", "march", "mar"),
    4: ("أبريل", "إبريل", "أفريل", "نيسان", "april", "apr"),
    5: ("مايو", "ماي", "أيار", "may"),
    6: ("يونيو", "يونيه", "جوان", "حزيران", "june", "jun"),
    7: ("يوليو", "يوليه", "يوليوز", "جويلية", "تموز", "july", "jul"),
    8: ("أغسطس", "غشت", "أوت", "آب", "august", "aug"),
    9: ("سبتمبر", "شتنبر", "أيلول", "september", "sep", "sept"),
    10: ("أكتوبر", "اكتبر", "تشرين الأول", "تشرين أول", "october", "oct"),
    11: ("نوفمبر", "نونبر", "تشرين الثاني", "تشرين ثاني", "november", "nov"),
    12: ("ديسمبر", "دجنبر", "كانون الأول", "كانون أول", "december", "dec"),
}
HIJRI_MONTHS = (
    "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "ربيع الثاني", "ربيع أول", "ربيع ثاني",
    "جمادى الأولى", "جمادى الأول", "جمادى الآخرة", "جمادى الثانية", "جمادى الآخر",
    "جمادى الثاني", "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذي القعدة", "ذو الحجة",
    "ذي الحجة",
)  # fmt: skip
WEEKDAY_NAMES = ("السبت", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة")

# Zones that a date line names (بتوقيت ...): the city or country word as written.
_ZONE_WORDS = {
    "Asia/Riyadh": ("مكة المكرمة", "مكة", "الرياض", "السعودية"),
    "Asia/Hebron": ("القدس", "فلسطين"),
    "Asia/Beirut": ("بيروت", "لبنان"),
    "Asia/Damascus": ("دمشق", "سوريا"),
    "Africa/Cairo": ("القاهرة", "مصر"),
    "Asia/Baghdad": ("بغداد", "العراق", "أربيل"),
    "Asia/Qatar": ("الدوحة", "قطر"),
    "Asia/Dubai": ("أبوظبي", "أبو ظبي", "دبي", "الإمارات"),
    "Asia/Kuwait": ("الكويت",),
    "Asia/Bahrain": ("المنامة", "البحرين"),
    "Asia/Muscat": ("مسقط",),
    "Asia/Aden": ("صنعاء", "اليمن", "عدن"),
    "Africa/Algiers": ("الجزائر",),
    "Africa/Tunis": ("تونس",),
    "Africa/Casablanca": ("الرباط", "المغرب", "الدار البيضاء"),
    "Africa/Khartoum": ("الخرطوم", "السودان"),
    "Europe/Istanbul": ("أنقرة", "إسطنبول", "تركيا"),
    "Asia/Tehran": ("طهران",),
    "Europe/London": ("لندن",),
    "Europe/Paris": ("باريس",),
    "Europe/Berlin": ("برلين",),
    "Europe/Moscow": ("موسكو",),
    "UTC": ("غرينتش", "غرينيتش", "جرينتش", "جرينيتش", "غرنتش"),
}


def _alternation(words: object) -> str:
    """A regex alternation of folded words, longest first, so «تشرين الثاني» beats «تشرين»."""
    folded = sorted({normalize(str(w)) for w in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in folded)


_MONTH_NUMBER = {normalize(n): month for month, names in MONTH_NAMES.items() for n in names}
_ZONE_OF_WORD = {normalize(w): zone for zone, words in _ZONE_WORDS.items() for w in words}
_M = _alternation(_MONTH_NUMBER)
# «22 نوفمبر/تشرين الثاني 2026», «15 كانون الثاني (يناير) 2025»: a second name for the month.
_OTHER_NAME = rf"(?:\s*(?:\(\s*(?:{_M})\s*\)|/\s*(?:{_M})))?"
_SEP = r"\s*[-/.,،]?\s*"
_START = r"(?<![\w/.:-])"
_END = r"(?!\w)"

_NAMED_DAY_FIRST = re.compile(
    rf"{_START}(?P<d>\d{{1,2}}){_SEP}(?P<m>{_M}){_END}{_OTHER_NAME}{_SEP}(?P<y>\d{{4}})(?!\d)"
)
_NAMED_MONTH_FIRST = re.compile(
    rf"(?<!\w)(?P<m>{_M}){_OTHER_NAME}\s+(?P<d>\d{{1,2}})\s*[,،]?\s*(?P<y>\d{{4}})(?!\d)"
)
# Numeric dates are day first, as Arab outlets write them; the two separators must agree.
_NUMERIC_DAY_FIRST = re.compile(
    rf"{_START}(?P<d>\d{{1,2}})\s*(?P<sep>[/.-])\s*(?P<m>\d{{1,2}})\s*(?P=sep)\s*"
    r"(?P<y>\d{4}|\d{2})(?![\d%]|[/.-]\d)"
)
_NUMERIC_YEAR_FIRST = re.compile(
    rf"{_START}(?P<y>\d{{4}})\s*(?P<sep>[/.-])\s*(?P<m>\d{{1,2}})\s*(?P=sep)\s*(?P<d>\d{{1,2}})(?!\d)"
)
_DATE_FORMS = (_NAMED_DAY_FIRST, _NAMED_MONTH_FIRST, _NUMERIC_DAY_FIRST, _NUMERIC_YEAR_FIRST)

# Hijri dates are recognised only to be set aside: their day and year are not Gregorian.
_HIJRI = re.compile(
    rf"(?<!\d)(?:\d{{1,2}}\s*(?:من\s+)?)?(?:{_alternation(HIJRI_MONTHS)}){_END}"
    r"(?:\s*\d{4})?(?:\s*ه(?!\w))?"
    r"|(?<!\d)1[34]\d\d\s*[/-]\s*\d{1,2}\s*[/-]\s*\d{1,2}(?!\d)"
    r"|(?<!\d)\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*1[34]\d\d(?!\d)"
    r"|(?<!\d)1[34]\d\d\s*ه(?!\w)"
)

_MARKS = {
    "am": ("ص", "صباحا", "صباح", "am", "a.m.", "فجرا", "فجر"),
    "pm": ("م", "مساء", "مساءا", "pm", "p.m.", "عصرا", "عصر"),
    "noon": ("ظهرا", "ظهر", "الظهر"),
    "night": ("ليلا", "ليل"),
}
_MARK_OF_WORD = {normalize(w): kind for kind, words in _MARKS.items() for w in words}
_MARK_WORDS = _alternation(_MARK_OF_WORD)
# «ص.ب» (a post-office box) is no morning: a day-part word ends the word.
_MARK = rf"(?:\s*(?P<mark>{_MARK_WORDS})(?!\w|\.\w))?"
_TIME = re.compile(
    r"(?<![\d:.])(?P<h>[01]?\d|2[0-3])\s*:\s*(?P<mi>[0-5]\d)(?:\s*:\s*(?P<s>[0-5]\d))?"
    r"(?:\.\d+)?(?P<off>z(?!\w)|[+-][01]\d:?[0-5]\d)?(?![\d%])" + _MARK
)
# «9.30 م», «٩٫٣٠ مساءً»: a dot separates hours and minutes only when a day-part word follows.
_DOTTED_TIME = re.compile(
    r"(?<![\d:.])(?P<h>[01]?\d|2[0-3])\.(?P<mi>[0-5]\d)(?![\d%])"
    rf"\s*(?P<mark>{_MARK_WORDS})(?!\w|\.\w)"
)
_ZONE_LABEL = re.compile(
    rf"(?:ب?توقيت)\s+(?P<place>{_alternation(_ZONE_OF_WORD)}){_END}"
    r"|(?<!\w)(?:gmt|utc)(?:\s*(?P<sign>[+-])\s*(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?)?(?!\w)"
    r"|(?<!\w)(?P<gst>gst)(?!\w)"
)

_NUMBER_WORDS = {
    "واحد": 1, "واحده": 1, "اثنين": 2, "اثنتين": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4,
    "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثماني": 8,
    "ثمان": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
}  # fmt: skip
# unit word -> (timedelta of one, the count the word itself says, or None when a number must)
_UNITS: dict[str, tuple[timedelta, int | None]] = {
    "ثانيه": (timedelta(seconds=1), 1), "ثانيتين": (timedelta(seconds=1), 2),
    "ثوان": (timedelta(seconds=1), None), "ثواني": (timedelta(seconds=1), None),
    "دقيقه": (timedelta(minutes=1), 1), "دقيقتين": (timedelta(minutes=1), 2),
    "دقيقتان": (timedelta(minutes=1), 2), "دقائق": (timedelta(minutes=1), None),
    "دقايق": (timedelta(minutes=1), None),
    "ساعه": (timedelta(hours=1), 1), "ساعتين": (timedelta(hours=1), 2),
    "ساعتان": (timedelta(hours=1), 2), "ساعات": (timedelta(hours=1), None),
    "يوم": (timedelta(days=1), 1), "يومين": (timedelta(days=1), 2),
    "يومان": (timedelta(days=1), 2), "ايام": (timedelta(days=1), None),
    "اسبوع": (timedelta(weeks=1), 1), "اسبوعين": (timedelta(weeks=1), 2),
    "اسبوعان": (timedelta(weeks=1), 2), "اسابيع": (timedelta(weeks=1), None),
    "شهر": (timedelta(days=30), 1), "شهرين": (timedelta(days=30), 2),
    "اشهر": (timedelta(days=30), None), "شهور": (timedelta(days=30), None),
}  # fmt: skip
_UNITS = {normalize(word): unit for word, unit in _UNITS.items()}  # دقائق is folded to دقاءق
_RELATIVE = re.compile(
    r"(?<!\w)(?:منذ|قبل)\s+(?:(?P<n>\d{1,3})\s*|(?P<word>"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")\s+)?(?P<unit>"
    + "|".join(sorted(_UNITS, key=len, reverse=True))
    + r")(?!\w)"
)
_DAY_WORD = re.compile(r"(?<!\w)(?P<day>اول\s+امس|امس|البارحه|اليوم)(?!\w)")
_DAYS_BACK = {"امس": 1, "البارحه": 1, "اليوم": 0}

# Labels that say whose date follows: the publication's, or an update's. A bare «حدث»/«عدل»
# is an ordinary word (an event, justice) unless a colon follows it.
_PUBLISHED_LABELS = (
    "تاريخ النشر", "تم النشر", "نشر بتاريخ", "نشر في", "نشرت في", "نشر", "تاريخ الخبر",
    "تاريخ الإضافة", "أضيف بتاريخ", "أضيف في", "أضيف", "التاريخ", "published", "posted",
)  # fmt: skip
_UPDATED_LABELS = (
    "آخر تحديث", "تاريخ التحديث", "تم التحديث", "تحديث", "محدث", "تاريخ التعديل",
    "آخر تعديل", "تم التعديل", "updated", "last updated", "modified",
)  # fmt: skip
_LABEL = re.compile(
    rf"(?<!\w)(?:(?P<updated>{_alternation(_UPDATED_LABELS)}|حدث(?=\s*:)|عدل(?=\s*:))"
    rf"|(?P<published>{_alternation(_PUBLISHED_LABELS)}))(?!\w)"
)

# Words a date line is made of; anything else is an ordinary word, and a date inside a clause
# with several ordinary words is running text («في 4 آب 2020 دمّر انفجار ...»), not a date line.
_DATE_LINE_WORDS = frozenset(
    normalize(word)
    for phrase in (
        *(n for names in MONTH_NAMES.values() for n in names), *HIJRI_MONTHS, *WEEKDAY_NAMES,
        *_PUBLISHED_LABELS, *_UPDATED_LABELS, *(w for ws in _MARKS.values() for w in ws),
        *(w for ws in _ZONE_WORDS.values() for w in ws), *_NUMBER_WORDS, *_UNITS,
        "الموافق", "الساعة", "يوم", "في", "من", "هـ", "بتاريخ", "بتوقيت", "توقيت", "gmt",
        "utc", "gst", "كتب", "بقلم", "منذ", "قبل", "أمس", "اليوم", "البارحة", "أول", "حدث",
        "عدل", "on", "at", "الجمعه", "ميلادي", "هجري",
    )
    for word in phrase.split()
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")
_CLAUSE_BREAK = re.compile(r"\n|\||—|–|;|\s-\s")
RUNNING_TEXT_WORDS = 4
EARLIEST_YEAR = 1995


@dataclass(frozen=True)
class DateMention:
    """One date a line states: the moment (aware UTC; a date alone is local midnight), and
    ``role``: ``published`` (labelled so), ``plain`` (no label), ``updated``, or ``relative``."""

    moment: datetime
    date_only: bool
    role: str


def read_date_line(text: str, zone: tzinfo, fetched_at: datetime) -> list[DateMention]:
    """Every date ``text`` states, in order: one per labelled part of the line."""
    line = _HIJRI.sub(lambda m: " " * len(m.group()), normalize(text))
    mentions = []
    for role, start, end in _labelled_parts(line):
        mention = _part_mention(line, start, end, role, zone, fetched_at)
        if mention is not None:
            mentions.append(mention)
    return mentions


def parse_machine_date(value: str, zone: tzinfo) -> tuple[datetime, bool] | None:
    """An ISO 8601 stamp («2026-11-22T09:30:00+03:00», «2026-11-22 09:30», «2026-11-22») as an
    aware UTC moment and whether it had a time of day; naive times are read in ``zone``."""
    value = value.strip()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    has_time = len(value) > 10
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC), has_time


def _labelled_parts(line: str) -> list[tuple[str, int, int]]:
    """The line cut at its labels: (role of the part, start, end); text before any label is
    ``plain``."""
    parts: list[tuple[str, int, int]] = []
    role, start = "plain", 0
    for label in _LABEL.finditer(line):
        parts.append((role, start, label.start()))
        role, start = ("updated" if label["updated"] else "published"), label.end()
    parts.append((role, start, len(line)))
    return [part for part in parts if part[2] > part[1]]


def _part_mention(
    line: str, start: int, end: int, role: str, zone: tzinfo, fetched_at: datetime
) -> DateMention | None:
    part = line[start:end]
    found = _first_date(part)
    if found is not None:
        day, span = found
        if _in_running_text(part, span):
            return None
        clock = _clock(part, span)
        if clock is None:
            return DateMention(_local_midnight(day, zone), True, role)
        local_time, stated_zone = clock
        moment = datetime.combine(day, local_time, stated_zone or _label_zone(part) or zone)
        return DateMention(moment.astimezone(UTC), False, role)
    return _relative(part, zone, fetched_at, role)


def _first_date(part: str) -> tuple[date, tuple[int, int]] | None:
    """The earliest valid Gregorian date of ``part`` and where it is."""
    best: tuple[date, tuple[int, int]] | None = None
    for form in _DATE_FORMS:
        for match in form.finditer(part):
            if best is not None and match.start() >= best[1][0]:
                break
            day = _valid_date(match)
            if day is not None:
                best = (day, match.span())
                break
    return best


def _valid_date(match: re.Match[str]) -> date | None:
    month_text = match["m"]
    month = int(month_text) if month_text.isdigit() else _MONTH_NUMBER.get(_spaced(month_text))
    year = int(match["y"])
    if year < 100:
        # «22/11/26»: a two-digit year is this century's; «11/12/13» (phone models) is not a
        # date, so only two-digit years near the present are taken (see _near_present).
        year += 2000
        if not _near_present(year):
            return None
    if month is None or not 1 <= month <= 12 or year < EARLIEST_YEAR:
        return None
    day = int(match["d"])
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def _near_present(year: int) -> bool:
    return abs(year - datetime.now(UTC).year) <= 1


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _in_running_text(part: str, span: tuple[int, int]) -> bool:
    """True when the date sits in a sentence: its clause has several ordinary words."""
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(part, 0, span[0])]
    after = _CLAUSE_BREAK.search(part, span[1])
    clause = part[starts[-1] if starts else 0 : after.start() if after else len(part)]
    ordinary = [w for w in _WORD.findall(clause) if w not in _DATE_LINE_WORDS]
    return len(ordinary) >= RUNNING_TEXT_WORDS


def _clock(part: str, span: tuple[int, int]) -> tuple[time, tzinfo | None] | None:
    """The time of day stated with the date: the first time in the part outside the date."""
    for pattern in (_TIME, _DOTTED_TIME):
        for match in pattern.finditer(part):
            if span[0] <= match.start() < span[1]:
                continue
            hour = _hour(int(match["h"]), match["mark"])
            seconds = int(match["s"]) if "s" in match.groupdict() and match["s"] else 0
            return time(hour, int(match["mi"]), seconds), _offset(match.groupdict().get("off"))
    return None


def _hour(hour: int, mark: str | None) -> int:
    """The 24-hour hour of a 12-hour time and its day-part word (ص/م, مساء, ظهرا, ...)."""
    kind = _MARK_OF_WORD.get(mark or "")
    if kind is None or hour > 12:
        return hour
    if kind == "am":
        return 0 if hour == 12 else hour
    if kind == "pm":
        return hour if hour == 12 else hour + 12
    if kind == "noon":  # «12:10 ظهرا» is 12:10, «1:30 ظهرا» 13:30, «11:30 ظهرا» 11:30
        return hour + 12 if hour < 6 else hour
    return hour + 12 if 6 <= hour < 12 else (0 if hour == 12 else hour)  # night: 11 ليلا = 23


def _offset(value: str | None) -> tzinfo | None:
    if not value:
        return None
    if value == "z":
        return UTC
    sign = -1 if value[0] == "-" else 1
    digits = value[1:].replace(":", "")
    return fixed_offset(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _label_zone(part: str) -> tzinfo | None:
    """The zone the line names («بتوقيت مكة المكرمة», «GMT+3», «GST»), if any."""
    match = _ZONE_LABEL.search(part)
    if match is None:
        return None
    if match["place"]:
        return ZoneInfo(_ZONE_OF_WORD[_spaced(match["place"])])
    if match["gst"]:
        return fixed_offset(timedelta(hours=4))  # Gulf Standard Time
    if not match["sign"]:
        return UTC
    sign = -1 if match["sign"] == "-" else 1
    return fixed_offset(sign * timedelta(hours=int(match["oh"]), minutes=int(match["om"] or 0)))


def _local_midnight(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(0, 0), zone).astimezone(UTC)


def _relative(part: str, zone: tzinfo, fetched_at: datetime, role: str) -> DateMention | None:
    """«منذ 3 ساعات», «قبل يومين», «أمس 22:40», «اليوم، 09:30 م»: against the fetch time."""
    role = "updated" if role == "updated" else "relative"
    if (match := _RELATIVE.search(part)) and not _in_running_text(part, match.span()):
        unit, said = _UNITS[match["unit"]]
        count = int(match["n"]) if match["n"] else _NUMBER_WORDS.get(match["word"] or "", said)
        if count is None:
            return None
        if unit < timedelta(days=1):
            return DateMention((fetched_at - count * unit).astimezone(UTC), False, role)
        day = fetched_at.astimezone(zone).date() - count * unit
        return DateMention(_local_midnight(day, zone), True, role)
    if (match := _DAY_WORD.search(part)) and not _in_running_text(part, match.span()):
        back = 2 if match["day"].startswith("اول") else _DAYS_BACK[match["day"]]
        day = fetched_at.astimezone(zone).date() - timedelta(days=back)
        clock = _clock(part, match.span())
        if clock is None:
            # «اليوم» alone is an ordinary word (and Youm7's name); «أمس» alone is a date.
            return None if back == 0 else DateMention(_local_midnight(day, zone), True, role)
        local_time, stated_zone = clock
        moment = datetime.combine(day, local_time, stated_zone or _label_zone(part) or zone)
        return DateMention(moment.astimezone(UTC), False, role)
    return None
