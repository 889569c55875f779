"""HTML error pages for people: an unknown address (404) or a failure on our side (500) answers a page
in the person's language with lang, a title and a way home. The network API keeps its own errors: any
path under the API prefixes (api/errors.py ``API_PATHS``), /docs, /openapi.json and /static answers as
FastAPI and the API always have (JSON ``{"detail": ...}`` or the v1/v2 formats)."""

from __future__ import annotations

import html
import logging

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from auroranet.api.errors import API_PATHS, bad_input_error, bad_input_handler
from auroranet.badtext import BadText
from auroranet.i18n import is_lang, negotiate
from auroranet.web.messages import translate
from auroranet.web.page import SECURITY_HEADERS, Page

log = logging.getLogger(__name__)

NOT_WEB = (*API_PATHS, "/docs", "/openapi.json", "/static/", "/healthz", "/readyz")
HTML_STATUSES = (404, 405)


def is_web_path(path: str) -> bool:
    return not path.startswith(NOT_WEB)


async def not_found_page(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code not in HTML_STATUSES or not is_web_path(request.url.path):
        return await http_exception_handler(request, exc)
    page = await Page.open(request)
    response = await page.render("error.html", status=exc.status_code, title=page.t("not_found_title"),
                                 message=page.t("not_found_help"))
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def bad_input_page(request: Request, exc: Exception) -> Response:
    """Refused text or a value the database could not store: a 400 page for people (the API answers in
    its own style)."""
    if not is_web_path(request.url.path):
        return await bad_input_handler(request, exc)
    bad_input_error(request, exc)  # logs an unstorable value (type and route only)
    page = await Page.open(request)
    return await page.render("error.html", status=400, title=page.t("bad_input_title"), message=page.t("bad_input"))


def _fallback(lang: str) -> Response:
    title = html.escape(translate("error_title", lang))
    body = (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'<main><h1>{title}</h1><p>{html.escape(translate("server_error", lang))}</p>'
            f'<p><a href="/">{html.escape(translate("to_start", lang))}</a></p></main></body></html>')
    return HTMLResponse(body, status_code=500, headers=SECURITY_HEADERS)


async def server_error_page(request: Request, exc: Exception) -> Response:
    """A bug (the traceback is logged by the server): people get a page, the API a plain 500."""
    if not is_web_path(request.url.path):
        return PlainTextResponse("Internal Server Error", status_code=500)
    asked = request.query_params.get("lang")
    lang = asked if asked and is_lang(asked) else negotiate(request.headers.get("accept-language"))
    try:
        page = await Page.open(request)
        return await page.render("error.html", status=500, title=page.t("error_title"),
                                 message=page.t("server_error"))
    except Exception:  # the session store may be what failed: a page without it
        log.warning("error page rendered without the session")
        return _fallback(lang)


def install(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, not_found_page)
    for bad in (BadText, DataError, UnicodeEncodeError):
        app.add_exception_handler(bad, bad_input_page)
    app.add_exception_handler(Exception, server_error_page)
