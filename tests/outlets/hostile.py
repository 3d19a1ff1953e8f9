"""Hostile outlets for the fault tests: pieces to build outlets that attack the crawler.

Each test module builds the outlets it needs from these, on its own loopback addresses, and
writes a catalog with ``build.write_catalog`` (every source private_network unless it says
otherwise). All Arabic texts come from ``build.py``'s stories.
"""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import cache

import brotli

from .build import Story, alpha_page, article_at, urlset
from .server import HTML, Response

XML = "application/xml"
MIB = 1024 * 1024
_MIB_OF_ZEROS = b"\0" * MIB


def article_page(url: str, story: Story, *, title: str | None = None) -> Response:
    """An alpha-style article page for ``story`` at ``url``, published an hour ago."""
    published = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    article = article_at(url, "hostile", story, published)
    if title is not None:
        article = replace(article, title=title)
    return Response(body=alpha_page(article).encode(), content_type=HTML)


def sitemap(urls: list[str]) -> Response:
    return Response(body=urlset(urls, datetime.now(UTC)), content_type=XML)


def redirect(location: str, status: int = 302) -> Response:
    return Response(status, b"", content_type=None, headers={"Location": location})


@cache
def zeros_gzip(size: int) -> bytes:
    """``size`` zero bytes gzip-compressed, a bomb about 1,000 times smaller (built in chunks:
    the test itself never holds the inflated bytes)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0) as file:
        for _ in range(size // MIB):
            file.write(_MIB_OF_ZEROS)
    return buffer.getvalue()


@cache
def zeros_deflate(size: int) -> bytes:
    compressor = zlib.compressobj(9)
    chunks = [compressor.compress(_MIB_OF_ZEROS) for _ in range(size // MIB)]
    return b"".join(chunks) + compressor.flush()


@cache
def zeros_brotli(size: int) -> bytes:
    compressor = brotli.Compressor(quality=5)
    chunks = [compressor.process(_MIB_OF_ZEROS) for _ in range(size // MIB)]
    return b"".join(chunks) + compressor.finish()


def encoded_bomb(encoding: str, size: int) -> Response:
    """An HTML page whose Content-Encoding inflates it to ``size`` bytes."""
    body = {"gzip": zeros_gzip, "deflate": zeros_deflate, "br": zeros_brotli}[encoding](size)
    return Response(body=body, content_type=HTML, headers={"Content-Encoding": encoding})


def entity_bomb(root: str, inner: str) -> bytes:
    """An XML document whose DOCTYPE nests entities ten deep ("billion laughs"): expanded, the
    entity used in ``inner`` would be 10^9 copies of "lol"."""
    entities = ['<!ENTITY lol0 "lol">']
    entities += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE {root} [\n' + "\n".join(entities) + "\n]>\n" + inner
    ).encode()
