"""Insights pages: the opt-in contribution at the end of an assessment (POST, CSRF) and the situational
picture for analysts (``/insights/``, its CSV and the back-office view with the budget ledger).

Access: an analyst (or admin) whose role covers the area (``Principal.can("analyst", scope, county_of)``);
anonymous callers go to ``/login?next=...``; others get 403. The figures come from frozen releases
(``service.released``), so reloading the page never spends privacy budget again.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from auroranet.db.core import utcnow
from auroranet.insights import areas
from auroranet.insights import service as ins
from auroranet.insights.messages import MESSAGES
from auroranet.insights.models import Contribution, PrivacyBudget
from auroranet.insights.groups import shown_groups
from auroranet.insights.opendata import published_file
from auroranet.insights.privacy import K
from auroranet.vocab import age_band
from auroranet.web.messages import register
from auroranet.web.page import Page, Refused

router = APIRouter(include_in_schema=False)


def mount(app: FastAPI) -> None:
    register(MESSAGES)
    app.include_router(router)


# -- contribution ---------------------------------------------------------------------------------


@router.post("/insights/contribute")
async def contribute(request: Request) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    q, answers, bg = page.current()
    if q is None or not answers:
        return await page.redirect("/results")
    if form.get("give") != "yes":
        return await page.render("insights/contributed.html", message=page.t("ins_contribute_unchecked"))
    meters = q.meters(answers)
    digest = hashlib.sha256(json.dumps([q.id, answers, bg], sort_keys=True).encode()).hexdigest()[:16]
    if page.session.get("contributed") == digest:
        return await page.render("insights/contributed.html", message=page.t("ins_contribute_already"))
    rt = page.runtime
    await run_in_threadpool(lambda: ins.contribute(
        rt.db, rt.writes, answers={k: int(round(v)) for k, v in meters.items()}, age_band=age_band(bg.get("age")),
        municipality=bg.get("mun"), life_event=bg.get("event"), lang=page.lang, life_events=rt.life_events))
    page.session["contributed"] = digest
    return await page.render("insights/contributed.html", message=page.t("ins_contribute_thanks"))


# -- the situational picture -----------------------------------------------------------------------


def _scopes_of(page: Page) -> list[str]:
    p = page.principal
    return [r.scope for r in (p.roles if p else ()) if r.name in ("analyst", "admin")
            and (r.scope == areas.NATIONAL or r.scope.startswith(("county:", "municipality:")))]


async def _guard(page: Page) -> tuple[str, str] | Response:
    """(scope, period) the caller may see, or the response to send instead."""
    who = await page.signed_in()
    if isinstance(who, Response):
        return who
    ref = page.reference
    mine = _scopes_of(page)
    scope = page.request.query_params.get("area") or (mine[0] if mine else "")
    period = page.request.query_params.get("period") or ins.period_of(utcnow().date())
    if areas.parse(ref, scope[:24]) is None or not ins.valid_period(period[:7]) or len(period) != 7:
        return await page.error(400 if mine else 403, "ins_bad_area" if mine else "ins_forbidden")
    if not who.can("analyst", scope, areas.county_lookup(ref)):
        return await page.error(403, "ins_forbidden")
    return scope, period


def _choices(page: Page) -> list[areas.AreaInfo]:
    return areas.with_parts(page.reference, _scopes_of(page), page.lang)


def _has_demo(page: Page, period: str) -> bool:
    start, end = ins.period_bounds(period)
    with page.runtime.db.session() as s:
        return s.scalars(select(Contribution.id).where(Contribution.demo.is_(True), Contribution.day >= start,
                                                     Contribution.day < end).limit(1)).first() is not None


async def _picture(page: Page) -> ins.Picture | Response:
    """The picture the caller asked for and may see, or the response to send instead (login, 4xx, 429)."""
    guard = await _guard(page)
    if isinstance(guard, Response):
        return guard
    scope, period = guard
    rt = page.runtime
    try:
        pic = await page.engine_call(lambda: ins.situational_picture(rt, scope, period))
    except Refused as exc:
        return await page.refused(exc)
    return pic if pic is not None else await page.error(400, "ins_bad_area")


async def _render(page: Page, pic: ins.Picture, template: str, **extra: Any) -> Response:
    area = areas.parse(page.reference, pic.scope)
    period = pic.period
    demo = await run_in_threadpool(_has_demo, page, period)
    return await page.render(template, pic=pic, area=area, period=period, choices=_choices(page), demo=demo,
                             eps=page.settings.insights_epsilon_per_release, rows=_rows(page, pic),
                             charts=_charts(page, pic), **extra)


@router.get("/insights/")
async def dashboard(request: Request) -> Response:
    page, pic = await Page.opened_by(request, _picture)
    if isinstance(pic, Response):
        return pic
    return await _render(page, pic, "insights/dashboard.html", groups=shown_groups(page.runtime, page.lang), k=K)


@router.get("/insights")
async def dashboard_slash(request: Request) -> Response:
    page = await Page.open(request)
    return await page.redirect("/insights/" + (f"?{request.url.query}" if request.url.query else ""))


@router.get("/backoffice/insights")
async def backoffice(request: Request) -> Response:
    page, pic = await Page.opened_by(request, _picture)
    if isinstance(pic, Response):
        return pic
    who, county_of = page.principal, areas.county_lookup(page.reference)
    with page.runtime.db.session() as s:
        ledger = [(b.area, b.period, round(b.spent, 3), b.releases) for b in s.scalars(
            select(PrivacyBudget).where(PrivacyBudget.period == pic.period).order_by(PrivacyBudget.area))
            if who is not None and who.can("analyst", b.area, county_of)]
    return await _render(page, pic, "insights/backoffice.html", ledger=ledger,
                         budget=page.settings.insights_epsilon_budget)


def _num(fig: dict[str, Any] | None) -> float | None:
    v = (fig or {}).get("value")
    return float(v) if isinstance(v, (int, float)) else None


def _rows(page: Page, pic: ins.Picture) -> list[dict[str, Any]]:
    """One row per need for the tables and the CSV: figures, change and supply."""
    prev = pic.previous.figures["meters"] if pic.previous else {}
    out = []
    for n in pic.needs:
        now, before = _num(n.people), _num((prev.get(n.meter) or {}).get("below"))
        out.append({"meter": n.meter, "people": n.people,
                    "change": None if now is None or before is None else now - before, "mean": n.mean,
                    "services": n.services, "requests": n.requests, "empty": n.empty, "gap": n.gap,
                    "by_band": (pic.release.figures["meters"][n.meter]["by_band"] if pic.release else {}),
                    "by_lang": (pic.release.figures["meters"][n.meter]["by_lang"] if pic.release else {})})
    return out


def _charts(page: Page, pic: ins.Picture) -> dict[str, str]:
    from auroranet.vocab import meter_name

    names = [meter_name(n.meter, page.lang) for n in pic.needs]
    below = {"type": "bar", "categories": names, "series": [{"name": page.t("ins_below"),
                                                             "data": [_num(n.people) for n in pic.needs]}]}
    supply = {"type": "bar", "categories": names,
              "series": [{"name": page.t("ins_below"), "data": [_num(n.people) for n in pic.needs]},
                         {"name": page.t("ins_services"), "data": [n.services for n in pic.needs]},
                         {"name": page.t("ins_requests"), "data": [_num(n.requests) for n in pic.needs]}]}
    return {"below": json.dumps(below, ensure_ascii=False), "supply": json.dumps(supply, ensure_ascii=False)}


@router.get("/insights/export.csv")
async def export_csv(request: Request) -> Response:
    page, pic = await Page.opened_by(request, _picture)
    if isinstance(pic, Response):
        return pic
    scope, period = pic.scope, pic.period
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["area", "period", "meter", "below_threshold", "low_95", "high_95", "change", "mean", "services",
                "requests", "found_nothing", "gap"])
    for r in _rows(page, pic):
        p = r["people"]
        w.writerow([scope, period, r["meter"], _fmt(p.get("value")), _fmt(p.get("low")), _fmt(p.get("high")),
                    _fmt(r["change"]), _fmt(r["mean"].get("value")), r["services"], _fmt(r["requests"].get("value")),
                    _fmt(r["empty"].get("value")), int(r["gap"])])
    response = Response(buf.getvalue(), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="insights-{scope.replace(":", "-")}-{period}.csv"'})
    return await page.finish(response)


@router.get("/open-data/insights/{name}")
async def open_data(request: Request, name: str) -> Response:
    """The monthly open-data release (public): ``YYYY-MM.json|csv`` or ``latest.json|csv``."""
    page = await Page.open(request)
    path = published_file(page.runtime, name[:32])
    if path is None:
        return await page.error(404, "not_found")
    kind = "application/json" if path.suffix == ".json" else "text/csv; charset=utf-8"
    response = Response(await run_in_threadpool(path.read_bytes), media_type=kind)
    await page.finish(response)
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


def _fmt(v: object) -> str:
    if v is None:
        return ""
    return f"{v:g}" if isinstance(v, float) else str(v)
