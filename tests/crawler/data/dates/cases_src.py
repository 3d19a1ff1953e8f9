"""Hand-written source of the Arabic publication-date cases.

Every input string / snippet below was written by hand. The `expected` value is NOT
written by hand: build.py computes it with zoneinfo from the local moment given here.

Keys of C(...):
  id, kind, tz, input          -- as in the JSONL output (input_type is inferred: html if it starts with '<')
  at="YYYY-MM-DD HH:MM[:SS]"   -- publication moment as a local wall-clock time in `tz`
                                  (or in `at_tz` when the input carries an explicit zone label)
  on="YYYY-MM-DD"              -- publication date only (local date as written)
  ago=("h"|"m", n)             -- relative: fetched_at minus n hours / minutes (UTC moment)
  ago_days=n                   -- relative: local date of fetched_at minus n days (date only)
  day_at=(n, "HH:MM")          -- relative: local date of fetched_at plus n days, at HH:MM local
  (none of these)              -- expected null
  fetched                      -- "YYYY-MM-DD HH:MM" local in tz, or ISO 8601 with offset;
                                  default: derived from the publication moment
  notes                        -- one line on what makes the case hard
"""

CASES = []


def C(id, kind, tz, input, notes, **kw):
    CASES.append(dict(id=id, kind=kind, tz=tz, input=input, notes=notes, **kw))


# ---------------------------------------------------------------- egyptian_months
K = "egyptian_months"
C(
    "eg-vetogate-slash-month-pm",
    K,
    "Africa/Cairo",
    "الأحد 22/نوفمبر/2026 - 09:30 م",
    "month name between slashes, 12-hour time with م; November is UTC+2 in Cairo",
    at="2026-11-22 21:30",
)
C(
    "eg-plain-day-month-year",
    K,
    "Africa/Cairo",
    "22 نوفمبر 2026",
    "bare day-month-year, no time: expected is the local date",
    on="2026-11-22",
)
C(
    "eg-month-first-latin-comma",
    K,
    "Africa/Cairo",
    "نوفمبر 22, 2026",
    "month-first US-style order with a Latin comma (WordPress default format)",
    on="2026-11-22",
)
C(
    "eg-dashed-month-name",
    K,
    "Africa/Cairo",
    "22-نوفمبر-2026",
    "month name joined to day and year by hyphens, no spaces",
    on="2026-11-22",
)
C(
    "eg-ibril-hamza-winter",
    K,
    "Africa/Cairo",
    "الخميس، 16 إبريل 2026 - 11:05 ص",
    "spelling إبريل (hamza below); 16 April is before Egypt's DST start (24 Apr 2026), so UTC+2",
    at="2026-04-16 11:05",
)
C(
    "eg-abril-after-dst-start",
    K,
    "Africa/Cairo",
    "30 أبريل 2026 - 11:05 ص",
    "spelling أبريل; 30 April is after Egypt's DST start, so UTC+3 not +2",
    at="2026-04-30 11:05",
)
C(
    "eg-dst-first-night",
    K,
    "Africa/Cairo",
    "الجمعة 24 أبريل 2026 - 01:30 ص",
    "first night of Egyptian DST (00:00 jumped to 01:00): 01:30 is UTC+3, so the UTC date is the day before",
    at="2026-04-24 01:30",
)
C(
    "eg-dst-last-evening",
    K,
    "Africa/Cairo",
    "الخميس 29 أكتوبر 2026 - 10:00 م",
    "last Thursday of October: DST still in force until midnight, 22:00 is UTC+3",
    at="2026-10-29 22:00",
)
C(
    "eg-youm7-comma-after-weekday",
    K,
    "Africa/Cairo",
    "الأحد، 05 يوليو 2026 08:00 م",
    "zero-padded day, time glued after the year with no separator; summer UTC+3",
    at="2026-07-05 20:00",
)
C(
    "eg-masrawy-time-first",
    K,
    "Africa/Cairo",
    "09:15 م الإثنين 12 أكتوبر 2026",
    "time and م come before the weekday and date",
    at="2026-10-12 21:15",
)
C(
    "eg-okaz-riyadh-24h",
    K,
    "Asia/Riyadh",
    "الثلاثاء 3 فبراير 2026 - 14:20",
    "Gulf outlet with Egyptian month names and a 24-hour time; Riyadh UTC+3",
    at="2026-02-03 14:20",
)
C(
    "eg-kuwait-sabahan",
    K,
    "Asia/Kuwait",
    "الأربعاء 9 سبتمبر 2026 | 7:45 صباحاً",
    "pipe separator, صباحاً with tanween, single-digit hour",
    at="2026-09-09 07:45",
)
C(
    "eg-mayo-single-digit-day",
    K,
    "Africa/Cairo",
    "1 مايو 2025",
    "single-digit day; مايو",
    on="2025-05-01",
)
C(
    "eg-qatar-month-first-arabic-comma",
    K,
    "Asia/Qatar",
    "فبراير 14، 2025",
    "month-first with the Arabic comma ، before the year",
    on="2025-02-14",
)
C(
    "eg-ahram-extra-spaces",
    K,
    "Africa/Cairo",
    "  22\u00a0 يناير\u00a0\u00a0 2025 ",
    "non-breaking and repeated spaces between the parts",
    on="2025-01-22",
)
C(
    "eg-gulf-meem-glued",
    K,
    "Asia/Dubai",
    "الإثنين 10 أغسطس 2026م",
    "م (ميلادي) glued to the year: not a time marker",
    on="2026-08-10",
)
C(
    "eg-yunyu-yulyu-confusable",
    K,
    "Asia/Riyadh",
    "يونيو 30، 2026 - 11:58 م",
    "يونيو vs يوليو differ by one letter; month-first order; 23:58 local",
    at="2026-06-30 23:58",
)
C(
    "eg-december-cairo-late-night",
    K,
    "Africa/Cairo",
    "الأربعاء 31 ديسمبر 2025 - 11:45 م",
    "New Year's Eve late night: UTC date is the same day but close to the year end",
    at="2025-12-31 23:45",
)

# ---------------------------------------------------------------- levantine_months
K = "levantine_months"
C(
    "lev-tishreen-thani-plain",
    K,
    "Asia/Damascus",
    "22 تشرين الثاني 2026",
    "two-word month name تشرين الثاني; must not be read as تشرين الأول",
    on="2026-11-22",
)
C(
    "lev-combined-parenthesised",
    K,
    "Asia/Beirut",
    "2 تشرين الثاني (نوفمبر) 2026",
    "Levantine name with the Egyptian name in parentheses before the year",
    on="2026-11-02",
)
C(
    "lev-combined-slash",
    K,
    "Asia/Amman",
    "22 نوفمبر/تشرين الثاني 2026",
    "Egyptian/Levantine pair joined by a slash",
    on="2026-11-22",
)
C(
    "lev-kanun-thani-beirut-winter",
    K,
    "Asia/Beirut",
    "الأحد 11 كانون الثاني 2026 - 19:40",
    "كانون الثاني is January (not December); Beirut winter UTC+2",
    at="2026-01-11 19:40",
)
C(
    "lev-shubat-damascus",
    K,
    "Asia/Damascus",
    "السبت 14 شباط 2026، 08:15",
    "شباط; Syria is UTC+3 all year since 2022",
    at="2026-02-14 08:15",
)
C(
    "lev-adhar-beirut-dst-day",
    K,
    "Asia/Beirut",
    "29 آذار 2026 | 10:00",
    "first day of Lebanese DST (from 00:00 on 29 March 2026): UTC+3",
    at="2026-03-29 10:00",
)
C(
    "lev-nisan-amman-12h",
    K,
    "Asia/Amman",
    "5 نيسان 2025 - 11:30 ص",
    "نيسان; Jordan UTC+3 all year since 2022",
    at="2025-04-05 11:30",
)
C(
    "lev-ayyar-date-only",
    K,
    "Asia/Damascus",
    "الخميس 21 أيار 2026",
    "أيار with hamza; date only",
    on="2026-05-21",
)
C(
    "lev-haziran-beirut-summer",
    K,
    "Asia/Beirut",
    "الأربعاء 17 حزيران 2026 - 13:45",
    "حزيران; Beirut summer UTC+3",
    at="2026-06-17 13:45",
)
C(
    "lev-tammuz-baghdad-masaan",
    K,
    "Asia/Baghdad",
    "الاثنين 28 تموز 2025 الساعة 10:12 مساءً",
    "Iraqi outlet with Levantine months; الساعة before the time, مساءً",
    at="2025-07-28 22:12",
)
C(
    "lev-aab-short-name",
    K,
    "Asia/Baghdad",
    "3 آب 2025",
    "two-letter month name آب (August), easy to miss or confuse",
    on="2025-08-03",
)
C(
    "lev-aylul-month-first",
    K,
    "Asia/Amman",
    "أيلول 8، 2026 - 5:20 م",
    "month-first order with Levantine name",
    at="2026-09-08 17:20",
)
C(
    "lev-tishreen-awwal-beirut-dst-end",
    K,
    "Asia/Beirut",
    "الأحد 25 تشرين الأول 2026 - 09:00",
    "Lebanese DST ended at 00:00 on 25 Oct 2026: 09:00 is UTC+2 again",
    at="2026-10-25 09:00",
)
C(
    "lev-kanun-awwal-slash-pair",
    K,
    "Asia/Beirut",
    "9 كانون الأول/ديسمبر 2024",
    "Levantine/Egyptian pair with the Levantine name first",
    on="2024-12-09",
)
C(
    "lev-kanun-thani-paren-time",
    K,
    "Asia/Amman",
    "15 كانون الثاني (يناير) 2025 - 16:20",
    "parenthesised Egyptian name plus 24-hour time",
    at="2025-01-15 16:20",
)

