"""Live chats: a conversation handed to a desk waits in its queue, one staff member takes it, both write,
either closes it. No HTTP here; each function is one short transaction under the write lock.

* Taking is one conditional ``UPDATE … WHERE status = 'waiting'``: of two staff members taking at once,
  exactly one gets the row, the other a ``ConflictError`` (tested on PostgreSQL with two connections).
* What is written (and the bot transcript the person chose to pass on) is sealed with AES-GCM under a
  key derived from the session secret for this purpose, the chat's public id and the line as associated
  data, so a sealed line cannot be moved to another chat. The conversation is known only by its hash.
* The staff member sees the bot transcript only when the person ticked it; the transfer is a consent
  record (``consent.service.record_transfer``) in the same transaction as the chat.
* A waiting or active chat expires like a conversation, after its last line; a closed one is kept
  ``livechat_keep_closed_seconds`` for the stream to say so, then the ``assistant_purge`` job deletes it.

    pid = open_chat(rt, cid=cid, desk=desk, lang="fi", transcript=None)
    take(rt, pid, staff=Staff("subj", "Maija"), scope=Scope(frozenset({"oulu"})))
"""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.exc import IntegrityError

from auroranet.consent.service import record_transfer
from auroranet.db.core import as_utc, utcnow
from auroranet.errors import ConflictError, InputError, NotFoundError
from auroranet.identity.principal import Principal
from auroranet.livechat.desks import DeskIn
from auroranet.livechat.models import Chat, ChatMessage, Desk
from auroranet.referrals.crypto import open_or_empty
from auroranet.runtime import Runtime
from auroranet.sealing import Box
from auroranet.web.session import id_hash

Author = Literal["person", "staff", "system"]
MAX_STAFF_CHARS = 2000
MAX_LINES = 400  # per chat: a chat is a conversation, not a channel
MAX_TRANSCRIPT_LINES = 40
MAX_QUEUE = 200
TRANSCRIPT_PURPOSE = "a live chat with a person: the conversation with the assistant so far, so that the " \
                     "staff member need not ask again"


@dataclass(frozen=True)
class Scope:
    """The organisations whose desks a staff member serves; None = every one (an admin)."""

    organisations: frozenset[str] | None

    def admits(self, organisation_id: str) -> bool:
        return self.organisations is None or organisation_id in self.organisations


def scope_of(p: Principal | None) -> Scope | None:
    """None when the principal serves no desk (anonymous, a person, or staff without such a role)."""
    if p is None or p.kind != "staff":
        return None
    if any(r.name == "admin" and r.scope == "national" for r in p.roles):
        return Scope(None)
    orgs = p.organisations("provider_staff", "admin")
    return Scope(orgs) if orgs else None


@dataclass(frozen=True)
class Staff:
    subject: str
    name: str


@dataclass(frozen=True)
class Line:
    id: int
    author: str
    text: str
    at: datetime


@dataclass
class ChatView:
    public_id: str
    desk_id: str
    desk_name: dict[str, Any]
    organisation_id: str
    lang: str
    status: str
    created_at: datetime
    staff_name: str | None
    mine: bool = False
    transcript: list[dict[str, str]] | None = None
    lines: list[Line] = field(default_factory=list)


_PUBLIC_ID = re.compile(r"[0-9a-f]{24}")  # what open_chat makes
SEAL_PURPOSE = "livechat-aes-gcm-v1"  # the key of the message and transcript columns


def _sealer(rt: Runtime) -> Box:
    return Box.derive(rt.session_secret(), SEAL_PURPOSE)


def _expires(rt: Runtime) -> datetime:
    return utcnow() + timedelta(seconds=rt.settings.assistant_conversation_ttl_seconds)


def _live(c: Chat) -> bool:
    return c.status != "closed" and (as_utc(c.expires_at) or utcnow()) > utcnow()


def open_chat(rt: Runtime, *, cid: str, desk: DeskIn, lang: str,
              transcript: list[dict[str, str]] | None) -> str:
    """Put the conversation in the desk's queue (the one open chat of the conversation is kept: a retried
    or racing "yes" does not queue twice, by the partial unique index). ``transcript``: only when the
    person ticked it."""
    conv = id_hash(cid)
    try:
        return _open_chat(rt, conv, desk, lang, transcript)
    except IntegrityError:  # another "yes" of this conversation committed first: that chat is the one
        with rt.db.session() as s:
            existing = s.scalars(select(Chat).where(Chat.conversation_hash == conv, Chat.status != "closed")).first()
            if existing is None:
                raise
            return existing.public_id


