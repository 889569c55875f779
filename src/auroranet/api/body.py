"""Reading request bodies as v1 did: the raw body is read by the handler (after authentication), so
errors come in v1's order and words: 415 for another content type, 400 for bad UTF-8 or malformed JSON,
then the schema's validation errors, then the code lists'."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool

from auroranet.api.errors import ApiError, validation_error
from auroranet.network import schemas
from auroranet.network.codes import CodeError
from auroranet.network.codes import check_codes as check_code_lists
from auroranet.network.schemas import ServiceFiltersIn
from auroranet.runtime import Runtime

M = TypeVar("M", bound=BaseModel)


async def read_json(request: Request) -> Any:
    return decode_json(request.headers.get("content-type", ""), await request.body())


def decode_json(content_type: str, raw: bytes) -> Any:
    """415 for another content type, 400 for bad UTF-8 or malformed JSON, v1's words; no I/O."""
    ctype = content_type.split(";")[0].strip().lower()
    if ctype and ctype != "application/json" and not ctype.endswith("+json"):
        raise ApiError(415, "Unsupported content type. Send application/json.", kind="unsupported_media_type")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "Invalid encoding in request. Only UTF-8 is supported.", kind="invalid_encoding") from None
    if not text.strip():
        raise validation_error({"_schema": ["Invalid input type."]})
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # ValueError: JSONDecodeError, or an integer over Python's digit limit
        raise ApiError(400, "Malformed JSON in request body.", kind="malformed_json") from None


def parse(model: type[M], body: Any) -> M:
    if not isinstance(body, dict):
        raise validation_error({"_schema": ["Invalid input type."]})
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        raise validation_error(schemas.error_dict(exc)) from None


def check_codes_now(rt: Runtime, f: ServiceFiltersIn | None, municipality_code: str | None = None) -> None:
    """Code-list check in a worker thread (the first call may build the snapshot that holds the lists)."""
    try:
        check_code_lists(rt.codes(), f, municipality_code=municipality_code)
    except CodeError as exc:
        raise validation_error(exc.details) from None


async def check_codes(rt: Runtime, f: ServiceFiltersIn | None, municipality_code: str | None = None) -> None:
    """Code-list check; off the event loop while the first snapshot (which holds the lists) is built."""
    try:
        if rt.snapshots.version is not None:
            check_code_lists(rt.codes(), f, municipality_code=municipality_code)
        else:
            codes = await run_in_threadpool(rt.codes)
            check_code_lists(codes, f, municipality_code=municipality_code)
    except CodeError as exc:
        raise validation_error(exc.details) from None
