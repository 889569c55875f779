"""The four hot routes (api/engine_routes.py) run on ``DirectRoute`` (api/direct_route.py): the endpoint is
called without FastAPI's per-request handler chain, and an endpoint that declares anything FastAPI would
have to resolve is refused when the route is made."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from auroranet.api.direct_route import DirectRoute
from auroranet.api.errors import V1, V2

HOT = [f"{V1}/recommend_service", f"{V1}/text_search", f"{V2}/recommend_service", f"{V2}/text_search"]
BODIES = {"recommend_service": {"life_situation_meters": {"health": [1]}}, "text_search": {"search_text": "asunto"}}


def test_hot_routes_skip_the_dependency_solving(http, caller, monkeypatch):  # noqa: ANN001
    import fastapi.routing

    async def refuse(**_: Any) -> Any:
        raise AssertionError("solve_dependencies ran for a hot route")

    monkeypatch.setattr(fastapi.routing, "solve_dependencies", refuse)
    for path in HOT:
        r = http.post(path, json=BODIES[path.rsplit("/", 1)[1]], headers=caller.headers)
        assert r.status_code == 200, (path, r.text[:300])
        assert r.headers["content-type"] == "application/json"
    assert http.post(HOT[0], json=BODIES["recommend_service"]).status_code == 401  # errors as before
    assert http.post(HOT[1], content=b"{", headers={**caller.headers, "content-type": "application/json"}
                     ).status_code == 400


def test_hot_routes_are_direct_routes_and_nothing_adds_dependencies(http):  # noqa: ANN001
    from auroranet.api import engine_routes

    routes = {getattr(r, "path", None): r for r in engine_routes.router.routes}
    assert sorted(routes) == sorted(HOT)
    assert all(isinstance(r, DirectRoute) for r in routes.values())
    app: Any = http.app
    assert not app.router.dependencies  # app-level dependencies would be skipped by DirectRoute
    assert not engine_routes.router.dependencies


def _route_for(endpoint: Any) -> None:
    router = APIRouter(route_class=DirectRoute)
    router.add_api_route("/x", endpoint, methods=["POST"])


async def _with_query(request: Request, q: str) -> Response:
    return Response(q)


async def _dep() -> str:
    return "x"


async def _with_dependency(request: Request, d: str = Depends(_dep)) -> Response:
    return Response(d)


async def _no_request() -> Response:
    return Response(b"")


def _sync(request: Request) -> Response:
    return Response(b"")


@pytest.mark.parametrize("endpoint", [_with_query, _with_dependency, _no_request, _sync])
def test_direct_route_refuses_an_endpoint_that_declares_more(endpoint):  # noqa: ANN001
    with pytest.raises(TypeError, match="DirectRoute"):
        _route_for(endpoint)


def test_direct_route_takes_a_request_only_endpoint():
    async def fine(request: Request) -> Response:
        return Response(b"ok")

    _route_for(fine)
