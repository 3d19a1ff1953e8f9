"""Bytes of a downloaded page to text, the way a browser would pick the encoding.

Order: the catalog's ``encoding`` (an outlet known to lie), the HTTP charset, a byte-order
mark or ``<meta charset>``/``http-equiv`` declaration, then detection. w3lib (Scrapy's own
decoder) implements the browser order; this module adds the catalog override, detection with
charset-normalizer, and one correction for servers that stamp a default Latin-1 charset.
"""

from __future__ import annotations

import codecs
import logging

from charset_normalizer import from_bytes
from w3lib.encoding import (
    html_body_declared_encoding,
    html_to_unicode,
    resolve_encoding,
    to_unicode,
)

from rasad.config.errors import ExtractionError

logger = logging.getLogger(__name__)

# Detection reads a prefix only: markup is ASCII, and the first 64 KiB hold enough text.
_DETECTION_BYTES = 64 * 1024
# Apache and IIS stamp these on every page when the author configured nothing, UTF-8 and
# windows-1256 pages included: with one of them, the markup and then the bytes decide.
_SERVER_DEFAULTS = frozenset({"cp1252", "latin_1", "iso8859-1"})
_ARABIC_LETTER_SHARE = 0.95


def decode_html(
    body: bytes, *, declared: str | None = None, http_encoding: str | None = None
) -> tuple[str, str]:
    """Decode ``body``; return ``(encoding used, text)``.

    ``declared`` is the catalog's encoding for the outlet and wins over everything the page
    says; ``http_encoding`` is the charset of the response's Content-Type header.
    """
    if declared:
        encoding = _known_encoding(declared)
        return encoding, to_unicode(body, encoding)
    header = _header_encoding(body, http_encoding)
    if header is None and not _usable(html_body_declared_encoding(body)):
        # A <meta charset> naming no text encoding ("base64", "undefined") makes w3lib raise;
        # the bytes decide instead, as if the page declared nothing.
        header = _detect(body) or "utf-8"
    content_type = f"text/html; charset={header}" if header else None
    encoding, text = html_to_unicode(content_type, body, auto_detect_fun=_detect)
    logger.debug("decoded page as %s (http charset %s)", encoding, http_encoding)
    return encoding, text


def _known_encoding(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise ExtractionError(f"unknown encoding {name!r}") from None


def _header_encoding(body: bytes, http_encoding: str | None) -> str | None:
    if not http_encoding:
        return None
    resolved = resolve_encoding(http_encoding)
    if resolved is None or not _usable(resolved):
        logger.debug("ignoring unknown http charset %r", http_encoding)
        return None
    if codecs.lookup(resolved).name in _SERVER_DEFAULTS:
        # The page's own declaration, or failing that the bytes, say more than a default.
        return html_body_declared_encoding(body) or _detect(body) or resolved
    return resolved


def _usable(name: str | None) -> bool:
    """True for no declaration or a text encoding; False for a bytes codec or "undefined"."""
    if name is None:
        return True
    try:
        info = codecs.lookup(name)
    except LookupError:
        return True  # unknown names are ignored by w3lib itself
    return getattr(info, "_is_text_encoding", True) and info.name != "undefined"


def _detect(body: bytes) -> str | None:
    # Almost every undeclared page is UTF-8, and an Arabic single-byte page (windows-1256,
    # ISO-8859-6) is practically never valid UTF-8: a strict decode settles most pages
    # without running the statistical detector.
    sample = body[:_DETECTION_BYTES]
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the sample's end is still UTF-8.
        if exc.start < len(sample) - 3:
            if _reads_as_arabic(sample, "cp1256"):
                return "cp1256"
            best = from_bytes(sample).best()
            return best.encoding if best else None
    return "utf-8"


def _reads_as_arabic(sample: bytes, encoding: str) -> bool:
    # By hand before charset-normalizer, which takes 4 ms on a 1 KB page for what one decode
    # settles: Rasad reads Arabic pages, and the letters of a windows-1256 page decode to
    # Arabic. ISO-8859-6 bytes decoded so give French letters for ف ق ك ي (0xE7-0xEA).
    letters = [c for c in sample.decode(encoding, errors="replace") if c > "\x7f" and c.isalpha()]
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    return bool(letters) and arabic >= _ARABIC_LETTER_SHARE * len(letters)
