"""``/profile/official``: fill in from official records (signed in only). Per source: what it gives and
for what use, a consent box (never pre-ticked), the values with source and date, a correction and a
removal per value, and withdrawal (the values go with the consent).

    GET  /profile/official
    POST /profile/official/{source}/fill        consent=yes (CSRF); the source is asked only then
    POST /profile/official/{source}/withdraw
    POST /profile/official/values/{field}       action=correct&value=... | action=remove

A source that is down, slow, answers 404 or sends something unreadable gives a page saying so (5xx/404
status, never an unhandled error) and nothing is written.
"""

from __future__ import annotations

import logging
import weakref
from datetime import timedelta

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from auroranet.db.core import utcnow
from auroranet.errors import InputError
from auroranet.i18n import pick
from auroranet.identity.personcode import take as person_code
from auroranet.identity.principal import Principal
from auroranet.official import flows
from auroranet.official.messages import MESSAGES
from auroranet.official.sources import INSTITUTION_TYPES, SOURCES, STUDY_LEVELS, SourceError, SourceName
from auroranet.official.store import Held, Value
from auroranet.official.uses import FIELD_SOURCE, USES
from auroranet.network.robustness import TokenBucket
from auroranet.runtime import Runtime
from auroranet.web.messages import register
from auroranet.web.page import Page, local_date, municipality_code

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)
PATH = "/profile/official"
STATUS = {"unavailable": 503, "timeout": 504, "not_found": 404, "malformed": 502, "refused": 502}
FILLS_PER_MINUTE = 6  # per person: the registers are asked on each fill
_fills: "weakref.WeakKeyDictionary[Runtime, TokenBucket]" = weakref.WeakKeyDictionary()


def _limited(rt: Runtime, subject: str) -> bool:
    bucket = _fills.get(rt)
    if bucket is None:
        bucket = _fills[rt] = TokenBucket(FILLS_PER_MINUTE)
    return bucket.take(subject) > 0


def mount(app: FastAPI, rt: Runtime) -> None:
    register(MESSAGES)
    app.include_router(router)


def shown(page: Page, held: Held) -> str:
    """A value as the person reads it."""
    v = held.value
    if held.field == "municipality_code" and isinstance(v, str):
        return pick(page.reference.municipalities.get(v, {}), page.lang) or v
    if isinstance(v, bool):
        return page.t("off_yes" if v else "off_no")
    if held.field == "study_level" and isinstance(v, str):
        return page.t(f"lvl_{v}")
    if held.field == "institution_type" and isinstance(v, str):
        return page.t(f"inst_{v}")
    return "" if v is None else str(v)


async def _show(page: Page, who: Principal, *, status: int = 200, error: str | None = None,
                error_source: str | None = None, notice: str | None = None) -> Response:
    rt = page.runtime
    over = await run_in_threadpool(flows.overview, rt, who.subject)
    until = local_date(utcnow() + timedelta(days=rt.settings.consent_standing_days))
    return await page.render(
        "official/index.html", status=status, sources=flows.available(rt), uses=USES, held=over.held,
        consented=over.consented, has_code=person_code(page.session, rt.settings, who.subject) is not None,
        until=until, error=error, error_source=error_source, notice=notice, shown=lambda h: shown(page, h),
        levels=STUDY_LEVELS, institutions=INSTITUTION_TYPES,
        municipalities=sorted(pick(n, page.lang) for n in page.reference.municipalities.values()))


async def _who(page: Page) -> Principal | Response:
    return await page.signed_in(PATH)


def _source(rt: Runtime, name: str) -> SourceName | None:
    for src in SOURCES:
        if src == name and src in flows.available(rt):
            return src
    return None


@router.get(PATH)
async def index(request: Request) -> Response:
    page, who = await Page.opened_by(request, _who)
    if isinstance(who, Response):
        return who
    key = {"filled": "off_filled_ok", "withdrawn": "off_withdrawn_ok", "saved": "off_saved_ok"}.get(
        request.query_params.get("done", ""))
    return await _show(page, who, notice=page.t(key) if key else None)


@router.post(PATH + "/{name}/fill")
async def fill(request: Request, name: str) -> Response:
    page, who, form = await Page.posted_by(request, _who)
    if isinstance(who, Response):
        return who
    rt = page.runtime
    source = _source(rt, name)
    if source is None:
        return await page.error(404, "not_found")
    if form.get("consent") != "yes":
        return await _show(page, who, status=400, error=page.t("off_consent_needed"), error_source=source)
    if _limited(rt, who.subject):
        return await page.error(429, "rate_limited")
    code = person_code(page.session, rt.settings, who.subject)
    if code is None:
        return await _show(page, who, status=409, error=page.t("off_no_code"), error_source=source)
    try:
        await run_in_threadpool(flows.fill, rt, who.subject, source, code)
    except SourceError as exc:
        log.warning("official source failed", extra={"source": source, "kind": exc.kind})
        return await _show(page, who, status=STATUS[exc.kind], error=page.t(f"off_err_{exc.kind}"),
                           error_source=source)
    return await page.redirect(f"{PATH}?done=filled#src-{source}")


@router.post(PATH + "/{name}/withdraw")
async def withdraw(request: Request, name: str) -> Response:
    page, who, form = await Page.posted_by(request, _who)
    if isinstance(who, Response):
        return who
    source = next((s for s in SOURCES if s == name), None)
    if source is None or not await run_in_threadpool(flows.withdraw, page.runtime, who.subject, source):
        return await page.error(404, "not_found")
    return await page.redirect(f"{PATH}?done=withdrawn#src-{source}")


@router.post(PATH + "/values/{field}")
async def change(request: Request, field: str) -> Response:
    page, who, form = await Page.posted_by(request, _who)
    if isinstance(who, Response):
        return who
    if field not in FIELD_SOURCE:
        return await page.error(404, "not_found")
    rt = page.runtime
    if form.get("action") == "remove":
        ok = await run_in_threadpool(flows.remove, rt, who.subject, field)
    else:
        raw = form.get("value", "")[:100]
        mun = municipality_code(page.reference, raw) if field == "municipality_code" and raw.strip() else None
        try:
            value: Value = flows.parse_value(field, raw, municipality=mun)
        except InputError:
            return await _show(page, who, status=400, error=page.t("off_bad_value", name=page.t(f"fld_{field}")),
                               error_source=FIELD_SOURCE[field])
        ok = await run_in_threadpool(flows.correct, rt, who.subject, field, value)
    if not ok:
        return await page.error(404, "not_found")
    return await page.redirect(f"{PATH}?done=saved#src-{FIELD_SOURCE[field]}")
