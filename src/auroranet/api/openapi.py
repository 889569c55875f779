"""OpenAPI for handlers that read their bodies themselves: the request schemas are published from the
same pydantic models that validate (``openapi_extra``), and the error responses are documented once."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel

from auroranet.network import schemas

EXTRA_SCHEMAS: dict[str, Any] = {}


def body_schema(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, sub in schema.pop("$defs", {}).items():
        EXTRA_SCHEMAS[name] = sub
    EXTRA_SCHEMAS[model.__name__] = schema
    return {"requestBody": {"required": True, "content": {"application/json": {
        "schema": {"$ref": f"#/components/schemas/{model.__name__}"}}}}}


TEXT = {"text/plain": {"schema": {"type": "string"}}, "application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    desc = {400: "Invalid request (plain text; JSON with Accept: application/json)", 401: "Unauthorized", 403: "Forbidden",
            404: "Not found", 413: "Request body too large", 415: "Unsupported content type",
            429: "Too many requests (Retry-After)", 501: "Not available", 503: "Server busy."}
    return {c: {"description": desc[c], "content": TEXT} for c in codes}


COMMON = (400, 401, 413, 415, 429)


def install(app: FastAPI) -> None:
    """Add the collected request schemas and the error schema to the generated document."""
    previous = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = previous()
        comps = schema.setdefault("components", {}).setdefault("schemas", {})
        comps.update(EXTRA_SCHEMAS)
        comps.setdefault("ErrorOut", schemas.ErrorOut.model_json_schema())
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
