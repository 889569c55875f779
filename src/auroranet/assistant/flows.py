"""The built-in assistant's conversation, for every front door (the chat API and the web panel).

Each message goes, in this order: urgent help (``safety``: a crisis text is answered with the crisis
services and nothing else happens), the welcome back from another assistant, the stage the
conversation is in (a check-in question, the municipality question, an offer to pass the person on),
then the intent (``intents``) with the slots understood from the text (``slots``). Services come from
the network's use cases (``answers``); routing to a connected assistant from the registry
(``registry``, ``routing``). The state is a small dict kept encrypted by ``store``.

    cid, replies = start(rt, "fi")
    turn = message(rt, cid, "asun Oulussa ja tarvitsen asumistukea", base_url="http://host")
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auroranet.assistant import answers, person, registry, routing, slots, store
from auroranet.assistant.answers import Reply
from auroranet.assistant.intents import IntentModel
from auroranet.assistant.messages import say, suggestion
from auroranet.runtime import Runtime
from auroranet.safety import help_for_text
from auroranet.vocab import METER_KEYS, meter_name

FIRST_METERS = ("health", "housing", "finance")
CHECKIN_FIRST = 3
MAX_QUERY_CHARS = 200


@dataclass
class Turn:
    replies: list[Reply]
    handover: dict[str, Any] | None = None
    ended: bool = False
    lang: str = "fi"


@dataclass
class Ctx:
    rt: Runtime
    cid: str
    state: dict[str, Any]
    base_url: str
    share: list[str] = field(default_factory=list)
    handover: dict[str, Any] | None = None

    @property
    def lang(self) -> str:
        return str(self.state["lang"])


def new_state(lang: str) -> dict[str, Any]:
    return {"lang": lang, "stage": "idle", "age": None, "municipality_code": None, "life_event": None,
            "needs": [], "meters": {}, "queue": [], "query": None, "offset": 0, "offer": None, "away": None,
            "asked_municipality": False, "all": False, "transcript": [], "chat": None}


def _basics(lang: str) -> list[str]:
    return [suggestion("find", lang), suggestion("checkin", lang), suggestion("person", lang)]


def start(rt: Runtime, lang: str) -> tuple[str, list[Reply]]:
    cid = store.create(rt, new_state(lang))
    return cid, [Reply(say("hello", lang), suggestions=_basics(lang))]


def message(rt: Runtime, cid: str, text: str, *, base_url: str, share: list[str] | None = None) -> Turn | None:
    """One message of the person; None when the conversation is unknown or expired."""
    state = store.load(rt, cid)
    if state is None:
        return None
    ctx = Ctx(rt, cid, state, base_url, list(share or []))
    text = " ".join(text.split())[: rt.settings.assistant_max_text_chars]
    replies = _welcome_back(ctx)
    urgent = help_for_text(text, ctx.lang)
    if state.get("stage") == "person":  # with a desk: the text goes to the staff member, urgent help too
        replies += person.relay(ctx, text)
        if urgent:
            replies.insert(0, Reply(say("urgent", ctx.lang), urgent_help=urgent))
        store.save(rt, cid, state)
        return Turn(replies, ctx.handover, False, ctx.lang)
    if urgent:  # before anything else; the text is not used for anything more
        replies.append(Reply(say("urgent", ctx.lang), urgent_help=urgent, suggestions=[suggestion("person", ctx.lang)]))
        store.save(rt, cid, state)
        return Turn(replies, lang=ctx.lang)
    ended = False
    try:
        replies += _respond(ctx, text)
    except _End as end:
        replies += end.replies
        ended = True
    if ended:
        store.end(rt, cid)
    else:
        person.remember(state, "person", text)
        for r in replies:
            person.remember(state, "bot", r.text)
        store.save(rt, cid, state)
    return Turn(replies, ctx.handover, ended, ctx.lang)


class _End(Exception):
    def __init__(self, replies: list[Reply]) -> None:
        self.replies = replies


def _welcome_back(ctx: Ctx) -> list[Reply]:
    back = ctx.state.pop("back", None)
    if not back:
        return []
    return [Reply(say("welcome_back", ctx.lang, name=back["name"], summary=back["summary"]),
                  suggestions=_basics(ctx.lang))]


def _merge_slots(ctx: Ctx, text: str) -> slots.Slots:
    found = slots.extract(text, ctx.rt.catalogue().reference.municipalities, ctx.rt.life_events, ctx.lang)
    st = ctx.state
    st["age"] = found.age if found.age is not None else st["age"]
    st["municipality_code"] = found.municipality_code or st["municipality_code"]
    st["life_event"] = found.life_event or st["life_event"]
    st["needs"] = list(dict.fromkeys([*st["needs"], *found.needs]))
    return found


def _respond(ctx: Ctx, text: str) -> list[Reply]:
    guess = IntentModel.for_embedder(ctx.rt.embedder).classify(text)
    intent = guess.name
    if guess.by != "rule" and _only_slots(ctx, text):
        intent = "inform"  # "olen 23", "Oulussa": slots only, whatever the examples say
    stage = ctx.state["stage"]
    if guess.by == "rule" and intent in ("restart", "bye", "switch_language", "talk_to_person", "capabilities"):
        stage = ctx.state["stage"] = "idle"  # these leave any stage
    if stage == "checkin":
        if (out := _checkin_answer(ctx, text, intent)) is not None:
            return out
    elif stage == "more_checkin":
        if intent in ("affirm", "deny"):
            if intent == "affirm":
                ctx.state["queue"] = [k for k in METER_KEYS if k not in ctx.state["meters"]]
                ctx.state["all"] = True
                return _next_question(ctx)
            return _finish_checkin(ctx)
    elif stage == "ask_municipality":
        code = slots.municipality(ctx.rt.catalogue().reference.municipalities, text)
        if code or intent in ("deny", "inform"):
            ctx.state["municipality_code"] = code or ctx.state["municipality_code"]
            return _finish_checkin(ctx)
    elif stage == "offer":
        if intent in ("affirm", "deny"):
            return _answer_offer(ctx, intent == "affirm")
    elif stage == "person_offer":
        if intent in ("affirm", "deny"):
            return person.answer_offer(ctx, intent == "affirm")
    ctx.state["stage"] = "idle"
    return _intent(ctx, intent, text)


def _only_slots(ctx: Ctx, text: str) -> bool:
    if len(text.split()) > 4 or ctx.state["stage"] == "checkin":
        return False
    found = slots.extract(text, ctx.rt.catalogue().reference.municipalities, ctx.rt.life_events, ctx.lang)
    return (found.age is not None or found.municipality_code is not None) and not found.needs \
        and not found.life_event


def _intent(ctx: Ctx, intent: str, text: str) -> list[Reply]:
    lang, st = ctx.lang, ctx.state
    if intent == "greet":
        return [Reply(say("hello", lang), suggestions=_basics(lang))]
    if intent == "capabilities":
        return [Reply(say("capabilities", lang), suggestions=_basics(lang))]
    if intent == "thanks":
        return [Reply(say("thanks", lang), suggestions=_basics(lang))]
    if intent == "bye":
        raise _End([Reply(say("bye", lang))])
    if intent == "restart":
        ctx.state.clear()
        ctx.state.update(new_state(lang))
        return [Reply(say("restart", lang), suggestions=_basics(lang))]
    if intent == "switch_language":
        st["lang"] = slots.language(text) or lang
        return [Reply(say("language_set", ctx.lang), suggestions=_basics(ctx.lang))]
    if intent == "talk_to_person":
        return person.offer(ctx, text)
    if intent == "check_in":
        _merge_slots(ctx, text)
        return _start_checkin(ctx)
    if intent == "more":
        if not st["query"]:
            return [Reply(say("no_more", lang), suggestions=_basics(lang))]
        st["offset"] += answers.PAGE
        return [answers.found_by_search(ctx.rt, st["query"], lang=lang, municipality_code=st["municipality_code"],
                                        offset=st["offset"])]
    if intent == "inform":
        _merge_slots(ctx, text)
        return [Reply(say("affirm_idle", lang), suggestions=_basics(lang))]
    if intent == "affirm":
        return [Reply(say("affirm_idle", lang), suggestions=_basics(lang))]
    if intent == "deny":
        return [Reply(say("deny_idle", lang), suggestions=_basics(lang))]
    return _find(ctx, text, understood_intent=intent == "find_service")


def _find(ctx: Ctx, text: str, *, understood_intent: bool) -> list[Reply]:
    lang, st = ctx.lang, ctx.state
    found = _merge_slots(ctx, text)
    informative = understood_intent or found.needs or found.life_event
    answer = answers.search_answer(ctx.rt, text, lang=lang, municipality_code=st["municipality_code"], offset=0)
    if not informative and not answers.has_matches(answer):
        if found.age is not None or found.municipality_code:
            return [Reply(say("affirm_idle", lang), suggestions=_basics(lang))]  # only slots: noted
        return [Reply(say("not_understood", lang), suggestions=_basics(lang)), *person.can_help(ctx, text)]
    st["query"], st["offset"] = text[:MAX_QUERY_CHARS], 0
    reply = answers.reply_for(ctx.rt, answers.page_of(answer, 0), lang, st["municipality_code"])
    lead = answers.understood(list(found.needs), lang)
    if lead:
        reply.text = f"{lead} {reply.text}"
    return [reply, *_offer(ctx, text, found)]


def _offer(ctx: Ctx, text: str, found: slots.Slots) -> list[Reply]:
    st, lang = ctx.state, ctx.lang
    fit = registry.best_fit(ctx.rt.db, registry.Need(text=text, lang=lang, municipality_code=st["municipality_code"],
                                                     life_event=st["life_event"], needs=tuple(st["needs"])))
    if fit is None:
        return []
    items = routing.consent_items(ctx.rt, fit, st)
    name = fit.assistant.names.get(lang) or fit.assistant.names["fi"]
    events = ctx.rt.life_events
    topics = [meter_name(t, lang) if t in METER_KEYS else (events[t].names[lang] if t in events else t)
              for t in fit.topics]
    why = say("why_topic", lang, items=", ".join(topics)) + (f"; {say('why_place', lang)}" if fit.local else "") + "."
    why = why[0].upper() + why[1:]
    st["stage"] = "offer"
    st["offer"] = {"id": fit.assistant.id, "name": name, "handover_url": str(fit.assistant.handover_url),
                   "channel_id": fit.assistant.channel_id, "topics": list(fit.topics),
                   "items": [{"key": i.key, "label": i.label} for i in items]}
    listed = ", ".join(i.label for i in items) or say("route_nothing", lang)
    ctx.handover = {"status": "offered", "assistant_id": fit.assistant.id, "name": name, "why": why,
                    "can_share": st["offer"]["items"], "url": None}
    return [Reply(say("route_offer", lang, name=name, why=why, items=listed),
                  suggestions=[suggestion("yes", lang), suggestion("no", lang)])]


def _answer_offer(ctx: Ctx, yes: bool) -> list[Reply]:
    st, lang = ctx.state, ctx.lang
    offer, st["offer"], st["stage"] = st["offer"], None, "idle"
    if not yes or offer is None:
        return [Reply(say("route_declined", lang), suggestions=_basics(lang))]
    away = routing.hand_over(ctx.rt, cid=ctx.cid, base_url=ctx.base_url, offer=offer, share=ctx.share, state=st)
    if away is None:
        return [Reply(say("route_failed", lang, name=offer["name"]), suggestions=_basics(lang))]
    st["away"], st["stage"] = away, "away"
    ctx.handover = {"status": "transferred", "assistant_id": away["id"], "name": away["name"], "why": "",
                    "can_share": [], "url": away["url"], "shared": away["shared"]}
    return [Reply(say("route_done", lang, name=offer["name"]))]


def _start_checkin(ctx: Ctx) -> list[Reply]:
    st = ctx.state
    events = ctx.rt.life_events
    event = events[st["life_event"]].meters if st["life_event"] in events else ()
    order = list(dict.fromkeys([*st["needs"], *event, *FIRST_METERS]))
    st["queue"] = [k for k in order if k not in st["meters"]][:CHECKIN_FIRST]
    st["stage"] = "checkin"
    intro = Reply(say("checkin_intro", ctx.lang))
    return [intro, *_next_question(ctx)]


def _next_question(ctx: Ctx) -> list[Reply]:
    st, lang = ctx.state, ctx.lang
    if not st["queue"]:
        if not st.get("all") and len(st["meters"]) < len(METER_KEYS):
            st["stage"] = "more_checkin"
            return [Reply(say("checkin_more", lang), suggestions=[suggestion("yes", lang), suggestion("no", lang)])]
        return _finish_checkin(ctx)
    st["stage"] = "checkin"
    return [Reply(say("checkin_q", lang, meter=meter_name(st["queue"][0], lang)),
                  suggestions=["0", "5", "10", suggestion("skip", lang)])]


def _checkin_answer(ctx: Ctx, text: str, intent: str) -> list[Reply] | None:
    st = ctx.state
    value = slots.scale_answer(text, ctx.lang)
    if value is None and intent != "deny":
        return None  # not an answer: the message is handled as any other
    key = st["queue"].pop(0)
    if value is not None:
        st["meters"][key] = float(value)
    return _next_question(ctx)


def _finish_checkin(ctx: Ctx) -> list[Reply]:
    st, lang = ctx.state, ctx.lang
    if not st["municipality_code"] and not st["asked_municipality"]:
        st["asked_municipality"], st["stage"] = True, "ask_municipality"
        return [Reply(say("ask_municipality", lang), suggestions=[suggestion("skip", lang)])]
    st["stage"], st["queue"] = "idle", []
    if not st["meters"]:
        return [Reply(say("deny_idle", lang), suggestions=_basics(lang))]
    return [answers.found_by_profile(ctx.rt, dict(st["meters"]), lang=lang, age=st["age"],
                                     municipality_code=st["municipality_code"], life_event=st["life_event"])]


def take_back(rt: Runtime, cid: str, return_token: str, summary: str) -> bool:
    """A connected assistant hands the person back (the return address it was given)."""
    state = store.load(rt, cid)
    if state is None or not routing.take_back(state, return_token, summary):
        return False
    return store.save(rt, cid, state)
