"""The staff pages: the queue, taking a conversation, the live chat and closing it.

    GET  /backoffice/livechat                      waiting conversations of my desks, and mine
    POST /backoffice/livechat/{id}/take            exactly one staff member gets it (409 for the others)
    GET  /backoffice/livechat/{id}                 the chat (only the one who took it), transcript if consented
    GET  /backoffice/livechat/{id}/events          the chat as server-sent events
    POST /backoffice/livechat/{id}/messages        text (JavaScript posts it too and gets 204)
    POST /backoffice/livechat/{id}/close
"""

from __future__ import annotations

from typing import Callable, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from auroranet.errors import ConflictError, InputError, NotFoundError
from auroranet.livechat import events
from auroranet.livechat import service as chats
from auroranet.livechat.access import Who, staff_of
from auroranet.livechat.service import Scope, Staff
from auroranet.runtime import Runtime
from auroranet.web.page import Page

T = TypeVar("T")

router = APIRouter(include_in_schema=False)
BASE = "/backoffice/livechat"


@router.get(BASE)
async def queue(request: Request) -> Response:
    page, who = await Page.opened_by(request, staff_of)
    if isinstance(who, Response):
        return who
    rows = await run_in_threadpool(chats.queue, page.runtime, *who)
    return await page.render("livechat/queue.html", rows=rows)


async def _act(page: Page, who: Who, act: Callable[[Runtime, Scope, Staff], T]) -> T | Response:
    """One use case of the staff member on one conversation, off the event loop; 404 when it is not theirs."""
    scope, staff = who
    try:
        return await run_in_threadpool(act, page.runtime, scope, staff)
    except NotFoundError:
        return await page.error(404, "not_found")


@router.post(BASE + "/{public_id}/take")
async def take(request: Request, public_id: str) -> Response:
    page, who, _ = await Page.posted_by(request, staff_of)
    if isinstance(who, Response):
        return who
    try:
        done = await _act(page, who, lambda rt, scope, staff: chats.take(rt, public_id, staff=staff, scope=scope))
    except ConflictError:
        return await page.error(409, "lc_taken_by_other")
    return done if isinstance(done, Response) else await page.redirect(f"{BASE}/{public_id[:32]}")


def _view(public_id: str) -> Callable[[Runtime, Scope, Staff], chats.ChatView]:
    return lambda rt, scope, staff: chats.for_staff(rt, public_id, staff=staff, scope=scope)


async def _chat(page: Page, public_id: str, status: int = 200, error: str | None = None) -> Response:
    who = await staff_of(page)
    if isinstance(who, Response):
        return who
    view = await _act(page, who, _view(public_id))
    if isinstance(view, Response):
        return view
    return await page.render("livechat/chat.html", status=status, chat=view, error=error,
                             max_chars=chats.MAX_STAFF_CHARS)


@router.get(BASE + "/{public_id}")
async def chat(request: Request, public_id: str) -> Response:
    return await _chat(await Page.open(request), public_id)


@router.get(BASE + "/{public_id}/events", response_class=StreamingResponse)
async def stream(request: Request, public_id: str) -> Response:
    page, who = await Page.opened_by(request, staff_of)
    if isinstance(who, Response):
        return who
    view = await _act(page, who, _view(public_id))
    if isinstance(view, Response):
        return view

    def render(line: chats.Line, _staff: str | None) -> dict[str, object]:
        text = page.t(f"lc_sys_{line.text}") if line.author == "system" else line.text
        return {"id": line.id, "author": line.author, "text": text}

    return StreamingResponse(events.stream(page.runtime, request, view.public_id, render),
                             media_type="text/event-stream", headers=events.HEADERS)


@router.post(BASE + "/{public_id}/messages")
async def say(request: Request, public_id: str) -> Response:
    page, who, form = await Page.posted_by(request, staff_of)
    if isinstance(who, Response):
        return who
    text = form.get("text", "")
    try:
        if len(text) > chats.MAX_STAFF_CHARS:
            raise InputError(page.t("lc_too_long"))
        done = await _act(page, who, lambda rt, scope, staff: chats.staff_says(rt, public_id, text, staff=staff,
                                                                               scope=scope))
    except ConflictError:
        return await _chat(page, public_id, 409, page.t("lc_status_closed"))
    except InputError as exc:
        return await _chat(page, public_id, 400, exc.message)
    if isinstance(done, Response):
        return done
    if "application/json" in request.headers.get("accept", ""):
        return await page.finish(Response(status_code=204))
    return await page.redirect(f"{BASE}/{public_id[:32]}")


@router.post(BASE + "/{public_id}/close")
async def close(request: Request, public_id: str) -> Response:
    page, who, _ = await Page.posted_by(request, staff_of)
    if isinstance(who, Response):
        return who
    done = await _act(page, who, lambda rt, scope, staff: chats.staff_closes(rt, public_id, staff=staff, scope=scope))
    return done if isinstance(done, Response) else await page.redirect(BASE)
