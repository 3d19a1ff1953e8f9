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
from rich.table import Table

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from rasad.crawler.extract import ExtractedArticle
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


class DateParam(click.ParamType):
    """A calendar date (YYYY-MM-DD) or an ISO timestamp, read as UTC when it has no offset."""

    name = "date"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> datetime:
        if isinstance(value, datetime):
            return value
        try:
            parsed = datetime.fromisoformat(str(value))
        except ValueError:
            self.fail(f"'{value}' is not a date like 2026-11-27", param, ctx)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


DATE = DateParam()


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


def print_articles(rows: Sequence[ArticleRow], fmt: str) -> None:
    """Search results as a table, JSON (a list) or CSV, to stdout."""
    if fmt == "json":
        click.echo(json.dumps([article_dict(r) for r in rows], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=ARTICLE_FIELDS)
        writer.writeheader()
        writer.writerows(article_dict(r) for r in rows)
    else:
        _print_table(
            ["published", "source", "title", "url"],
            [[_day(r.published_at), r.source, r.title, r.canonical_url] for r in rows],
            empty="no matching articles",
        )


def print_rows(
    rows: Sequence[dict[str, Any]], as_json: bool, columns: Sequence[str], empty: str
) -> None:
    """Rows of dicts as JSON or as a table of the given columns."""
    if as_json:
        click.echo(json.dumps(list(rows), ensure_ascii=False, indent=2, default=_json_default))
        return
    _print_table(columns, [[_cell(row.get(c)) for c in columns] for row in rows], empty=empty)


def _print_table(columns: Iterable[str], rows: Sequence[Sequence[str]], empty: str) -> None:
    if not rows:
        click.echo(empty)
        return
    table = Table(*columns, show_lines=False, pad_edge=False)
    for row in rows:
        table.add_row(*row)
    # A wide console when piped, so a table in a file or a test is not cut at 80 columns.
    Console(width=None if sys.stdout.isatty() else 200).print(table)


def _day(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if value else "-"


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return _day(value)
    return str(value)


def _json_default(value: object) -> str:
    if isinstance(value, datetime):
        return iso_utc(value) or ""
    raise TypeError(f"cannot serialise {type(value).__name__}")
