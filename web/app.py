"""The ``rasad web`` application: pages and a JSON API over one pool of read-only connections.

The web is a composition root beside the CLI: it opens its own pool (every session read-only,
in UTC, with a statement timeout) and hands connections to the storage queries.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from rasad import __version__
from rasad.storage.database import open_pool
from rasad.web import api, pages
from rasad.web.errors import error_response, install_error_handlers
from rasad.web.guard import Guard, WebAuth
from rasad.web.render import STATIC, make_templates

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from rasad.config.settings import Settings
    from rasad.crawler.catalog import Source

# Enough for 20 concurrent clients on 2 cores: a search holds its connection for its query only.
POOL_SIZE = 8
# A search that runs longer than this is stopped by PostgreSQL and answered with 503.
STATEMENT_TIMEOUT_MS = 15_000
# Defence in depth beside the reader role: every transaction of the web's sessions is
# read-only, so no bug of a route could write.
SESSION_OPTIONS = {
    "default_transaction_read_only": "on",
    "statement_timeout": str(STATEMENT_TIMEOUT_MS),
    "TimeZone": "UTC",
}


def create_app(settings: Settings, database_url: str, catalog: tuple[Source, ...]) -> FastAPI:
    """The application, with its pool opened when the server starts and closed when it stops."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool = open_pool(database_url, max_size=POOL_SIZE, options=SESSION_OPTIONS)
        app.state.pool = pool
        try:
            yield
        finally:
            pool.close()

    app = FastAPI(
        title="Rasad",
        version=__version__,
        summary="Read-only search of the articles Rasad collected, and their topics and sources.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: no script runs here
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.catalog = catalog
    app.state.templates = make_templates()
    install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    auth = WebAuth.parse(settings.web_auth) if settings.web_auth else None
    app.add_middleware(Guard, auth=auth, refusal=error_response)
    return app
