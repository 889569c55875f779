"""Open Referral HSDS 3.0 over HTTP under ``/hsds`` (the shapes of HSDS's OpenAPI description): public,
read-only and cacheable (``Cache-Control: public`` and an ETag per body). Pages start at 1; ``per_page``
is at most 200, and anything outside the bounds is a 422 naming the parameter.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from auroranet.api.deps import IpLimited, RuntimeDep
from auroranet.api.errors import ApiError
from auroranet.hsds import service as hsds
from auroranet.i18n import negotiate

router = APIRouter(prefix="/hsds", tags=["open data (HSDS 3.0)"], dependencies=[IpLimited])

LangQ = Annotated[str | None, Query(pattern="^(fi|sv|en)$", description="Language of texts: fi, sv or en")]
PageQ = Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1")]
PerPageQ = Annotated[int, Query(ge=1, le=hsds.MAX_PER_PAGE, description="Items per page (1-200)")]
MAX_AGE = 300


def _json(request: Request, body: Any) -> Response:
    raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    etag = '"' + hashlib.sha256(raw).hexdigest()[:32] + '"'
    headers = {"Cache-Control": f"public, max-age={MAX_AGE}", "ETag": etag, "Vary": "Accept-Language"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(raw, media_type="application/json", headers=headers)


async def _data(request: Request, rt: RuntimeDep, lang: str | None) -> hsds.Dataset:
    lang_ = lang or negotiate(request.headers.get("accept-language"))
    return await run_in_threadpool(hsds.dataset, rt, lang_)


def _one(request: Request, found: dict[str, Any] | None, what: str) -> Response:
    if found is None:
        raise ApiError(404, f"{what} not found.", kind="not_found")
    return _json(request, found)


@router.get("/services")
async def services(request: Request, rt: RuntimeDep, page: PageQ = 1, per_page: PerPageQ = 50,
                   full: bool = False, lang: LangQ = None) -> Response:
    """Services; one-to-one fields by default, fully nested with ``full=true``."""
    data = await _data(request, rt, lang)
    items = data.services if full else data.service_list
    return _json(request, hsds.page(items, page_number=page, per_page=per_page))


@router.get("/services/{service_id}")
async def service(request: Request, rt: RuntimeDep, service_id: str, lang: LangQ = None) -> Response:
    """One fully nested service."""
    data = await _data(request, rt, lang)
    return _one(request, data.services_by_id.get(service_id.strip().lower()[:64]), "Service")


@router.get("/organizations/{organization_id}")
async def organization(request: Request, rt: RuntimeDep, organization_id: str, lang: LangQ = None) -> Response:
    data = await _data(request, rt, lang)
    return _one(request, data.organizations_by_id.get(organization_id.strip().lower()[:64]), "Organization")


def _list_route(path: str, attr: str, summary: str) -> None:
    """A paged list of one kind of object (the same parameters and shape for every kind)."""

    async def handler(request: Request, rt: RuntimeDep, page: PageQ = 1, per_page: PerPageQ = 50,
                      lang: LangQ = None) -> Response:
        data = await _data(request, rt, lang)
        return _json(request, hsds.page(getattr(data, attr), page_number=page, per_page=per_page))

    router.add_api_route(path, handler, methods=["GET"], summary=summary, name=f"hsds_{attr}")


for _path, _attr, _summary in (
        ("/organizations", "organizations", "Organizations, fully nested (with their locations)"),
        ("/locations", "locations", "Service locations (PTV service location channels)"),
        ("/service_at_locations", "service_at_locations", "Services at locations"),
        ("/taxonomies", "taxonomies", "Taxonomies (the PTV service classes)"),
        ("/taxonomy_terms", "taxonomy_terms", "The PTV service classes as terms of the one taxonomy")):
    _list_route(_path, _attr, _summary)