# ---------------------------------------------------------------- maghrebi_months
K = "maghrebi_months"
C("mag-dz-janfi", K, "Africa/Algiers", "22 جانفي 2026", "Algerian جانفي (January)", on="2026-01-22")
C(
    "mag-dz-fifri-time",
    K,
    "Africa/Algiers",
    "الأربعاء 11 فيفري 2026 - 18:30",
    "Algerian فيفري; Algeria UTC+1 all year",
    at="2026-02-11 18:30",
)
C(
    "mag-tn-afril-pipe",
    K,
    "Africa/Tunis",
    "07 أفريل 2025 | 10:45",
    "Tunisian أفريل; Tunisia UTC+1 all year",
    at="2025-04-07 10:45",
)
C(
    "mag-tn-mai",
    K,
    "Africa/Tunis",
    "الجمعة 15 ماي 2026",
    "ماي (May) — short Maghrebi name shared by Algeria, Tunisia and Morocco",
    on="2026-05-15",
)
C(
    "mag-dz-juan-late",
    K,
    "Africa/Algiers",
    "30 جوان 2025 - 23:50",
    "Algerian جوان (June) vs جويلية (July)",
    at="2025-06-30 23:50",
)
C(
    "mag-dz-juilliya-after-midnight",
    K,
    "Africa/Algiers",
    "الخميس 2 جويلية 2026 على الساعة 00:20",
    "جويلية (July), «على الساعة» before the time; 00:20 local is the previous day in UTC",
    at="2026-07-02 00:20",
)
C(
    "mag-tn-out",
    K,
    "Africa/Tunis",
    "18 أوت 2026",
    "Tunisian/Algerian أوت (August), not Levantine آب",
    on="2026-08-18",
)
C(
    "mag-ma-yulyuz",
    K,
    "Africa/Casablanca",
    "الإثنين 13 يوليوز 2026 - 21:15",
    "Moroccan يوليوز (July) ends in ز; Morocco UTC+1 outside Ramadan",
    at="2026-07-13 21:15",
)
C(
    "mag-ma-ghusht",
    K,
    "Africa/Casablanca",
    "الثلاثاء 4 غشت 2026 - 09:00",
    "Moroccan غشت (August)",
    at="2026-08-04 09:00",
)
C(
    "mag-ma-shutanbar",
    K,
    "Africa/Casablanca",
    "21 شتنبر 2025",
    "Moroccan شتنبر (September)",
    on="2025-09-21",
)
C(
    "mag-ma-nunbar",
    K,
    "Africa/Casablanca",
    "الأحد 22 نونبر 2026 - 10:10",
    "Moroccan نونبر (November); Morocco is on permanent UTC+0 since 20 Sep 2026 (IANA 2026c), so 10:10 is 10:10Z",
    at="2026-11-22 10:10",
)
C(
    "mag-ma-last-day-utc1",
    K,
    "Africa/Casablanca",
    "السبت 19 شتنبر 2026 - 23:30",
    "last evening of UTC+1 in Morocco before the switch to permanent UTC+0 on 20 Sep 2026",
    at="2026-09-19 23:30",
)
C(
    "mag-ma-first-day-utc0",
    K,
    "Africa/Casablanca",
    "الأحد 20 شتنبر 2026 - 10:00",
    "first day of Morocco's permanent UTC+0 (IANA 2026c; older tzdata still says UTC+1)",
    at="2026-09-20 10:00",
)
C(
    "mag-ma-dujanbar-year-end",
    K,
    "Africa/Casablanca",
    "31 دجنبر 2025 - 23:30",
    "Moroccan دجنبر (December), late on the last day of the year",
    at="2025-12-31 23:30",
)
C(
    "mag-ma-ramadan-utc0",
    K,
    "Africa/Casablanca",
    "الجمعة 6 مارس 2026 - 22:10",
    "during Ramadan 2026 Morocco is on UTC+0 (15 Feb–22 Mar 2026), so local time equals UTC",
    at="2026-03-06 22:10",
)
C(
    "mag-ma-mai-time",
    K,
    "Africa/Casablanca",
    "12 ماي 2026 - 15:45",
    "Moroccan ماي with time; back on UTC+1 after Ramadan",
    at="2026-05-12 15:45",
)
C(
    "mag-dz-dissambar-masaa",
    K,
    "Africa/Algiers",
    "السبت 6 ديسمبر 2025 على الساعة 8:40 مساءً",
    "Algerian outlet with 12-hour time and مساءً",
    at="2025-12-06 20:40",
)

# ---------------------------------------------------------------- eastern_digits
K = "eastern_digits"
C(
    "ed-full-line-pm",
    K,
    "Africa/Cairo",
    "الأحد ٢٢ نوفمبر ٢٠٢٦ - ٠٩:٣٠ م",
    "Arabic-Indic digits for day, year and time, 12-hour م",
    at="2026-11-22 21:30",
)
C(
    "ed-numeric-slash",
    K,
    "Asia/Riyadh",
    "٢٢/١١/٢٠٢٦",
    "all-numeric date in Arabic-Indic digits, day first",
    on="2026-11-22",
)
C(
    "ed-iso-order-time",
    K,
    "Asia/Baghdad",
    "٢٠٢٦-٠٣-١٥ ١٤:٠٥",
    "year-first ISO order written in Arabic-Indic digits",
    at="2026-03-15 14:05",
)
C(
    "ed-arabic-comma-sabah",
    K,
    "Asia/Amman",
    "١٢ مارس ٢٠٢٥، ٠٨:٤٠ ص",
    "Arabic comma between date and time, ص",
    at="2025-03-12 08:40",
)
C(
    "ed-mixed-latin-eastern",
    K,
    "Africa/Cairo",
    "15 ديسمبر ٢٠٢٥ - ٣:١٠ م",
    "Latin day but Arabic-Indic year and time in one line",
    at="2025-12-15 15:10",
)
C(
    "ed-levantine-date",
    K,
    "Asia/Beirut",
    "٧ تشرين الأول ٢٠٢٤",
    "Arabic-Indic digits with a two-word Levantine month",
    on="2024-10-07",
)
C(
    "ed-spaced-slashes-day-first",
    K,
    "Asia/Riyadh",
    "١١ / ٠٤ / ٢٠٢٥",
    "spaces around the slashes; day first so 11 April, not 4 November",
    on="2025-04-11",
)
C(
    "ed-gulf-meem-glued",
    K,
    "Asia/Riyadh",
    "الخميس ٥ فبراير ٢٠٢٦م",
    "Arabic-Indic year with م (ميلادي) glued",
    on="2026-02-05",
)
C(
    "ed-time-first-dubai",
    K,
    "Asia/Dubai",
    "٠٧:١٥ ص | ١٨ يونيو ٢٠٢٥",
    "time first, pipe, then date; Dubai UTC+4",
    at="2025-06-18 07:15",
)
C(
    "ed-dotted",
    K,
    "Asia/Qatar",
    "٢٢.١١.٢٠٢٦",
    "dot-separated numeric date in Arabic-Indic digits",
    on="2026-11-22",
)
C(
    "ed-arabic-time-separator",
    K,
    "Asia/Kuwait",
    "٣ سبتمبر ٢٠٢٥ - ١٠٫٠٥ ص",
    "time written with the Arabic decimal separator ٫ instead of a colon",
    at="2025-09-03 10:05",
)

# ---------------------------------------------------------------- persian_digits
K = "persian_digits"
C(
    "pd-tehran-24h",
    K,
    "Asia/Tehran",
    "۲۲ نوفمبر ۲۰۲۶ - ۱۴:۳۰",
    "Extended (Persian) digits U+06F0–06F9; Tehran is UTC+3:30 with no DST since 2022",
    at="2026-11-22 14:30",
)
C(
    "pd-numeric-day-first",
    K,
    "Asia/Baghdad",
    "۱۵/۰۴/۲۰۲۵",
    "Persian digits in a day-first numeric date (15 April)",
    on="2025-04-15",
)
C(
    "pd-iso-order-tehran",
    K,
    "Asia/Tehran",
    "۲۰۲۵-۰۹-۰۴ ۰۸:۵۰",
    "year-first order, Persian digits, half-hour offset zone",
    at="2025-09-04 08:50",
)
C(
    "pd-mixed-persian-arabic-indic",
    K,
    "Asia/Damascus",
    "۲۴ أيلول ٢٠٢٥",
    "day in Persian digits, year in Arabic-Indic digits",
    on="2025-09-24",
)
C(
    "pd-twelve-hour-cairo",
    K,
    "Africa/Cairo",
    "الثلاثاء ۱۰ فبراير ۲۰۲۶ - ۰۶:۰۵ م",
    "Persian digits including ۶ and ۵ (shapes differ from ٦ ٥) with م",
    at="2026-02-10 18:05",
)
C(
    "pd-persian-yeh-label",
    K,
    "Asia/Tehran",
    "تاریخ انتشار: ۲۲ نوفمبر ۲۰۲۶",
    "label written with Persian ی and Persian wording",
    on="2026-11-22",
)
C(
    "pd-levantine-beirut",
    K,
    "Asia/Beirut",
    "۳ كانون الأول ۲۰۲۴ - ۲۱:۱۰",
    "Persian digits, Levantine month, Beirut winter UTC+2",
    at="2024-12-03 21:10",
)
C(
    "pd-dubai-new-year-midnight",
    K,
    "Asia/Dubai",
    "۰۱/۰۱/۲۰۲۶ ۰۰:۳۰",
    "00:30 on 1 January in Dubai is still 2025 in UTC",
    at="2026-01-01 00:30",
)
C(
    "pd-month-first-baghdad",
    K,
    "Asia/Baghdad",
    "آب ۱۹، ۲۰۲۵",
    "month-first with the short month آب and Persian digits",
    on="2025-08-19",
)
C(
    "pd-four-five-six",
    K,
    "Asia/Tehran",
    "۴ اكتبر ۲۰۲۴ - ۱۶:۴۵",
    "spelling اكتبر without و or hamza; digits ۴ ۵ ۶ only exist in the Persian block",
    at="2024-10-04 16:45",
)

