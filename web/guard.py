"""What every request and response of ``rasad web`` passes: only reading methods, the
``web_auth`` check, and headers that keep a page from running anything an article carries.

A plain ASGI middleware rather than Starlette's AuthenticationMiddleware: that one only
labels the request, and every route would then have to remember to refuse; here nothing
reaches a route (static files and the OpenAPI description included) unless it passes.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.datastructures import Headers, MutableHeaders

if TYPE_CHECKING:
    from collections.abc import Callable

    from starlette.responses import Response
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Stricter than the issue asks: the pages carry no script at all, so none may run.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; form-action 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    # Links lead to outlets: they learn nothing of the analyst's search or server.
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
READING_METHODS = frozenset({"GET", "HEAD"})


@dataclass(frozen=True)
class WebAuth:
    """The ``web_auth`` setting: a token, or a user and password.

    A token is accepted as ``Authorization: Bearer TOKEN`` and also as the password of basic
    auth under any user name, so that a browser's login prompt and a feed reader work too.
    """

    user: str | None
    secret: str

    @classmethod
    def parse(cls, setting: str) -> WebAuth:
        user, colon, password = setting.partition(":")
        return cls(user, password) if colon else cls(None, setting)

    def accepts(self, authorization: str | None) -> bool:
        scheme, _, credentials = (authorization or "").partition(" ")
        scheme, credentials = scheme.lower(), credentials.strip()
        if scheme == "bearer" and self.user is None:
            return _same(credentials, self.secret)
        if scheme != "basic":
            return False
        try:
            decoded = base64.b64decode(credentials, validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            return False
        user, _, password = decoded.partition(":")
        user_ok = self.user is None or _same(user, self.user)
        return _same(password, self.secret) and user_ok


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


class Guard:
    """The ASGI middleware: security headers on everything, 405 and 401 before any route."""

    def __init__(
        self,
        app: ASGIApp,
        auth: WebAuth | None,
        refusal: Callable[[Scope, int, str, dict[str, str]], Response],
    ) -> None:
        self.app = app
        self.auth = auth
        self.refusal = refusal

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        head = scope["method"] == "HEAD"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        if scope["method"] not in READING_METHODS:
            response = self.refusal(
                scope, 405, "This server only reads: use GET.", {"allow": "GET, HEAD"}
            )
        elif self.auth is not None and not self.auth.accepts(
            Headers(scope=scope).get("authorization")
        ):
            response = self.refusal(
                scope,
                401,
                "Sign in with the web_auth token or user and password.",
                {"www-authenticate": 'Basic realm="Rasad", charset="UTF-8"'},
            )
        else:
            # FastAPI routes answer GET only: HEAD is the same request without the body.
            await self.app(
                {**scope, "method": "GET"} if head else scope, receive, send_with_headers
            )
            return
        await response(scope, receive, send_with_headers)
