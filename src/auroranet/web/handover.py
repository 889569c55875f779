"""The consented hand-over in the web app: the consent page lists exactly what could go to whom (one
line per value, nothing ticked, the receiver's privacy notice linked, the share button counting the
ticked items), and the posted form sends only the ticked values through the one hand-over use case, then
follows the tracked link with the single-use token (nothing ticked: the service opens, nothing is shared)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from auroranet.consent.views import remember_receipt
from auroranet.i18n import pick
from auroranet.usecases import handover as uc
from auroranet.usecases.caller import WEB
from auroranet.usecases.links import link_targets, tracking_key, tracking_url
from auroranet.usecases.recommend import shown_single
from auroranet.usecases.records import records_for
from auroranet.vocab import meter_name
from auroranet.web.page import Page
from auroranet.web.present import service_view

router = APIRouter(include_in_schema=False)


def in_recommendation(page: Page, service_id: str) -> int | None:
    rec = page.session.get("rec") or {}
    return int(rec["id"]) if rec and service_id in rec.get("ids", []) else None


def _consent_context(page: Page, service_id: str, channel_id: str) -> dict[str, Any] | None:
    services, channels = records_for(page.runtime, [service_id[:64]])
    svc = services.get(service_id)
    if svc is None or channel_id not in svc.channel_ids or channel_id not in channels:
        return None
    receiver = uc.receiver(page.runtime, channel_id)
    if receiver is None or not link_targets(channels[channel_id]):
        return None
    q, answers, bg = page.current()
    meters = q.meters(answers) if q else {}
    ref = page.reference
    mun = bg.get("mun")
    items = uc.consent_items(
        receivable=receiver.receivable_attributes, age=bg.get("age"),
        municipality=(mun, pick(ref.municipalities.get(mun, {}), page.lang) or mun) if mun else None,
        meters=meters, meter_label=lambda k, v: page.t("attr_meter", name=meter_name(k, page.lang).capitalize(),
                                                      value=f"{v:g}"))
    labels = {"age": lambda v: page.t("attr_age", value=v),
              "municipality_code": lambda v: page.t("attr_municipality", value=v)}
    for it in items:
        if it.key in labels:
            it.label = labels[it.key](it.label)
    view = service_view(svc, channels, page.lang, page.t, ref.municipalities)
    return dict(svc=view, channel_id=channel_id, receiver=receiver, items=items, meters=meters, bg=bg,
                privacy_notice=uc.privacy_notice(receiver),
                receiver_name=pick(receiver.names, page.lang) or view.name,
                receiver_provider=pick(receiver.provider, page.lang) or view.provider)


@router.get("/handover/{service_id}/{channel_id}")
async def handover_form(request: Request, service_id: str, channel_id: str) -> Response:
    page = await Page.open(request)
    ctx = _consent_context(page, service_id, channel_id)
    if ctx is None:
        return await page.error(404, "not_found")
    return await page.render("consent.html", minutes=page.settings.session_token_ttl_seconds // 60, **ctx)


@router.post("/handover/{service_id}/{channel_id}")
async def handover(request: Request, service_id: str, channel_id: str) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    ctx = _consent_context(page, service_id, channel_id)
    if ctx is None:
        return await page.error(404, "not_found")
    ticked = await page.form_list("share") if form.get("action") == "share" else []
    attrs = uc.build_attributes(ticked, available=ctx["items"], age=ctx["bg"].get("age"),
                                municipality_code=ctx["bg"].get("mun"), meters=ctx["meters"])
    rt = page.runtime
    rid = in_recommendation(page, service_id)
    if rid is None:
        sid, lang = page.session_id(), page.lang
        rid = await run_in_threadpool(lambda: shown_single(rt, service_id, caller=WEB, path="/service",
                                                           session_id=sid, lang=lang))
    token = ""
    if attrs:
        who = page.principal
        issued, receipt = await run_in_threadpool(lambda: uc.hand_over_with_receipt(
            rt, channel_id=channel_id, attributes=attrs, subject=who.subject if who else None, method="web-form"))
        token = issued.token or ""
        if receipt:
            remember_receipt(page.session, receipt)
    return await page.redirect(tracking_url("", key=tracking_key(rt), service_id=service_id, channel_id=channel_id, link_id=0,
                                      recommendation_id=rid, access_token=token))