# ---------------------------------------------------------------- twelve_hour
K = "twelve_hour"
C(
    "th-12-sa-after-midnight",
    K,
    "Africa/Cairo",
    "الجمعة 5 ديسمبر 2025 - 12:15 ص",
    "12:15 ص is 00:15 (after midnight), and the UTC date is the day before",
    at="2025-12-05 00:15",
)
C(
    "th-12-m-noon",
    K,
    "Africa/Cairo",
    "الجمعة 5 ديسمبر 2025 - 12:40 م",
    "12:40 م is 12:40 noon, not 24:40",
    at="2025-12-05 12:40",
)
C(
    "th-sabahan-tanween",
    K,
    "Asia/Riyadh",
    "10 مارس 2025، 8:05 صباحاً",
    "صباحاً written out",
    at="2025-03-10 08:05",
)
C(
    "th-masaan-tanween",
    K,
    "Asia/Riyadh",
    "10 مارس 2025، 8:05 مساءً",
    "مساءً written out: add 12 hours",
    at="2025-03-10 20:05",
)
C(
    "th-zuhran-1-30",
    K,
    "Asia/Amman",
    "1:30 ظهرا - 20 يناير 2026",
    "ظهرا (midday): 1:30 ظهرا is 13:30",
    at="2026-01-20 13:30",
)
C(
    "th-zuhran-12-10",
    K,
    "Asia/Kuwait",
    "السبت 14 نوفمبر 2026 الساعة 12:10 ظهراً",
    "12:10 ظهراً is 12:10, not 00:10 or 24:10",
    at="2026-11-14 12:10",
)
C(
    "th-latin-am-midnight",
    K,
    "Asia/Dubai",
    "22 نوفمبر 2026 12:05 AM",
    "Latin AM after midnight; Dubai UTC+4 puts it on 21 Nov in UTC",
    at="2026-11-22 00:05",
)
C(
    "th-latin-pm-numeric",
    K,
    "Asia/Qatar",
    "05/06/2025 03:20 PM",
    "day-first numeric date (5 June) with Latin PM",
    at="2025-06-05 15:20",
)
C(
    "th-year-meem-then-sabah",
    K,
    "Asia/Riyadh",
    "22 أكتوبر 2026 م - 09:30 ص",
    "the م after the year means ميلادي, the time marker is ص: 09:30 not 21:30",
    at="2026-10-22 09:30",
)
C(
    "th-no-leading-zero-pm",
    K,
    "Africa/Cairo",
    "3 يونيو 2025 - 9:07 م",
    "single-digit hour with م in Egyptian summer time",
    at="2025-06-03 21:07",
)
C(
    "th-fajran",
    K,
    "Africa/Cairo",
    "4:10 فجراً الأحد 16 أغسطس 2026",
    "فجراً (dawn) means morning: 04:10",
    at="2026-08-16 04:10",
)
C(
    "th-asran",
    K,
    "Asia/Riyadh",
    "4:45 عصراً - الثلاثاء 9 يونيو 2026",
    "عصراً (afternoon): 4:45 is 16:45",
    at="2026-06-09 16:45",
)
C(
    "th-laylan",
    K,
    "Asia/Amman",
    "11:20 ليلاً 28 يناير 2026",
    "ليلاً (night): 11:20 is 23:20",
    at="2026-01-28 23:20",
)
C(
    "th-eastern-12-sa",
    K,
    "Asia/Riyadh",
    "٢٥ سبتمبر ٢٠٢٥ - ١٢:٥٥ ص",
    "12:55 ص in Arabic-Indic digits = 00:55, previous UTC day",
    at="2025-09-25 00:55",
)

# ---------------------------------------------------------------- relative
K = "relative"
C(
    "rel-3-hours",
    K,
    "Africa/Cairo",
    "منذ 3 ساعات",
    "relative hours; expected = fetched_at minus 3 h",
    ago=("h", 3),
    fetched="2026-11-22 14:20",
)
C(
    "rel-one-hour-word",
    K,
    "Asia/Riyadh",
    "منذ ساعة",
    "«ساعة» alone means one hour",
    ago=("h", 1),
    fetched="2026-06-10 08:05",
)
C(
    "rel-two-hours-dual",
    K,
    "Asia/Dubai",
    "منذ ساعتين",
    "dual form ساعتين = 2 hours; crosses local midnight",
    ago=("h", 2),
    fetched="2026-01-15 01:30",
)
C(
    "rel-5-minutes",
    K,
    "Asia/Amman",
    "منذ 5 دقائق",
    "minutes",
    ago=("m", 5),
    fetched="2025-12-01 10:00",
)
C(
    "rel-one-minute-word",
    K,
    "Asia/Baghdad",
    "منذ دقيقة",
    "«دقيقة» alone means one minute",
    ago=("m", 1),
    fetched="2026-04-07 17:33",
)
C(
    "rel-two-days-dual",
    K,
    "Africa/Cairo",
    "منذ يومين",
    "dual يومين = 2 days, no time: local date; crosses the end of February (2026 not leap)",
    ago_days=2,
    fetched="2026-03-02 09:00",
)
C(
    "rel-3-days",
    K,
    "Africa/Algiers",
    "منذ 3 أيام",
    "days, crosses the year boundary",
    ago_days=3,
    fetched="2026-01-02 12:00",
)
C(
    "rel-qabl-4-hours",
    K,
    "Asia/Beirut",
    "قبل 4 ساعات",
    "قبل instead of منذ; Beirut summer UTC+3",
    ago=("h", 4),
    fetched="2026-07-20 03:00",
)
C(
    "rel-ams",
    K,
    "Asia/Riyadh",
    "أمس",
    "«أمس» alone: local date before the fetch",
    ago_days=1,
    fetched="2026-05-01 10:00",
)
C(
    "rel-ams-with-time",
    K,
    "Africa/Cairo",
    "أمس 22:40",
    "yesterday plus a clock time, Cairo summer UTC+3",
    day_at=(-1, "22:40"),
    fetched="2026-09-10 08:00",
)
C(
    "rel-today-with-time",
    K,
    "Asia/Damascus",
    "اليوم 10:15",
    "«اليوم» plus clock time",
    day_at=(0, "10:15"),
    fetched="2026-11-22 13:00",
)
C(
    "rel-eastern-digits",
    K,
    "Asia/Riyadh",
    "منذ ٣ ساعات",
    "relative with an Arabic-Indic digit",
    ago=("h", 3),
    fetched="2025-10-09 21:00",
)
C(
    "rel-11-hours-singular",
    K,
    "Asia/Qatar",
    "منذ 11 ساعة",
    "numbers 11+ take the singular ساعة; crosses the UTC date",
    ago=("h", 11),
    fetched="2026-02-01 09:00",
)
C(
    "rel-nushira-45-min",
    K,
    "Africa/Cairo",
    "نُشر منذ 45 دقيقة",
    "label plus relative minutes",
    ago=("m", 45),
    fetched="2026-08-01 00:20",
)
C(
    "rel-ams-fetched-in-utc",
    K,
    "Africa/Cairo",
    "أمس",
    "fetched_at is given in UTC (23:30Z) but it is already the 23rd in Cairo; «أمس» is the 22nd",
    ago_days=1,
    fetched="2026-11-22T23:30:00+00:00",
)
C(
    "rel-three-hours-words",
    K,
    "Asia/Amman",
    "منذ ثلاث ساعات",
    "number written as a word (ثلاث)",
    ago=("h", 3),
    fetched="2026-03-14 16:45",
)
C(
    "rel-week",
    K,
    "Asia/Baghdad",
    "منذ أسبوع",
    "one week: local date seven days before the fetch",
    ago_days=7,
    fetched="2026-06-03 11:00",
)
C(
    "rel-today-12h-pm",
    K,
    "Africa/Cairo",
    "اليوم، 09:30 م",
    "today plus 12-hour time with م",
    day_at=(0, "21:30"),
    fetched="2026-08-01 23:10",
)
C(
    "rel-ams-12h-layl",
    K,
    "Asia/Riyadh",
    "أمس الساعة 11:50 م",
    "«أمس» with الساعة and a 12-hour time: 23:50 on the previous local day",
    day_at=(-1, "23:50"),
    fetched="2026-09-15 07:30",
)

