"""The HTML pages: search, article, topics, a topic and its Atom feed, sources.

Each route gathers what it shows through ``web.reading`` and renders one template; the URL
of every page holds all it shows, so it is a link an analyst can send a colleague.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from psycopg import Connection
from starlette.responses import FileResponse, Response

from rasad.config.errors import RasadError, StorageError
from rasad.scheduler.status import health_state
from rasad.storage import archive
from rasad.web.params import MAX_QUERY_CHARS, ArticleId, Conn, Filters, TopicId
from rasad.web.reading import (
    SearchForm,
    article_view,
    run_search,
    sources_view,
    topic_view,
)
from rasad.web.render import STATIC

router = APIRouter(include_in_schema=False)

ATOM = "application/atom+xml; charset=utf-8"
FEED_SIZE = 50


def render(request: Request, name: str, context: dict[str, Any], **options: Any) -> Response:
    return request.app.state.templates.TemplateResponse(request, name, context, **options)


@router.get("/")
def home(request: Request, conn: Conn) -> Response:
    context = {"form": SearchForm(), "results": None, "error": None, **_choices(request, conn)}
    return render(request, "search.html.j2", context)


@router.get("/search")
def search_page(
    request: Request,
    conn: Conn,
    filters: Filters,
    q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "",
) -> Response:
    form = replace(filters, q=q.strip())
    context = {"form": form, "results": None, "error": None, **_choices(request, conn)}
    try:
        if form.q or form.topic:
            context["results"] = run_search(conn, form, request.app.state.settings.timezone)
    except RasadError as exc:  # a mistake in the form: shown above it, to be corrected there
        if isinstance(exc, StorageError):
            raise
        context["error"] = str(exc)
        return render(request, "search.html.j2", context, status_code=400)
    return render(request, "search.html.j2", context)


def _choices(request: Request, conn: Connection) -> dict[str, Any]:
    """What the search form offers: the catalog's sources and the topics."""
    return {
        "sources": request.app.state.catalog,
        "topics": archive.topic_summaries(conn),
        "source_names": _source_names(request),
    }


def _source_names(request: Request) -> dict[str, str]:
    return {source.id: source.name for source in request.app.state.catalog}


@router.get("/articles/{article_id}", name="article_page")
def article_page(request: Request, conn: Conn, article_id: ArticleId) -> Response:
    view = article_view(conn, article_id)
    if view is None:
        raise HTTPException(404)
    return render(request, "article.html.j2", {"view": view})


@router.get("/topics")
def topics_page(request: Request, conn: Conn) -> Response:
    return render(request, "topics.html.j2", {"topics": archive.topic_summaries(conn)})


@router.get("/topics/{topic_id}", name="topic_page")
def topic_page(
    request: Request,
    conn: Conn,
    topic_id: TopicId,
    after: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    view = topic_view(conn, topic_id, after)
    if view is None:
        raise HTTPException(404)
    context = {"view": view, "source_names": _source_names(request)}
    return render(request, "topic.html.j2", context)


@router.get("/topics/{topic_id}/feed.atom", name="topic_feed")
def topic_feed(request: Request, conn: Conn, topic_id: TopicId) -> Response:
    """The topic's newest matches for feed readers, with a link to each article's page."""
    view = topic_view(conn, topic_id, None, FEED_SIZE)
    if view is None:
        raise HTTPException(404)
    context = {"view": view, "source_names": _source_names(request)}
    return render(request, "topic.atom.j2", context, media_type=ATOM)


@router.get("/favicon.ico")
def favicon() -> Response:
    """Browsers ask for it on pages that name no icon (the Atom feed, an error)."""
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")


@router.get("/sources")
def sources_page(request: Request, conn: Conn) -> Response:
    rows = sources_view(conn, request.app.state.catalog)
    return render(request, "sources.html.j2", {"rows": rows, "health": health_state})
