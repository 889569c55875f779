"""The chat panel at /assistant. With JavaScript (``static/assistant.js``) it talks to the chat API and
keeps the transcript only in the page; without it, the form posts here and the page shows the
assistant's latest replies (the conversation id lives in the encrypted web session) and, once the person
is handed over to a desk, the live chat's lines with a refresh link (no automatic refresh)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from auroranet.assistant import flows
from auroranet.assistant.messages import UI, say
from auroranet.livechat import api as livechat_api
from auroranet.livechat import backoffice as livechat_backoffice
from auroranet.livechat import desk_views
from auroranet.livechat.messages import MESSAGES as LIVECHAT_UI
from auroranet.i18n import LANGS
from auroranet.web.messages import register, translate
from auroranet.web.page import Page

router = APIRouter(include_in_schema=False)
SESSION_KEY = "assistant_cid"
# How many lines this session has sent through the form. The form carries it back, so a browser that
# re-sends the last POST (reload, back) is recognised and nothing is said twice to the assistant or to a
# person in a live chat.
TURN_KEY = "assistant_turn"


def _turn(page: Page) -> int:
    value = page.session.get(TURN_KEY)
    return value if isinstance(value, int) else 0


def _panel(lang: str) -> dict[str, Any]:
    """The panel's own labels in the conversation's language, and all three for the script to switch to
    when the conversation changes language."""
    labels = {lg: {k: translate(k, lg) for k in UI} for lg in LANGS}
    return {"panel_lang": lang, "pt": lambda key: translate(key, lang), "labels": json.dumps(labels, ensure_ascii=False)}


@router.get("/assistant")
async def panel(request: Request) -> Response:
    page = await Page.open(request)
    live = await run_in_threadpool(livechat_api.for_page, page.runtime, str(page.session.get(SESSION_KEY) or ""))
    lang = live.lang if live is not None else page.lang
    return await page.render("assistant/panel.html", replies=[], said=None, hello=None if live else say("hello", lang),
                             handover=None, live=live, turn=_turn(page), **_panel(lang))


@router.post("/assistant")
async def post(request: Request) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    text = " ".join(form.get("text", "").split())[: page.runtime.settings.assistant_max_text_chars]
    if not text:
        return await page.render("assistant/panel.html", status=400, replies=[], said=None, hello=say("hello", page.lang),
                                 handover=None, turn=_turn(page), **_panel(page.lang))
    rt, base = page.runtime, str(request.base_url)
    if form.get("turn", str(_turn(page))) != str(_turn(page)):  # the browser sent an earlier form again
        live = await run_in_threadpool(livechat_api.for_page, rt, str(page.session.get(SESSION_KEY) or ""))
        lang = live.lang if live is not None else page.lang
        return await page.render("assistant/panel.html", replies=[], said=None, hello=None, handover=None, live=live,
                                 resent=True, turn=_turn(page), **_panel(lang))
    page.session[TURN_KEY] = _turn(page) + 1
    share = [v for v in await page.form_list("share") if v == "transcript"]  # the only tick without JavaScript

    def run() -> flows.Turn | None:
        cid = str(page.session.get(SESSION_KEY) or "")
        turn = flows.message(rt, cid, text, base_url=base, share=share) if cid else None
        if turn is None:
            cid, _ = flows.start(rt, page.lang)
            page.session[SESSION_KEY] = cid
            turn = flows.message(rt, cid, text, base_url=base)
        return turn

    turn = await run_in_threadpool(run)
    replies = turn.replies if turn is not None else []
    if turn is not None and turn.ended:
        page.session.pop(SESSION_KEY, None)
    lang = turn.lang if turn is not None else page.lang
    live = await run_in_threadpool(livechat_api.for_page, rt, str(page.session.get(SESSION_KEY) or ""))
    return await page.render("assistant/panel.html", replies=replies, said=text, hello=None, reply_lang=lang,
                             handover=turn.handover if turn is not None else None, live=live, turn=_turn(page),
                             **_panel(lang))


def mount(app: FastAPI) -> None:
    register(UI)
    register(LIVECHAT_UI)
    app.include_router(router)
    app.include_router(desk_views.router)  # before /backoffice/livechat/{id}
    app.include_router(livechat_backoffice.router)
