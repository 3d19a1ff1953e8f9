"""``rasad run``: APScheduler jobs on the asyncio loop that Scrapy's reactor runs.

One job per source fires at the source's interval with jitter; whether it actually crawls is
decided by the source's lease in PostgreSQL, so several daemons on one database share the
catalog instead of repeating it. Delivery, health and retention jobs are safe to run in every
daemon at once (outbox rows are claimed with SKIP LOCKED, flags are set once). SIGTERM and
SIGINT stop the scheduler, let crawls finish the page in hand, and return.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import signal
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from rasad.crawler.run import SourceCrawler
from rasad.scheduler import jobs
from rasad.scheduler.monitoring import monitored, tagged
from rasad.storage.database import off_the_loop
from rasad.storage.sources import release_leases

if TYPE_CHECKING:
    from collections.abc import Callable

    from psycopg_pool import ConnectionPool

    from rasad.alerts.matcher import TopicMatcher
    from rasad.config.settings import Settings
    from rasad.crawler.catalog import Source

log = logging.getLogger(__name__)

# Seconds a stopping daemon waits for crawls to close before it leaves anyway: pages already
# downloaded finish their ingest in worker threads, which the interpreter joins at exit.
_STOP_GRACE_SECONDS = 5


@dataclass
class Daemon:
    settings: Settings
    sources: list[Source]
    pool: ConnectionPool
    owner: str
    matcher: TopicMatcher | None = None

    def __post_init__(self) -> None:
        self.crawler = SourceCrawler(self.settings, self.pool, self.owner, self.matcher)
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
        self._add_job("deliver", jobs.deliver, jobs.DELIVER_EVERY_SECONDS)
        self._add_job("health", jobs.check_health, jobs.HEALTH_EVERY_SECONDS)
        if self.settings.retention_days is not None:
            self._add_job("retention", jobs.apply_retention, jobs.RETENTION_EVERY_SECONDS)
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
        # (and reaches Sentry, tagged with the source) but must not stop the scheduler or
        # the other sources. Periodic jobs share this boundary.
        seconds = source.interval_minutes * 60
        # Jitter around a fixed cadence: outlets (and daemons) never see requests at the same
        # second every interval. Waiting on the stop event, so a stopping daemon starts no crawl.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.stopping.wait(), random.uniform(0, seconds / 20))  # noqa: S311
        if self.stopping.is_set():
            return
        try:
            with tagged(source=source.id):
                await monitored(f"crawl-{source.id}", seconds, lambda: self.crawler.crawl(source))
        except asyncio.CancelledError:
            # APScheduler cancels running jobs when the daemon stops: not a failure, and the
            # crawl's lease is given back by _shutdown.
            log.info("crawl of source %s stopped with the daemon", source.id)
        except Exception:
            log.exception("crawl of source %s failed", source.id)

    async def periodic_job(
        self, name: str, job: Callable[[ConnectionPool, Settings], object], seconds: float
    ) -> None:
        try:
            await monitored(name, seconds, lambda: asyncio.to_thread(job, self.pool, self.settings))
        except asyncio.CancelledError:
            log.info("job %s stopped with the daemon", name)
        except Exception:
            log.exception("job %s failed", name)

    def _add_crawl_job(self, source: Source) -> None:
        seconds = source.interval_minutes * 60
        # Spread the first round over a tenth of the interval so 39 outlets don't start at once.
        first = datetime.now(UTC) + timedelta(seconds=random.uniform(0, seconds / 10))  # noqa: S311
        self.scheduler.add_job(
            self.crawl_job,
            # The trigger has no jitter of its own: APScheduler 3 adds it to the previous,
            # already jittered fire time, so a source would run ~5% less often than its
            # interval. crawl_job waits a random moment instead.
            IntervalTrigger(seconds=seconds),
            args=[source],
            id=f"crawl:{source.id}",
            name=f"crawl {source.id}",
            next_run_time=first,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=int(seconds),
        )

    def _add_job(
        self, name: str, job: Callable[[ConnectionPool, Settings], object], seconds: float
    ) -> None:
        self.scheduler.add_job(
            self.periodic_job,
            IntervalTrigger(seconds=seconds),
            args=[name, job, seconds],
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
        released = await off_the_loop(self.pool, release_leases, self.owner)
        if released:
            log.info("released %d lease(s) of unfinished crawls", released)
        log.info("rasad daemon %s stopped", self.owner)
