"""A chat as server-sent events, for the person's panel and the staff page alike.

The stream polls the database (``livechat_poll_seconds``), so it works across ``serve --workers``
processes; it sends each new line once (``id:`` is the line's number: a reconnecting ``EventSource``
sends ``Last-Event-ID`` and gets only what it missed), a ``status`` event when the chat's status
changes, and ends when the chat closes or after ``livechat_stream_seconds`` (the client reconnects).
No lock is held while waiting.

    event: line     data: {"id": 7, "author": "staff", "text": "Hei!", "name": "Maija"}
    event: status   data: {"status": "active", "name": "Maija"}
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import AsyncIterator, Callable

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from auroranet.livechat import service as chats
from auroranet.runtime import Runtime

Render = Callable[[chats.Line, str | None], dict[str, object] | None]
HEADERS = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}


def cursor(request: Request) -> int:
    raw = request.headers.get("last-event-id") or request.query_params.get("after") or "0"
    return int(raw) if raw.isdigit() and len(raw) < 12 else 0


def _event(kind: str, data: dict[str, object], eid: int | None = None) -> str:
    head = f"id: {eid}\n" if eid is not None else ""
    return f"{head}event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


async def stream(rt: Runtime, request: Request, public_id: str, render: Render) -> AsyncIterator[str]:
    after, last = cursor(request), None
    deadline = time.monotonic() + rt.settings.livechat_stream_seconds
    yield "retry: 2000\n\n"
    while True:
        got = await run_in_threadpool(chats.news, rt, public_id, after)
        status = got.status if got is not None else "closed"
        for line in got.lines if got is not None else []:
            after = line.id
            shown = render(line, got.staff_name if got is not None else None)
            if shown is not None:
                yield _event("line", shown, line.id)
        if status != last:
            last = status
            yield _event("status", {"status": status, "name": got.staff_name if got else None})
        if status == "closed" or time.monotonic() > deadline or await request.is_disconnected():
            return
        await asyncio.sleep(rt.settings.livechat_poll_seconds)
