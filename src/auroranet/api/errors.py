"""API errors: one exception for every HTTP failure of the network API, rendered the way v1 clients
expect (plain text, ``Validation error in request data: {...}``) or as JSON (``{"error", "message",
"details"}``) for v2, the admin API and any client that sends ``Accept: application/json``.

A database that is away (a dropped or refused connection, a full pool, SQLite busy) answers 503 with
``Retry-After`` on every page, API or web, never a bare 500; the scrubbed traceback goes to the log.
Bad input is a 400: text the edge refuses (``auroranet.badtext.BadText``) and, should some still reach
the database, a value it cannot store (a DataError, a text that cannot be encoded); the log names the
error's type and the route, never the value.
"""

from __future__ import annotations

import html
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from sqlalchemy.exc import DataError, DBAPIError, DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from auroranet.badtext import BadText

log = logging.getLogger(__name__)

V1 = "/service-recommender/v1"
V2 = "/service-recommender/v2"
ADMIN = "/admin"
API_PATHS = ("/service-recommender/", ADMIN, "/api/", "/metrics")
DB_RETRY_AFTER_S = 2
DB_UNAVAILABLE = "Database temporarily unavailable. Try again shortly."
INVALID_DATA = "Invalid data in request. A value could not be stored."
_WEB_UNAVAILABLE = ("<!doctype html><html lang=\"fi\"><head><meta charset=\"utf-8\"><title>{t}</title></head>"
                    "<body><main><h1>{t}</h1><p lang=\"fi\">Palvelu ei juuri nyt saa yhteyttä tietokantaan. "
                    "Yritä hetken päästä uudelleen.</p><p lang=\"sv\">Tjänsten når inte databasen just nu. Försök "
                    "igen om en stund.</p><p lang=\"en\">{m}</p></main></body></html>")


class ApiError(Exception):
    def __init__(self, status: int, message: str, *, details: Any = None, kind: str = "error",
                 headers: dict[str, str] | None = None, prefix: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.details, self.kind = status, message, details, kind
        self.headers = headers or {}
        self.prefix = prefix

    def text(self) -> str:
        if self.prefix is not None:
            return f"{self.prefix}: {self.details!r}"
        return self.message


def validation_error(details: Any, *, query: bool = False) -> ApiError:
    prefix = "Validation error in request query params" if query else "Validation error in request data"
    return ApiError(400, prefix, details=details, kind="validation_error", prefix=prefix)


def wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "").lower()


def error_response(request: Request, err: ApiError, *, force_json: bool = False) -> Response:
    if force_json or wants_json(request):
        return JSONResponse({"error": err.kind, "message": err.message, "details": err.details},
                            status_code=err.status, headers=err.headers)
    return PlainTextResponse(err.text(), status_code=err.status, headers=err.headers)


async def api_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(request, exc, force_json=is_json_api(request.url.path))


def database_unavailable(exc: BaseException) -> bool:
    """A connection-level failure worth a retry (503), as against a bad statement or data (a bug: 500)."""
    if isinstance(exc, (PoolTimeout, DisconnectionError)):
        return True
    return isinstance(exc, DBAPIError) and (exc.connection_invalidated or isinstance(exc, (OperationalError,
                                                                                           InterfaceError)))


def is_json_api(path: str) -> bool:
    """v2, the admin API and /api/ answer JSON errors; v1 plain text unless the client asks for JSON."""
    return path.startswith((V2, ADMIN, "/api/"))


def bad_input_error(request: Request, exc: Exception) -> ApiError:
    """The 400 for refused text, or for a value the database could not take (logged without the value)."""
    if isinstance(exc, BadText):
        return ApiError(400, exc.message, kind=exc.kind)
    cause = exc.orig if isinstance(exc, DataError) else exc
    log.warning("unstorable value in request", extra={
        "error_type": type(cause).__name__, "route": getattr(request.scope.get("route"), "path", None),
        "reason": exc.reason if isinstance(exc, UnicodeEncodeError) else None})
    return ApiError(400, INVALID_DATA, kind="invalid_data")


async def bad_input_handler(request: Request, exc: Exception) -> Response:
    return error_response(request, bad_input_error(request, exc), force_json=is_json_api(request.url.path))


async def database_error_handler(request: Request, exc: Exception) -> Response:
    if not database_unavailable(exc):
        raise exc  # a real bug: the server's 500 handler logs it
    log.warning("database unavailable", exc_info=exc,
                extra={"error_type": type(exc).__name__, "route": getattr(request.scope.get("route"), "path", None)})
    headers = {"Retry-After": str(DB_RETRY_AFTER_S)}
    path = request.url.path
    if path.startswith(API_PATHS):
        err = ApiError(503, DB_UNAVAILABLE, kind="database_unavailable", headers=headers)
        return error_response(request, err, force_json=is_json_api(path))
    title = "Palvelu ei ole hetkeen käytettävissä / Service temporarily unavailable"
    page = _WEB_UNAVAILABLE.format(t=html.escape(title), m=html.escape(DB_UNAVAILABLE))
    return HTMLResponse(page, status_code=503, headers={**headers, "Cache-Control": "no-store"})


def install(app: FastAPI) -> None:
    """The exception handlers of the whole application (the network API and the web app)."""
    app.add_exception_handler(ApiError, api_error_handler)
    for bad in (BadText, DataError, UnicodeEncodeError):
        app.add_exception_handler(bad, bad_input_handler)
    for kind in (DBAPIError, PoolTimeout, DisconnectionError):
        app.add_exception_handler(kind, database_error_handler)
