"""The ``rasad`` command line: each command parses its arguments and calls one function.

This is the only module that reads the environment: it hands it to the settings loader, and
the resulting Settings travel down as an argument.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import psycopg

from rasad import __version__, output
from rasad.config.errors import RasadError, StorageError
from rasad.config.settings import Settings, load_settings
from rasad.config.times import use_bundled_tzdata

if TYPE_CHECKING:
    from collections.abc import Callable

    from rasad.alerts.search import SearchRequest
    from rasad.config.times import TimeSpec

log = logging.getLogger("rasad")


class RasadGroup(click.Group):
    """Turns a RasadError anywhere below into one sentence on stderr and its exit status."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except RasadError as exc:
            click.echo(f"rasad: {exc}", err=True)
            sys.exit(exc.exit_status)
        except psycopg.Error as exc:
            # The database refused what a command asked (permissions, a server gone away):
            # the operator's to fix, said in its first line; Sentry has it if configured.
            import sentry_sdk

            sentry_sdk.capture_exception(exc)
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            click.echo(f"rasad: database error: {first}", err=True)
            sys.exit(StorageError.exit_status)


@click.group(cls=RasadGroup)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="RASAD_CONFIG",
    help="Settings file (rasad.toml); RASAD_* environment variables override its keys.",
)
@click.option(
    "-v",
    "--verbose",
    count=True,
    help="More detail in the log: -v Rasad's, -vv libraries', -vvv all.",
)
@click.version_option(__version__, prog_name="rasad")
@click.pass_context
def cli(ctx: click.Context, config: Path | None, verbose: int) -> None:
    """Rasad watches Arabic news outlets and alerts analysts when a story matches."""
    configure_logging(verbose, daemon=ctx.invoked_subcommand == "run")
    settings = load_settings(config, dict(os.environ))
    if settings.sentry_dsn:  # imported only then: sentry-sdk is a tenth of a command's start-up
        from rasad.scheduler.monitoring import init_sentry

        init_sentry(settings)
    ctx.obj = settings


