"""The network boundary applied to Scrapy: a downloader middleware and a name resolver.

Every request of a crawl passes :class:`NetworkBoundaryMiddleware` first: discovery, article
pages, robots.txt and each redirect (Scrapy's RedirectMiddleware sends a redirect back
through the whole chain as a new request). It refuses other schemes and IP-literal hosts
that are not public, unless the source is on a private network and the origin is its own.

Host names are checked where the connection is made: :class:`PublicAddressResolver` wraps
the reactor's name resolver and drops every private answer, except for the origins of
private-network sources. A host name that resolves to a public address when checked and to
127.0.0.1 when connecting (DNS rebinding) therefore still fails. Scrapy's own resolver
setting (TWISTED_DNS_RESOLVER) is applied only by CrawlerProcess, not by the
AsyncCrawlerRunner Rasad shares its reactor through, so the middleware installs it.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import IgnoreRequest
from twisted.internet.interfaces import IHostnameResolver, IResolutionReceiver
from zope.interface import implementer

from rasad.crawler.network import (
    PRIVATE_ORIGINS,
    PrivateOrigins,
    address_problem,
    host_port,
    origin,
    url_problem,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from scrapy import Request
    from scrapy.crawler import Crawler
    from twisted.internet.interfaces import IAddress, IHostResolution

log = logging.getLogger(__name__)


class BlockedRequest(IgnoreRequest):
    """A request refused by the network boundary; the message says which and why."""


class NetworkBoundaryMiddleware:
    """Refuses requests outside the boundary, each refused URL logged once per crawl."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.source_id: str = settings.get("RASAD_SOURCE_ID", "?")
        self.own_origins = frozenset(settings.getlist("RASAD_ORIGINS"))
        self.private_network = settings.getbool("RASAD_PRIVATE_NETWORK")
        self.stats = crawler.stats
        self._logged: set[str] = set()
        if self.private_network:
            PRIVATE_ORIGINS.add(self.own_origins)
        install_resolver()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NetworkBoundaryMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        problem = url_problem(request.url, self.own_origins, self.private_network)
        if problem:
            self._refuse(request, problem)

    def process_exception(self, request: Request, exception: Exception) -> None:
        # The resolver dropped every address of the host: say why instead of "no such host".
        url_origin = origin(request.url)
        reason = url_origin and REFUSED.reason(*host_port(url_origin))
        if reason and not isinstance(exception, IgnoreRequest):
            self._refuse(request, reason)

    def _refuse(self, request: Request, problem: str) -> None:
        redirected = request.meta.get("redirect_urls")
        how = f" (redirected from {redirected[0]})" if redirected else ""
        message = f"{request.url} refused{how}: {problem}"
        if request.url not in self._logged:
            self._logged.add(request.url)
            self.stats.inc_value("rasad/boundary_refused")
            log.warning("source %s: %s", self.source_id, message)
        raise BlockedRequest(message)


class RefusedHosts:
    """Why the resolver refused a host:port lately, for the middleware's message."""

    _KEEP = 1000  # a bound: a hostile sitemap may name any number of hosts

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._reasons: dict[tuple[str, int], str] = {}

    def add(self, host: str, port: int, reason: str) -> None:
        with self._lock:
            if len(self._reasons) >= self._KEEP:
                self._reasons.clear()
            self._reasons[(host.lower(), port)] = reason

    def reason(self, host: str, port: int) -> str | None:
        with self._lock:
            return self._reasons.get((host.lower(), port))


REFUSED = RefusedHosts()


@implementer(IHostnameResolver)
class PublicAddressResolver:
    """The reactor's name resolver, without the answers the boundary refuses."""

    def __init__(self, original: IHostnameResolver, allowed: PrivateOrigins) -> None:
        self.original = original
        self.allowed = allowed

    def resolveHostName(  # Twisted's names, as IHostnameResolver declares them
        self,
        resolutionReceiver: IResolutionReceiver,
        hostName: str,
        portNumber: int = 0,
        addressTypes: Sequence[type[IAddress]] | None = None,
        transportSemantics: str = "TCP",
    ) -> IHostResolution:
        receiver = _PublicOnly(resolutionReceiver, hostName, portNumber, self.allowed)
        return self.original.resolveHostName(
            receiver, hostName, portNumber, addressTypes, transportSemantics
        )


@implementer(IResolutionReceiver)
class _PublicOnly:
    """Passes on the resolved addresses the boundary allows, and notes why it dropped others."""

    def __init__(
        self, receiver: IResolutionReceiver, host: str, port: int, allowed: PrivateOrigins
    ) -> None:
        self.receiver = receiver
        self.host = host
        self.port = port
        self.allowed = allowed

    def resolutionBegan(self, resolution: IHostResolution) -> None:
        self.receiver.resolutionBegan(resolution)

    def addressResolved(self, address: Any) -> None:
        problem = address_problem(address.host)
        if problem and not self.allowed.allows(self.host, self.port):
            reason = f"{self.host} resolves to {address.host}, {problem}"
            REFUSED.add(self.host, self.port, reason)
            log.debug("refused to connect to %s:%s: %s", self.host, self.port, reason)
            return
        self.receiver.addressResolved(address)

    def resolutionComplete(self) -> None:
        self.receiver.resolutionComplete()


def install_resolver() -> None:
    """Put :class:`PublicAddressResolver` in front of the reactor's resolver, once."""
    from twisted.internet import reactor

    current = reactor.nameResolver  # type: ignore[attr-defined]
    if not isinstance(current, PublicAddressResolver):
        reactor.installNameResolver(PublicAddressResolver(current, PRIVATE_ORIGINS))  # type: ignore[attr-defined]
