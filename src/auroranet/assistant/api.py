"""The chat API (``/assistant/v1``) and the registry's admin API (``/admin/assistants``): parse, run the
flow off the event loop under the engine-call limit, render. Rate limited per client IP like the API."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.responses import Response

from auroranet.api.admin import ADMIN
from auroranet.api.deps import IpLimited, RuntimeDep
from auroranet.api.engine_routes import run_limited
from auroranet.assistant import flows, registry
from auroranet.assistant.registry import AssistantIn
from auroranet.assistant.schemas import HandoverOut, MessageIn, MessageOut, ReplyOut, ReturnIn, StartIn, StartOut
from auroranet.errors import NotFoundError
from auroranet.livechat import api as livechat_api

PREFIX = "/assistant/v1"
router = APIRouter(tags=["assistant"], dependencies=[IpLimited])
GONE = "Unknown or expired conversation."


@router.post(f"{PREFIX}/conversations", summary="Start a conversation with the built-in assistant")
async def start(body: StartIn, rt: RuntimeDep) -> StartOut:
    cid, replies = await run_limited(rt, lambda: flows.start(rt, body.lang), limited=False)
    return StartOut(conversation_id=cid, replies=[ReplyOut.of(r) for r in replies])


@router.post(f"{PREFIX}/conversations/{{conversation_id}}/messages", summary="Say something to the assistant",
             responses={404: {"description": GONE}})
async def send(conversation_id: str, body: MessageIn, request: Request, rt: RuntimeDep) -> MessageOut:
    base = str(request.base_url)
    turn = await run_limited(rt, lambda: flows.message(rt, conversation_id, body.text, base_url=base,
                                                       share=body.share))
    if turn is None:
        raise HTTPException(404, GONE)
    return MessageOut(replies=[ReplyOut.of(r) for r in turn.replies],
                      handover=HandoverOut.model_validate(turn.handover) if turn.handover else None,
                      ended=turn.ended, lang=turn.lang)


@router.post(f"{PREFIX}/conversations/{{conversation_id}}/return", status_code=204,
             summary="A connected assistant hands the person back", responses={404: {"description": GONE}})
async def take_back(conversation_id: str, body: ReturnIn, rt: RuntimeDep) -> Response:
    ok = await run_limited(rt, lambda: flows.take_back(rt, conversation_id, body.return_token, body.summary),
                           limited=False)
    if not ok:
        raise HTTPException(404, GONE)
    return Response(status_code=204)


admin = APIRouter(prefix="/admin/assistants", tags=["admin"], dependencies=ADMIN)


@admin.get("", summary="Connected assistants")
async def admin_list(rt: RuntimeDep) -> list[AssistantIn]:
    return await run_limited(rt, lambda: registry.listed(rt.db), limited=False)


@admin.put("/{assistant_id}", summary="Register or replace a connected assistant")
async def admin_put(assistant_id: str, body: AssistantIn, rt: RuntimeDep) -> AssistantIn:
    if body.id != assistant_id:
        raise HTTPException(400, "The id in the path and the body differ.")
    def put() -> None:
        with rt.writes:
            registry.add(rt.db, body, life_events=rt.life_events)

    await run_limited(rt, put, limited=False)
    return body


@admin.delete("/{assistant_id}", status_code=204, summary="Remove a connected assistant")
async def admin_delete(assistant_id: str, rt: RuntimeDep) -> Response:
    def remove() -> None:
        with rt.writes:
            registry.remove(rt.db, assistant_id)

    try:
        await run_limited(rt, remove, limited=False)
    except NotFoundError as exc:
        raise HTTPException(404, exc.message) from None
    return Response(status_code=204)


def mount(app: FastAPI) -> None:
    app.include_router(router)
    app.include_router(admin)
    livechat_api.mount(app)
