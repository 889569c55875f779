"""``/backoffice/quality`` and ``/backoffice/quality.csv``: the catalogue-quality report of one
organisation, for its provider staff (``organisation:<id>``) or an admin (``?org=<id>``)."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from auroranet.curation import rules
from auroranet.curation.quality import QualityReport, quality_report
from auroranet.insights.privacy import K
from auroranet.web.page import Page

router = APIRouter(include_in_schema=False)


def mount(app: FastAPI) -> None:
    app.include_router(router)


async def _report(page: Page) -> QualityReport | Response:
    p = await page.signed_in()
    if isinstance(p, Response):
        return p
    mine = sorted(rules.organisations_of(p)) if p.kind == "staff" else []
    admin = p.kind == "staff" and any(r.name == "admin" for r in p.roles)
    org = (page.request.query_params.get("org") or (mine[0] if mine else ""))[:64]
    if not org or not (admin or org in mine):
        return await page.error(403, "q_forbidden")
    rt, lang = page.runtime, page.lang
    return await run_in_threadpool(lambda: quality_report(rt, org, lang=lang))


@router.get("/backoffice/quality")
async def page_view(request: Request) -> Response:
    page, report = await Page.opened_by(request, _report)
    if isinstance(report, Response):
        return report
    p = page.principal
    orgs = sorted(rules.organisations_of(p)) if p is not None else []
    return await page.render("curation/quality.html", report=report, orgs=orgs, k=K)


@router.get("/backoffice/quality.csv")
async def csv_view(request: Request) -> Response:
    page, report = await Page.opened_by(request, _report)
    if isinstance(report, Response):
        return report
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["kind", "service_id", "name_or_text", "missing_sv", "missing_en", "no_channels", "shown", "clicked",
                "never_shown", "shown_never_clicked", "searches"])
    for s in report.services:
        w.writerow(["service", s.service_id, _safe(s.name), int(s.missing_sv), int(s.missing_en), int(s.no_channels),
                    s.shown, s.clicked, int(s.never_shown), int(s.never_clicked), ""])
    for text, n in report.unmet:
        w.writerow(["unmet_need", "", _safe(text), "", "", "", "", "", "", "", n])
    response = Response(buf.getvalue(), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="quality-{quote(report.organisation, safe="")}.csv"'})
    return await page.finish(response)


def _safe(text: str) -> str:
    """No spreadsheet formulas from catalogue or search texts."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