# ---------------------------------------------------------------- weekday_prefix
K = "weekday_prefix"
C(
    "wd-ahad-arabic-comma",
    K,
    "Africa/Cairo",
    "الأحد، 1 مارس 2026",
    "weekday followed by the Arabic comma",
    on="2026-03-01",
)
C(
    "wd-ithnayn-hamza-dash",
    K,
    "Asia/Riyadh",
    "الإثنين - 2 مارس 2026",
    "الإثنين with hamza, dash separator",
    on="2026-03-02",
)
C(
    "wd-ithnayn-no-hamza-time",
    K,
    "Asia/Amman",
    "الاثنين 9 نوفمبر 2026 - 10:00",
    "الاثنين without hamza, no separator before the day",
    at="2026-11-09 10:00",
)
C(
    "wd-thulatha-latin-comma",
    K,
    "Asia/Dubai",
    "الثلاثاء, 17 فبراير 2026",
    "Latin comma after the weekday",
    on="2026-02-17",
)
C(
    "wd-arbia-no-hamza-pipe",
    K,
    "Africa/Cairo",
    "الاربعاء 01 يناير 2025 | 10:02 ص",
    "الاربعاء without hamza, pipe before the time",
    at="2025-01-01 10:02",
)
C(
    "wd-yawm-khamis",
    K,
    "Asia/Baghdad",
    "يوم الخميس 6 نوفمبر 2025",
    "«يوم» before the weekday",
    on="2025-11-06",
)
C(
    "wd-jumua-ha-typo",
    K,
    "Africa/Cairo",
    "الجمعه 7 نوفمبر 2025",
    "common spelling الجمعه with ه for ة",
    on="2025-11-07",
)
C(
    "wd-sabt-levantine-time",
    K,
    "Asia/Damascus",
    "السبت 8 تشرين الثاني 2025 - 21:05",
    "weekday + Levantine month + 24-hour time",
    at="2025-11-08 21:05",
)
C(
    "wd-ahad-saa-sabahan",
    K,
    "Africa/Cairo",
    "الأحد 22 نوفمبر 2026 الساعة 09:30 صباحاً",
    "weekday, then الساعة and صباحاً",
    at="2026-11-22 09:30",
)
C(
    "wd-khamis-tunis",
    K,
    "Africa/Tunis",
    "الخميس 1 أكتوبر 2026 - 16:00",
    "Tunisian outlet using the Egyptian/Gulf name أكتوبر",
    at="2026-10-01 16:00",
)
C(
    "wd-arbiaa-numeric-ymd",
    K,
    "Asia/Qatar",
    "الأربعاء 2026/04/15",
    "weekday before a year-first numeric date",
    on="2026-04-15",
)
C(
    "wd-jumua-pipe",
    K,
    "Asia/Riyadh",
    "الجمعة | 13 فبراير 2026",
    "pipe between weekday and date",
    on="2026-02-13",
)
C(
    "wd-sabt-after-date-paren",
    K,
    "Africa/Casablanca",
    "3 أكتوبر 2026 (السبت) - 18:25",
    "weekday in parentheses after the date; Morocco on UTC+0 since 20 Sep 2026",
    at="2026-10-03 18:25",
)

# ---------------------------------------------------------------- hijri_beside
K = "hijri_beside"
C(
    "hj-hijri-first-thursday",
    K,
    "Asia/Riyadh",
    "الخميس 11 جمادى الأولى 1448 هـ - 22 أكتوبر 2026 م",
    "Hijri date first; the day number 11 must not be taken as the Gregorian day",
    on="2026-10-22",
)
C(
    "hj-gregorian-first",
    K,
    "Asia/Riyadh",
    "الأحد 22 نوفمبر 2026م - 12 جمادى الآخرة 1448هـ",
    "Gregorian first, Hijri after; year 1448 must not be taken as a Gregorian year",
    on="2026-11-22",
)
C(
    "hj-numeric-hijri-muwafiq",
    K,
    "Asia/Riyadh",
    "1447/09/15 هـ الموافق 2026/03/04 م",
    "numeric Hijri date 1447/09/15 looks like a year-first date; الموافق introduces the Gregorian",
    on="2026-03-04",
)
C(
    "hj-with-time-dhul-hijja",
    K,
    "Asia/Riyadh",
    "الجمعة 17 ذو الحجة 1446 هـ | 13 يونيو 2025 م | 08:45 م",
    "Hijri, Gregorian and time in three pipe-separated parts; م after the year vs م after the time",
    at="2025-06-13 20:45",
)
C(
    "hj-eastern-digits-rajab",
    K,
    "Asia/Riyadh",
    "الاثنين ٢٣ رجب ١٤٤٧ هـ - ١٢ يناير ٢٠٢٦ م",
    "both calendars in Arabic-Indic digits",
    on="2026-01-12",
)
C(
    "hj-ahram-issue-number",
    K,
    "Africa/Cairo",
    "الثلاثاء 22 من ذى القعدة 1446 هــ 20 مايو 2025 السنة 149 العدد 50562",
    "print-edition masthead: Hijri with ذى and هــ, then Gregorian, then volume year and issue number",
    on="2025-05-20",
)
C(
    "hj-muharram-new-year",
    K,
    "Asia/Dubai",
    "الثلاثاء 1 محرم 1448 هـ الموافق 16 يونيو 2026",
    "Hijri new year beside the Gregorian; day 1 vs day 16",
    on="2026-06-16",
)
C(
    "hj-safar-levantine-month",
    K,
    "Asia/Baghdad",
    "السبت 22 صفر 1447 هـ - 16 آب 2025",
    "Hijri month صفر next to the Levantine آب",
    on="2025-08-16",
)
C(
    "hj-rabi-awwal-algeria",
    K,
    "Africa/Algiers",
    "الجمعة 13 ربيع الأول 1447 الموافق لـ 5 سبتمبر 2025",
    "Hijri year without هـ, «الموافق لـ» before the Gregorian",
    on="2025-09-05",
)
C(
    "hj-rabi-thani-with-time",
    K,
    "Asia/Kuwait",
    "17 ربيع الآخر 1447 هـ - 09 أكتوبر 2025 م - 07:30 ص",
    "ربيع الآخر (two-word Hijri month containing الآخر) then Gregorian and time",
    at="2025-10-09 07:30",
)
C(
    "hj-shawwal-numeric-gregorian",
    K,
    "Asia/Riyadh",
    "19 شوال 1447 هـ / 07-04-2026 م",
    "Hijri month name, numeric day-first Gregorian after a slash",
    on="2026-04-07",
)
C(
    "hj-qatar-gregorian-then-hijri-time",
    K,
    "Asia/Qatar",
    "الخميس 19 ديسمبر 2024 الموافق 18 جمادى الآخرة 1446 - 10:20 صباحاً",
    "Gregorian first, Hijri in the middle, time at the end belongs to the Gregorian line",
    at="2024-12-19 10:20",
)

# ---------------------------------------------------------------- numeric
K = "numeric"
C("num-dmy-slash", K, "Africa/Cairo", "22/11/2026", "day-first slashes", on="2026-11-22")
C("num-ymd-slash", K, "Asia/Riyadh", "2026/11/22", "year-first slashes", on="2026-11-22")
C("num-dmy-dash", K, "Asia/Amman", "22-11-2026", "day-first dashes", on="2026-11-22")
C("num-dmy-dot", K, "Africa/Tunis", "22.11.2026", "day-first dots", on="2026-11-22")
C(
    "num-ambiguous-11-12",
    K,
    "Asia/Riyadh",
    "11/12/2025",
    "ambiguous: Arabic outlets write day first, so 11 December, not 12 November",
    on="2025-12-11",
)
C(
    "num-ambiguous-05-04-time",
    K,
    "Africa/Cairo",
    "05/04/2025 - 14:30",
    "ambiguous: 5 April (day first), before Egyptian DST so UTC+2",
    at="2025-04-05 14:30",
)
C(
    "num-dmy-time",
    K,
    "Asia/Baghdad",
    "22/11/2026 09:30",
    "day-first date and 24-hour time",
    at="2026-11-22 09:30",
)
C(
    "num-iso-pipe-time",
    K,
    "Asia/Beirut",
    "2026-11-22 | 09:30",
    "ISO-ordered date, pipe, time; Beirut winter UTC+2",
    at="2026-11-22 09:30",
)
C(
    "num-iso-seconds",
    K,
    "Asia/Damascus",
    "2026-07-14 18:05:33",
    "time with seconds",
    at="2026-07-14 18:05:33",
)
C(
    "num-single-digits",
    K,
    "Africa/Algiers",
    "3/2/2025",
    "single-digit day and month, day first: 3 February",
    on="2025-02-03",
)
C(
    "num-two-digit-year",
    K,
    "Africa/Cairo",
    "22/11/26 - 21:30",
    "two-digit year 26 = 2026",
    at="2026-11-22 21:30",
)
C(
    "num-time-first-ymd",
    K,
    "Africa/Algiers",
    "21:30 - 2026/11/22",
    "time before the date",
    at="2026-11-22 21:30",
)
C(
    "num-iso-t-naive-beirut-dst",
    K,
    "Asia/Beirut",
    "2026-03-30T07:10:00",
    "ISO with T but no offset: read in the outlet zone (Beirut DST since 29 March, UTC+3)",
    at="2026-03-30 07:10",
)
C(
    "num-ymd-dots-year-end",
    K,
    "Asia/Qatar",
    "2025.12.31 23:45",
    "year-first with dots, last minutes of the year",
    at="2025-12-31 23:45",
)
C(
    "num-dmy-13-unambiguous",
    K,
    "Asia/Amman",
    "13/01/2026 - 08:00 ص",
    "day 13 cannot be a month; 12-hour ص",
    at="2026-01-13 08:00",
)

