"""create_app(): the FastAPI application: the network API, the web app, and the lifespan that starts
the catalogue poller and the job runner and stops them again.

    app = create_app(runtime=Runtime.create(settings))
"""

from __future__ import annotations

import gc
import logging
from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI
from fastapi.telemetry import TelemetryConfig
from starlette.concurrency import run_in_threadpool
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from auroranet import __version__, api
from auroranet.config import Settings
from auroranet.jobs.metrics import JobMetricsCollector
from auroranet.jobs.runner import JobRunner
from auroranet.jobs.schedule import default_jobs
from auroranet.runtime import Runtime
from auroranet.usecases.warm import warm_up
from auroranet.web import views as web

log = logging.getLogger(__name__)
# A young collection every 700 net container allocations (Python's default) ran several times within
# each request, walking every object of the requests in flight: about 7 % of a cached recommendation's
# CPU. Nearly all of a request's objects are freed by reference counting before the count reaches this;
# what stays (caches, cyclic garbage) is collected as before, a few MB later.
GC_YOUNG_THRESHOLD = 10_000
NO_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False, "operation_spans": False}


def refreeze() -> None:
    """After a live swap: the new snapshot out of the collected generations too, the old one collected
    (unfrozen first, so that its reference cycles do not stay in the permanent generation for good)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> FastAPI:
    rt = runtime or Runtime.create(settings)
    if rt.jobs is None and rt.settings.jobs_enabled:
        rt.jobs = JobRunner(rt.db, default_jobs(rt))
        rt.metrics.add_collector(JobMetricsCollector(rt.db, [s.name for s in rt.jobs.specs]))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # The snapshot built before start-up is hundreds of thousands of long-lived objects; without this
        # every full collection walks them all (tens of ms, charged to whichever request runs then).
        if rt.settings.web_warm_on_start:  # before "ready": the first results page must not load models
            await run_in_threadpool(warm_up, rt)
        freeze = rt.settings.gc_freeze_on_start
        if freeze:
            gc.collect()
            gc.freeze()
        thresholds = gc.get_threshold()
        gc.set_threshold(GC_YOUNG_THRESHOLD, *thresholds[1:])
        rt.snapshots.start(after_swap=refreeze if freeze else None)
        if rt.jobs is not None:
            rt.jobs.start(rt.settings.jobs_tick_seconds)
        try:
            yield
        finally:
            rt.snapshots.stop()
            if rt.jobs is not None:
                rt.jobs.stop()
            if rt.usage_log is not None:  # graceful shutdown: the buffered usage events are written
                try:
                    await run_in_threadpool(rt.usage_log.flush)
                except Exception as exc:  # noqa: BLE001 - logged without values; Runtime.close tries again
                    log.error("usage log flush at shutdown failed", extra={"error_type": type(exc).__name__})
            gc.set_threshold(*thresholds)
            if freeze:
                gc.unfreeze()

    app = FastAPI(
        title="auroranet",
        version=__version__,
        description="AuroraAI network: service catalogue, 3X10D recommendations, search and the network API.",
        lifespan=lifespan,
        docs_url=None,  # api/docs.py serves /docs from local files (FastAPI's page uses a CDN)
        redoc_url=None,
        # FastAPI's native OpenTelemetry: nothing here configures a provider, yet with it on every request
        # looks the global providers up again (environment reads included) before it finds none.
        telemetry=NO_TELEMETRY,
    )
    app.state.runtime = rt
    api.mount(app, rt)
    web.mount(app, rt)
    if rt.settings.trusted_proxies.strip():  # outermost: scheme and client address are settled first
        app.add_middleware(ProxyHeadersMiddleware,
                           trusted_hosts=[str(n) for n in rt.settings.trusted_proxy_networks])
    return app
