#!/usr/bin/env python3
"""Independent re-check of the UTC conversions in dev.jsonl + heldout.jsonl.

Does NOT use zoneinfo for the offsets: it applies the published DST rules written out
by hand below, then checks that the expected UTC moment, turned back into the written
local time, is one of the clock times (after 12-hour markers) and dates in the input.
Relative cases are checked by re-doing fetched_at minus the stated amount.

    python check_utc.py [N]   # N = size of the random sample of absolute moments (default: all)
"""

import json
import random
import re
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from build import DIGITS, greg_mentions

HERE = Path(__file__).resolve().parent
H = timedelta(hours=1)
FIXED = {
    "Asia/Damascus": 3,
    "Asia/Amman": 3,
    "Asia/Baghdad": 3,
    "Asia/Riyadh": 3,
    "Asia/Kuwait": 3,
    "Asia/Qatar": 3,
    "Europe/Istanbul": 3,
    "Asia/Dubai": 4,
    "Africa/Algiers": 1,
    "Africa/Tunis": 1,
    "Asia/Tehran": 3.5,
}
MOROCCO_RAMADAN = [
    (date(2024, 3, 10), date(2024, 4, 14)),
    (date(2025, 2, 23), date(2025, 4, 6)),
    (date(2026, 2, 15), date(2026, 3, 22)),
]  # UTC+0 from the first day to the day before the last


def last_weekday(y, m, wd):  # wd: Monday=0
    d = date(y, m + 1, 1) - timedelta(days=1) if m < 12 else date(y, 12, 31)
    return d - timedelta(days=(d.weekday() - wd) % 7)


def offset_hours(zone, utc):
    """Offset in hours for a UTC moment, from hand-written rules."""
    y = utc.year
    if zone in FIXED:
        return FIXED[zone]
    if zone == "Africa/Cairo":  # DST: 00:00 last Friday of April .. 24:00 last Thursday of October
        start = datetime.combine(last_weekday(y, 4, 4), datetime.min.time()) - 2 * H
        end = (
            datetime.combine(last_weekday(y, 10, 3) + timedelta(days=1), datetime.min.time())
            - 3 * H
        )
        return 3 if start <= utc.replace(tzinfo=None) < end else 2
    if zone == "Asia/Beirut":  # DST: 00:00 last Sunday of March .. 00:00 last Sunday of October
        start = datetime.combine(last_weekday(y, 3, 6), datetime.min.time()) - 2 * H
        end = datetime.combine(last_weekday(y, 10, 6), datetime.min.time()) - 3 * H
        return 3 if start <= utc.replace(tzinfo=None) < end else 2
    if (
        zone == "Europe/London"
    ):  # BST: 01:00 UTC last Sunday of March .. 01:00 UTC last Sunday of October
        start = datetime.combine(last_weekday(y, 3, 6), datetime.min.time()) + H
        end = datetime.combine(last_weekday(y, 10, 6), datetime.min.time()) + H
        return 1 if start <= utc.replace(tzinfo=None) < end else 0
    if zone == "Asia/Hebron":  # only used for a July case here
        assert utc.month in (6, 7, 8), utc
        return 3
    if (
        zone == "Africa/Casablanca"
    ):  # permanent UTC+0 from 2026-09-20 02:00 local = 01:00 UTC (IANA 2026c)
        if utc.replace(tzinfo=None) >= datetime(2026, 9, 20, 1):
            return 0
        d = utc.date()
        return 0 if any(a <= d < b for a, b in MOROCCO_RAMADAN) else 1
    raise KeyError(zone)


def label_offset(text, zone):
    if "غرينتش" in text:
        return 0
    if "مكة" in text:
        return 3
    m = re.search(r"GMT\+(\d+)", text)
    if m:
        return int(m.group(1))
    return None


