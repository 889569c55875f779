"""The back office's desk registry: staff list their organisations' desks, add or replace one, remove one.

    GET  /backoffice/livechat/desks
    POST /backoffice/livechat/desks                    the form (the organisation must be one of theirs)
    POST /backoffice/livechat/desks/{id}/remove
"""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from auroranet.catalogue.hours import HELSINKI, parse_weekly
from auroranet.errors import InputError, NotFoundError
from auroranet.livechat import desks
from auroranet.livechat.access import staff_of
from auroranet.livechat.service import Scope
from auroranet.vocab import METER_KEYS
from auroranet.web.page import Page

router = APIRouter(include_in_schema=False)
PATH = "/backoffice/livechat/desks"
MAX_FIELD = 4000


def _words(text: str) -> list[str]:
    return [w.strip() for w in text.split(",") if w.strip()]


def desk_from_form(form: dict[str, str], needs: list[str], langs: list[str]) -> desks.DeskIn:
    if any(len(v) > MAX_FIELD for v in form.values()):
        raise InputError("a field is too long")
    names = {lang: form.get(f"name_{lang}", "").strip() for lang in ("fi", "sv", "en")}
    try:
        return desks.DeskIn.model_validate({
            "id": form.get("id", "").strip(), "organisation_id": form.get("organisation_id", "").strip(),
            "names": {k: v for k, v in names.items() if v}, "topics": _words(form.get("topics", "")),
            "needs": needs, "municipality_codes": _words(form.get("municipality_codes", "")), "languages": langs,
            "opening_hours": parse_weekly(form.get("opening_hours", "")),
            "open_on_holidays": form.get("open_on_holidays") == "1",
            "phone": form.get("phone", "").strip() or None,
            "referral_service_id": form.get("referral_service_id", "").strip() or None})
    except ValidationError as exc:
        raise InputError("; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())[:300]) \
            from None


async def _render(page: Page, scope: Scope, status: int = 200, error: str | None = None,
                  form: dict[str, str] | None = None) -> Response:
    rows = await run_in_threadpool(desks.listed, page.runtime.db, scope.organisations)
    now = datetime.now(HELSINKI)
    return await page.render("livechat/desks.html", status=status, rows=[(d, desks.status(d, now)) for d in rows],
                             error=error, form=form or {}, meters=METER_KEYS,
                             orgs=sorted(scope.organisations) if scope.organisations is not None else None)


@router.get(PATH)
async def listing(request: Request) -> Response:
    page, who = await Page.opened_by(request, staff_of)
    if isinstance(who, Response):
        return who
    return await _render(page, who[0])


@router.post(PATH)
async def save(request: Request) -> Response:
    page, who, form = await Page.posted_by(request, staff_of)
    if isinstance(who, Response):
        return who
    scope, rt = who[0], page.runtime
    try:
        desk = desk_from_form(form, await page.form_list("needs"), await page.form_list("languages"))
        if not scope.admits(desk.organisation_id):
            return await page.error(403, "bo_forbidden")
        existing = await run_in_threadpool(desks.get, rt.db, desk.id)
        if existing is not None and not scope.admits(existing.organisation_id):
            return await page.error(403, "bo_forbidden")  # another organisation's desk id
    except InputError as exc:
        return await _render(page, scope, 400, page.t("lc_bad_desk", error=exc.message), form)

    def put() -> None:
        with rt.writes:
            desks.add(rt.db, desk)

    await run_in_threadpool(put)
    return await page.redirect(PATH)


@router.post(PATH + "/{desk_id}/remove")
async def remove(request: Request, desk_id: str) -> Response:
    page, who, _ = await Page.posted_by(request, staff_of)
    if isinstance(who, Response):
        return who
    rt = page.runtime
    desk = await run_in_threadpool(desks.get, rt.db, desk_id)
    if desk is None or not who[0].admits(desk.organisation_id):
        return await page.error(404, "not_found")

    def drop() -> None:
        with rt.writes:
            desks.remove(rt.db, desk.id)

    try:
        await run_in_threadpool(drop)
    except NotFoundError:
        return await page.error(404, "not_found")
    return await page.redirect(PATH)