def _open_chat(rt: Runtime, conv: str, desk: DeskIn, lang: str, transcript: list[dict[str, str]] | None) -> str:
    with rt.writes, rt.db.session() as s:
        existing = s.scalars(select(Chat).where(Chat.conversation_hash == conv, Chat.status != "closed")).first()
        if existing is not None and _live(existing):
            return existing.public_id
        if existing is not None:  # abandoned and expired: closed, so the new one is the open one
            existing.status, existing.closed_at = "closed", utcnow()
            s.flush()
        pid = secrets.token_hex(12)
        chat = Chat(public_id=pid, conversation_hash=conv, desk_id=desk.id, lang=lang, status="waiting",
                    expires_at=_expires(rt))
        if transcript:
            lines = [{"who": str(t["who"])[:8], "text": str(t["text"])[:2000]} for t in transcript][-MAX_TRANSCRIPT_LINES:]
            chat.transcript_enc = _sealer(rt).seal({"lines": lines}, aad=f"livechat:{pid}:transcript")
            chat.consent_id = record_transfer(
                s, recipient_id=f"org:{desk.organisation_id}", recipient_name=desk.name("en"),
                data_categories=["assistant conversation"], subject=None, method=f"livechat:{desk.id}",
                expires_at=chat.expires_at + timedelta(seconds=rt.settings.livechat_keep_closed_seconds),
                purpose=TRANSCRIPT_PURPOSE)
        s.add(chat)
        s.flush()
        return pid


def _chat(s: Session, public_id: str) -> Chat | None:
    """The chat, or None; an id that cannot be one (``secrets.token_hex(12)``) is not looked up (a NUL byte
    in it is an error on PostgreSQL, not a miss)."""
    if not _PUBLIC_ID.fullmatch(public_id):
        return None
    return s.scalars(select(Chat).where(Chat.public_id == public_id)).first()


def _write(s: Session, rt: Runtime, chat: Chat, author: Author, text: str) -> None:
    count = len(list(s.scalars(select(ChatMessage.id).where(ChatMessage.chat_id == chat.id))))
    if count >= MAX_LINES:
        raise InputError("This chat is too long; please start a new one.")
    msg = ChatMessage(chat_id=chat.id, author=author, body_enc="")
    s.add(msg)
    s.flush()
    msg.body_enc = _sealer(rt).seal({"text": text}, aad=f"livechat:{chat.public_id}:{msg.id}")
    chat.expires_at = _expires(rt)


def for_person(rt: Runtime, cid: str, public_id: str, *, lines: bool = False) -> ChatView | None:
    """The person's chat (their conversation's, by its hash), or None; ``lines``: with the chat's lines
    (never the bot transcript, which is for the staff member), for the page without JavaScript."""
    with rt.db.session() as s:
        chat = _chat(s, public_id)
        if chat is None or not hmac.compare_digest(chat.conversation_hash, id_hash(cid)):
            return None
        view = _view(rt, s, chat, lines=False)
        if lines:
            view.lines = lines_after(rt, s, chat, 0)
        return view


def person_says(rt: Runtime, cid: str, public_id: str, text: str) -> ChatView | None:
    """The person writes; None when the chat is gone. A closed or expired chat takes nothing."""
    text = " ".join(text.split())[: rt.settings.assistant_max_text_chars]
    with rt.writes, rt.db.session() as s:
        chat = _chat(s, public_id)
        if chat is None or not hmac.compare_digest(chat.conversation_hash, id_hash(cid)):
            return None
        if _live(chat) and text:
            _write(s, rt, chat, "person", text)
        return _view(rt, s, chat, lines=False)


def person_leaves(rt: Runtime, cid: str, public_id: str) -> None:
    with rt.writes, rt.db.session() as s:
        chat = _chat(s, public_id)
        if chat is not None and hmac.compare_digest(chat.conversation_hash, id_hash(cid)) and chat.status != "closed":
            _write(s, rt, chat, "system", "person_left")
            _close(rt, chat)


def _close(rt: Runtime, chat: Chat) -> None:
    chat.status, chat.closed_at = "closed", utcnow()
    chat.expires_at = utcnow() + timedelta(seconds=rt.settings.livechat_keep_closed_seconds)
    chat.transcript_enc = None  # the transfer is over: the bot part goes at once


def queue(rt: Runtime, scope: Scope, staff: Staff) -> list[ChatView]:
    """Waiting chats of the scope's desks (no content) and the active ones this staff member took."""
    with rt.db.session() as s:
        q = (select(Chat, Desk).join(Desk, Desk.id == Chat.desk_id)
             .where(Chat.expires_at > utcnow(),
                    or_(Chat.status == "waiting", (Chat.status == "active") & (Chat.taken_by == staff.subject)))
             .order_by(Chat.created_at, Chat.id).limit(MAX_QUEUE))
        if scope.organisations is not None:
            q = q.where(Desk.organisation_id.in_(sorted(scope.organisations)))
        return [ChatView(c.public_id, c.desk_id, dict(d.names), d.organisation_id, c.lang, c.status,
                         as_utc(c.created_at) or utcnow(), c.staff_name, mine=c.taken_by == staff.subject)
                for c, d in s.execute(q)]


def _in_scope(s: Session, public_id: str, scope: Scope) -> tuple[Chat, Desk]:
    chat = _chat(s, public_id)
    desk = s.get(Desk, chat.desk_id) if chat is not None else None
    if chat is None or desk is None or not scope.admits(desk.organisation_id):
        raise NotFoundError("no such chat")
    return chat, desk


