#!/usr/bin/env python3
"""Build, validate and split the Arabic publication-date cases.

    python build.py   # any Python >= 3.9 with the `tzdata` package (IANA >= 2026c);
                                           # writes dev.jsonl and heldout.jsonl next to this file

`expected` is computed here with zoneinfo from the local moments in cases_src.py;
nothing in the output is converted by hand.
"""

import json
import random
import re
import sys
import zlib
import zoneinfo
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

# Use the IANA data of the `tzdata` PyPI package, never the system's /usr/share/zoneinfo:
# on the machine this set was written on the system copy is 2025b, which predates tzdata 2026c
# (Morocco to permanent UTC+0 on 2026-09-20) and gives Moroccan times after that date one hour off.
zoneinfo.reset_tzpath(to=[])
import tzdata

assert tzdata.IANA_VERSION >= "2026c", f"need IANA tzdata >= 2026c, have {tzdata.IANA_VERSION}"

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import contextlib

from cases_src import CASES

SEED = 20261203
NOW_CAP = datetime(2026, 12, 3, tzinfo=UTC)  # no case is fetched after the day the set was written
KIND_ORDER = [
    "egyptian_months",
    "levantine_months",
    "maghrebi_months",
    "eastern_digits",
    "persian_digits",
    "twelve_hour",
    "relative",
    "weekday_prefix",
    "hijri_beside",
    "numeric",
    "labelled",
    "html_snippet",
    "trap_read_also",
    "trap_copyright",
    "trap_updated",
    "trap_other",
    "no_date",
]
UTC = UTC


def parse_local(s):
    fmt = "%Y-%m-%d %H:%M:%S" if s.count(":") == 2 else "%Y-%m-%d %H:%M"
    return datetime.strptime(s, fmt)


def localize(naive, tzname):
    """Attach tz; refuse wall-clock times that fall in a DST gap or fold."""
    tz = ZoneInfo(tzname)
    a, b = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    if a.utcoffset() != b.utcoffset():
        raise ValueError(f"{naive} is ambiguous or non-existent in {tzname}")
    # also refuse non-existent times that zoneinfo silently shifts
    back = a.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if back != naive:
        raise ValueError(f"{naive} does not exist in {tzname}")
    return a


def zulu(dt):
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_fetched(s, tzname):
    if "T" in s:  # explicit ISO with offset
        dt = datetime.fromisoformat(s)
        assert dt.tzinfo is not None, s
        return dt
    return localize(parse_local(s), tzname)


def build_case(c):
    tz = c["tz"]
    ZoneInfo(tz)
    h = zlib.crc32(c["id"].encode())
    expected = None
    fetched = parse_fetched(c["fetched"], tz) if c.get("fetched") else None
    if "at" in c:
        pub = localize(parse_local(c["at"]), c.get("at_tz", tz))
        expected = zulu(pub)
        if fetched is None:  # 40 min .. ~30 h after publication, in the outlet's offset
            fetched = (pub + timedelta(minutes=40 + h % 1750)).astimezone(ZoneInfo(tz))
    elif "on" in c:
        d = date.fromisoformat(c["on"])
        expected = d.isoformat()
        if fetched is None:  # next local day, between 07:00 and 20:59
            fetched = localize(
                datetime(d.year, d.month, d.day, 7) + timedelta(days=1, minutes=h % 840), tz
            )
    elif "ago" in c:
        unit, n = c["ago"]
        delta = timedelta(hours=n) if unit == "h" else timedelta(minutes=n)
        expected = zulu(fetched - delta)
    elif "ago_days" in c:
        local_day = fetched.astimezone(ZoneInfo(tz)).date()
        expected = (local_day - timedelta(days=c["ago_days"])).isoformat()
    elif "day_at" in c:
        n, hm = c["day_at"]
        local_day = fetched.astimezone(ZoneInfo(tz)).date() + timedelta(days=n)
        expected = zulu(localize(parse_local(f"{local_day.isoformat()} {hm}"), tz))
    else:
        assert fetched is not None, c["id"]
    return {
        "id": c["id"],
        "kind": c["kind"],
        "input_type": "html" if c["input"].lstrip().startswith("<") else "text",
        "input": c["input"],
        "timezone": tz,
        "fetched_at": fetched.isoformat(),
        "expected": expected,
        "notes": c["notes"],
    }


