"""Consent pages: ``GET /consents`` (who got what, when and why: the signed-in person's records and this
browser session's receipts), ``GET /consents/{id}.json`` (the receipt) and ``POST /consents/{id}/withdraw``
(CSRF, signed in; the recipient is told by webhook)."""

from __future__ import annotations

import json
from typing import Any, MutableMapping

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from auroranet.consent import service
from auroranet.consent.messages import MESSAGES
from auroranet.consent.models import ConsentRecord
from auroranet.consent.receipts import SELF_RECIPIENT, receipt
from auroranet.consent.webhooks import deliver_pending
from auroranet.errors import ConflictError
from auroranet.runtime import Runtime
from auroranet.web.messages import register
from auroranet.web.page import Page

router = APIRouter(include_in_schema=False)
SESSION_RECEIPTS = "receipts"
MAX_SESSION_RECEIPTS = 20


def mount(app: FastAPI, rt: Runtime) -> None:
    register(MESSAGES)
    app.include_router(router)


def remember_receipt(session: MutableMapping[str, Any], receipt_id: str) -> None:
    """This browser session may download the receipt of its own hand-over (anonymous ones too)."""
    held = [r for r in (session.get(SESSION_RECEIPTS) or []) if isinstance(r, str)]
    session[SESSION_RECEIPTS] = (held + [receipt_id])[-MAX_SESSION_RECEIPTS:]


def _session_ids(page: Page) -> list[str]:
    return [r for r in (page.session.get(SESSION_RECEIPTS) or []) if isinstance(r, str)]


def _records(page: Page) -> tuple[list[ConsentRecord], list[ConsentRecord]]:
    who = page.principal
    with page.runtime.db.session() as s:
        mine = list(service.for_subject(s, who.subject)) if who else []
        ids = {r.id for r in mine}
        session_only = [r for r in service.by_ids(s, _session_ids(page)) if r.id not in ids]
        s.expunge_all()
    return mine, session_only


@router.get("/consents")
async def consents(request: Request) -> Response:
    page = await Page.open(request)
    who = page.principal
    if who is not None:
        from auroranet.profile.access import log_access

        await run_in_threadpool(log_access, page.runtime, who.subject, "view_consents")
    mine, session_only = await run_in_threadpool(_records, page)
    return await page.render("consent/list.html", mine=mine, session_only=session_only, signed_in=who is not None,
                             self_recipient=SELF_RECIPIENT,
                             withdrawn=request.query_params.get("withdrawn") == "1")


@router.get("/consents/{receipt_id}.json")
async def receipt_json(request: Request, receipt_id: str) -> Response:
    page = await Page.open(request)
    who = page.principal
    with page.runtime.db.session() as s:
        rec = service.get(s, receipt_id)
        allowed = rec is not None and ((who is not None and rec.subject == who.subject)
                                       or rec.id in _session_ids(page))
        body = json.dumps(receipt(rec, lang=page.lang), ensure_ascii=False, indent=2) if rec and allowed else None
    if body is None:
        return await page.error(404, "not_found")
    resp = Response(body, media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="consent-receipt-{receipt_id[:32]}.json"'})
    return await page.finish(resp)


@router.post("/consents/{receipt_id}/withdraw")
async def withdraw(request: Request, receipt_id: str) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    who = await page.signed_in("/consents")
    if isinstance(who, Response):
        return who
    rt = page.runtime

    def run() -> bool:
        with rt.writes, rt.db.session() as s:
            done = service.withdraw(s, subject=who.subject, receipt_id=receipt_id, owners=rt.consent_owners)
            if done:
                from auroranet.profile.service import touch

                touch(s, who.subject, action="withdraw_consent")
        if done:
            deliver_pending(rt.db, rt.writes, rt.settings)  # no lock held during the HTTP call
        return done

    try:
        done = await run_in_threadpool(run)
    except ConflictError:  # what the consent allowed changed at the same moment: nothing was withdrawn
        return await page.error(409, "consent_conflict")
    if not done:
        return await page.error(404, "not_found")
    return await page.redirect("/consents?withdrawn=1")
