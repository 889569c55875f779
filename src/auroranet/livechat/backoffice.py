"""The staff pages: the queue, taking a conversation, the live chat and closing it.

    GET  /backoffice/livechat                      waiting conversations of my desks, and mine
    POST /backoffice/livechat/{id}/take            exactly one staff member gets it (409 for the others)
    GET  /backoffice/livechat/{id}                 the chat (only the one who took it), transcript if consented
    GET  /backoffice/livechat/{id}/events          the chat as server-sent events
    POST /backoffice/livechat/{id}/messages        text (JavaScript posts it too and gets 204)
    POST /backoffice/livechat/{id}/close
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from auroranet.errors import ConflictError, InputError, NotFoundError
from auroranet.livechat import events
from auroranet.livechat import service as chats
from auroranet.livechat.access import staff_of
from auroranet.web.page import Page

router = APIRouter(include_in_schema=False)
BASE = "/backoffice/livechat"


@router.get(BASE)
async def queue(request: Request) -> Response:
    page = await Page.open(request)
    who = await staff_of(page)
    if isinstance(who, Response):
        return who
    rows = await run_in_threadpool(chats.queue, page.runtime, *who)
    return await page.render("livechat/queue.html", rows=rows)


@router.post(BASE + "/{public_id}/take")
async def take(request: Request, public_id: str) -> Response:
    page = await Page.open(request)
    who = await staff_of(page)
    if isinstance(who, Response):
        return who
    if await page.form() is None:
        return await page.error(403, "csrf_error")
    scope, staff = who
    try:
        await run_in_threadpool(lambda: chats.take(page.runtime, public_id, staff=staff, scope=scope))
    except NotFoundError:
        return await page.error(404, "not_found")
    except ConflictError:
        return await page.error(409, "lc_taken_by_other")
    return await page.redirect(f"{BASE}/{public_id[:32]}")


async def _chat(page: Page, public_id: str, status: int = 200, error: str | None = None) -> Response:
    who = await staff_of(page)
    if isinstance(who, Response):
        return who
    scope, staff = who
    try:
        view = await run_in_threadpool(lambda: chats.for_staff(page.runtime, public_id, staff=staff, scope=scope))
    except NotFoundError:
        return await page.error(404, "not_found")
    return await page.render("livechat/chat.html", status=status, chat=view, error=error,
                             max_chars=chats.MAX_STAFF_CHARS)


@router.get(BASE + "/{public_id}")
async def chat(request: Request, public_id: str) -> Response:
    return await _chat(await Page.open(request), public_id)


@router.get(BASE + "/{public_id}/events", response_class=StreamingResponse)
async def stream(request: Request, public_id: str) -> Response:
    page = await Page.open(request)
    who = await staff_of(page)
    if isinstance(who, Response):
        return who
    scope, staff = who
    try:
        view = await run_in_threadpool(lambda: chats.for_staff(page.runtime, public_id, staff=staff, scope=scope))
    except NotFoundError:
        return await page.error(404, "not_found")

    def render(line: chats.Line, _staff: str | None) -> dict[str, object]:
        text = page.t(f"lc_sys_{line.text}") if line.author == "system" else line.text
        return {"id": line.id, "author": line.author, "text": text}

    return StreamingResponse(events.stream(page.runtime, request, view.public_id, render),
                             media_type="text/event-stream", headers=events.HEADERS)


@router.post(BASE + "/{public_id}/messages")
async def say(request: Request, public_id: str) -> Response:
    page = await Page.open(request)
    who = await staff_of(page)
    if isinstance(who, Response):
        return who
    form = await page.form()
    if form is None:
        return await page.error(403, "csrf_error")
    scope, staff = who
    text = form.get("text", "")
    try:
        if len(text) > chats.MAX_STAFF_CHARS:
            raise InputError(page.t("lc_too_long"))
        await run_in_threadpool(lambda: chats.staff_says(page.runtime, public_id, text, staff=staff, scope=scope))
    except NotFoundError:
        return await page.error(404, "not_found")
    except ConflictError:
        return await _chat(page, public_id, 409, page.t("lc_status_closed"))
    except InputError as exc:
        return await _chat(page, public_id, 400, exc.message)
    if "application/json" in request.headers.get("accept", ""):
        return await page.finish(Response(status_code=204))
    return await page.redirect(f"{BASE}/{public_id[:32]}")


@router.post(BASE + "/{public_id}/close")
async def close(request: Request, public_id: str) -> Response:
    page = await Page.open(request)
    who = await staff_of(page)
    if isinstance(who, Response):
        return who
    if await page.form() is None:
        return await page.error(403, "csrf_error")
    scope, staff = who
    try:
        await run_in_threadpool(lambda: chats.staff_closes(page.runtime, public_id, staff=staff, scope=scope))
    except NotFoundError:
        return await page.error(404, "not_found")
    return await page.redirect(BASE)