# ---------------------------------------------------------------- labelled
K = "labelled"
C(
    "lab-nushira-fi",
    K,
    "Africa/Cairo",
    "نشر في: 14 يناير 2026 - 10:20",
    "«نشر في:» label",
    at="2026-01-14 10:20",
)
C(
    "lab-tarikh-al-nashr",
    K,
    "Asia/Riyadh",
    "تاريخ النشر: 2026/02/09 - 17:45",
    "«تاريخ النشر:» label with a numeric year-first date",
    at="2026-02-09 17:45",
)
C(
    "lab-tamma-al-nashr",
    K,
    "Asia/Dubai",
    "تم النشر: الثلاثاء 10 فبراير 2026 - 11:00 ص",
    "«تم النشر:» label, Dubai UTC+4",
    at="2026-02-10 11:00",
)
C(
    "lab-akhir-tahdith-only-mecca",
    K,
    "Asia/Qatar",
    "آخر تحديث: 22/11/2026 10:05 (بتوقيت مكة المكرمة)",
    "only date on the page is «آخر تحديث» (Al Jazeera style) with «بتوقيت مكة المكرمة»: taken as the date",
    at="2026-11-22 10:05",
    at_tz="Asia/Riyadh",
)
C(
    "lab-nushira-bitarikh",
    K,
    "Asia/Amman",
    "نُشر بتاريخ 2025/08/19",
    "«نُشر بتاريخ» with damma",
    on="2025-08-19",
)
C(
    "lab-bitawqit-al-quds",
    K,
    "Asia/Hebron",
    "09:45 بتوقيت القدس، الأحد 12 يوليو 2026",
    "«بتوقيت القدس» (Palestinian summer time UTC+3), time before the date",
    at="2026-07-12 09:45",
)
C(
    "lab-mecca-from-london-outlet",
    K,
    "Europe/London",
    "الأربعاء 4 فبراير 2026 - 18:20 بتوقيت مكة المكرمة",
    "London-based outlet but the time is labelled Mecca time: UTC+3, not London",
    at="2026-02-04 18:20",
    at_tz="Asia/Riyadh",
)
C(
    "lab-gmt-london-summer",
    K,
    "Europe/London",
    "نشر في: 10 يوليو 2026 - 14:00 بتوقيت غرينتش",
    "«بتوقيت غرينتش» means UTC even though London is on BST in July",
    at="2026-07-10 14:00",
    at_tz="UTC",
)
C(
    "lab-gmt-plus3-cairo-outlet",
    K,
    "Africa/Cairo",
    "2026-11-22 09:30 GMT+3",
    "explicit GMT+3 overrides the outlet zone (Cairo is UTC+2 in November)",
    at="2026-11-22 09:30",
    at_tz="Etc/GMT-3",
)
C(
    "lab-gst-alarabiya",
    K,
    "Asia/Dubai",
    "نشر في: 22 نوفمبر ,2026: 09:30 ص GST",
    "Al Arabiya layout: comma before the year, colon before the time, GST = Gulf Standard Time UTC+4",
    at="2026-11-22 09:30",
)
C(
    "lab-gmt-dubai-outlet",
    K,
    "Asia/Dubai",
    "تاريخ النشر: 5 مايو 2026 الساعة 10:00 بتوقيت غرينتش",
    "Dubai outlet writing GMT: the time is UTC, not UTC+4",
    at="2026-05-05 10:00",
    at_tz="UTC",
)
C(
    "lab-tarikh-day-first",
    K,
    "Asia/Amman",
    "التاريخ: 03/05/2026",
    "«التاريخ:» with a day-first numeric date (3 May)",
    on="2026-05-03",
)
C(
    "lab-tarikh-al-khabar",
    K,
    "Asia/Baghdad",
    "تاريخ الخبر: 15 أكتوبر 2025",
    "«تاريخ الخبر:» label",
    on="2025-10-15",
)
C(
    "lab-bitawqit-beirut-winter",
    K,
    "Asia/Beirut",
    "نُشر في 17-03-2026 الساعة 11:30 بتوقيت بيروت",
    "«بتوقيت بيروت», before Lebanese DST (UTC+2)",
    at="2026-03-17 11:30",
)
C(
    "lab-udifa-fi",
    K,
    "Asia/Damascus",
    "أُضيف في: 2025-11-20 08:00",
    "«أُضيف في:» (added on) label",
    at="2025-11-20 08:00",
)

# ---------------------------------------------------------------- html_snippet
K = "html_snippet"
C(
    "html-span-date-article-meta",
    K,
    "Africa/Cairo",
    """<div class="article-header">
  <h1 class="article-title">الحكومة تعلن خطة جديدة لدعم صغار المزارعين</h1>
  <div class="article-meta">
    <span class="author">كتب: محمد عبد الله</span>
    <span class="date">الثلاثاء، 10 فبراير 2026 03:15 م</span>
  </div>
</div>""",
    'date in <span class="date"> beside the byline',
    at="2026-02-10 15:15",
)
C(
    "html-time-without-datetime",
    K,
    "Asia/Riyadh",
    """<article>
  <header class="entry-header">
    <h1 class="entry-title">إطلاق المرحلة الثانية من مشروع النقل العام</h1>
    <div class="entry-meta">
      <time class="entry-date published">22 نوفمبر، 2026</time>
    </div>
  </header>
</article>""",
    "<time> element with no datetime attribute; Arabic comma before the year",
    on="2026-11-22",
)
C(
    "html-post-meta-icons-views",
    K,
    "Asia/Baghdad",
    """<div class="post-meta">
  <span class="post-author"><i class="fa fa-user"></i> المحرر</span>
  <span class="post-date"><i class="fa fa-clock-o"></i> 2026-03-18 | 20:40</span>
  <span class="post-views"><i class="fa fa-eye"></i> 1,245</span>
</div>""",
    "icons inside the meta line; a view count sits next to the date",
    at="2026-03-18 20:40",
)
C(
    "html-article-date-split-spans",
    K,
    "Asia/Beirut",
    """<div class="article__header">
  <h1 class="article__title">وزارة الطاقة: ساعات التغذية الكهربائية ترتفع الأسبوع المقبل</h1>
  <p class="article__date">
    <span class="article__date-day">15</span>
    <span class="article__date-month">تشرين الأول</span>
    <span class="article__date-year">2025</span>
    <span class="article__date-time">14:50</span>
  </p>
</div>""",
    "day, month, year and time each in its own span; Beirut DST in October (UTC+3)",
    at="2025-10-15 14:50",
)
C(
    "html-meta-info-list-dz",
    K,
    "Africa/Algiers",
    """<ul class="meta-info">
  <li class="cat"><a href="/category/sport">رياضة</a></li>
  <li class="date-time"><span>22 جانفي 2026</span> <span>14:05</span></li>
  <li class="comments"><a href="#comments">3 تعليقات</a></li>
</ul>""",
    "list-based meta line, Algerian month, comment count beside it",
    at="2026-01-22 14:05",
)
C(
    "html-meta-tag-and-visible-line",
    K,
    "Africa/Cairo",
    """<head>
  <meta property="og:title" content="ارتفاع أسعار الحديد في السوق المحلية">
  <meta property="article:published_time" content="2026-05-12T09:40:00+03:00">
</head>
<body>
  <h1>ارتفاع أسعار الحديد في السوق المحلية</h1>
  <div class="news-date">12 مايو 2026 - 09:40 ص</div>
</body>""",
    "meta published_time with offset and a matching visible line (Cairo DST UTC+3)",
    at="2026-05-12 09:40",
)
C(
    "html-wordpress-published-and-updated",
    K,
    "Africa/Algiers",
    """<div class="entry-meta">
  <span class="posted-on">نُشر في <a href="/2025/09/02/hausse-prix/" rel="bookmark"><time class="entry-date published" datetime="2025-09-02T11:25:00+01:00">2 سبتمبر، 2025</time><time class="updated" datetime="2025-09-03T08:00:00+01:00">3 سبتمبر، 2025</time></a></span>
  <span class="byline"> بواسطة <span class="author vcard"><a class="url fn n" href="/author/salima/">سليمة ب.</a></span></span>
</div>""",
    "WordPress theme with both published and updated <time> elements",
    at="2025-09-02 11:25",
)
C(
    "html-spa-dateline-hijri",
    K,
    "Asia/Riyadh",
    """<div class="news-body">
  <p class="dateline">الرياض 14 جمادى الآخرة 1447 هـ الموافق 05 ديسمبر 2025 م واس</p>
  <p>أعلنت الهيئة العامة للإحصاء اليوم نتائج مسح القوى العاملة للربع الثالث.</p>
</div>""",
    "agency dateline inside the body: city, Hijri, الموافق, Gregorian, agency name",
    on="2025-12-05",
)
C(
    "html-newsstorydate-youm7",
    K,
    "Africa/Cairo",
    """<div class="articleHeader">
  <h1>محافظ الجيزة يتفقد أعمال رصف طريق المريوطية</h1>
  <span class="newsStoryDate">السبت، 11 أبريل 2026 10:00 ص</span>
</div>""",
    "Youm7-like class name; April 11 is before Egypt's DST start (UTC+2)",
    at="2026-04-11 10:00",
)
C(
    "html-timeago-with-title",
    K,
    "Asia/Amman",
    """<div class="news-details">
  <h2 class="news-title">تخفيض أسعار المحروقات للشهر المقبل</h2>
  <span class="time-ago" title="2026-11-22 09:30">منذ 3 ساعات</span>
</div>""",
    "relative visible text, exact moment only in the title attribute",
    at="2026-11-22 09:30",
    fetched="2026-11-22 12:41",
)
C(
    "html-nushira-bitarikh-morocco",
    K,
    "Africa/Casablanca",
    """<header class="single-header">
  <h1 class="single-title">الحكومة تصادق على مشروع قانون المالية</h1>
  <div class="meta">
    <span class="dt">نشر بتاريخ:</span> <span class="dd">الإثنين 2 نونبر 2026 - 11:47</span>
  </div>
</header>""",
    "label and value in separate spans; Moroccan month; Morocco on UTC+0 since 20 Sep 2026",
    at="2026-11-02 11:47",
)
C(
    "html-old-table-layout",
    K,
    "Asia/Damascus",
    """<table class="news-table">
  <tr><td class="newstitle" colspan="2">افتتاح معرض دمشق للكتاب بمشاركة 200 دار نشر</td></tr>
  <tr><td class="newsdate">2024/12/08</td><td class="newstime">14:22</td></tr>
</table>""",
    "old table template: date and time in sibling cells; «200 دار» is not a date",
    at="2024-12-08 14:22",
)
C(
    "html-br-separated-lines",
    K,
    "Asia/Riyadh",
    """<div class="date-time">الخميس<br>19 مارس 2026<br>06:10 م</div>""",
    "weekday, date and time separated by <br>",
    at="2026-03-19 18:10",
)
C(
    "html-ld-json-and-visible",
    K,
    "Asia/Dubai",
    """<script type="application/ld+json">{"@type":"NewsArticle","headline":"افتتاح أكبر محطة للطاقة الشمسية","datePublished":"2026-01-20T08:15:00+04:00","dateModified":"2026-01-20T13:02:00+04:00"}</script>
<h1>افتتاح أكبر محطة للطاقة الشمسية</h1>
<div class="article-info"><span class="article-date">20 يناير 2026</span></div>""",
    "JSON-LD datePublished (with dateModified) plus a visible date-only line",
    at="2026-01-20 08:15",
)

