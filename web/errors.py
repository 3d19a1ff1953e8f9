"""Errors as a user of the web meets them: one sentence, as a page or as JSON, never a
traceback. A mistake in the request is 400 or 404, a database that is down or slow 503;
anything else is a bug, logged (and sent to Sentry when configured) and answered with 500."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import TYPE_CHECKING

import psycopg
from fastapi.exceptions import RequestValidationError
from psycopg_pool import PoolTimeout
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from rasad.config.errors import RasadError, StorageError

if TYPE_CHECKING:
    from fastapi import FastAPI
    from starlette.types import Scope

log = logging.getLogger(__name__)

TITLES = {
    400: "طلب غير صالح",
    401: "تسجيل الدخول مطلوب",
    404: "غير موجود",
    405: "للقراءة فقط",
    500: "خطأ في الخادم",
    503: "الخدمة غير متاحة الآن",
}
_HTTP_MESSAGES = {404: "There is no such page.", 405: "This server only reads: use GET."}


def error_response(
    scope: Scope, status: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    """JSON ``{"error": message}`` under /api/, an error page elsewhere."""
    if scope["path"].startswith("/api/"):
        return JSONResponse({"error": message}, status, headers)
    request = Request(scope)
    templates = request.app.state.templates
    context = {"status": status, "title": TITLES.get(status, "خطأ"), "message": message}
    return templates.TemplateResponse(
        request, "error.html.j2", context, status_code=status, headers=headers
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(RasadError, _rasad_error)
    app.add_exception_handler(psycopg.errors.QueryCanceled, _too_slow)
    app.add_exception_handler(psycopg.errors.InsufficientPrivilege, _not_granted)
    app.add_exception_handler(psycopg.OperationalError, _database_down)
    app.add_exception_handler(PoolTimeout, _database_down)
    app.add_exception_handler(Exception, _bug)


async def _http_error(request: Request, exc: HTTPException) -> Response:
    # A route's own sentence, else ours for the status (Starlette's detail is its bare phrase).
    phrase = HTTPStatus(exc.status_code).phrase
    message = (
        str(exc.detail) if exc.detail != phrase else _HTTP_MESSAGES.get(exc.status_code, phrase)
    )
    return error_response(request.scope, exc.status_code, message, exc.headers)


async def _invalid_request(request: Request, exc: RequestValidationError) -> Response:
    first = exc.errors()[0] if exc.errors() else {}
    where = [str(part) for part in first.get("loc", ())]
    name = f"{where[0]} parameter '{where[-1]}'" if len(where) > 1 else "the request"
    return error_response(request.scope, 400, f"{name}: {first.get('msg', 'is not valid')}.")


async def _rasad_error(request: Request, exc: Exception) -> Response:
    status = 503 if isinstance(exc, StorageError) else 400
    return error_response(request.scope, status, str(exc))


async def _too_slow(request: Request, exc: Exception) -> Response:
    return error_response(
        request.scope, 503, "The database took too long to answer; narrow the search and retry."
    )


async def _not_granted(request: Request, exc: Exception) -> Response:
    log.warning("the web's database role may not read what %s needs", request.url.path)
    return error_response(
        request.scope,
        503,
        "The web's database role may not read what this page needs: "
        "grant it with `rasad db grant-reader NAME --search`.",
    )


async def _database_down(request: Request, exc: Exception) -> Response:
    log.warning("database unavailable for %s: %s", request.url.path, type(exc).__name__)
    return error_response(request.scope, 503, "The database cannot be reached at the moment.")


async def _bug(request: Request, exc: Exception) -> Response:
    # Starlette's error middleware logs the traceback and re-raises to the server afterwards.
    return error_response(request.scope, 500, "Something went wrong on the server; it is logged.")
