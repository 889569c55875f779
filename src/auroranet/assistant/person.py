"""Hand-over to a person, inside the assistant's conversation.

"Talk to a person" (or a message the assistant could not help with) looks for the desk that serves the
person (``livechat.desks.best_desk``). An open desk is offered with its closing time, and the person
may tick "this conversation with the assistant" to let the staff member read it (nothing is ticked in
advance; ``share`` must name ``transcript``). A closed desk gives its phone number, when it opens and,
when the desk names a service that takes referrals, a contact request. No desk: the phone advice.

While the person is with a desk (stage ``person``), what they write goes to the chat and the assistant
stays quiet; "stop" leaves, and when the staff member closes the chat the assistant takes over again.
The staff member's lines reach the person through the stream (``livechat.api``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from auroranet.assistant.answers import Reply
from auroranet.assistant.messages import say, suggestion
from auroranet.livechat import desks
from auroranet.livechat import service as chats
from auroranet.referrals.service import accepting_services

if TYPE_CHECKING:
    from auroranet.assistant.flows import Ctx

TRANSCRIPT = "transcript"
KEEP_LINES = 20  # the bot part kept in the sealed state, for the person to pass on if they want
LEAVE = re.compile(r"^\s*(lopeta|lopetan|poistu|avsluta|sluta|stop|leave|quit|exit)\b", re.IGNORECASE)
DAYS = {"fi": ("ma", "ti", "ke", "to", "pe", "la", "su"), "sv": ("mån", "tis", "ons", "tor", "fre", "lör", "sön"),
        "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}


def remember(state: dict[str, Any], who: str, text: str) -> None:
    lines = state.setdefault("transcript", [])
    lines.append({"who": who, "text": text[:500]})
    del lines[:-KEEP_LINES]


def _basics(lang: str) -> list[str]:
    return [suggestion("find", lang), suggestion("checkin", lang), suggestion("person", lang)]


def _find(ctx: "Ctx", text: str) -> desks.Found | None:
    st = ctx.state
    return desks.best_desk(ctx.rt.db, text=text, lang=ctx.lang, municipality_code=st.get("municipality_code"),
                           needs=tuple(st.get("needs") or ()))


def offer(ctx: "Ctx", text: str) -> list[Reply]:
    """The person asked for a person."""
    lang, found = ctx.lang, _find(ctx, text)
    if found is None:
        return [Reply(say("person_phone", lang), suggestions=[suggestion("find", lang)])]
    d, name = found.desk, found.desk.name(lang)
    base = {"desk_id": d.id, "name": name, "phone": d.phone, "assistant_id": None}
    if not found.status.open:
        when = found.status.next_open
        nxt = say("person_next", lang, when=f"{DAYS[lang][when.weekday()]} {when:%d.%m. %H:%M}") if when else ""
        parts = [say("person_closed", lang, name=name, next=nxt)]
        if d.phone:
            parts.append(say("person_call", lang, phone=d.phone))
        contact = None
        if d.referral_service_id and accepting_services(ctx.rt, [d.referral_service_id]):
            contact = f"/referrals/new/{d.referral_service_id}"
            parts.append(say("person_contact", lang))
        ctx.handover = {**base, "status": "person_closed", "contact_url": contact}
        return [Reply(" ".join(parts), suggestions=_basics(lang)[:2])]
    can_share = [{"key": TRANSCRIPT, "label": say("share_transcript", lang)}] if ctx.state.get("transcript") else []
    ctx.state["stage"], ctx.state["person_offer"] = "person_offer", d.id
    ctx.handover = {**base, "status": "person_offered", "can_share": can_share}
    return [Reply(say("person_offer", lang, name=name, until=found.status.until),
                  suggestions=[suggestion("yes", lang), suggestion("no", lang)])]


def can_help(ctx: "Ctx", text: str) -> list[Reply]:
    """After "I did not understand": an open desk is mentioned."""
    found = _find(ctx, text)
    if found is None or not found.status.open:
        return []
    return [Reply(say("person_can_help", ctx.lang, name=found.desk.name(ctx.lang)),
                  suggestions=[suggestion("person", ctx.lang)])]


def answer_offer(ctx: "Ctx", yes: bool) -> list[Reply]:
    lang, st = ctx.lang, ctx.state
    desk_id, st["person_offer"], st["stage"] = st.pop("person_offer", None), None, "idle"
    desk = desks.get(ctx.rt.db, desk_id) if yes and desk_id else None
    if desk is None:
        return [Reply(say("person_declined", lang), suggestions=_basics(lang))]
    shared = TRANSCRIPT in ctx.share and bool(st.get("transcript"))
    pid = chats.open_chat(ctx.rt, cid=ctx.cid, desk=desk, lang=lang,
                          transcript=list(st["transcript"]) if shared else None)
    st["stage"], st["chat"] = "person", pid
    ctx.handover = _live(ctx, desk.name(lang), "person_waiting", desk.id, [TRANSCRIPT] if shared else [])
    return [Reply(say("person_queued", lang, name=desk.name(lang)))]


def _live(ctx: "Ctx", name: str, status: str, desk_id: str, shared: list[str] | None = None,
          staff: str | None = None) -> dict[str, Any]:
    return {"status": status, "desk_id": desk_id, "assistant_id": None, "name": name, "staff_name": staff,
            "chat_id": ctx.state.get("chat"), "shared": shared or [],
            "events_url": f"/assistant/v1/conversations/{ctx.cid}/live"}


def relay(ctx: "Ctx", text: str) -> list[Reply]:
    """A message while the person is with a desk: to the chat, or leaving it."""
    lang, st = ctx.lang, ctx.state
    pid = str(st.get("chat") or "")
    if LEAVE.match(text):
        chats.person_leaves(ctx.rt, ctx.cid, pid)
        st["stage"], st["chat"] = "idle", None
        return [Reply(say("person_left", lang), suggestions=_basics(lang))]
    view = chats.person_says(ctx.rt, ctx.cid, pid, text)
    if view is None or view.status == "closed":
        st["stage"], st["chat"] = "idle", None
        return [Reply(say("person_ended", lang), suggestions=_basics(lang))]
    status = "person_active" if view.status == "active" else "person_waiting"
    ctx.handover = _live(ctx, view.desk_name.get(lang) or view.desk_name.get("fi", ""), status, view.desk_id,
                         staff=view.staff_name)
    return []
