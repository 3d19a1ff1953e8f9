"""A tiny local HTTP server that plays a news outlet for the crawl tests and the benchmark.

Hand-written on the standard library (``http.server``) rather than taken from a test-server
package because the tests need two things such packages hide: an exact count and log of every
request (to prove a URL was never fetched, or fetched once, or answered 304), and outlets that
misbehave on purpose (500s, 403 to everything, wrong encodings, slow answers).

Routes map a path, with its query when it has one, to a static :class:`Response` or to a
function of the :class:`Request` returning one. Anything unrouted is a 404.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self

HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Request:
    """What a route handler sees of a request."""

    method: str
    target: str  # path with query, as the client sent it
    headers: dict[str, str]


@dataclass(frozen=True)
class Response:
    """A canned answer. ``etag``/``last_modified`` turn on conditional GET for this route."""

    status: int = 200
    body: bytes = b""
    content_type: str | None = HTML  # written as given: with a charset, without one, or absent
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # quoted, e.g. '"v1"'
    last_modified: str | None = None  # an HTTP date, e.g. 'Mon, 02 Jun 2025 08:00:00 GMT'
    delay: float | None = None  # seconds; None means the server's default delay


Handler = Callable[[Request], Response]
Route = Response | Handler
NOT_FOUND = Response(404, b"<html><body><h1>404</h1></body></html>")


def not_modified(request: Request, response: Response) -> bool:
    """RFC 9110 evaluation: If-None-Match wins; If-Modified-Since only without it."""
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        if response.etag is None:
            return False
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or response.etag.removeprefix("W/") in tags
    if_modified_since = request.headers.get("if-modified-since")
    if if_modified_since is None or response.last_modified is None:
        return False
    try:
        return parsedate_to_datetime(response.last_modified) <= parsedate_to_datetime(
            if_modified_since
        )
    except (TypeError, ValueError):  # an unparsable date is ignored, as servers do
        return False


class OutletServer:
    """A threaded HTTP server on ``host`` and a free port, serving ``routes``.

    ``requests`` counts requests per path+query; ``log`` keeps (method, path+query, headers)
    in arrival order. Read them after the crawl, or under ``lock`` while one runs.
    """

    def __init__(
        self,
        routes: dict[str, Route] | None = None,
        *,
        fallback: Handler | None = None,
        delay: float = 0.0,
        host: str = "127.0.0.1",
    ) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.fallback = fallback  # answers every unrouted path (e.g. dated sitemaps, 403 all)
        self.delay = delay
        self.requests: Counter[str] = Counter()
        self.log: list[tuple[str, str, dict[str, str]]] = []
        self.lock = threading.Lock()
        self._httpd = _QuietServer((host, 0), _handler_class(self))
        # Join handler threads on close so no socket outlives the test (filterwarnings=error).
        self._httpd.daemon_threads = False
        self._httpd.block_on_close = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    @property
    def host(self) -> str:
        return str(self._httpd.server_address[0])

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base(self) -> str:
        """``http://host:port`` without a trailing slash."""
        return f"http://{self.host}:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base + path

    def route(self, path: str, route: Route) -> None:
        self.routes[path] = route

    def count(self, path: str) -> int:
        """Requests received for ``path`` (a path+query, or a full URL of this server)."""
        path = path.removeprefix(self.base)
        with self.lock:
            return self.requests[path]

    def answer(self, request: Request) -> Response:
        """Record the request and pick the response its route gives."""
        with self.lock:
            self.requests[request.target] += 1
            self.log.append((request.method, request.target, request.headers))
        path = request.target.partition("?")[0]
        route = self.routes.get(request.target) or self.routes.get(path) or self.fallback
        if route is None:
            return NOT_FOUND
        return route if isinstance(route, Response) else route(request)

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A crawler that stops reading (a page over its size limit) hangs up: expected here.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def _handler_class(server: OutletServer) -> type[BaseHTTPRequestHandler]:
    class OutletHandler(BaseHTTPRequestHandler):
        # HTTP/1.0: one request per connection, so no keep-alive thread outlives stop().
        protocol_version = "HTTP/1.0"
        timeout = 5  # a client that connects and says nothing cannot hold stop() forever
        server_version = "RasadTestOutlet/1.0"

        def do_GET(self) -> None:
            self._serve(with_body=True)

        def do_HEAD(self) -> None:
            self._serve(with_body=False)

        def _serve(self, *, with_body: bool) -> None:
            headers = {name.lower(): value for name, value in self.headers.items()}
            request = Request(self.command, self.path, headers)
            response = server.answer(request)
            delay = server.delay if response.delay is None else response.delay
            if delay > 0:
                time.sleep(delay)
            if response.status == 200 and not_modified(request, response):
                self._send(304, response, b"")
            else:
                self._send(response.status, response, response.body if with_body else None)

        def _send(self, status: int, response: Response, body: bytes | None) -> None:
            self.send_response(status)
            if response.content_type and status != 304:
                self.send_header("Content-Type", response.content_type)
            if response.etag:
                self.send_header("ETag", response.etag)
            if response.last_modified:
                self.send_header("Last-Modified", response.last_modified)
            for name, value in response.headers.items():
                self.send_header(name, value)
            if status != 304:
                # HEAD announces the GET body's length; a 304 has no body at all.
                self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Silent: the counters and ``log`` are the record, not stderr."""

    return OutletHandler
