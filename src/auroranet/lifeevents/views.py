"""The life-event pages: the list, and one life event with its steps, each step's services for the chosen
municipality and ticks for what is done (kept in the session, or in the profile when signed in). Printable
(a print stylesheet).

The start, results and search pages show a link or a suggestion through the partials in
``web/templates/lifeevents/``; their Jinja globals read the runtime's life events from the page's context
(``runtime``, set by ``Page.render``).
"""

from __future__ import annotations

from typing import Any, Mapping

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from jinja2 import pass_context
from jinja2.runtime import Context
from starlette.concurrency import run_in_threadpool

from auroranet.errors import NotFoundError
from auroranet.i18n import pick
from auroranet.lifeevents.messages import MESSAGES
from auroranet.lifeevents.model import LifeEvent
from auroranet.lifeevents.service import life_event_path, suggest_for_answers, suggest_for_text
from auroranet.runtime import Runtime
from auroranet.web import messages
from auroranet.web.page import Page, env, municipality_code
from auroranet.web.present import service_view

router = APIRouter(include_in_schema=False)
MAX_DONE = 30


def mount(app: FastAPI, rt: Runtime) -> None:
    messages.register(MESSAGES)
    env.globals.update(life_events_all=_all, life_events_for_answers=_for_answers, life_events_for_text=_for_text)
    app.include_router(router)


def _events(ctx: Context) -> Mapping[str, LifeEvent]:
    rt = ctx.get("runtime")
    return rt.life_events if isinstance(rt, Runtime) else {}


@pass_context
def _all(ctx: Context) -> list[LifeEvent]:
    return list(_events(ctx).values())


@pass_context
def _for_answers(ctx: Context) -> list[LifeEvent]:
    meters: Mapping[str, float] = ctx.get("meters") or {}
    return suggest_for_answers(_events(ctx), meters)


@pass_context
def _for_text(ctx: Context) -> list[LifeEvent]:
    values = ctx.get("values") or {}
    return suggest_for_text(_events(ctx), str(values.get("q", ""))[:200])


@router.get("/life-events")
async def index(request: Request) -> Response:
    page = await Page.open(request)
    return await page.render("lifeevents/index.html", events=list(page.runtime.life_events.values()))


def _profile_progress(rt: Runtime, subject: str) -> dict[str, list[str]]:
    from auroranet.profile.models import Profile
    from auroranet.profile.service import life_event_progress

    with rt.db.session() as s:
        return life_event_progress(rt.settings, s.get(Profile, subject))


def _save_progress(rt: Runtime, subject: str, event_id: str, done: list[str]) -> None:
    from auroranet.profile.service import save_life_event_progress

    with rt.writes, rt.db.session() as s:
        save_life_event_progress(s, rt.settings, subject, event_id, done)


async def _done(page: Page, event_id: str) -> set[str]:
    """The ticked steps: from the profile when signed in (ticks made before signing in count until the
    first save), else from the session."""
    in_session = set((page.session.get("le_done") or {}).get(event_id, []))
    who = page.principal
    if who is None:
        return in_session
    saved = await run_in_threadpool(_profile_progress, page.runtime, who.subject)
    return set(saved[event_id]) if event_id in saved else in_session


@router.get("/life-events/{event_id}")
async def life_event_page(request: Request, event_id: str) -> Response:
    page = await Page.open(request)
    rt = page.runtime
    raw = request.query_params.get("municipality", "").strip()[:100]
    error = None
    code: str | None = None
    if raw:
        code = municipality_code(page.reference, raw)
        if code is None:
            error = page.t("municipality_invalid")
        else:
            page.session["le_mun"] = code
    elif "municipality" not in request.query_params:
        code = page.session.get("le_mun") or (page.session.get("bg") or {}).get("mun")
    _, answers, bg = page.current()  # the steps' conditions read the age and the questionnaire's answers
    age = bg.get("age")
    try:
        ans = await page.engine_call(lambda: life_event_path(rt, event_id[:64], municipality_code=code, age=age,
                                                             answers=answers))
    except NotFoundError:
        return await page.error(404, "not_found")
    ref = page.reference
    views = {sid: service_view(svc, ans.channels, page.lang, page.t, ref.municipalities)
             for sid, svc in ans.services.items()}
    mun_name = pick(page.reference.municipalities.get(code or "", {}), page.lang) if code else ""
    done = await _done(page, event_id)
    steps: list[dict[str, Any]] = []
    for n, rs in enumerate(ans.path.steps, start=1):
        prev = ans.path.steps[n - 2].step.group if n > 1 else None
        steps.append(dict(n=n, step=rs.step, services=[(views[s], i < rs.local) for i, s in enumerate(rs.service_ids)
                                                       if s in views],
                          alternative=bool(rs.step.group and rs.step.group == prev), done=rs.step.id in done))
    related = [rt.life_events[r] for r in ans.path.event.related if r in rt.life_events]
    refs = await run_in_threadpool(_accepting, rt, [sid for rs in ans.path.steps for sid in rs.service_ids])
    return await page.render("lifeevents/event.html", status=400 if error else 200, ev=ans.path.event, steps=steps,
                             municipality=raw or mun_name, municipality_error=error, related=related,
                             done_count=sum(1 for s in steps if s["done"]), accepting=refs,
                             municipalities=sorted(pick(n, page.lang) for n in page.reference.municipalities.values()))


def _accepting(rt: Runtime, service_ids: list[str]) -> set[str]:
    from auroranet.referrals.service import accepting_services

    return accepting_services(rt, service_ids)


@router.post("/life-events/{event_id}/done")
async def save_done(request: Request, event_id: str) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    ev = page.runtime.life_events.get(event_id)
    if ev is None:
        return await page.error(404, "not_found")
    ticked = [s for s in await page.form_list("done") if ev.step(s) is not None][:MAX_DONE]
    all_done = dict(page.session.get("le_done") or {})
    who = page.principal
    if who is not None:  # signed in: kept in the profile (sealed), on every device
        await run_in_threadpool(_save_progress, page.runtime, who.subject, ev.id, sorted(set(ticked)))
        all_done.pop(ev.id, None)
    else:
        all_done[ev.id] = sorted(set(ticked))
    page.session["le_done"] = all_done
    return await page.redirect(f"/life-events/{ev.id}#steps-h")
