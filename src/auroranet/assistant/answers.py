"""Services inside the conversation: the assistant asks the network's own use cases (``usecases.recommend``
``search`` and ``recommend``; the ranking is theirs) and turns their answer into a chat reply whose
services carry their explanations (``search.explain_text``) and whose urgent help comes first.

    reply = found_by_search(rt, "tarvitsen asumistukea", lang="fi", municipality_code="564", offset=0)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from auroranet.assistant.messages import say, suggestion
from auroranet.assistant.rephrase import Fact, rephrased
from auroranet.engine.contract import RecommendQuery, SearchQuery, ServiceFilters
from auroranet.i18n import pick
from auroranet.runtime import Runtime
from auroranet.safety import UrgentHelp
from auroranet.search.explain_text import render_explanation
from auroranet.search.service import searchable
from auroranet.usecases import recommend as uc
from auroranet.usecases.caller import WEB
from auroranet.usecases.recommend import Answer
from auroranet.vocab import meter_name

PAGE = 3
PATH = "/assistant"


@dataclass
class ServiceItem:
    id: str
    name: str
    summary: str
    url: str
    why: list[str]


@dataclass
class Reply:
    text: str
    services: list[ServiceItem] = field(default_factory=list)
    urgent_help: list[UrgentHelp] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)


def place_name(rt: Runtime, code: str | None, lang: str) -> str:
    if not code:
        return ""
    return pick(rt.catalogue().reference.municipalities.get(code, {}), lang) or code


def _items(rt: Runtime, answer: Answer, lang: str) -> list[ServiceItem]:
    names = rt.catalogue().reference.municipalities
    out = []
    for hit in answer.hits:
        svc = answer.services.get(hit.service_id)
        if svc is None:
            continue
        out.append(ServiceItem(id=svc.id, name=pick(svc.names, lang), summary=pick(svc.summary, lang),
                               url=f"/service/{svc.id}?lang={lang}",
                               why=render_explanation(hit.explanation, lang, municipality_names=names)))
    return out


def reply_for(rt: Runtime, answer: Answer, lang: str, municipality_code: str | None) -> Reply:
    items = _items(rt, answer, lang)
    if not items:
        return Reply(say("nothing_found", lang), urgent_help=answer.urgent_help,
                     suggestions=[suggestion("checkin", lang), suggestion("person", lang)])
    place = place_name(rt, municipality_code, lang)
    template = say("found", lang, where=say("where", lang, place=place) if place else "")
    facts = [Fact(i.name, i.summary, i.url) for i in items]
    return Reply(rephrased(rt, template, facts, lang), items, answer.urgent_help,
                 [suggestion("more", lang), suggestion("person", lang)])


def _filters(municipality_code: str | None) -> ServiceFilters:
    return ServiceFilters(municipality_codes=(municipality_code,)) if municipality_code else ServiceFilters()


def search_answer(rt: Runtime, text: str, *, lang: str, municipality_code: str | None, offset: int) -> Answer:
    """Hits up to this page, searched once; ``page_of`` keeps the page."""
    q = SearchQuery(text=text, filters=_filters(municipality_code), lang=lang, limit=offset + PAGE)
    # A message of punctuation or control characters only finds nothing (and is "not understood"),
    # rather than being refused by the engine.
    return uc.search(rt, q, caller=WEB, path=PATH, record_unmet=offset == 0, nothing_to_search=not searchable(text))


def page_of(answer: Answer, offset: int) -> Answer:
    answer.hits = answer.hits[offset:offset + PAGE]
    return answer


def found_by_search(rt: Runtime, text: str, *, lang: str, municipality_code: str | None, offset: int = 0) -> Reply:
    answer = page_of(search_answer(rt, text, lang=lang, municipality_code=municipality_code, offset=offset), offset)
    return reply_for(rt, answer, lang, municipality_code)


def has_matches(answer: Answer) -> bool:
    """The search matched words of the text (not only the embedding's nearest guess)."""
    return any(h.explanation.matched_terms or h.explanation.bridged_terms for h in answer.hits)


def found_by_profile(rt: Runtime, meters: dict[str, float], *, lang: str, age: int | None,
                     municipality_code: str | None, life_event: str | None) -> Reply:
    q = RecommendQuery(meters=meters, filters=_filters(municipality_code), age=age,
                       municipality_code=municipality_code, life_event=life_event, lang=lang, limit=PAGE)
    answer = uc.recommend(rt, q, caller=WEB, path=PATH)
    return reply_for(rt, answer, lang, municipality_code)


def understood(needs: list[str], lang: str) -> str:
    return say("understood", lang, items=", ".join(meter_name(k, lang) for k in needs)) if needs else ""
