"""The chat panel at /assistant. With JavaScript (``static/assistant.js``) it talks to the chat API and
keeps the transcript only in the page; without it, the form posts here and the page shows the
assistant's latest replies (the conversation id lives in the encrypted web session)."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from auroranet.assistant import flows
from auroranet.assistant.messages import UI, say
from auroranet.web.messages import register
from auroranet.web.page import Page

router = APIRouter(include_in_schema=False)
SESSION_KEY = "assistant_cid"


@router.get("/assistant")
async def panel(request: Request) -> Response:
    page = await Page.open(request)
    return await page.render("assistant/panel.html", replies=[], said=None, hello=say("hello", page.lang))


@router.post("/assistant")
async def post(request: Request) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    text = " ".join(form.get("text", "").split())[: page.runtime.settings.assistant_max_text_chars]
    if not text:
        return await page.render("assistant/panel.html", status=400, replies=[], said=None, hello=say("hello", page.lang))
    rt, base = page.runtime, str(request.base_url)

    def run() -> flows.Turn | None:
        cid = str(page.session.get(SESSION_KEY) or "")
        turn = flows.message(rt, cid, text, base_url=base) if cid else None
        if turn is None:
            cid, _ = flows.start(rt, page.lang)
            page.session[SESSION_KEY] = cid
            turn = flows.message(rt, cid, text, base_url=base)
        return turn

    turn = await run_in_threadpool(run)
    replies = turn.replies if turn is not None else []
    if turn is not None and turn.ended:
        page.session.pop(SESSION_KEY, None)
    return await page.render("assistant/panel.html", replies=replies, said=text, hello=None,
                             reply_lang=turn.lang if turn is not None else None)


def mount(app: FastAPI) -> None:
    register(UI)
    app.include_router(router)
