"""The network API: AuroraAI v1 (wire-compatible), v2 additions, the admin API and operations.

    errors.py        ApiError and its v1 plain-text / JSON rendering
    deps.py          RuntimeDep, V1CallerDep, V2CallerDep, rate limits
    body.py          reading and validating bodies as v1 did
    openapi.py       request schemas and error responses in /openapi.json
    engine_routes.py recommend_service and text_search (v1, v2)
    v1.py            feedback, redirect, translation, healthcheck
    transfer.py      session attributes
    admin.py         the client registry over HTTP
    ops.py           /metrics
    docs.py          /docs (Swagger UI served locally)
    catalogue.py     the read-only catalogue API under /api/catalogue
    v1_format.py     the v1 service object
    (hsds/api.py     open data as Open Referral HSDS 3.0 under /hsds)
    (wallet/api.py   the service wallet under /api/wallet/v1)

Views parse and render; every flow is a use case in ``auroranet.usecases``.
"""

from __future__ import annotations

from fastapi import FastAPI

from auroranet.api import admin, catalogue, docs, engine_routes, ops, openapi, transfer, v1
from auroranet.api import errors
from auroranet.lifeevents import api as lifeevents_api
from auroranet.referrals import api as referrals_api
from auroranet.assistant import api as assistant_api
from auroranet.config import check_admin_key
from auroranet.hsds import api as hsds_api
from auroranet.wallet import api as wallet_api
from auroranet.network.robustness import NetworkMiddleware
from auroranet.runtime import Runtime


def mount(app: FastAPI, rt: Runtime) -> None:
    check_admin_key(rt.settings)
    errors.install(app)
    app.add_middleware(NetworkMiddleware, max_bytes=rt.settings.max_request_bytes, metrics=rt.metrics)
    for module in (engine_routes, v1, transfer, catalogue, ops, docs, admin, lifeevents_api, referrals_api,
                   hsds_api):
        app.include_router(module.router)
    assistant_api.mount(app)
    wallet_api.mount(app)
    openapi.install(app)
