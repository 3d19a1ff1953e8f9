"""``rasad run``: APScheduler jobs on the asyncio loop that Scrapy's reactor runs.

One job per source fires at the source's interval with jitter; whether it actually crawls is
decided by the source's lease in PostgreSQL, so several daemons on one database share the
catalog instead of repeating it. SIGTERM and SIGINT stop the scheduler, let crawls finish the
page in hand, and return.
"""

from __future__ import annotations

import asyncio
import logging
import random
import signal
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from rasad.crawler.run import SourceCrawler

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from psycopg_pool import ConnectionPool

    from rasad.crawler.catalog import Source
    from rasad.settings import Settings
    from rasad.storage.articles import OnNew

log = logging.getLogger(__name__)

# Seconds a stopping daemon waits for crawls to close before it leaves anyway: pages already
# downloaded finish their ingest in worker threads, which the interpreter joins at exit.
_STOP_GRACE_SECONDS = 5


@dataclass
class ExtraJob:
    """A periodic job besides crawling (delivery, health, retention), added by the caller."""

    name: str
    seconds: float
    run: Callable[[], Awaitable[object]]


@dataclass
class Daemon:
    settings: Settings
    sources: list[Source]
    pool: ConnectionPool
    owner: str
    on_new: OnNew | None = None
    extra_jobs: list[ExtraJob] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.crawler = SourceCrawler(self.settings, self.pool, self.owner, self.on_new)
        self.stopping = asyncio.Event()
        self.scheduler = AsyncIOScheduler(timezone=UTC)

    async def run(self) -> None:
        """Schedule every job, then wait for a stop signal."""
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, self.stop, signum)
        self.scheduler.configure(event_loop=loop)
        for source in self.sources:
            self._add_crawl_job(source)
        for job in self.extra_jobs:
            self._add_job(job.name, job.run, job.seconds, jitter=0)
        self.scheduler.start()
        log.info("rasad daemon %s started: %d sources", self.owner, len(self.sources))
        await self.stopping.wait()
        await self._shutdown()

    def stop(self, signum: int | None = None) -> None:
        if signum is not None:
            log.info("received %s, stopping", signal.Signals(signum).name)
        self.stopping.set()

    async def crawl_job(self, source: Source) -> None:
        # The one broad except of Rasad: a bug or an outage in one source's crawl is logged
        # (and reaches Sentry) but must not stop the scheduler or the other sources.
        try:
            await self.crawler.crawl(source)
        except Exception:
            log.exception("crawl of source %s failed", source.id)

    def _add_crawl_job(self, source: Source) -> None:
        seconds = source.interval_minutes * 60
        # Spread the first round over a tenth of the interval so 39 outlets don't start at once.
        first = datetime.now(UTC) + timedelta(seconds=random.uniform(0, seconds / 10))  # noqa: S311
        self.scheduler.add_job(
            self.crawl_job,
            IntervalTrigger(seconds=seconds, jitter=max(1, int(seconds / 10))),
            args=[source],
            id=f"crawl:{source.id}",
            name=f"crawl {source.id}",
            next_run_time=first,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=int(seconds),
        )

    def _add_job(
        self, name: str, run: Callable[[], Awaitable[object]], seconds: float, jitter: int
    ) -> None:
        self.scheduler.add_job(
            run,
            IntervalTrigger(seconds=seconds, jitter=jitter or None),
            id=name,
            name=name,
            next_run_time=datetime.now(UTC),
            max_instances=1,
            coalesce=True,
        )

    async def _shutdown(self) -> None:
        self.scheduler.shutdown(wait=False)
        try:
            await asyncio.wait_for(self.crawler.stop(), timeout=_STOP_GRACE_SECONDS)
        except TimeoutError:
            log.warning(
                "crawls did not close within %d seconds; leaving anyway", _STOP_GRACE_SECONDS
            )
        log.info("rasad daemon %s stopped", self.owner)
