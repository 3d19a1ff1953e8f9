"""Sentry: set up once by the composition root, then used through scopes and cron check-ins.

Nothing is sent without a DSN. Events carry the source or topic id as a tag and never an
article's text or a secret: local variables are not attached (a frame of the pipeline holds
the whole page), and a ``before_send`` hook drops what could still carry text.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import sentry_sdk
from sentry_sdk.crons import capture_checkin
from sentry_sdk.crons.consts import MonitorStatus
from sentry_sdk.integrations.logging import LoggingIntegration, ignore_logger

from rasad import __version__

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Iterator

    from rasad.config.settings import Settings

log = logging.getLogger(__name__)

T = TypeVar("T")

# Scrapy logs a page or robots.txt that failed all its retries at ERROR; for Rasad that is an outlet
# misbehaving, counted on the source row and flagged by the health job, not a bug.
_OUTLET_NOISE_LOGGERS = (
    "scrapy.downloadermiddlewares.retry",
    "scrapy.downloadermiddlewares.robotstxt",
)


def init_sentry(settings: Settings) -> bool:
    """Start sentry-sdk when a DSN is configured; True when it was started."""
    if not settings.sentry_dsn:
        return False
    sentry_sdk.init(
        dsn=settings.sentry_dsn,
        release=f"rasad@{__version__}",
        environment=settings.environment,
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=0.0,
        before_send=_scrub,
        integrations=[LoggingIntegration(level=logging.INFO, event_level=logging.ERROR)],
    )
    for name in _OUTLET_NOISE_LOGGERS:
        ignore_logger(name)
    return True


def _scrub(event: dict[str, Any], _hint: dict[str, Any]) -> dict[str, Any]:
    """Drop what could carry article text or credentials before an event leaves."""
    event.pop("request", None)
    for frame_holder in _exception_frames(event):
        frame_holder.pop("vars", None)
    return event


def _exception_frames(event: dict[str, Any]) -> list[dict[str, Any]]:
    frames = []
    for exception in (event.get("exception") or {}).get("values") or []:
        frames.extend((exception.get("stacktrace") or {}).get("frames") or [])
    return frames


@contextmanager
def tagged(**tags: str) -> Iterator[None]:
    """Events and log records inside carry these tags (``source``, ``topic``, ``job``)."""
    with sentry_sdk.isolation_scope() as scope:
        for key, value in tags.items():
            scope.set_tag(key, value)
        yield


async def monitored(slug: str, interval_seconds: float, run: Callable[[], Awaitable[T]]) -> T:
    """Run one scheduled job with Sentry cron check-ins: in progress, then ok or error; returns
    what the job returned.

    A daemon that stops running a job shows up in Sentry as a missed check-in.
    """
    config = {
        "schedule": {
            "type": "interval",
            "value": max(1, round(interval_seconds / 60)),
            "unit": "minute",
        },
        "checkin_margin": max(1, round(interval_seconds / 60)),
        "max_runtime": max(5, round(interval_seconds / 60) * 2),
    }
    checkin_id = capture_checkin(
        monitor_slug=slug, status=MonitorStatus.IN_PROGRESS, monitor_config=config
    )
    try:
        with tagged(job=slug):
            result = await run()
    except Exception:
        capture_checkin(monitor_slug=slug, check_in_id=checkin_id, status=MonitorStatus.ERROR)
        raise
    capture_checkin(monitor_slug=slug, check_in_id=checkin_id, status=MonitorStatus.OK)
    return result
