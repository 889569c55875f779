"""The v2 life-event API: the list, and one life event with each step's services for a municipality.

    GET /service-recommender/v2/life_events?lang=fi
    GET /service-recommender/v2/life_events/{id}?municipality_code=564&lang=fi&age=17&answer=school:2

``age`` and ``answer`` (``<question id>:<value>``, repeatable) are what the person told; a step whose
conditions they rule out is left out (unknown facts never exclude).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from auroranet.api.deps import RuntimeDep, V2CallerDep
from auroranet.api.errors import V2, ApiError
from auroranet.api.openapi import errors
from auroranet.api.responses import json_response
from auroranet.api.v1_format import format_service
from auroranet.errors import NotFoundError
from auroranet.i18n import pick
from auroranet.lifeevents.model import LifeEvent
from auroranet.lifeevents.service import life_event_path
from auroranet.runtime import Runtime

router = APIRouter(tags=["v2"])
Lang = Literal["fi", "sv", "en"]
MAX_ANSWERS = 50
ANSWER = re.compile(r"([A-Za-z0-9_.-]{1,64}):(-?\d{1,6}|[A-Za-z0-9_.-]{1,64})")


class StepOut(BaseModel):
    id: str
    title: str
    text: str
    why: str
    optional: bool
    group: str | None
    services: list[dict[str, Any]] | None = None


class LifeEventOut(BaseModel):
    id: str
    name: str
    description: str
    audience: str
    related: list[str]
    steps: list[StepOut]


class LifeEventsOut(BaseModel):
    life_events: list[LifeEventOut]


def _event(ev: LifeEvent, lang: str, services: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    steps = []
    for s in ev.steps:
        step: dict[str, Any] = {"id": s.id, "title": pick(s.title, lang), "text": pick(s.text, lang),
                                "why": pick(s.why, lang), "optional": s.optional, "group": s.group}
        if services is not None:
            if s.id not in services:
                continue  # its condition does not hold
            step["services"] = services[s.id]
        steps.append(step)
    return {"id": ev.id, "name": pick(ev.names, lang), "description": pick(ev.descriptions, lang),
            "audience": pick(ev.audience, lang), "related": ev.related, "steps": steps}


@router.get(f"{V2}/life_events", summary="Life events and their steps",
            responses={200: {"model": LifeEventsOut}, **errors(401, 429)})
async def life_events(rt: RuntimeDep, caller: V2CallerDep, lang: str = "fi") -> Response:
    return json_response({"life_events": [_event(ev, _lang(lang)) for ev in rt.life_events.values()]})


def _lang(lang: str) -> Lang:
    if lang not in ("fi", "sv", "en"):
        raise ApiError(400, "Error in request: lang must be fi, sv or en", kind="engine_input")
    return lang  # type: ignore[return-value]


def _municipality(rt: Runtime, code: str | None) -> str | None:
    if code is None:
        return None
    known = rt.codes().municipalities
    if not re.fullmatch(r"\d{3}", code) or (known is not None and code not in known):
        raise ApiError(400, f"Error in request: unknown municipality_code {code[:10]!r}", kind="engine_input")
    return code


def _answers(raw: list[str]) -> dict[str, int | str]:
    if len(raw) > MAX_ANSWERS:
        raise ApiError(400, f"Error in request: at most {MAX_ANSWERS} answers", kind="engine_input")
    out: dict[str, int | str] = {}
    for item in raw:
        m = ANSWER.fullmatch(item)
        if m is None:
            raise ApiError(400, f"Error in request: answer must be <question id>:<value>, not {item[:40]!r}",
                           kind="engine_input")
        value = m.group(2)
        out[m.group(1)] = int(value) if value.lstrip("-").isdigit() else value
    return out


@router.get(f"{V2}/life_events/{{event_id}}", summary="A life event with each step's services for a municipality",
            responses={200: {"model": LifeEventOut}, **errors(400, 401, 404, 429)})
async def life_event(rt: RuntimeDep, caller: V2CallerDep, event_id: str,
                     municipality_code: str | None = None, lang: str = "fi",
                     age: Annotated[str | None, Query(description="the person's age, 0-130")] = None,
                     answer: Annotated[list[str], Query(description="<question id>:<value>, repeatable")] = [],
                     ) -> Response:
    lang = _lang(lang)
    answers = _answers(answer)
    if age is not None and not (age.isdigit() and len(age) <= 3 and int(age) <= 130):
        raise ApiError(400, "Error in request: age must be a whole number 0-130", kind="engine_input")
    years = int(age) if age is not None else None
    code = await run_in_threadpool(_municipality, rt, municipality_code)
    try:
        ans = await run_in_threadpool(lambda: life_event_path(rt, event_id[:64], municipality_code=code, age=years,
                                                              answers=answers))
    except NotFoundError:
        raise ApiError(404, f"Life event not found: {event_id[:64]}", kind="not_found") from None
    per_step = {rs.step.id: [format_service(ans.services[sid], ans.channels, lang=lang)
                             for sid in rs.service_ids if sid in ans.services] for rs in ans.path.steps}
    return json_response(_event(ans.path.event, lang, per_step))