# ---------------------------------------------------------------- trap_read_also
K = "trap_read_also"
C(
    "ra-after-article-dated-teasers",
    K,
    "Africa/Cairo",
    """<div class="article">
  <h1>وزير التعليم يعلن مواعيد امتحانات نصف العام</h1>
  <span class="post-date">الأربعاء 18 نوفمبر 2026 - 02:10 م</span>
  <p>أعلن وزير التربية والتعليم اليوم الجدول الزمني لامتحانات نصف العام الدراسي.</p>
</div>
<div class="read-also">
  <h3>اقرأ أيضا</h3>
  <ul>
    <li><a href="/news/1">التعليم تحسم موعد بدء الدراسة</a> <span class="date">03 سبتمبر 2026</span></li>
    <li><a href="/news/2">نتيجة الثانوية العامة</a> <span class="date">20 يوليو 2026</span></li>
  </ul>
</div>""",
    "«اقرأ أيضا» teasers carry older dates in the same span class as the article date",
    at="2026-11-18 14:10",
)
C(
    "ra-sidebar-before-article",
    K,
    "Asia/Riyadh",
    """<aside class="sidebar">
  <h4>الأكثر قراءة</h4>
  <div class="item"><a href="/a/881">ارتفاع درجات الحرارة على المنطقة الشرقية</a><span class="article-date">2026/11/22</span></div>
  <div class="item"><a href="/a/879">فتح باب التسجيل في الجامعات</a><span class="article-date">2026/11/21</span></div>
</aside>
<main>
  <h1>الهيئة الملكية تطلق مشروعاً سكنياً جديداً</h1>
  <span class="article-date">2026/11/16</span>
</main>""",
    "sidebar with newer dates comes first in the DOM, same class as the article date",
    on="2026-11-16",
    fetched="2026-11-22 18:00",
)
C(
    "ra-only-related-dates-null",
    K,
    "Asia/Amman",
    """<article>
  <h1>انخفاض أسعار الخضار في السوق المركزي</h1>
  <p>شهدت أسعار الخضار انخفاضاً ملحوظاً بسبب زيادة العرض.</p>
</article>
<section class="related">
  <h3>ذات صلة</h3>
  <a href="/n/5521">ارتفاع أسعار البندورة<span class="time">10 تشرين الثاني 2026</span></a>
  <a href="/n/5498">وزارة الزراعة تمنع تصدير البطاطا<span class="time">4 تشرين الثاني 2026</span></a>
</section>""",
    "the article itself is undated; only the «ذات صلة» items have dates → null",
    fetched="2026-11-14 10:00",
)
C(
    "ra-inline-dhat-sila-paragraph",
    K,
    "Asia/Beirut",
    """<div class="article-body">
  <div class="article-date">22-11-2026 | 11:05</div>
  <p>عقد مجلس الوزراء جلسة استثنائية لبحث ملف الكهرباء.</p>
  <p class="related-inline"><strong>ذات صلة:</strong> <a href="/news/4411">مجلس الوزراء يقر خطة الطوارئ (12 تشرين الأول 2026)</a></p>
  <p>وأكد رئيس الحكومة أن الخطة ستنفذ على مراحل.</p>
</div>""",
    "inline «ذات صلة» link in the body with its own date in parentheses",
    at="2026-11-22 11:05",
)
C(
    "ra-related-newer-than-article",
    K,
    "Asia/Dubai",
    """<h1 class="headline">هيئة الطرق تعلن تحويلات مرورية مؤقتة</h1>
<div class="article-info"><span class="pub-date">نُشر في: 3 مارس 2026</span></div>
<div class="more-news">
  <h3>أخبار ذات صلة</h3>
  <div class="card"><span class="card__date">5 مارس 2026</span><a href="/x/9">افتتاح الجسر الجديد</a></div>
</div>""",
    "related item is newer than the article; the newest date on the page is not the article's",
    on="2026-03-03",
    fetched="2026-03-06 09:00",
)
C(
    "ra-relative-teasers-absolute-article",
    K,
    "Africa/Cairo",
    """<div class="post">
  <h1>البنك المركزي يثبت أسعار الفائدة</h1>
  <div class="post-meta"><span class="post-date">21 نوفمبر 2026 - 05:30 م</span></div>
</div>
<div class="latest-news">
  <h4>آخر الأخبار</h4>
  <a href="/n/3">سعر الدولار اليوم</a><span class="ago">منذ ساعتين</span>
  <a href="/n/4">أسعار الذهب</a><span class="ago">منذ 5 ساعات</span>
</div>""",
    "latest-news teasers with relative times; the article date is absolute",
    at="2026-11-21 17:30",
    fetched="2026-11-22 10:00",
)
C(
    "ra-akhbar-mutaalliqa-numeric",
    K,
    "Asia/Baghdad",
    """<div class="news-date">2026-02-18 10:25</div>
<div class="news-text"><p>أعلنت وزارة الكهرباء عن خطة صيانة شاملة للمحطات.</p></div>
<div class="related-news">
  <div class="title">أخبار متعلقة</div>
  <ul>
    <li><a href="/n/77">الكهرباء تعلن جدول القطع المبرمج</a> 2026-02-17 19:00</li>
    <li><a href="/n/75">افتتاح محطة توليد في البصرة</a> 2026-02-15 12:40</li>
  </ul>
</div>""",
    "«أخبار متعلقة» list items with full numeric date-times of the same format",
    at="2026-02-18 10:25",
)
C(
    "ra-teaser-headline-contains-date",
    K,
    "Africa/Cairo",
    """<h1>مجلس النواب يوافق على مشروع الموازنة</h1>
<p class="article-date">تاريخ النشر: 14 ديسمبر 2025</p>
<div class="read-more">
  <span>اقرأ أيضاً:</span>
  <a href="/n/22">مجلس النواب يناقش الموازنة في جلسة 2 ديسمبر 2025</a>
  <a href="/n/23">الحكومة تحيل مشروع الموازنة للبرلمان في 25 نوفمبر 2025</a>
</div>""",
    "the read-also headlines themselves contain dates",
    on="2025-12-14",
)
C(
    "ra-only-relative-teasers-null",
    K,
    "Asia/Qatar",
    """<h1>قطر تستضيف مؤتمر الطاقة الدولي</h1>
<p>تستضيف الدوحة مؤتمر الطاقة الدولي بمشاركة أكثر من 40 دولة.</p>
<div class="widget-latest">
  <h3>الأحدث</h3>
  <a href="/n/1">فتح باب التسجيل</a><small>منذ 20 دقيقة</small>
  <a href="/n/2">تعديل مواعيد الدوام</a><small>منذ ساعة</small>
</div>""",
    "only the widget has (relative) times, the article has none → null",
    fetched="2026-04-20 12:00",
)
C(
    "ra-url-dates-in-related-links",
    K,
    "Africa/Tunis",
    """<div class="article-meta"><span class="date">الثلاثاء 12 ماي 2026</span></div>
<p>صادق البرلمان على قانون الاستثمار الجديد.</p>
<div class="voir-aussi">
  <h4>اقرأ أيضا</h4>
  <a href="https://www.example-news.tn/2026/04/30/loi-finances">قانون المالية التعديلي</a>
  <a href="https://www.example-news.tn/2026/05/14/budget">الميزانية أمام البرلمان</a>
</div>""",
    "related links carry dates in their URLs (one newer than the article)",
    on="2026-05-12",
    fetched="2026-05-15 08:00",
)
C(
    "ra-levantine-most-read-first",
    K,
    "Asia/Damascus",
    """<div class="most-read">
  <h3>الأكثر قراءة</h3>
  <p><a href="/n/300">رفع سعر ربطة الخبز</a> — الأحد 22 تشرين الثاني 2026</p>
</div>
<div class="article-content">
  <h1>إعادة تأهيل محطة مياه عين الفيجة</h1>
  <div class="date">الخميس 19 تشرين الثاني 2026 - 13:40</div>
</div>""",
    "most-read block (newer, with weekday) precedes the article date",
    at="2026-11-19 13:40",
    fetched="2026-11-22 20:00",
)

