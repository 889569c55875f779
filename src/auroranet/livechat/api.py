"""The person's side of a live chat beside the chat API: the staff member's lines as server-sent events.

    GET /assistant/v1/conversations/{conversation_id}/live     text/event-stream

The conversation id is the person's secret, as in the other chat routes; an unknown one, or one with no
live chat, is 404. What the person writes goes through ``POST …/messages`` as before. Without JavaScript
the panel at /assistant shows the same lines server-rendered (``for_page``) with a refresh link."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from auroranet.api.deps import IpLimited, RuntimeDep
from auroranet.assistant.messages import say
from auroranet.livechat import events
from auroranet.livechat import service as chats
from auroranet.runtime import Runtime

router = APIRouter(tags=["assistant"], dependencies=[IpLimited])


@router.get("/assistant/v1/conversations/{conversation_id}/live", response_class=StreamingResponse,
            summary="The live chat with a person, as server-sent events",
            responses={200: {"content": {"text/event-stream": {}}}, 404: {"description": "No live chat."}})
async def live(conversation_id: str, request: Request, rt: RuntimeDep) -> StreamingResponse:
    pid = await run_in_threadpool(chats.latest_for, rt, conversation_id)
    view = await run_in_threadpool(chats.for_person, rt, conversation_id, pid) if pid else None
    if view is None:
        raise HTTPException(404, "No live chat in this conversation.")
    lang = view.lang

    def render(line: chats.Line, staff: str | None) -> dict[str, object] | None:
        if line.author == "person":
            return None  # the person's own lines are already on their screen
        return {"id": line.id, "author": line.author, "text": person_text(line, lang, staff), "name": staff}

    return StreamingResponse(events.stream(rt, request, view.public_id, render), media_type="text/event-stream",
                             headers=events.HEADERS)


def person_text(line: chats.Line, lang: str, staff: str | None) -> str:
    """A chat line as the person reads it: a system line ("taken", "closed", …) in their language."""
    return say(f"live_{line.text}", lang, name=staff or "") if line.author == "system" else line.text


def mount(app: FastAPI) -> None:
    app.include_router(router)


@dataclass(frozen=True)
class PageChat:
    """The person's live chat as the page without JavaScript shows it: every line, newest last."""
    lang: str
    status: str
    desk_name: str
    staff_name: str | None
    lines: list[tuple[str, str]]  # (author, text as the person reads it)


def for_page(rt: Runtime, cid: str) -> PageChat | None:
    """The conversation's latest live chat (kept a while after it closes, so the last lines are seen)."""
    pid = chats.latest_for(rt, cid) if cid else None
    view = chats.for_person(rt, cid, pid, lines=True) if pid else None
    if view is None:
        return None
    lang = view.lang
    return PageChat(lang, view.status, view.desk_name.get(lang) or view.desk_name.get("fi", ""), view.staff_name,
                    [(line.author, person_text(line, lang, view.staff_name)) for line in view.lines])
