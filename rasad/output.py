"""How the CLI shows things: article text and JSON, result tables, CSV."""

from __future__ import annotations

import csv
import json
import sys
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.table import Table
from rich.text import Text

from rasad.config.times import (
    TimeSpec,
    TimeSpecError,
    local_day,
    local_time,
    parse_time_spec,
    zone_label,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from rasad.alerts.search import SearchHit, SearchPage
    from rasad.crawler.extract import ExtractedArticle
    from rasad.crawler.run import CrawlReport
    from rasad.storage.articles import ArticleRow

ARTICLE_FIELDS = (
    "url",
    "canonical_url",
    "source",
    "title",
    "byline",
    "published_at",
    "text",
    "language",
    "content_hash",
    "cluster_id",
)


class TimeParam(click.ParamType):
    """A date, a date and time, or an age (7d, 24h), resolved in the ``timezone`` setting by the
    command that uses it (the setting is not known when options are parsed)."""

    name = "time"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> TimeSpec:
        if isinstance(value, TimeSpec):
            return value
        try:
            return parse_time_spec(str(value))
        except TimeSpecError as exc:
            self.fail(str(exc), param, ctx)


TIME = TimeParam()


def resolved(spec: TimeSpec | None, timezone: str) -> datetime | None:
    """A --since/--until value as an aware moment, wall-clock times read in ``timezone``."""
    return None if spec is None else spec.resolve(timezone)


def iso_utc(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def article_dict(
    article: ArticleRow | ExtractedArticle, source: str | None = None
) -> dict[str, Any]:
    """The JSON fields of DESIGN.md for a stored or freshly extracted article."""
    values = asdict(article) if is_dataclass(article) else dict(article)
    values.setdefault("source", source)
    values.setdefault("cluster_id", None)
    values["published_at"] = iso_utc(values.get("published_at"))
    return {key: values.get(key) for key in ARTICLE_FIELDS}


def article_json(article: ExtractedArticle, source: str | None = None) -> str:
    """The JSON fields of DESIGN.md (``published_at`` in UTC), with where the publication time
    was stated and whether the page gave a day without a time."""
    record = article_dict(article, source)
    record["published_at_source"] = article.published_at_source
    record["published_date_only"] = article.published_date_only
    return json.dumps(record, ensure_ascii=False, indent=2)


def article_text(article: ExtractedArticle, timezone: str = "UTC") -> str:
    """A human reading of one extraction: the metadata lines, a blank line, then the text."""
    lines = [
        f"title: {article.title}",
        f"byline: {article.byline or '-'}",
        f"published: {_published(article, timezone)}",
        f"url: {article.canonical_url}",
        "",
        article.text,
    ]
    return "\n".join(lines)


def _published(article: ExtractedArticle, timezone: str) -> str:
    """«2026-11-22 09:30 (Asia/Damascus, +03), from the text», a day alone, or «-»."""
    if article.published_at is None:
        return "- (the page states no date)"
    where = f"from the {article.published_at_source}"
    if article.published_date_only:
        return f"{local_day(article.published_at, timezone)} (a day, no time given), {where}"
    shown = local_time(article.published_at, timezone)
    return f"{shown} ({zone_label(timezone, article.published_at)}), {where}"


def print_page(page: SearchPage, fmt: str, timezone: str = "UTC") -> None:
    """A page of search results: a table, JSON (hits and the next cursor), NDJSON or CSV.

    The cursor of the next page ends the table; NDJSON and CSV keep stdout to the records
    and say it on stderr.
    """
    hits = page.hits
    if fmt == "json":
        records = [hit_record(hit, marker="**") for hit in hits]
        document = {"hits": records, "next_cursor": page.next_cursor}
        click.echo(json.dumps(document, ensure_ascii=False, indent=2, default=_json_default))
        return
    if fmt == "ndjson":
        for hit in hits:
            click.echo(json.dumps(hit_record(hit, "**"), ensure_ascii=False, default=_json_default))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=HIT_FIELDS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(_flat(hit_record(hit, marker="")) for hit in hits)
    else:
        _print_hit_table(hits, timezone)
    if page.next_cursor is not None:
        more = f"more results: --after {page.next_cursor}"
        click.echo(more if fmt == "table" else f"rasad: {more}", err=fmt != "table")


HIT_FIELDS = [*ARTICLE_FIELDS, "fetched_at", "outlets", "matched", "snippet", "alert", "emails"]


def _print_hit_table(hits: Sequence[SearchHit], timezone: str) -> None:
    columns = [f"published ({zone_label(timezone)})", "source", "outlets", "title", "snippet"]
    with_status = any(hit.alert is not None for hit in hits)
    columns += ["emailed", "url"] if with_status else ["url"]
    rows = []
    for h in hits:
        row: list[str | Text] = [
            local_time(h.article.published_at, timezone),
            h.article.source,
            str(h.article.outlets),
            h.article.title,
            _marked(h.snippet),
        ]
        if with_status:
            row.append(delivery_summary(h, timezone))
        row.append(h.article.canonical_url)
        rows.append(row)
    _print_table(columns, rows, empty="no matching articles", fold=True)


def delivery_summary(hit: SearchHit, timezone: str) -> str:
    """Whether a topic's match was emailed, to whom, and how it went (one line per email)."""
    if not hit.deliveries:
        return hit.alert or "-"
    lines = []
    for email in hit.deliveries:
        line = f"{email.status} to {email.recipient}"
        if email.sent_at is not None:
            line += f" {local_time(email.sent_at, timezone)}"
        elif email.status in ("pending", "retry"):
            line += f" (due {local_time(email.due_at, timezone)})"
        if email.last_error and email.status != "sent":
            line += f": {email.last_error}"
        lines.append(line)
    return "\n".join(lines)


def hit_record(hit: SearchHit, marker: str) -> dict[str, Any]:
    """One hit as JSON: the article's fields, its outlets, the matched words and the snippet;
    for a topic's matches also whether and to whom each was emailed."""
    record = article_dict(hit.article)
    record["fetched_at"] = iso_utc(hit.article.fetched_at)
    record["outlets"] = hit.article.outlets
    record["matched"] = hit.matched_terms
    record["snippet"] = "".join(
        f"{marker}{text}{marker}" if matched else text for text, matched in hit.snippet
    )
    if hit.alert is not None:
        record["alert"] = hit.alert
        record["emails"] = [
            {
                "recipient": email.recipient,
                "status": email.status,
                "due_at": iso_utc(email.due_at),
                "sent_at": iso_utc(email.sent_at),
                "last_error": email.last_error,
            }
            for email in hit.deliveries
        ]
    return record


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    """A record for one CSV row: lists joined with '|'."""
    flat = dict(record)
    flat["matched"] = "|".join(record["matched"])
    if "emails" in record:
        flat["emails"] = "|".join(f"{e['recipient']}:{e['status']}" for e in record["emails"])
    return flat


EXPORT_FIELDS = [*ARTICLE_FIELDS, "fetched_at", "outlets"]


def export_record(article: ArticleRow) -> dict[str, Any]:
    record = article_dict(article)
    record["fetched_at"] = iso_utc(article.fetched_at)
    record["outlets"] = article.outlets
    return record


def write_export(articles: Iterable[ArticleRow], fmt: str, stream: TextIO) -> int:
    """Write every article as CSV or NDJSON to ``stream`` as it arrives; returns the count.

    A progress line counts the rows on a terminal (stderr), unless the rows go to it too.
    """
    show = sys.stderr.isatty() and not (stream is sys.stdout and sys.stdout.isatty())
    writer = csv.DictWriter(stream, fieldnames=EXPORT_FIELDS) if fmt == "csv" else None
    if writer is not None:
        writer.writeheader()
    count = 0
    with _export_progress(show) as advance:
        for article in articles:
            record = export_record(article)
            if writer is not None:
                writer.writerow(record)
            else:
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
            if count % 1000 == 0:
                advance(count)
    return count


@contextmanager
def _export_progress(show: bool) -> Iterator[Callable[[int], None]]:
    if not show:
        yield lambda _count: None
        return
    progress = Progress(
        TextColumn("exporting"),
        BarColumn(),
        TextColumn("{task.completed:,} articles"),
        console=Console(stderr=True),
        transient=True,
    )
    task = progress.add_task("", total=None)
    with progress:
        yield lambda count: progress.update(task, completed=count)


def _marked(segments: Sequence[tuple[str, bool]]) -> Text:
    """A snippet for the terminal, matched words in bold (rich leaves them plain in a pipe)."""
    text = Text()
    for segment, matched in segments:
        text.append(segment, style="bold reverse" if matched else None)
    return text


def print_sources(rows: Sequence[dict[str, Any]], as_json: bool, timezone: str = "UTC") -> None:
    """``rasad sources``: one line per source an operator reads at a glance, or JSON."""
    if as_json:
        click.echo(json.dumps(list(rows), ensure_ascii=False, indent=2, default=_json_default))
        return
    columns = [
        "source",
        "health",
        f"last success ({zone_label(timezone)})",
        "24 h",
        "last crawl",
        "failures",
        "words 24 h/7 d",
        "skipped",
        "dated",
        "byline",
        "last error",
    ]
    _print_table(
        columns,
        [
            [
                str(row["id"]),
                _health(row),
                local_time(row["last_success_at"], timezone),
                str(row["articles_24h"]),
                f"{row['last_new']} new, {row['last_duplicates']} dup, {row['last_skipped']} skip",
                str(row["consecutive_failures"]),
                *_quality_cells(row),
                _cell(row["flag_reason"] or row["last_error"]),
            ]
            for row in rows
        ],
        empty="the catalog is empty",
    )


# How `rasad sources` shows each word of scheduler.status.health_state.
_HEALTH_STYLES = {
    "disabled": Text("disabled", style="dim"),
    "flagged": Text("FLAGGED", style="bold red"),
    "not yet crawled": Text("not yet crawled", style="dim"),
    "failing": Text("failing", style="yellow"),
    "ok": Text("ok", style="green"),
}


def _health(row: dict[str, Any]) -> Text:
    return _HEALTH_STYLES[row["health"]]


def _at(words: str, moment: datetime | None, timezone: str) -> str:
    """«, last crawl 2026-11-22 09:30 (Asia/Damascus, +03)», or nothing without a moment."""
    if moment is None:
        return ""
    return f"{words} {local_time(moment, timezone)} ({zone_label(timezone, moment)})"


def _quality_cells(row: dict[str, Any]) -> list[str]:
    """The quality signals, the last 24 h beside the 7 days before: median words, shares of
    pages skipped, of articles with a date and with a byline ("-" where there was nothing)."""
    return [
        f"{_figure(row['median_words_24h'])}/{_figure(row['median_words_7d'])}",
        *(
            f"{_share(row[f'{key}_24h'])}/{_share(row[f'{key}_7d'])}"
            for key in ("skipped_share", "dated_share", "byline_share")
        ),
    ]


def _figure(value: object) -> str:
    return "-" if value is None else str(value)


def _share(value: object) -> str:
    return "-" if value is None else f"{value:.0%}"


def _print_table(
    columns: Iterable[str],
    rows: Sequence[Sequence[str | Text]],
    empty: str,
    *,
    fold: bool = False,
) -> None:
    """A table on stdout. ``fold``: cells wrap, never cut, on a terminal (a URL is folded over
    lines, every character kept); piped, lines are as long as their cells."""
    if not rows:
        click.echo(empty)
        return
    table = Table(show_lines=False, pad_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold" if fold else "ellipsis")
    for row in rows:
        table.add_row(*row)
    # A wide console when piped, so a table in a file or a test is not cut at 80 columns;
    # a folding table as wide as its longest cells, so a URL in a pipe stays on one line.
    width = None if sys.stdout.isatty() else (100_000 if fold else 200)
    Console(width=width).print(table)


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return local_time(value, "UTC") + " UTC"
    return str(value)


def _json_default(value: object) -> str:
    if isinstance(value, datetime):
        return iso_utc(value) or ""
    raise TypeError(f"cannot serialise {type(value).__name__}")


class CrawlProgress:
    """A progress bar over sources on a terminal; silent when output goes to a file or pipe."""

    def __init__(self, total: int) -> None:
        self.total = total
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> CrawlProgress:
        if sys.stderr.isatty():
            self._progress = Progress(
                TextColumn("crawling"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.description}"),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("", total=self.total)
        return self

    def advance(self, report: CrawlReport) -> None:
        if self._progress is not None and self._task is not None:
            done = f"{report.source_id}: {report.status}, {report.counters.new} new"
            self._progress.update(self._task, advance=1, description=done)

    def __exit__(self, *exc_info: object) -> None:
        if self._progress is not None:
            self._progress.stop()


def print_crawl_summary(reports: Sequence[CrawlReport]) -> None:
    """The per-source table at the end of ``rasad crawl``."""
    columns = ["source", "status", "fetched", "new", "duplicates", "skipped", "errors", "seconds"]
    rows = [
        [
            r.source_id,
            r.status,
            str(r.counters.fetched),
            str(r.counters.new),
            str(r.counters.duplicates),
            str(r.counters.skipped),
            str(r.counters.failed),
            f"{r.seconds:.1f}",
        ]
        for r in reports
    ]
    _print_table(columns, rows, empty="no sources to crawl")
    for report in reports:
        if report.error:
            click.echo(f"{report.source_id}: {report.error}")


def print_topic_hits(label: str, hits: Sequence[SearchHit], timezone: str = "UTC") -> None:
    """``rasad topics test``: each matching article with the words that matched and, for a
    topic, whether its story was emailed and to whom."""
    click.echo(f"{label}: {len(hits)} matching article(s)")
    with_status = any(hit.alert is not None for hit in hits)
    columns = [f"published ({zone_label(timezone)})", "source", "title", "matched", "snippet"]
    columns += ["emailed", "url"] if with_status else ["url"]
    rows = []
    for h in hits:
        row: list[str | Text] = [
            local_time(h.article.published_at, timezone),
            h.article.source,
            h.article.title,
            "، ".join(h.matched_terms),
            _marked(h.snippet),
        ]
        if with_status:
            row.append(delivery_summary(h, timezone))
        row.append(h.article.canonical_url)
        rows.append(row)
    _print_table(columns, rows, empty="no stored article matches", fold=True)


def print_status(status: dict[str, Any], as_json: bool, timezone: str = "UTC") -> None:
    """``rasad status``: a few lines an operator reads at a glance; times in ``timezone``."""
    if as_json:
        click.echo(json.dumps(status, ensure_ascii=False, indent=2, default=_json_default))
        return
    articles, sources, emails = status["articles"], status["sources"], status["emails"]
    click.echo(
        f"articles: {articles['total']} stored, {articles['last_24h']} in the last 24 h"
        + _at(", newest fetched", articles.get("newest_fetched_at"), timezone)
    )
    click.echo(
        f"sources: {sources['enabled']} enabled, {sources['healthy']} healthy, "
        f"{sources['failing']} failing, {sources['flagged']} flagged, "
        f"{sources['never_crawled']} never crawled"
        + _at(", last crawl", sources.get("last_crawl_at"), timezone)
    )
    for source_id, reason in status["flagged"]:
        click.echo(f"  flagged: {source_id}: {reason}")
    click.echo(
        "emails: "
        + ", ".join(
            f"{emails[key]} {key}" for key in ("pending", "sending", "retry", "sent", "failed")
        )
    )
    for email in status.get("unsent", []):
        click.echo(_unsent_line(email))


def _unsent_line(email: dict[str, Any]) -> str:
    """One failed (or held) email: who it was for, why, and what to do."""
    whose = f"topic {email['topic_id']}" if email["topic_id"] else email["kind"]
    line = f"  {email['status']} {email['id']} to {email['recipient']} ({whose}): {email['last_error']}"
    if email["status"] == "failed":
        return f"{line}; `rasad outbox retry {email['id']}` sends it again"
    return f"{line}; waiting on the {email['failure_kind']}, tried again at {_cell(email['next_attempt_at'])}"


def print_sent_again(ids: Sequence[int]) -> None:
    """``rasad outbox retry``: which emails were put back."""
    if not ids:
        click.echo("no failed emails")
        return
    listed = ", ".join(map(str, sorted(ids)))
    click.echo(f"{len(ids)} email(s) put back to be sent: {listed} (a running daemon sends them)")