def configure_logging(verbose: int, daemon: bool = False) -> None:
    """One line per event on stderr.

    Commands are quiet (warnings) by default and ``-v`` adds Rasad's own lines; the daemon
    starts at that level, one line per crawl and job, since its log is what an operator reads.
    ``-v`` more adds the libraries' lines, and then per-request detail.
    """
    verbose += 1 if daemon else 0
    handler = CurrentStderrHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler])
    rasad_level = (
        logging.WARNING if verbose == 0 else logging.INFO if verbose < 3 else logging.DEBUG
    )
    logging.getLogger("rasad").setLevel(rasad_level)
    if verbose >= 2:
        logging.getLogger().setLevel(logging.INFO if verbose == 2 else logging.DEBUG)
        return
    # An outlet that is down makes these log a traceback at ERROR; Rasad reports it in one
    # line per crawl and on the source's row instead.
    for name in ("scrapy.downloadermiddlewares.robotstxt", "scrapy.downloadermiddlewares.retry"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    # Rasad says once that the database is away and once that it is back; the pool would say
    # so at every reconnection attempt. APScheduler's skipped rounds are logged by the daemon.
    logging.getLogger("psycopg.pool").setLevel(logging.ERROR)
    logging.getLogger("apscheduler.scheduler").setLevel(logging.ERROR)


class CurrentStderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the moment, so that a live progress display
    (which redirects it) prints log lines above the bar instead of through it."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self) -> object:
        return sys.stderr

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


pass_settings = click.make_pass_decorator(Settings)


@cli.command()
@click.argument("path_or_url")
@click.option(
    "--source", "source_id", help="Catalog id of the outlet (its drop rules and time zone)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
@pass_settings
def extract(settings: Settings, path_or_url: str, source_id: str | None, as_json: bool) -> None:
    """Run one page through the extraction the pipeline stores with."""
    from rasad.crawler.catalog import catalog, select_sources
    from rasad.crawler.extract import ExtractedArticle
    from rasad.crawler.page import extract_path_or_url

    source = select_sources(catalog(settings), (source_id,))[0] if source_id else None
    result = extract_path_or_url(path_or_url, source, settings.user_agent)
    if not isinstance(result, ExtractedArticle):
        click.echo(f"rasad: skipped {path_or_url}: {result.reason}", err=True)
        sys.exit(1)
    click.echo(
        output.article_json(result) if as_json else output.article_text(result, settings.timezone)
    )


@cli.command()
@pass_settings
def run(settings: Settings) -> None:
    """The daemon: crawl every enabled source on its schedule until SIGTERM or SIGINT."""
    from rasad.scheduler.runtime import run_daemon

    run_daemon(settings)


@cli.command()
@click.argument("source_ids", nargs=-1, metavar="[SOURCE_ID]...")
@pass_settings
def crawl(settings: Settings, source_ids: tuple[str, ...]) -> None:
    """One pass now over the given sources (default: every enabled source)."""
    from rasad.crawler.catalog import catalog, select_sources
    from rasad.scheduler.runtime import crawl_once

    targets = select_sources(catalog(settings), source_ids)
    with output.CrawlProgress(len(targets)) as progress:
        reports = crawl_once(settings, targets, progress.advance)
    output.print_crawl_summary(reports)
    if reports and all(report.status in ("failed", "refused") for report in reports):
        sys.exit(1)


def _filter_options(function: Callable[..., None]) -> Callable[..., None]:
    """The options ``rasad search`` and ``rasad export`` share: what to select."""
    options = [
        click.option(
            "--source",
            "sources",
            multiple=True,
            metavar="ID",
            help="Only articles of this source id (repeat for several).",
        ),
        click.option(
            "--topic",
            metavar="ID",
            help="Only this topic's recorded matches, with whether each was emailed.",
        ),
        click.option(
            "--since",
            type=output.TIME,
            help="Published at or after: a date, a date and time (in the timezone setting), "
            "or 7d/24h.",
        ),
        click.option("--until", type=output.TIME, help="Published before: as --since."),
        click.option(
            "--all",
            "expand",
            is_flag=True,
            help="Every copy of a story, instead of one result per story (its first article, "
            "with its outlet count).",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _search_request(
    settings: Settings,
    query: str,
    sources: tuple[str, ...],
    topic: str | None,
    since: TimeSpec | None,
    until: TimeSpec | None,
    expand: bool,
    **rest: Any,
) -> SearchRequest:
    from rasad.alerts.search import SearchRequest

    return SearchRequest(
        query,
        sources=sources,
        topic=topic,
        since=output.resolved(since, settings.timezone),
        until=output.resolved(until, settings.timezone),
        collapse=not expand,
        **rest,
    )


@cli.command()
@click.argument("query", required=False, default="")
@_filter_options
@click.option(
    "--sort",
    type=click.Choice(["relevance", "date"]),
    default="relevance",
    show_default=True,
    help="relevance: the newest matches ranked, 200 at a time; date: newest first.",
)
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True)
@click.option("--after", metavar="CURSOR", help="The next page: the cursor a page printed.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "ndjson", "csv"]),
    default="table",
    show_default=True,
)
@pass_settings
def search(
    settings: Settings,
    query: str,
    sort: str,
    limit: int,
    after: str | None,
    fmt: str,
    **filters: Any,
) -> None:
    """Search stored articles (same query language as topics; QUERY may be left out with
    --topic to list the topic's matches)."""
    from rasad.alerts.search import search as run_search
    from rasad.storage.database import connect, migrated_database_url

    request = _search_request(settings, query, sort=sort, limit=limit, after=after, **filters)
    with connect(migrated_database_url(settings)) as conn:
        page = run_search(conn, request)
    output.print_page(page, fmt, settings.timezone)


@cli.command()
@click.argument("query", required=False, default="")
@_filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "ndjson"]),
    default="csv",
    show_default=True,
)
@click.option(
    "--output",
    "output_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to this file instead of stdout.",
)
@pass_settings
def export(
    settings: Settings, query: str, fmt: str, output_path: Path | None, **filters: Any
) -> None:
    """Export every article a search selects (QUERY optional), newest first, as CSV or NDJSON;
    streamed, so any size fits in memory."""
    from rasad.alerts.search import export_articles
    from rasad.storage.database import connect, migrated_database_url

    request = _search_request(settings, query, **filters)
    with connect(migrated_database_url(settings)) as conn, conn.transaction():
        articles = export_articles(conn, request)
        if output_path is None:
            count = output.write_export(articles, fmt, sys.stdout)
        else:
            with output_path.open("w", encoding="utf-8", newline="") as stream:
                count = output.write_export(articles, fmt, stream)
    if output_path is not None:
        click.echo(f"exported {count} article(s) to {output_path}", err=True)


@cli.group()
def topics() -> None:
    """Topics: try a topic or a query against stored articles."""


@topics.command("test")
@click.argument("query_or_topic_id")
@click.option(
    "--since", type=output.TIME, help="Only articles published at or after (as search --since)."
)
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@pass_settings
def topics_test(
    settings: Settings, query_or_topic_id: str, since: TimeSpec | None, limit: int
) -> None:
    """Show which stored articles a topic (by id) or a query matches, and why, and for a topic
    whether each story was emailed; sends nothing. A Latin slug naming no topic is an error."""
    from rasad.alerts.search import try_topic
    from rasad.alerts.topics import configured_topics
    from rasad.crawler.catalog import catalog
    from rasad.storage.database import connect, migrated_database_url

    loaded = configured_topics(settings, (source.id for source in catalog(settings)))
    with connect(migrated_database_url(settings)) as conn:
        label, hits = try_topic(
            conn, loaded, query_or_topic_id, output.resolved(since, settings.timezone), limit
        )
    output.print_topic_hits(label, hits, settings.timezone)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@pass_settings