# ---------------------------------------------------------------- trap_copyright
K = "trap_copyright"
C(
    "cr-only-copyright-null",
    K,
    "Africa/Cairo",
    """<h1>طريقة عمل كيكة البرتقال</h1>
<p>المقادير: 3 بيضات، كوب سكر، كوب عصير برتقال.</p>
<footer class="site-footer"><p>© 2026 جميع الحقوق محفوظة</p></footer>""",
    "a year in the footer is never a publication date → null",
    fetched="2026-11-22 10:00",
)
C(
    "cr-range-only-null",
    K,
    "Asia/Beirut",
    """<div class="article"><h1>جولة في أسواق طرابلس القديمة</h1><p>تعد أسواق طرابلس من أقدم الأسواق في المنطقة.</p></div>
<div class="footer-bottom">حقوق النشر 2003-2026 © جميع الحقوق محفوظة</div>""",
    "«حقوق النشر 2003-2026» year range only → null",
    fetched="2026-09-01 12:00",
)
C(
    "cr-with-article-date",
    K,
    "Asia/Riyadh",
    """<div class="article-header">
  <h1>انطلاق موسم الرياض بفعاليات جديدة</h1>
  <span class="post-date">الجمعة 16 أكتوبر 2026 - 08:00 م</span>
</div>
<footer><p>جميع الحقوق محفوظة © 2026</p></footer>""",
    "article date plus a footer copyright year",
    at="2026-10-16 20:00",
)
C(
    "cr-old-article-current-footer",
    K,
    "Asia/Amman",
    """<h1>افتتاح طريق عمّان التنموي</h1>
<div class="meta"><span class="date">الثلاثاء 5 آذار 2024</span></div>
<footer class="footer"><span class="copyright">© 2026 الحقوق محفوظة لوكالة الأنباء</span></footer>""",
    "article from 2024 on a page whose footer says 2026; the footer year must not win",
    on="2024-03-05",
    fetched="2026-05-10 09:00",
)
C(
    "cr-text-only-null",
    K,
    "Asia/Dubai",
    "جميع الحقوق محفوظة © صحيفة الوطن 2025",
    "copyright line with a year as the only input → null",
    fetched="2025-12-10 10:00",
)
C(
    "cr-eastern-digits-range-null",
    K,
    "Asia/Riyadh",
    """<div class="content"><h2>نصائح لتوفير استهلاك الكهرباء في الصيف</h2><p>ينصح الخبراء بضبط المكيف على 24 درجة.</p></div>
<div class="copyright">© ٢٠٠٥ - ٢٠٢٦ جميع الحقوق محفوظة لـ صحيفة الرياض</div>""",
    "range in Arabic-Indic digits; «24 درجة» is a temperature → null",
    fetched="2026-07-01 12:00",
)
C(
    "cr-founded-year-null",
    K,
    "Africa/Algiers",
    """<div class="about-box">جريدة يومية مستقلة تأسست عام 1998</div>
<h1>الجزائر تطلق منصة رقمية للاستثمار</h1>
<p>أطلقت الحكومة منصة رقمية جديدة لتسهيل إجراءات المستثمرين.</p>
<div class="footer">الخبر © 2026</div>""",
    "foundation year and copyright year only → null",
    fetched="2026-02-11 09:00",
)
C(
    "cr-footer-with-full-date-widget",
    K,
    "Africa/Tunis",
    """<h1>ارتفاع نسبة امتلاء السدود</h1>
<div class="post-date">السبت 14 فيفري 2026</div>
<footer><div class="copy">حقوق النشر © 2012 - 2026</div><div class="footer-date">آخر تحديث للموقع: 16 فيفري 2026</div></footer>""",
    "footer also holds a site-wide «last updated» date",
    on="2026-02-14",
    fetched="2026-02-16 18:00",
)
C(
    "cr-copyright-before-date-numeric",
    K,
    "Asia/Baghdad",
    """<div class="top-bar"><span>© 2026 شبكة الأخبار العراقية</span></div>
<h1>مجلس الوزراء يقر جدول العطل الرسمية</h1>
<span class="date">12/01/2026 - 16:30</span>""",
    "copyright year comes before a day-first numeric date",
    at="2026-01-12 16:30",
)
C(
    "cr-year-in-headline-null",
    K,
    "Asia/Qatar",
    """<h1>الموازنة العامة لعام 2026: أبرز الأرقام</h1>
<p>تتوقع الموازنة العامة لعام 2026 فائضاً بنسبة 2.1%.</p>
<footer>© 2026 جميع الحقوق محفوظة</footer>""",
    "years in the headline and footer only, no day → null",
    fetched="2026-01-05 09:00",
)

# ---------------------------------------------------------------- trap_updated
K = "trap_updated"
C(
    "up-shorouk-pub-then-update",
    K,
    "Africa/Cairo",
    "نشر في: الأحد 22 نوفمبر 2026 - 9:30 م | آخر تحديث: الأحد 22 نوفمبر 2026 - 9:45 م",
    "publication first, update second on one line",
    at="2026-11-22 21:30",
)
C(
    "up-update-first-numeric",
    K,
    "Asia/Riyadh",
    "آخر تحديث: 10:05 - 23/11/2026 | نشر في: 21:40 - 22/11/2026",
    "update (next day) comes first; publication is the second, earlier moment",
    at="2026-11-22 21:40",
)
C(
    "up-alarabiya-gst-both",
    K,
    "Asia/Dubai",
    "نشر في: 22 نوفمبر ,2026: 09:30 ص GST آخر تحديث: 22 نوفمبر ,2026: 10:05 ص GST",
    "Al Arabiya layout with two GST moments; take نشر في",
    at="2026-11-22 09:30",
)
C(
    "up-aljazeera-mecca-both",
    K,
    "Asia/Qatar",
    """<div class="article-dates">
  <div class="date-simple"><span class="screen-reader-text">نُشر في</span> 22/11/2026</div>
  <div class="article-last-updated">آخر تحديث: 22/11/2026 12:40 (بتوقيت مكة المكرمة)</div>
</div>""",
    "publication gives only a date; the only time on the page belongs to the update",
    on="2026-11-22",
)
C(
    "up-html-updated-span-first",
    K,
    "Asia/Beirut",
    """<div class="meta-info">
  <span class="updated">تحديث: 04-08-2025 | 18:20</span>
  <span class="published">نشر: 04-08-2025 | 09:05</span>
</div>""",
    "update span precedes the publication span",
    at="2025-08-04 09:05",
)
C(
    "up-tarikh-tadil-then-nashr",
    K,
    "Asia/Amman",
    "تاريخ التعديل: 2026-06-02 14:00 / تاريخ النشر: 2026-06-01 22:15",
    "«تاريخ التعديل» first, then «تاريخ النشر»",
    at="2026-06-01 22:15",
)
C(
    "up-crosses-year",
    K,
    "Asia/Kuwait",
    "نُشر: 31 ديسمبر 2025 - 11:10 م — آخر تحديث: 1 يناير 2026 - 12:30 ص",
    "published on New Year's Eve, updated after midnight in the next year",
    at="2025-12-31 23:10",
)
C(
    "up-levantine-hudditha",
    K,
    "Asia/Beirut",
    "نُشر: 3 آذار 2026 - 08:10 | حُدّث: 3 آذار 2026 - 12:30",
    "short labels نُشر / حُدّث with diacritics",
    at="2026-03-03 08:10",
)
C(
    "up-algeria-slash",
    K,
    "Africa/Algiers",
    "تاريخ النشر: 14 جويلية 2025 - 19:00 / آخر تحديث: 15 جويلية 2025 - 08:20",
    "Algerian months, update on the next day",
    at="2025-07-14 19:00",
)
C(
    "up-pub-date-only-update-with-time",
    K,
    "Africa/Cairo",
    "نشر في: 2026/04/02 — آخر تحديث: 2026/04/05 11:20",
    "publication has a date only; do not borrow the update's time or date",
    on="2026-04-02",
)
C(
    "up-time-elements-modified-first",
    K,
    "Asia/Riyadh",
    """<div class="article__meta">
  <p>عُدّل في <time class="modified">الثلاثاء 26 مايو 2026 - 03:00 م</time></p>
  <p>نُشر في <time class="published">الإثنين 25 مايو 2026 - 07:45 م</time></p>
</div>""",
    "modified <time> first without datetime attributes, published second",
    at="2026-05-25 19:45",
)

