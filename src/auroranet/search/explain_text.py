"""Render an Explanation as short sentences in fi, sv or en that a person can read.

* Needs: at most the three that drove the result: the lowest meter values, and only those within two
  points of the lowest (a need at 6/10 beside one at 2/10 did not drive anything).
* Words: only content words of the query (never stop words); a Swedish or English word that reached a
  Finnish service through the bridge is shown with the Finnish word it led to.
* "Its content matches your search" only for a dense match above the relevance floor (floor.py).
* Filters name municipalities, not codes; a result that is there only because of a filter says so.

    render_explanation(expl, "sv", municipality_names={"564": {"fi": "Oulu", "sv": "Uleåborg"}})
"""

from __future__ import annotations

from typing import Mapping

from auroranet.audience.infer import render_audience
from auroranet.engine.contract import Explanation
from auroranet.search.analysis import is_stopword
from auroranet.vocab import meter_name

MAX_NEEDS = 3
NEED_SPREAD = 2.0  # a need is cited when its value is at most this far above the lowest cited need

_T = {
    "needs": {"fi": "Vastaa tarpeeseesi: {items}", "sv": "Svarar på ditt behov: {items}", "en": "Serves your need: {items}"},
    "terms": {"fi": "Hakusanasi tekstissä: {items}", "sv": "Dina sökord i texten: {items}", "en": "Your search words in its text: {items}"},
    "bridged": {"fi": "{word} (suomeksi {fi})", "sv": "{word} (på finska {fi})", "en": "{word} (in Finnish {fi})"},
    "semantic": {"fi": "Palvelun kuvaus vastaa hakuasi", "sv": "Tjänstens beskrivning motsvarar din sökning",
                 "en": "The service description matches your search"},
    "label": {"fi": "Asiantuntijat ovat liittäneet palvelun tähän tarpeeseen", "sv": "Experter har kopplat tjänsten till detta behov", "en": "Experts have linked this service to this need"},
    "national": {"fi": "valtakunnallinen palvelu", "sv": "en riksomfattande tjänst", "en": "a nationwide service"},
    "municipality": {"fi": "tarjolla kunnassa {name}", "sv": "erbjuds i {name}", "en": "offered in {name}"},
    "available": {"fi": "Rajauksesi mukaan: {items}", "sv": "Enligt ditt urval: {items}", "en": "Within your filter: {items}"},
    "curated": {"fi": "Suosittelija: {items}", "sv": "Rekommenderas av {items}", "en": "Recommended by {items}"},
    "similar": {"fi": "Samankaltaisessa tilanteessa olleet ihmiset ovat pitäneet tätä hyödyllisenä",
                "sv": "Personer i en liknande situation har haft nytta av den här",
                "en": "People in a similar situation found this useful"},
    "doing_well": {"fi": "Mittarisi ovat hyvällä tasolla: tämä on yleinen ehdotus",
                   "sv": "Dina mätare ligger på en god nivå: det här är ett allmänt förslag",
                   "en": "Your meters are all at a good level: this is a general suggestion"},
    "only_filter": {"fi": "Näytetään vain rajauksesi perusteella: {items}", "sv": "Visas endast på grund av ditt urval: {items}",
                    "en": "Shown only because of your filter: {items}"},
}
_AND = {"fi": "ja", "sv": "och", "en": "and"}


def _join(items: list[str], lang: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {_AND[lang]} {items[-1]}"


def _place(code: str, lang: str, names: Mapping[str, Mapping[str, str]] | None) -> str:
    n = (names or {}).get(code) or {}
    return n.get(lang) or n.get("fi") or code


def _admitted(key: str, lang: str, names: Mapping[str, Mapping[str, str]] | None) -> str | None:
    kind, _, value = key.partition(":")
    if kind == "national":
        return _T["national"][lang]
    if kind == "municipality":
        return _T["municipality"][lang].format(name=_place(value, lang, names))
    return None  # an unknown machine key is never shown to a person


def driving_needs(needs: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """The needs that drove a result: the lowest values, at most three, within NEED_SPREAD of the lowest."""
    if not needs:
        return []
    ordered = sorted(needs, key=lambda kv: (kv[1], kv[0]))
    low = ordered[0][1]
    return [(k, v) for k, v in ordered if v <= low + NEED_SPREAD][:MAX_NEEDS]


def _bridged(expl: Explanation, lang: str) -> list[str]:
    """The Finnish words the bridge found, each once, with the query words that led to them together:
    "student housing (in Finnish asuminen, asunnot)", not one line per pair; a query word met in the text
    itself needs no translation."""
    direct = set(expl.matched_terms)
    by_fi: dict[str, list[str]] = {}
    plain: list[str] = []
    for q, fi in expl.bridged_terms:
        if is_stopword(fi) or (q and is_stopword(q)) or q in direct:
            continue
        if not q or q == fi:
            plain.append(fi)
        elif q not in by_fi.setdefault(fi, []):
            by_fi[fi].append(q)
    groups: dict[tuple[str, ...], list[str]] = {}
    for fi, qs in by_fi.items():
        groups.setdefault(tuple(qs), []).append(fi)
    return plain + [_T["bridged"][lang].format(word=" ".join(qs), fi=", ".join(fis)) for qs, fis in groups.items()]


def render_explanation(expl: Explanation, lang: str = "fi",
                       municipality_names: Mapping[str, Mapping[str, str]] | None = None) -> list[str]:
    lang = lang if lang in ("fi", "sv", "en") else "fi"
    out: list[str] = []
    curators = [n.get(lang) or n.get("fi") or next(iter(n.values()), "") for n in expl.curated_by]
    if any(curators):
        out.append(_T["curated"][lang].format(items=_join([c for c in dict.fromkeys(curators) if c], lang)))
    needs = driving_needs(expl.needs)
    if expl.doing_well:
        out.append(_T["doing_well"][lang])
    elif needs:
        out.append(_T["needs"][lang].format(items=", ".join(f"{meter_name(k, lang)} {v:g}/10" for k, v in needs)))
    if expl.sources.get("label"):
        out.append(_T["label"][lang])
    words = list(dict.fromkeys([*(w for w in expl.matched_terms if not is_stopword(w)), *_bridged(expl, lang)]))
    if words:
        out.append(_T["terms"][lang].format(items=", ".join(words[:6])))
    elif expl.sources.get("dense_floor") and not needs:
        out.append(_T["semantic"][lang])
    places = [p for p in (_admitted(a, lang, municipality_names) for a in expl.admitted_by) if p]
    if places:
        key = "available" if out else "only_filter"
        out.append(_T[key][lang].format(items=_join(list(dict.fromkeys(places)), lang)))
    if expl.similar_people:
        out.append(_T["similar"][lang])
    out.extend(render_audience(expl.audience, expl.audience_source, lang))
    return out
