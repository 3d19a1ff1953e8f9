"""One page from a file or a URL, for ``rasad extract``.

A URL a user typed is fetched within the same boundary as a crawl: http(s) only, redirects
checked like the first URL, addresses checked when the connection is made, the page limit
on its size, and HTML only. A loopback or private page may be extracted only with
``--source`` naming a private-network source whose own origin it is.
"""

from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rasad.config.errors import ExtractionError
from rasad.config.limits import MIB, PAGE_MAX_BYTES
from rasad.crawler.extract import ExtractedArticle, SkippedPage, extract_page
from rasad.crawler.formats import html_problem
from rasad.crawler.network import (
    address_problem,
    host_port,
    origin,
    source_origins,
    url_problem,
)

if TYPE_CHECKING:
    from rasad.crawler.catalog import Source

_TIMEOUT_SECONDS = 30


def extract_path_or_url(
    path_or_url: str, source: Source | None, user_agent: str
) -> ExtractedArticle | SkippedPage:
    """Read a saved page or download one, then extract it exactly as the pipeline does."""
    if path_or_url.startswith(("http://", "https://")):
        body, encoding = _download(path_or_url, _Boundary(source), user_agent)
        return extract_page(body, path_or_url, source, http_encoding=encoding)
    path = Path(path_or_url)
    try:
        body = path.read_bytes()
    except FileNotFoundError:
        raise ExtractionError(f"{path}: no such file") from None
    except OSError as exc:
        raise ExtractionError(f"{path}: cannot be read ({exc.strerror})") from None
    return extract_page(body, path.resolve().as_uri(), source)


class _Refused(OSError):
    """A connection the boundary refused (urllib wraps it in a URLError)."""


class _Boundary:
    """The crawl's network boundary for one download by urllib."""

    def __init__(self, source: Source | None) -> None:
        self.private_network = bool(source and source.private_network)
        self.own_origins = source_origins(source) if source else frozenset()
        self.private_hosts = {host_port(o) for o in self.own_origins if self.private_network}

    def check(self, url: str, redirected_from: str | None = None) -> None:
        problem = url_problem(url, self.own_origins, self.private_network)
        if problem is None:
            return
        how = f" (redirected from {redirected_from})" if redirected_from else ""
        if origin(url) is None:  # not an http(s) URL at all
            raise ExtractionError(f"{url}{how}: {problem}")
        hint = "" if self.private_network else "; --source may name a private_network source"
        raise ExtractionError(f"{url}{how}: refused: {problem}{hint}")

    def connect(
        self, address: tuple[str, int], timeout: Any = None, source_address: Any = None
    ) -> socket.socket:
        """socket.create_connection, to an address the boundary allows: the name is resolved
        here, once, and the connection made to the address that was checked."""
        host, port = address
        allowed = (host.lower(), port) in self.private_hosts
        refused = None
        for *_, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
            problem = address_problem(str(sockaddr[0]))
            if problem and not allowed:
                refused = f"{host} resolves to {sockaddr[0]}, {problem}"
                continue
            return socket.create_connection(sockaddr[:2], timeout, source_address)
        raise _Refused(refused or f"{host} has no address")

    def opener(self) -> urllib.request.OpenerDirector:
        boundary = self

        def guarded(connection_class: type[http.client.HTTPConnection]) -> Any:
            def connection(host: str, **kwargs: Any) -> http.client.HTTPConnection:
                conn = connection_class(host, **kwargs)
                # http.client opens its socket through this attribute: the one place to check
                # the address actually connected to (HTTPS wraps that socket afterwards).
                conn._create_connection = boundary.connect  # type: ignore[attr-defined]
                return conn

            return connection

        class HTTP(urllib.request.HTTPHandler):
            def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
                return self.do_open(guarded(http.client.HTTPConnection), req)

        class HTTPS(urllib.request.HTTPSHandler):
            def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
                return self.do_open(guarded(http.client.HTTPSConnection), req)

        class Redirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:  # fmt: skip
                try:
                    boundary.check(newurl, redirected_from=req.full_url)
                except ExtractionError:
                    fp.close()  # the redirect's own response, left unread
                    raise
                return super().redirect_request(req, fp, code, msg, headers, newurl)

        # No ProxyHandler from the environment: a proxy resolves names out of our sight.
        return urllib.request.build_opener(
            urllib.request.ProxyHandler({}), HTTP(), HTTPS(), Redirect()
        )


def _download(url: str, boundary: _Boundary, user_agent: str) -> tuple[bytes, str | None]:
    # One page on a user's request: the standard library is enough, Scrapy's engine is for crawls.
    boundary.check(url)
    asked = {"User-Agent": user_agent, "Accept-Language": "ar"}
    try:
        request = urllib.request.Request(url, headers=asked)  # noqa: S310 - http(s) checked above
        with boundary.opener().open(request, timeout=_TIMEOUT_SECONDS) as response:
            headers: Message = response.headers
            body = response.read(PAGE_MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        exc.close()
        raise ExtractionError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except ValueError as exc:  # a malformed URL, e.g. an unclosed [IPv6] host
        raise ExtractionError(f"{url}: not a valid URL ({exc})") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, _Refused):
            raise ExtractionError(f"{url}: refused: {exc.reason}") from None
        raise ExtractionError(f"{url}: could not be downloaded ({exc.reason})") from None
    except (TimeoutError, OSError) as exc:
        raise ExtractionError(f"{url}: could not be downloaded ({exc})") from None
    if len(body) > PAGE_MAX_BYTES:
        raise ExtractionError(f"{url}: larger than {PAGE_MAX_BYTES // MIB} MiB, the page limit")
    if problem := html_problem(headers.get("Content-Type"), body):
        raise ExtractionError(f"{url}: {problem}")
    return body, headers.get_content_charset()
