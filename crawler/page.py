"""One page from a file or a URL, for ``rasad extract``."""

from __future__ import annotations

import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path
from typing import TYPE_CHECKING

from rasad.config.errors import ExtractionError
from rasad.crawler.extract import ExtractedArticle, SkippedPage, extract_page

if TYPE_CHECKING:
    from rasad.crawler.catalog import Source

_TIMEOUT_SECONDS = 30


def extract_path_or_url(
    path_or_url: str, source: Source | None, user_agent: str
) -> ExtractedArticle | SkippedPage:
    """Read a saved page or download one, then extract it exactly as the pipeline does."""
    if path_or_url.startswith(("http://", "https://")):
        body, encoding = _download(path_or_url, user_agent)
        return extract_page(body, path_or_url, source, http_encoding=encoding)
    path = Path(path_or_url)
    try:
        body = path.read_bytes()
    except FileNotFoundError:
        raise ExtractionError(f"{path}: no such file") from None
    except OSError as exc:
        raise ExtractionError(f"{path}: cannot be read ({exc.strerror})") from None
    return extract_page(body, path.resolve().as_uri(), source)


def _download(url: str, user_agent: str) -> tuple[bytes, str | None]:
    # One page on a user's request: the standard library is enough, Scrapy's engine is for crawls.
    asked = {"User-Agent": user_agent, "Accept-Language": "ar"}
    try:
        request = urllib.request.Request(url, headers=asked)  # noqa: S310 - http(s) checked by the caller
        with urllib.request.urlopen(request, timeout=_TIMEOUT_SECONDS) as response:  # noqa: S310
            headers: Message = response.headers
            return response.read(), headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise ExtractionError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except ValueError as exc:  # a malformed URL, e.g. an unclosed [IPv6] host
        raise ExtractionError(f"{url}: not a valid URL ({exc})") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ExtractionError(f"{url}: could not be downloaded ({reason})") from None