# ---------------------------------------------------------------- trap_other
K = "trap_other"
C(
    "to-event-date-in-body",
    K,
    "Asia/Damascus",
    """<h1>ذكرى انطلاق الاحتجاجات</h1>
<div class="post-date">الأحد 15 آذار 2026</div>
<p>في 15 مارس 2011 خرجت أولى المظاهرات في درعا، وتحولت لاحقاً إلى احتجاجات واسعة.</p>""",
    "body has an event date (15 March 2011) with the same day and month as the article",
    on="2026-03-15",
)
C(
    "to-date-of-birth",
    K,
    "Africa/Cairo",
    """<h1>رحيل الفنان الكبير عن عمر ناهز 78 عاماً</h1>
<span class="date">السبت 7 فبراير 2026 - 04:20 م</span>
<p>وُلد الراحل في 3 يناير 1948 بمحافظة الإسكندرية، وقدّم أكثر من 200 عمل فني.</p>""",
    "obituary with a date of birth in the body",
    at="2026-02-07 16:20",
)
C(
    "to-court-session-future",
    K,
    "Africa/Cairo",
    """<h1>تأجيل محاكمة المتهمين في قضية الأموال العامة</h1>
<div class="article-date">22 نوفمبر 2026 - 01:15 م</div>
<p>قررت محكمة جنايات القاهرة تأجيل نظر القضية إلى جلسة 14 ديسمبر 2026 لسماع الشهود.</p>""",
    "court adjourned to a future session date later than the article",
    at="2026-11-22 13:15",
)
C(
    "to-weather-widget-today",
    K,
    "Asia/Riyadh",
    """<div class="weather-widget">
  <span class="w-city">الرياض</span> <span class="w-date">الأحد 22 نوفمبر 2026</span> <span class="w-temp">24°</span>
</div>
<h1>الأرصاد تتوقع أمطاراً على المناطق الجنوبية</h1>
<span class="post-date">الجمعة 20 نوفمبر 2026</span>""",
    "weather widget shows the fetch day, article is two days older",
    on="2026-11-20",
    fetched="2026-11-22 09:00",
)
C(
    "to-prayer-times-hijri",
    K,
    "Asia/Riyadh",
    """<div class="prayer-times">
  <div class="pt-date">الأحد 12 جمادى الآخرة 1448 هـ</div>
  <ul><li>الفجر 04:58</li><li>الظهر 11:46</li><li>العصر 02:49</li><li>المغرب 05:10</li><li>العشاء 06:40</li></ul>
</div>
<h1>وزارة الصحة تطلق حملة التطعيم الموسمية</h1>
<span class="date">الخميس 19 نوفمبر 2026 - 10:30 ص</span>""",
    "prayer-times widget with today's Hijri date and clock times",
    at="2026-11-19 10:30",
    fetched="2026-11-22 08:00",
)
C(
    "to-site-header-today",
    K,
    "Africa/Cairo",
    """<div class="header-top"><span class="today-date">الأحد 22 نوفمبر 2026</span></div>
<h1>افتتاح المتحف المصري الكبير أمام الزوار</h1>
<div class="article-info"><span class="time">الأربعاء 18 نوفمبر 2026 - 11:00 ص</span></div>""",
    "site header shows the current date (fetch day), not the article's",
    at="2026-11-18 11:00",
    fetched="2026-11-22 14:00",
)
C(
    "to-site-header-only-null",
    K,
    "Asia/Baghdad",
    """<div class="top-date">اليوم: الأحد 22 تشرين الثاني 2026</div>
<div class="weather">بغداد 18° — 22/11/2026</div>
<h1>انطلاق بطولة الأندية العربية</h1>
<p>تنطلق البطولة بمشاركة 12 فريقاً من 8 دول.</p>""",
    "only the site's today-date and weather date; the article is undated → null",
    fetched="2026-11-22 15:00",
)
C(
    "to-body-history-only-null",
    K,
    "Asia/Beirut",
    """<h1>مرفأ بيروت: سنوات بعد الانفجار</h1>
<p>في 4 آب 2020 دمّر انفجار ضخم مرفأ بيروت وأحياء واسعة من العاصمة.</p>
<p>وفي 13 كانون الأول 2021 علّق المحقق العدلي التحقيق للمرة الأولى.</p>""",
    "body dates are historical events; there is no date line → null",
    fetched="2026-08-04 12:00",
)
C(
    "to-match-kickoff-time",
    K,
    "Africa/Cairo",
    """<h1>الأهلي يواجه الزمالك في القمة</h1>
<span class="date">الجمعة 13 نوفمبر 2026 - 10:00 ص</span>
<p>تنطلق المباراة يوم السبت 14 نوفمبر 2026 في الساعة 9:00 مساءً بتوقيت القاهرة.</p>""",
    "body gives a later kick-off date and time with «بتوقيت القاهرة»",
    at="2026-11-13 10:00",
)
C(
    "to-application-deadline",
    K,
    "Asia/Dubai",
    """<h1>فتح باب التقديم للمنح الدراسية</h1>
<div class="date-time">الثلاثاء 26 مايو 2026</div>
<p>آخر موعد لتقديم الطلبات 30 يونيو 2026، وتعلن النتائج في 15 أغسطس 2026.</p>""",
    "deadline and results dates in the future",
    on="2026-05-26",
)
C(
    "to-ticker-times",
    K,
    "Asia/Amman",
    """<div class="breaking-ticker">
  <span class="tick">عاجل | 14:05 | الأمن العام: إغلاق طريق المطار</span>
  <span class="tick">عاجل | 13:40 | انخفاض درجات الحرارة</span>
</div>
<h1>الحكومة تقر نظام الأبنية الجديد</h1>
<span class="post-date">الأحد 22 تشرين الثاني 2026 - 10:15</span>""",
    "breaking-news ticker times belong to other items",
    at="2026-11-22 10:15",
    fetched="2026-11-22 14:30",
)
C(
    "to-archive-photo-caption",
    K,
    "Africa/Casablanca",
    """<h1>الرباط تحتضن المعرض الدولي للكتاب</h1>
<span class="article-date">الخميس 7 ماي 2026 - 12:30</span>
<figure><img src="/img/salon.jpg"><figcaption>صورة أرشيفية من دورة 12 يونيو 2019</figcaption></figure>""",
    "photo caption with an archive date",
    at="2026-05-07 12:30",
)
C(
    "to-exchange-rate-table-date",
    K,
    "Africa/Cairo",
    """<h1>البنك المركزي: استقرار الاحتياطي النقدي</h1>
<span class="post-date">الاثنين 5 أكتوبر 2026</span>
<table class="rates"><caption>أسعار الصرف بتاريخ 01/10/2026</caption><tr><td>الدولار</td><td>48.35</td></tr></table>""",
    "data table with its own reference date",
    on="2026-10-05",
)
C(
    "to-conference-dates-body-only-null",
    K,
    "Asia/Qatar",
    """<h1>الدوحة تستعد لاستضافة منتدى الاقتصاد</h1>
<p>يعقد المنتدى في الفترة من 12 إلى 14 مايو 2026 بمشاركة أكثر من 2000 مشارك.</p>""",
    "only a future event range in the body → null",
    fetched="2026-03-01 09:00",
)

# ---------------------------------------------------------------- no_date
K = "no_date"
C(
    "nd-plain-article",
    K,
    "Africa/Cairo",
    """<h1>فوائد الشاي الأخضر للصحة</h1>
<p>يحتوي الشاي الأخضر على مضادات أكسدة تساعد على تحسين صحة القلب.</p>""",
    "no date anywhere",
    fetched="2026-11-22 10:00",
)
C(
    "nd-law-number-year",
    K,
    "Africa/Cairo",
    "وفقاً لأحكام القانون رقم 15 لسنة 2024 بشأن تنظيم الاستثمار",
    "law number and year, not a date",
    fetched="2026-02-01 10:00",
)
C(
    "nd-vision-worldcup",
    K,
    "Asia/Riyadh",
    "رؤية 2030 وكأس العالم 2034: مشاريع بقيمة 500 مليار ريال",
    "years in names of plans and tournaments",
    fetched="2026-01-15 10:00",
)
C(
    "nd-score-and-round",
    K,
    "Africa/Cairo",
    """<h1>الأهلي يفوز على الزمالك 3-1</h1>
<p>في الجولة 11/12 من الدوري، وسجل اللاعب هدفه في الدقيقة 22/90.</p>""",
    "score and fractions that look like day/month",
    fetched="2026-11-22 23:00",
)
C(
    "nd-phone-postcode",
    K,
    "Africa/Cairo",
    "للتواصل: 02-25781010 — الرمز البريدي 11511 — ص.ب 1122",
    "phone, postcode and PO box numbers; «ص.ب» is not a time marker",
    fetched="2026-05-05 10:00",
)
C(
    "nd-prices-percent",
    K,
    "Africa/Cairo",
    "سعر الدولار 50.12 جنيه، وارتفع التضخم إلى 22.11% في المدن",
    "decimal numbers like 22.11 that resemble a day.month",
    fetched="2026-11-22 10:00",
)
C(
    "nd-issue-volume",
    K,
    "Asia/Amman",
    """<div class="issue-info">العدد 5125 — السنة السابعة عشرة</div>
<h1>ملحق الثقافة</h1>""",
    "issue number and volume words only",
    fetched="2026-03-03 10:00",
)
C(
    "nd-nav-menu-page",
    K,
    "Asia/Dubai",
    """<nav class="main-menu"><a href="/">الرئيسية</a><a href="/uae">الإمارات</a><a href="/world">العالم</a></nav>
<h1>دليل السياح إلى متحف المستقبل</h1>
<p>يفتح المتحف أبوابه يومياً من 10:00 صباحاً حتى 06:00 مساءً.</p>""",
    "opening hours (times without a date)",
    fetched="2026-06-10 10:00",
)
C(
    "nd-views-and-reading-time",
    K,
    "Asia/Baghdad",
    """<div class="post-stats"><span>عدد المشاهدات: 2026</span><span>وقت القراءة: 3 دقائق</span></div>
<h1>كيف تختار سيارتك المستعملة</h1>""",
    "view count equal to a year and «3 دقائق» that is not «منذ 3 دقائق»",
    fetched="2026-09-09 10:00",
)
C(
    "nd-weekday-without-date",
    K,
    "Asia/Riyadh",
    "تقام الفعالية كل يوم جمعة من الساعة 4:00 عصراً",
    "weekday and time with no date",
    fetched="2026-10-10 10:00",
)
C(
    "nd-version-and-model",
    K,
    "Asia/Qatar",
    "تحديث iOS 18.2 متاح الآن لهواتف 11/12/13 برو",
    "version number and model list that look like dates",
    fetched="2026-12-01 10:00",
)
