"""The network boundary: which URLs Rasad fetches, and which addresses it connects to.

Only ``http`` and ``https`` are fetched, from every place a URL comes from (the catalog,
feeds, sitemaps, section pages, redirects, ``rasad extract``). An address that is not on
the public internet (loopback, private, link-local with the cloud metadata services,
carrier-grade NAT, multicast, reserved) is refused at connection time, so a host name that
resolves to one, now or after a DNS change, is refused as well. The one exception is a
source whose catalog entry sets ``private_network = true``: its own origins (scheme, host,
port of its homepage, feeds, sitemaps and sections) may be private, and nothing else may.

This module holds the rules, with no I/O; ``rasad.crawler.boundary`` applies them to Scrapy
(a downloader middleware and a name resolver) and ``rasad.crawler.page`` to ``urllib``.
"""

from __future__ import annotations

import ipaddress
import threading
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rasad.crawler.catalog import Source

ALLOWED_SCHEMES = frozenset({"http", "https"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def origin(url: str) -> str | None:
    """``scheme://host:port`` of ``url`` with the default port spelled out; None if unusable."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # an unclosed [IPv6] host, a port that is no number or out of range
        return None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES or not parts.hostname:
        return None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{scheme}://{host}:{port or _DEFAULT_PORTS[scheme]}"


def host_port(url_origin: str) -> tuple[str, int]:
    """The host (without IPv6 brackets) and port of an origin made by :func:`origin`."""
    parts = urlsplit(url_origin)
    return parts.hostname or "", parts.port or 0


def address_problem(address: str) -> str | None:
    """Why a connection to the IP ``address`` is refused; None for a public address."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone (fe80::1%eth0)
    except ValueError:
        return None  # not an IP address: a host name, checked when it is resolved
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address (where cloud metadata services answer)"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_private:
        return "a private address"
    if not ip.is_global:
        return "a reserved address"
    return None


def source_origins(source: Source) -> frozenset[str]:
    """The origins the source's catalog entry names."""
    urls = (source.homepage, *source.feeds, *source.sitemaps, *(s.url for s in source.sections))
    return frozenset(o for o in map(origin, urls) if o)


class PrivateOrigins:
    """Origins that private-network sources may reach on private addresses, for this process.

    Filled as those sources are crawled; read by the name resolver (from the reactor thread)
    and the downloader middleware of every crawl.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._origins: set[str] = set()
        self._hosts: set[tuple[str, int]] = set()

    def add(self, origins: Iterable[str]) -> None:
        with self._lock:
            for url_origin in origins:
                self._origins.add(url_origin)
                self._hosts.add(host_port(url_origin))

    def __contains__(self, url_origin: str) -> bool:
        return url_origin in self._origins

    def allows(self, host: str, port: int) -> bool:
        """True when ``host:port`` is a private-network source's own, so may be private."""
        return (host.lower(), port) in self._hosts


# One per process: the name resolver is installed once on the one reactor all crawls share.
PRIVATE_ORIGINS = PrivateOrigins()


def url_problem(url: str, own_origins: frozenset[str], private_network: bool) -> str | None:
    """Why the crawl of a source with ``own_origins`` must not fetch ``url``; None if it may.

    Host names are not resolved here: the name resolver refuses their private answers when
    the connection is made, which a DNS change between check and connection cannot escape.
    """
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError as exc:
        return f"not a valid URL ({exc})"
    if scheme not in ALLOWED_SCHEMES:
        return f"scheme '{scheme}' is not fetched (only http and https)"
    url_origin = origin(url)
    if url_origin is None:
        return "not a valid URL (no host, or a port that is not a number from 1 to 65535)"
    if private_network and url_origin in own_origins:
        return None
    host, _ = host_port(url_origin)
    if problem := address_problem(host):
        return f"{host} is {problem}"
    if url_origin in PRIVATE_ORIGINS:
        return f"{url_origin} is a private-network source's origin"
    return None
