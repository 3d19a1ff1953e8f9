"""``rasad web``: check where it may listen, reach the database, then serve with uvicorn."""

from __future__ import annotations

import ipaddress
import logging
import signal
import socket
from typing import TYPE_CHECKING

import psycopg
import uvicorn

from rasad.config.errors import SettingsError, StorageError
from rasad.crawler.catalog import catalog
from rasad.storage.database import connect, migrated_database_url
from rasad.web.app import create_app

if TYPE_CHECKING:
    from collections.abc import Callable

    from rasad.config.settings import Settings

log = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is an address only this machine can reach (names other than
    localhost count as not: what they resolve to may change)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_listening(settings: Settings, host: str) -> None:
    if not is_loopback(host) and not settings.web_auth:
        raise SettingsError(
            f"rasad web listens on {host} only with the web_auth setting "
            "(RASAD_WEB_AUTH: a token, or user:password), since every article would be open"
        )


def web_database_url(settings: Settings) -> str:
    """The reader role's URL when ``web_database_url`` is set; otherwise the database URL,
    migrated as the other read-only commands do it."""
    if settings.web_database_url is None:
        return migrated_database_url(settings)
    with connect(settings.web_database_url) as conn:
        try:
            conn.execute("SELECT 1 FROM analyst_topics LIMIT 1")
        except psycopg.errors.UndefinedTable:
            raise StorageError(
                "the database of web_database_url has no Rasad views yet: "
                "run `rasad db migrate` with the owner's database_url first"
            ) from None
    return settings.web_database_url


def serve(settings: Settings, host: str, port: int, announce: Callable[[str], None]) -> None:
    """Serve until SIGINT or SIGTERM. ``announce`` is told the URL once the port listens
    (port 0 picks a free one, so the URL says which)."""
    check_listening(settings, host)
    app = create_app(settings, web_database_url(settings), catalog(settings))
    sock = listening_socket(host, port)
    config = uvicorn.Config(
        app, log_config=None, access_log=False, server_header=False, proxy_headers=False
    )
    shown = f"[{host.strip('[]')}]" if sock.family == socket.AF_INET6 else host
    announce(f"serving on http://{shown}:{sock.getsockname()[1]}/")
    # uvicorn raises the signal that stopped it again once it has shut down; a stop that was
    # asked for is a clean exit (status 0, no KeyboardInterrupt), as for `rasad run`.
    for stop in (signal.SIGTERM, signal.SIGINT):
        signal.signal(stop, _stopped)
    uvicorn.Server(config).run(sockets=[sock])
    log.info("rasad web stopped")


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port`` and listening, or one sentence why it cannot be.

    It listens before the app starts: a request sent as soon as the URL is announced waits in
    the backlog while the pool opens, instead of being refused.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise SettingsError(f"rasad web cannot listen on {host}:{port} ({exc.strerror})") from None
    return sock


def _stopped(signum: int, frame: object) -> None:
    """What a stopping signal does once uvicorn has shut down: nothing more."""