def take(rt: Runtime, public_id: str, *, staff: Staff, scope: Scope) -> None:
    """Take a waiting chat: exactly one staff member wins (``ConflictError`` for the others)."""
    with rt.writes, rt.db.session() as s:
        chat, _ = _in_scope(s, public_id, scope)
        res = s.execute(update(Chat).where(Chat.id == chat.id, Chat.status == "waiting", Chat.expires_at > utcnow())
                        .values(status="active", taken_by=staff.subject, staff_name=staff.name[:200],
                                taken_at=utcnow(), expires_at=_expires(rt))
                        .execution_options(synchronize_session=False))
        if int(res.rowcount or 0) != 1:  # type: ignore[attr-defined]
            raise ConflictError("Another staff member took this chat, or it ended.")
        _write(s, rt, chat, "system", "taken")


def _mine(s: Session, public_id: str, staff: Staff, scope: Scope) -> Chat:
    chat, _ = _in_scope(s, public_id, scope)
    if chat.taken_by is None or not hmac.compare_digest(chat.taken_by, staff.subject):
        raise NotFoundError("no such chat")  # only the one who took it reads it
    return chat


def for_staff(rt: Runtime, public_id: str, *, staff: Staff, scope: Scope) -> ChatView:
    with rt.db.session() as s:
        return _view(rt, s, _mine(s, public_id, staff, scope), lines=True, mine=True)


def staff_says(rt: Runtime, public_id: str, text: str, *, staff: Staff, scope: Scope) -> None:
    text = text.strip()
    if not text or len(text) > MAX_STAFF_CHARS:
        raise InputError(f"A message is 1–{MAX_STAFF_CHARS} characters.")
    with rt.writes, rt.db.session() as s:
        chat = _mine(s, public_id, staff, scope)
        if not _live(chat):
            raise ConflictError("The chat has ended.")
        _write(s, rt, chat, "staff", text)


def staff_closes(rt: Runtime, public_id: str, *, staff: Staff, scope: Scope) -> None:
    with rt.writes, rt.db.session() as s:
        chat = _mine(s, public_id, staff, scope)
        if chat.status != "closed":
            _write(s, rt, chat, "system", "closed")
            _close(rt, chat)


def _view(rt: Runtime, s: Session, chat: Chat, *, lines: bool, mine: bool = False) -> ChatView:
    desk = s.get(Desk, chat.desk_id)
    box = _sealer(rt)
    status = chat.status if chat.status == "closed" or _live(chat) else "closed"
    v = ChatView(chat.public_id, chat.desk_id, dict(desk.names) if desk else {}, desk.organisation_id if desk else "",
                 chat.lang, status, as_utc(chat.created_at) or utcnow(), chat.staff_name, mine=mine)
    if lines:
        data = open_or_empty(box, chat.transcript_enc, aad=f"livechat:{chat.public_id}:transcript")
        v.transcript = list(data["lines"]) if data.get("lines") else None
        v.lines = lines_after(rt, s, chat, 0)
    return v


def lines_after(rt: Runtime, s: Session, chat: Chat, after: int) -> list[Line]:
    box = _sealer(rt)
    rows = s.scalars(select(ChatMessage).where(ChatMessage.chat_id == chat.id, ChatMessage.id > after)
                     .order_by(ChatMessage.id).limit(MAX_LINES))
    return [Line(m.id, m.author, str(open_or_empty(box, m.body_enc, aad=f"livechat:{chat.public_id}:{m.id}").get("text", "")),
                 as_utc(m.created_at) or utcnow()) for m in rows]


@dataclass(frozen=True)
class News:
    status: str
    staff_name: str | None
    lines: list[Line]


def news(rt: Runtime, public_id: str, after: int) -> News | None:
    """The chat's status and its lines after ``after`` (for a stream whose caller was already checked)."""
    with rt.db.session() as s:
        chat = _chat(s, public_id)
        if chat is None:
            return None
        status = chat.status if chat.status == "closed" or _live(chat) else "closed"
        return News(status, chat.staff_name, lines_after(rt, s, chat, after))


def latest_for(rt: Runtime, cid: str) -> str | None:
    """The public id of the conversation's latest chat, or None."""
    if not cid or len(cid) > 64:
        return None
    with rt.db.session() as s:
        return s.scalars(select(Chat.public_id).where(Chat.conversation_hash == id_hash(cid))
                         .order_by(Chat.id.desc())).first()


def purge(rt: Runtime) -> int:
    """Delete closed chats past their keeping time and abandoned ones past their expiry (with their lines)."""
    with rt.writes, rt.db.session() as s:
        ids = list(s.scalars(select(Chat.id).where(Chat.expires_at <= utcnow())))
        if not ids:
            return 0
        s.execute(delete(ChatMessage).where(ChatMessage.chat_id.in_(ids)))
        s.execute(delete(Chat).where(Chat.id.in_(ids)))
        return len(ids)
