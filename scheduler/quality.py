"""When a source's extraction-quality signals say its pages changed: a new layout, a new CMS.

The last 24 hours are compared with the 7 days before (``storage.quality``). A sharp change
flags the source with the reason, once, as silence does; the flag clears when the signals are
back. A source whose every page of the day was skipped is flagged without a baseline: nothing
of it is reaching the archive.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rasad.storage.quality import Quality

# Below these, a day or a week says too little: a quiet outlet's day of three articles, one of
# them a short agency flash, is no change of layout.
MIN_DAY_PAGES = 5
MIN_WEEK_PAGES = 20
# What a sharp change is: a share that was high and collapsed (a date or a byline the
# extraction no longer finds), a skip rate that jumped, a median length halved.
_WAS_USUAL = 0.8
_NOW_RARE = 0.3
_SKIPS_WERE_FEW = 0.2
_SKIPS_NOW_MOST = 0.5
_WORDS_FELL_TO = 0.5


def quality_problem(q: Quality) -> str | None:
    """Why the source's extraction looks broken today, or None."""
    if q.day_articles == 0 and q.day_skipped >= MIN_DAY_PAGES:
        return f"every article page of the last 24 h was skipped ({q.day_skipped} pages)"
    day_pages, week_pages = q.day_articles + q.day_skipped, q.week_articles + q.week_skipped
    if day_pages < MIN_DAY_PAGES or week_pages < MIN_WEEK_PAGES:
        return None
    day_skips, week_skips = q.day_skipped / day_pages, q.week_skipped / week_pages
    if week_skips <= _SKIPS_WERE_FEW and day_skips >= _SKIPS_NOW_MOST:
        return f"share of pages skipped as no article rose from {week_skips:.0%} to {day_skips:.0%}"
    if q.day_articles < MIN_DAY_PAGES or q.week_articles < MIN_WEEK_PAGES:
        return None
    if (
        q.day_median_words is not None
        and q.week_median_words
        and (q.day_median_words <= _WORDS_FELL_TO * q.week_median_words)
    ):
        return f"median text length fell from {q.week_median_words} to {q.day_median_words} words"
    return _collapsed(q, q.day_dated, q.week_dated, "a date") or _collapsed(
        q, q.day_bylined, q.week_bylined, "a byline"
    )


def _collapsed(q: Quality, day: int, week: int, what: str) -> str | None:
    before, now = week / q.week_articles, day / q.day_articles
    if before < _WAS_USUAL or now > _NOW_RARE:
        return None
    if day == 0:
        return f"no article had {what} in the last 24 h ({before:.0%} the week before)"
    return f"share of articles with {what} fell from {before:.0%} to {now:.0%}"