TIME_RE = re.compile(r"(?<!\d)(\d{1,2})\s*[:٫]\s*(\d{2})(?::(\d{2}))?(?!\d)\s*(\S+(?:\s+\S+)?)?")


def clock_times(text):
    out = set()
    for m in TIME_RE.finditer(text):
        h, mi, s, tail = int(m[1]), int(m[2]), int(m[3] or 0), (m[4] or "")
        first = tail.split()[0] if tail else ""
        pm = first in ("م", "PM") or first.startswith(("مساء", "عصر"))
        am = first in ("ص", "AM") or first.startswith(("صباح", "فجر"))
        if first.startswith("ظهر"):
            pm = 1 <= h <= 6
        if first.startswith("ليل"):
            pm = h >= 7 and h != 12
        if pm and h < 12:
            h += 12
        if am and h == 12:
            h = 0
        if h < 24:
            out.add((h, mi, s))
    return out


def main():
    rows = [
        json.loads(line)
        for f in ("dev.jsonl", "heldout.jsonl")
        for line in open(HERE / f, encoding="utf-8")
    ]
    moments = [r for r in rows if r["expected"] and r["expected"].endswith("Z")]
    absolute = [
        r
        for r in moments
        if r["kind"] != "relative"
        or (
            re.search(r"\d", r["input"].translate(DIGITS))
            and ("اليوم" in r["input"] or "أمس" in r["input"])
        )
    ]
    n = int(sys.argv[1]) if len(sys.argv) > 1 else len(absolute)
    sample = random.Random(7).sample(absolute, min(n, len(absolute)))
    bad = 0
    for r in sample:
        # tags replaced by spaces (so «م</span>» reads as «م»), plus the raw input for attribute values
        text = (re.sub(r"<[^>]+>", " ", r["input"]) + "\n" + r["input"]).translate(DIGITS)
        utc = datetime.strptime(r["expected"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        off = label_offset(text, r["timezone"])
        off = offset_hours(r["timezone"], utc) if off is None else off
        local = utc + timedelta(hours=off)
        times = clock_times(text)
        ok_time = (local.hour, local.minute, local.second) in times
        if r["kind"] == "relative":
            f = datetime.fromisoformat(r["fetched_at"]).astimezone(UTC)
            f_local = f + timedelta(hours=offset_hours(r["timezone"], f))
            want_day = f_local.date() - (timedelta(days=1) if "أمس" in text else timedelta(0))
            ok_date = local.date() == want_day
        else:
            ok_date = local.date() in {g[2] for g in greg_mentions(text)} or (
                "26" in text and local.date() == date(2026, 11, 22)
            )  # two-digit-year case
        status = "ok " if ok_time and ok_date else "BAD"
        bad += status == "BAD"
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r["input"]))[:70]
    # relative "ago" cases
    word = {"ساعة": (1, "h"), "ساعتين": (2, "h"), "دقيقة": (1, "m"), "ثلاث ساعات": (3, "h")}
    rel_bad = rel_n = 0
    for r in rows:
        if (
            r["kind"] != "relative"
            or not r["expected"].endswith("Z")
            or "اليوم" in r["input"]
            or "أمس" in r["input"]
        ):
            continue
        text = r["input"].translate(DIGITS)
        m = re.search(r"(\d+)\s*(ساع|دق)", text)
        if m:
            amount, unit = int(m[1]), "h" if m[2] == "ساع" else "m"
        else:
            amount, unit = next(
                v for k, v in sorted(word.items(), key=lambda kv: -len(kv[0])) if k in text
            )
        delta = timedelta(hours=amount) if unit == "h" else timedelta(minutes=amount)
        f = datetime.fromisoformat(r["fetched_at"]).astimezone(UTC)
        want = (f - delta).strftime("%Y-%m-%dT%H:%M:%SZ")
        rel_n += 1
        if want != r["expected"]:
            rel_bad += 1
    sys.exit(1 if bad or rel_bad else 0)


if __name__ == "__main__":
    main()