# ------------------------------------------------------------------ validation
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MOMENT_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def validate(rows):
    errors = []
    ids = Counter(r["id"] for r in rows)
    errors += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    for r in rows:
        assert set(r) == {
            "id",
            "kind",
            "input_type",
            "input",
            "timezone",
            "fetched_at",
            "expected",
            "notes",
        }
        ZoneInfo(r["timezone"])
        f = datetime.fromisoformat(r["fetched_at"])
        if f.tzinfo is None:
            errors.append(f"{r['id']}: fetched_at without offset")
        if f > NOW_CAP:
            errors.append(f"{r['id']}: fetched_at {r['fetched_at']} is after {NOW_CAP}")
        e = r["expected"]
        if e is None:
            continue
        if MOMENT_RE.match(e):
            m = datetime.strptime(e, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
            if not f > m:
                errors.append(f"{r['id']}: fetched_at {f} not after expected {e}")
        elif DATE_RE.match(e):
            d = date.fromisoformat(e)
            if not f.astimezone(ZoneInfo(r["timezone"])).date() >= d:
                errors.append(f"{r['id']}: fetched local date before expected date {e}")
        else:
            errors.append(f"{r['id']}: bad expected {e!r}")
        if r["kind"] not in KIND_ORDER:
            errors.append(f"{r['id']}: unknown kind {r['kind']}")
    return errors


# ------------------------------------------------------------------ weekday consistency check
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
MONTHS = {
    "كانون الثاني": 1,
    "شباط": 2,
    "آذار": 3,
    "نيسان": 4,
    "أيار": 5,
    "ايار": 5,
    "حزيران": 6,
    "تموز": 7,
    "آب": 8,
    "أيلول": 9,
    "تشرين الأول": 10,
    "تشرين الثاني": 11,
    "كانون الأول": 12,
    "يناير": 1,
    "فبراير": 2,
    "مارس": 3,
    "أبريل": 4,
    "إبريل": 4,
    "ابريل": 4,
    "مايو": 5,
    "يونيو": 6,
    "يوليو": 7,
    "أغسطس": 8,
    "سبتمبر": 9,
    "أكتوبر": 10,
    "اكتوبر": 10,
    "اكتبر": 10,
    "نوفمبر": 11,
    "ديسمبر": 12,
    "جانفي": 1,
    "فيفري": 2,
    "أفريل": 4,
    "ماي": 5,
    "جوان": 6,
    "جويلية": 7,
    "أوت": 8,
    "يوليوز": 7,
    "غشت": 8,
    "شتنبر": 9,
    "نونبر": 11,
    "دجنبر": 12,
}
MONTH_ALT = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
WEEKDAYS = {
    "الاثنين": 0,
    "الإثنين": 0,
    "الثلاثاء": 1,
    "الأربعاء": 2,
    "الاربعاء": 2,
    "الخميس": 3,
    "الجمعة": 4,
    "الجمعه": 4,
    "السبت": 5,
    "الأحد": 6,
    "الاحد": 6,
}
WD_RE = re.compile("(" + "|".join(WEEKDAYS) + r")(?![\u0621-\u064A])")
GREG_RES = [
    re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}})\s*[-/]?\s*(?P<m>{MONTH_ALT})(?:\s*[(/]\s*(?:{MONTH_ALT})\s*\)?)?\s*[-/,،]*\s*(?P<y>\d{{4}})"
    ),
    re.compile(rf"(?P<m>{MONTH_ALT})\s+(?P<d>\d{{1,2}})\s*[,،]?\s*(?P<y>\d{{4}})"),
    re.compile(r"(?<![\d/])(?P<d>\d{1,2})\s*[-/.]\s*(?P<mn>\d{1,2})\s*[-/.]\s*(?P<y>\d{4})"),
    re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-/.]\s*(?P<mn>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})(?!\d)"),
]


def greg_mentions(text):
    out = []
    for rx in GREG_RES:
        for m in rx.finditer(text):
            g = m.groupdict()
            mon = MONTHS[g["m"]] if g.get("m") else int(g["mn"])
            with contextlib.suppress(ValueError):
                out.append((m.start(), m.end(), date(int(g["y"]), mon, int(g["d"]))))
    return out


def weekday_report(rows):
    problems, checked = [], 0
    for r in rows:
        text = r["input"].translate(DIGITS)
        greg = greg_mentions(text)
        for w in WD_RE.finditer(text):
            # nearest Gregorian date after the weekday (within 90 chars), else just before it
            after = [g for g in greg if 0 <= g[0] - w.end() <= 90]
            before = [g for g in greg if 0 <= w.start() - g[1] <= 5]
            cand = min(after, key=lambda g: g[0]) if after else (before[0] if before else None)
            if cand is None:
                if "هـ" not in text[w.end() : w.end() + 40]:
                    problems.append(f"{r['id']}: weekday {w.group()} with no date found")
                continue
            checked += 1
            if cand[2].weekday() != WEEKDAYS[w.group()]:
                problems.append(
                    f"{r['id']}: {w.group()} but {cand[2]} is weekday {cand[2].weekday()}"
                )
    return checked, problems


# ------------------------------------------------------------------ split
def split(rows):
    rng = random.Random(SEED)
    by_kind = defaultdict(list)
    for r in rows:
        by_kind[r["kind"]].append(r)
    dev, held = [], []
    for i, kind in enumerate(KIND_ORDER):
        group = sorted(by_kind[kind], key=lambda r: r["id"])
        rng.shuffle(group)
        n = len(group)
        # odd counts: the extra case goes to dev for even-indexed kinds, to heldout for odd-indexed ones
        n_dev = n // 2 + (n % 2 if i % 2 == 0 else 0)
        dev += group[:n_dev]
        held += group[n_dev:]
    return dev, held


def main():
    rows = [build_case(c) for c in CASES]
    errors = validate(rows)
    _checked, wd_problems = weekday_report(rows)
    for _e in errors + wd_problems:
        pass
    if errors or wd_problems:
        sys.exit(1)
    for kind in KIND_ORDER:
        n = sum(r["kind"] == kind for r in rows)
        assert n >= 8, (kind, n)
    dev, held = split(rows)
    for name, part in (("dev.jsonl", dev), ("heldout.jsonl", held)):
        with open(HERE / name, "w", encoding="utf-8") as f:
            for r in part:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    # re-read what was written and validate the files themselves
    reread = {}
    for name in ("dev.jsonl", "heldout.jsonl"):
        with open(HERE / name, encoding="utf-8") as f:
            reread[name] = [json.loads(line) for line in f]
    errs = validate(reread["dev.jsonl"] + reread["heldout.jsonl"])
    overlap = {r["id"] for r in reread["dev.jsonl"]} & {r["id"] for r in reread["heldout.jsonl"]}
    assert not errs and not overlap, (errs, overlap)
    assert len(reread["dev.jsonl"]) + len(reread["heldout.jsonl"]) == len(rows)
    _cd, _ch = Counter(r["kind"] for r in dev), Counter(r["kind"] for r in held)
    for _k in KIND_ORDER:
        pass


if __name__ == "__main__":
    main()
