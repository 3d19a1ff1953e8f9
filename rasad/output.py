"""How the CLI shows things: article text and JSON, result tables, CSV."""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import asdict, is_dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.table import Table
from rich.text import Text

from rasad.config.times import TimeSpec, TimeSpecError, local_time, parse_time_spec, zone_label

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from rasad.alerts.search import SearchHit
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
    return json.dumps(article_dict(article, source), ensure_ascii=False, indent=2)


def article_text(article: ExtractedArticle) -> str:
    """A human reading of one extraction: the metadata lines, a blank line, then the text."""
    lines = [
        f"title: {article.title}",
        f"byline: {article.byline or '-'}",
        f"published: {iso_utc(article.published_at) or '-'}",
        f"url: {article.canonical_url}",
        "",
        article.text,
    ]
    return "\n".join(lines)


def print_hits(hits: Sequence[SearchHit], fmt: str, timezone: str = "UTC") -> None:
    """Search results as a table with marked snippets, JSON (a list) or CSV, to stdout."""
    if fmt == "json":
        records = [_hit_dict(hit, marker="**") for hit in hits]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        writer = csv.DictWriter(
            sys.stdout, fieldnames=[*ARTICLE_FIELDS, "outlets", "matched", "snippet"]
        )
        writer.writeheader()
        writer.writerows(
            {**hit_record, "matched": "|".join(hit_record["matched"])}
            for hit_record in (_hit_dict(hit, marker="") for hit in hits)
        )
    else:
        _print_table(
            [f"published ({zone_label(timezone)})", "source", "outlets", "title", "snippet", "url"],
            [
                [
                    local_time(h.article.published_at, timezone),
                    h.article.source,
                    str(h.article.outlets),
                    h.article.title,
                    _marked(h.snippet),
                    h.article.canonical_url,
                ]
                for h in hits
            ],
            empty="no matching articles",
        )


def _hit_dict(hit: SearchHit, marker: str) -> dict[str, Any]:
    record = article_dict(hit.article)
    record["outlets"] = hit.article.outlets
    record["matched"] = hit.matched_terms
    record["snippet"] = "".join(
        f"{marker}{text}{marker}" if hit else text for text, hit in hit.snippet
    )
    return record


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
                _cell(row["flag_reason"] or row["last_error"]),
            ]
            for row in rows
        ],
        empty="the catalog is empty",
    )


def _health(row: dict[str, Any]) -> Text:
    if not row["enabled"]:
        return Text("disabled", style="dim")
    if row["flagged_at"]:
        return Text("FLAGGED", style="bold red")
    if row["last_attempt_at"] is None:
        return Text("not yet crawled", style="dim")
    if row["consecutive_failures"]:
        return Text("failing", style="yellow")
    return Text("ok", style="green")


def _print_table(columns: Iterable[str], rows: Sequence[Sequence[str | Text]], empty: str) -> None:
    if not rows:
        click.echo(empty)
        return
    table = Table(*columns, show_lines=False, pad_edge=False)
    for row in rows:
        table.add_row(*row)
    # A wide console when piped, so a table in a file or a test is not cut at 80 columns.
    Console(width=None if sys.stdout.isatty() else 200).print(table)


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
    """``rasad topics test``: each matching article with the words that matched."""
    click.echo(f"{label}: {len(hits)} matching article(s)")
    _print_table(
        [f"published ({zone_label(timezone)})", "source", "title", "matched", "snippet", "url"],
        [
            [
                local_time(h.article.published_at, timezone),
                h.article.source,
                h.article.title,
                "، ".join(h.matched_terms),
                _marked(h.snippet),
                h.article.canonical_url,
            ]
            for h in hits
        ],
        empty="no stored article matches",
    )


def print_status(status: dict[str, Any], as_json: bool) -> None:
    """``rasad status``: a few lines an operator reads at a glance."""
    if as_json:
        click.echo(json.dumps(status, ensure_ascii=False, indent=2, default=_json_default))
        return
    articles, sources, emails = status["articles"], status["sources"], status["emails"]
    click.echo(f"articles: {articles['total']} stored, {articles['last_24h']} in the last 24 h")
    click.echo(
        f"sources: {sources['enabled']} enabled, {sources['healthy']} healthy, "
        f"{sources['failing']} failing, {sources['never_crawled']} never crawled"
    )
    for source_id, reason in status["flagged"]:
        click.echo(f"  flagged: {source_id}: {reason}")
    click.echo(
        "emails: "
        + ", ".join(
            f"{emails[key]} {key}" for key in ("pending", "sending", "retry", "sent", "failed")
        )
    )