def status(settings: Settings, as_json: bool) -> None:
    """Articles, sources and emails at a glance."""
    from rasad.scheduler.status import status as read_status

    output.print_status(read_status(settings), as_json, settings.timezone)


@cli.group()
def outbox() -> None:
    """Emails: send again those that failed for good."""


@outbox.command("retry")
@click.argument("ids", nargs=-1, type=click.IntRange(1), metavar="[ID]...")
@click.option("--all-failed", is_flag=True, help="Every email that failed for good.")
@pass_settings
def outbox_retry(settings: Settings, ids: tuple[int, ...], all_failed: bool) -> None:
    """Put failed emails back to be sent, with their Message-ID (ids from `rasad status`)."""
    from rasad.alerts.deliver import send_again

    if bool(ids) == all_failed:
        raise click.UsageError("give the ids of the emails to retry, or --all-failed")
    again = send_again(settings, list(ids) if ids else None)
    output.print_sent_again(again)


@cli.group()
def db() -> None:
    """The database: migrate, print its URL, open psql, stop the embedded server."""


@db.command("migrate")
@pass_settings
def db_migrate(settings: Settings) -> None:
    """Apply pending migrations (the daemon also does this at start)."""
    from rasad.storage.database import configured_database_url, connect
    from rasad.storage.migrate import migrate

    with connect(configured_database_url(settings)) as conn:
        applied = migrate(conn)
    click.echo(f"applied {len(applied)} migration(s)" if applied else "database is up to date")


@db.command("reanalyse")
@click.option(
    "--batch-size",
    type=click.IntRange(1, 10_000),
    default=500,
    show_default=True,
    help="Articles analysed and written per transaction.",
)
@pass_settings
def db_reanalyse(settings: Settings, batch_size: int) -> None:
    """Analyse stored articles again, after an upgrade changed the Arabic analysis."""
    from rasad.alerts.reanalyse import Progress, reanalyse
    from rasad.storage.database import migrated_database_url

    def report(progress: Progress) -> None:
        click.echo(
            f"analysed {progress.done:,} of {progress.total:,} articles,"
            f" {progress.changed:,} rewritten",
            err=True,
        )

    done = reanalyse(migrated_database_url(settings), batch_size, report)
    click.echo(f"{done.done:,} articles analysed again, {done.changed:,} with new terms")


@db.command("url")
@pass_settings
def db_url(settings: Settings) -> None:
    """Print the database URL (starting the embedded server if it is the one in use)."""
    from rasad.storage.database import configured_database_url

    click.echo(configured_database_url(settings))


@db.command("psql", context_settings={"ignore_unknown_options": True})
@click.argument("psql_args", nargs=-1, type=click.UNPROCESSED)
@pass_settings
def db_psql(settings: Settings, psql_args: tuple[str, ...]) -> None:
    """Open psql on the database (extra arguments go to psql)."""
    from rasad.storage.psql import exec_psql

    exec_psql(settings, psql_args, dict(os.environ))


@db.command("grant-reader")
@click.argument("name")
@click.option(
    "--password",
    help="The reader's password (not printed back). Without it one is made up and printed once.",
)
@click.option(
    "--search",
    is_flag=True,
    help="Also read the tables search reads: the role `rasad web` connects as.",
)
@pass_settings
def db_grant_reader(settings: Settings, name: str, password: str | None, search: bool) -> None:
    """Create (or update) a login NAME that can only read the analyst views; prints its URL."""
    import secrets

    from rasad.storage.database import connect, migrated_database_url
    from rasad.storage.readers import grant_reader, reader_url

    url = migrated_database_url(settings)
    made_up = password is None
    password = password if password is not None else secrets.token_urlsafe(18)
    with connect(url) as conn:
        created = grant_reader(conn, name, password, search=search)
    click.echo(f"{'created' if created else 'updated'} reader '{name}'", err=True)
    click.echo(reader_url(url, name, password if made_up else None))


@db.command("stop")
@pass_settings
def db_stop(settings: Settings) -> None:
    """Stop the embedded PostgreSQL (it is left running between commands)."""
    from rasad.storage.embedded import stop_embedded_server

    stopped = stop_embedded_server(settings.embedded_pgdata)
    click.echo(
        "stopped the embedded PostgreSQL" if stopped else "the embedded PostgreSQL is not running"
    )


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@pass_settings
def sources(settings: Settings, as_json: bool) -> None:
    """The catalog, with each source's health."""
    from rasad.scheduler.status import source_health

    output.print_sources(source_health(settings), as_json, settings.timezone)


@cli.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; any but loopback needs the web_auth setting.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8080,
    show_default=True,
    help="Port to listen on (0: any free port, printed at start).",
)
@pass_settings
def web(settings: Settings, host: str, port: int) -> None:
    """Serve read-only pages and a JSON API for analysts: search, articles, topics, sources."""
    from rasad.web.serve import serve

    serve(settings, host, port, click.echo)


def main() -> None:
    use_bundled_tzdata()
    cli(prog_name="rasad")
