"""API errors: one exception for every HTTP failure of the network API, rendered the way v1 clients
expect (plain text, ``Validation error in request data: {...}``) or as JSON (``{"error", "message",
"details"}``) for v2, the admin API and any client that sends ``Accept: application/json``.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

V1 = "/service-recommender/v1"
V2 = "/service-recommender/v2"
ADMIN = "/admin"


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
    return error_response(request, exc, force_json=request.url.path.startswith((V2, ADMIN)))
