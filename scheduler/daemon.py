"""``rasad run``: APScheduler jobs on the asyncio loop that Scrapy's reactor runs.

One job per source fires at the source's interval with jitter; whether it actually crawls is
decided by the source's lease in PostgreSQL, so several daemons on one database share the
catalog instead of repeating it. Delivery, health and retention jobs are safe to run in every
daemon at once (outbox rows are claimed with SKIP LOCKED, flags are set once). SIGTERM and
SIGINT stop the scheduler, let crawls finish the page in hand, and return.

No round is skipped silently: a round that comes due while the source's last crawl still runs
(here, or in another daemon) is logged and runs when that crawl ends, and rounds that fall in
a database outage run when the database is back.
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

from apscheduler.events import EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from rasad.crawler.run import CrawlReport, SourceCrawler
from rasad.scheduler import jobs
from rasad.scheduler.monitoring import monitored, tagged
from rasad.storage.database import ConnectionWatch, connection_lost, off_the_loop, retry_later
from rasad.storage.sources import release_leases, round_state

if TYPE_CHECKING:
    from collections.abc import Callable

    from apscheduler.events import JobEvent
    from psycopg_pool import ConnectionPool

    from rasad.alerts.matcher import TopicMatcher
    from rasad.config.settings import Settings
    from rasad.crawler.catalog import Source

log = logging.getLogger(__name__)

# Seconds a stopping daemon waits for crawls to close before it leaves anyway: pages already
# downloaded finish their ingest in worker threads, which the interpreter joins at exit.
_STOP_GRACE_SECONDS = 5
# How often a round waiting for a busy lease, or for the database, looks again.
_WAIT_SECONDS = 5.0


@dataclass
class Daemon:
    settings: Settings
    sources: list[Source]
    pool: ConnectionPool
    owner: str
    matcher: TopicMatcher | None = None
    watch: ConnectionWatch | None = None

    def __post_init__(self) -> None:
        self.watch = self.watch or ConnectionWatch()
        self.crawler = SourceCrawler(self.settings, self.pool, self.owner, self.matcher, self.watch)
        self.stopping = asyncio.Event()
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        # Sources whose round came due while their crawl was still running here.
        self.owed: set[str] = set()
        self.running: set[asyncio.Task[object]] = set()

    async def run(self) -> None:
        """Schedule every job, then wait for a stop signal."""
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, self.stop, signum)
        self.scheduler.configure(event_loop=loop)
        self.scheduler.add_listener(self._round_not_run, EVENT_JOB_MAX_INSTANCES | EVENT_JOB_MISSED)
        for source in self.sources:
            self._add_crawl_job(source)
        self._add_job("deliver", jobs.deliver, jobs.DELIVER_EVERY_SECONDS)
        self._add_job("health", jobs.check_health, jobs.HEALTH_EVERY_SECONDS)
        if self.settings.retention_days is not None:
            self._add_job("retention", jobs.apply_retention, jobs.RETENTION_EVERY_SECONDS)
        self.scheduler.start()
        log.info("rasad daemon %s started: %d sources", self.owner, len(self.sources))
        self._log_first_rounds()
        probe = asyncio.ensure_future(self._probe_database())
        await self.stopping.wait()
        probe.cancel()
        await self._shutdown()

    def stop(self, signum: int | None = None) -> None:
        if signum is not None:
            log.info("received %s, stopping", signal.Signals(signum).name)
        self.stopping.set()

    async def crawl_job(self, source: Source) -> None:
        """One round of ``source``: claim, crawl, record; then any round owed meanwhile."""
        seconds = source.interval_minutes * 60
        # Jitter around a fixed cadence: outlets (and daemons) never see requests at the same
        # second every interval. Waiting on the stop event, so a stopping daemon starts no crawl.
        if await self._sleep(random.uniform(0, seconds / 20)):  # noqa: S311
            return
        task = asyncio.current_task()
        if task is not None:
            self.running.add(task)
        try:
            while not self.stopping.is_set():
                report = await self._crawl_round(source)
                if report is not None and report.status == "busy":
                    if not await self._wait_for_round(source):
                        return
                    continue
                if source.id not in self.owed:
                    return
                self.owed.discard(source.id)
                log.info("source %s: running the round that came due during its crawl", source.id)
        finally:
            if task is not None:
                self.running.discard(task)

    async def _crawl_round(self, source: Source) -> CrawlReport | None:
        """Crawl once; None after an error (logged here), or when the database is away (the
        round is then owed, and runs when it is back)."""
        seconds = source.interval_minutes * 60
        if self.watch is not None and self.watch.lost:
            return await self._owe_until_back(source)
        # The one broad except of Rasad: a bug or an outage in one source's crawl is logged
        # (and reaches Sentry, tagged with the source) but must not stop the scheduler or
        # the other sources. Periodic jobs share this boundary.
        try:
            with tagged(source=source.id):
                return await monitored(
                    f"crawl-{source.id}", seconds, lambda: self.crawler.crawl(source)
                )
        except asyncio.CancelledError:
            # APScheduler cancels running jobs when the daemon stops: not a failure, and the
            # crawl's lease is given back by _shutdown.
            log.info("crawl of source %s stopped with the daemon", source.id)
        except Exception as exc:
            if not retry_later(exc):
                log.exception("crawl of source %s failed", source.id)
                return None
            if connection_lost(exc) and self.watch is not None:
                self.watch.report_lost(exc)
            return await self._owe_until_back(source)
        return None

    async def _owe_until_back(self, source: Source) -> None:
        """Wait for the database (said once, by the watch), then owe the round."""
        while self.watch is not None and self.watch.lost:
            if await self._sleep(1.0):
                return
        self.owed.add(source.id)

    async def _wait_for_round(self, source: Source) -> bool:
        """The crawl was not claimed: True when the round is due (or nearly) but its lease is
        still held, after waiting a little; False when another daemon ran the round already, or
        the source is backing off."""
        state = await off_the_loop(self.pool, round_state, source.id)
        nearly_due = state.due_in_seconds < source.interval_minutes * 6  # a tenth
        if not nearly_due:
            return False
        if state.holder and state.due_in_seconds <= 0:
            log.info(
                "source %s: a round is due but the last crawl still holds the lease (%s); "
                "it runs when that one ends",
                source.id,
                state.holder,
            )
        wait = max(state.due_in_seconds, _WAIT_SECONDS if state.holder else 0.5)
        return not await self._sleep(min(wait, _WAIT_SECONDS))

    def _round_not_run(self, event: JobEvent) -> None:
        """APScheduler could not start a round: the last one still runs (or the loop was held up
        past the grace time). A crawl round is then owed and runs when the current one ends."""
        source_id = event.job_id.removeprefix("crawl:")
        if source_id == event.job_id:
            log.debug("job %s still running: its next run is skipped", event.job_id)
            return
        if source_id not in self.owed:
            level = logging.DEBUG if self.watch is not None and self.watch.lost else logging.INFO
            log.log(
                level,
                "source %s: a round came due while its crawl still runs; it runs when that "
                "one ends",
                source_id,
            )
        self.owed.add(source_id)

    async def periodic_job(
        self, name: str, job: Callable[[ConnectionPool, Settings], object], seconds: float
    ) -> None:
        if self.watch is not None and self.watch.lost:
            return  # the watch said why; the job runs again once the database is back
        try:
            await monitored(name, seconds, lambda: asyncio.to_thread(job, self.pool, self.settings))
        except asyncio.CancelledError:
            log.info("job %s stopped with the daemon", name)
        except Exception as exc:
            if not connection_lost(exc):
                log.exception("job %s failed", name)
            elif self.watch is not None:
                self.watch.report_lost(exc)

    async def _probe_database(self) -> None:
        """While the database is away, ask the pool to reconnect every few seconds: it opens a
        connection at once when the server answers (and the watch then says it is back),
        instead of waiting out a backoff grown during the outage."""
        while True:
            await asyncio.sleep(2.0)
            if self.watch is not None and self.watch.lost:
                await asyncio.to_thread(self.pool.check)

    def _log_first_rounds(self) -> None:
        """When the first crawls start: they are spread over a tenth of each interval, so the
        first line of a crawl can be minutes away."""
        firsts = [
            job.next_run_time for job in self.scheduler.get_jobs() if job.id.startswith("crawl:")
        ]
        if firsts:
            now = datetime.now(UTC)
            log.info(
                "first crawls: the first in %.0f s, all %d within %.0f s",
                max(0.0, (min(firsts) - now).total_seconds()),
                len(firsts),
                max(0.0, (max(firsts) - now).total_seconds()),
            )

    async def _sleep(self, seconds: float) -> bool:
        """Wait ``seconds``, or less if the daemon stops; True when it is stopping."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.stopping.wait(), seconds)
        return self.stopping.is_set()

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
            # However late (a loop held up), a round runs rather than being dropped.
            misfire_grace_time=None,
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
            misfire_grace_time=None,
        )

    async def _shutdown(self) -> None:
        # No new round starts; running crawls close (reason "shutdown": recorded as
        # interrupted, not as a failure of the source) and record themselves before the
        # leases left over are released.
        self.scheduler.pause()
        try:
            await asyncio.wait_for(self._stop_crawls(), timeout=_STOP_GRACE_SECONDS)
        except TimeoutError:
            log.warning(
                "crawls did not close within %d seconds; leaving anyway", _STOP_GRACE_SECONDS
            )
        self.scheduler.shutdown(wait=False)
        released = await off_the_loop(self.pool, release_leases, self.owner)
        if released:
            log.info("released %d lease(s) of unfinished crawls", released)
        log.info("rasad daemon %s stopped", self.owner)

    async def _stop_crawls(self) -> None:
        await self.crawler.stop()
        if self.running:
            await asyncio.wait(self.running)
