"""The public ``/transparency`` page: the algorithm-register entry and the latest fairness audit."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from auroranet.ethics.card import read_report
from auroranet.ethics.messages import MESSAGES
from auroranet.web.messages import register
from auroranet.web.page import Page

router = APIRouter(include_in_schema=False)
FIELDS = ("name", "purpose", "responsible", "data", "logic", "oversight", "fairness", "risks", "privacy")


def mount(app: FastAPI) -> None:
    register(MESSAGES)
    app.include_router(router)


@router.get("/transparency")
async def transparency(request: Request) -> Response:
    page = await Page.open(request)
    report = await run_in_threadpool(read_report, page.settings.data_dir)
    return await page.render("ethics/transparency.html", fields=FIELDS, report=report)
