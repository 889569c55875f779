"""create_app(): the FastAPI application with every domain's routes, the web app and middleware."""

from __future__ import annotations

import importlib
import logging
from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI

from auroranet import __version__
from auroranet.config import Settings
from auroranet.runtime import Runtime

log = logging.getLogger(__name__)

# Each module exposes ``router`` and optionally ``setup(app, runtime)``. Order matters for middleware.
DOMAIN_MODULES = (
    "auroranet.catalogue.views",
    "auroranet.search.views",
    "auroranet.recommend.views",
    "auroranet.network.views",
    "auroranet.web.views",
)


def _domain_modules() -> list[object]:
    mods = []
    for name in DOMAIN_MODULES:
        try:
            mods.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return mods


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> FastAPI:
    runtime = runtime or Runtime(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        tasks = getattr(app.state, "startup_hooks", [])
        for hook in tasks:
            await hook()
        try:
            yield
        finally:
            for hook in getattr(app.state, "shutdown_hooks", []):
                await hook()

    app = FastAPI(
        title="auroranet",
        version=__version__,
        description="AuroraAI network: service catalogue, 3X10D recommendations, search and the network API.",
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    app.state.startup_hooks = []
    app.state.shutdown_hooks = []
    for mod in _domain_modules():
        setup = getattr(mod, "setup", None)
        if setup is not None:
            setup(app, runtime)
        router = getattr(mod, "router", None)
        if router is not None:
            app.include_router(router)
    return app
