"""Render an Explanation as short sentences in fi, sv or en."""

from __future__ import annotations

from auroranet.audience.infer import render_audience
from auroranet.engine.contract import Explanation
from auroranet.vocab import meter_name

_T = {
    "needs": {"fi": "Vastaa tarpeeseesi: {items}", "sv": "Svarar på ditt behov: {items}", "en": "Serves your need: {items}"},
    "terms": {"fi": "Osuvat sanat: {items}", "sv": "Matchande ord: {items}", "en": "Matching words: {items}"},
    "national": {"fi": "valtakunnallinen palvelu", "sv": "riksomfattande tjänst", "en": "nationwide service"},
    "municipality": {"fi": "saatavilla kunnassa {code}", "sv": "tillgänglig i kommunen {code}", "en": "available in municipality {code}"},
    "admitted": {"fi": "Mukana, koska: {items}", "sv": "Med eftersom: {items}", "en": "Included because: {items}"},
    "semantic": {"fi": "Sisältö vastaa hakuasi", "sv": "Innehållet motsvarar din sökning", "en": "Its content matches your search"},
    "label": {"fi": "Asiantuntijat ovat liittäneet palvelun tähän tarpeeseen", "sv": "Experter har kopplat tjänsten till detta behov", "en": "Experts have linked this service to this need"},
}


def _admitted(key: str, lang: str) -> str:
    kind, _, value = key.partition(":")
    if kind == "national":
        return _T["national"][lang]
    if kind == "municipality":
        return _T["municipality"][lang].format(code=value)
    return key


def render_explanation(expl: Explanation, lang: str = "fi") -> list[str]:
    lang = lang if lang in ("fi", "sv", "en") else "fi"
    out: list[str] = []
    if expl.needs:
        items = ", ".join(f"{meter_name(k, lang)} {v:g}/10" for k, v in expl.needs)
        out.append(_T["needs"][lang].format(items=items))
    if expl.sources.get("label"):
        out.append(_T["label"][lang])
    if expl.matched_terms:
        out.append(_T["terms"][lang].format(items=", ".join(expl.matched_terms)))
    elif expl.sources.get("dense") and not expl.needs:
        out.append(_T["semantic"][lang])
    if expl.admitted_by:
        out.append(_T["admitted"][lang].format(items=", ".join(_admitted(a, lang) for a in expl.admitted_by)))
    out.extend(render_audience(expl.audience, expl.audience_source, lang))
    return out
