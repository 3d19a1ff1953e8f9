"""URL canonicalisation: one key per article, however a link to it was written.

Feeds, sitemaps, section pages and the page itself name the same article in different ways:
raw or percent-encoded Arabic slugs, tracking parameters, AMP and mobile variants, a
``#comments`` fragment. ``canonical_url`` maps them all to one string, the key the dedup
stage compares. courlan does the standard part (case, default ports, dot segments, tracking
parameters, sorted query); the rest is written here where courlan has no equivalent.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from courlan import normalize_url

# Host prefixes of the mobile and AMP editions. Mapped, like "www.", to the bare host: the
# only choice that needs no knowledge of which form a site prefers and still makes
# m.youm7.com, youm7.com and www.youm7.com one key.
_EDITION_PREFIXES = ("www.", "m.", "mobile.", "amp.")
# Query keys that select the AMP rendering of the same article.
_AMP_KEYS = frozenset({"amp", "amp_js_v", "outputtype", "usqp"})
# Trackers that courlan's list lacks (it covers utm_*, fbclid, gclid, ref, ...).
_EXTRA_TRACKERS = frozenset({"ocid", "cmpid", "from", "share", "smid", "s_cid", "xtor"})
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def canonical_url(url: str) -> str:
    """The dedup key of ``url``: same article, same string.

    >>> canonical_url("HTTPS://m.Example.com/amp/news/%d8%a7?utm_source=x#top")
    'https://example.com/news/%D8%A7'
    """
    normal = normalize_url(url.strip())
    parts = urlsplit(normal)
    return urlunsplit(
        (
            parts.scheme,
            _bare_host(parts.netloc),
            _normal_escapes(_drop_amp_segments(parts.path)) or "/",
            _normal_escapes(_clean_query(parts.query)),
            "",  # a fragment never selects a different article
        )
    )


def same_site(first: str, second: str) -> bool:
    """True when both URLs are on one outlet's host (editions and www. aside)."""
    return _bare_host(urlsplit(first).netloc.lower()) == _bare_host(urlsplit(second).netloc.lower())


def _bare_host(netloc: str) -> str:
    for prefix in _EDITION_PREFIXES:
        if netloc.startswith(prefix) and netloc.count(".") > 1:
            return netloc[len(prefix) :]
    return netloc


def _drop_amp_segments(path: str) -> str:
    # /amp/story/1, /story/1/amp and /story/1.amp all serve the article at /story/1.
    segments = [segment for segment in path.split("/") if segment.lower() != "amp"]
    path = "/".join(segments)
    return path.removesuffix(".amp")


def _clean_query(query: str) -> str:
    # courlan kept ?amp=1 and a few trackers; everything else it already sorted and filtered.
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [
        (key, value)
        for key, value in pairs
        if key.lower() not in _AMP_KEYS and key.lower() not in _EXTRA_TRACKERS
    ]
    return urlencode(kept)


def _normal_escapes(part: str) -> str:
    # RFC 3986 6.2.2: hex digits upper-case, unreserved characters unescaped. courlan leaves
    # an existing escape as written, so %d8%a7 and %D8%A7 would otherwise stay two keys.
    def fix(match: re.Match[str]) -> str:
        char = chr(int(match.group()[1:], 16))
        return char if char in _UNRESERVED else match.group().upper()

    return _ESCAPE.sub(fix, part)
