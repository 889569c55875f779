"""Conversation state on the server: a random id that only the person's client holds, a row keyed by
the id's SHA-256, the state sealed with AES-GCM under a key derived from the id and the session secret
(the sealing of ``web/session.py``), and a time-to-live refreshed on every message. What the person
wrote is never stored: only the slots understood from it. "Start over" empties the state, "bye" deletes
the row, and the token purge job deletes expired rows.

    cid = create(rt, {"lang": "fi"})
    state = load(rt, cid)          # None: unknown or expired
    save(rt, cid, state)
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy import delete

from auroranet.assistant.models import ConversationRow
from auroranet.db.core import Database, as_utc, utcnow
from auroranet.db.writelock import WriteLock
from auroranet.runtime import Runtime
from auroranet.web.session import id_hash, seal, unseal

ID_CHARS = 43  # secrets.token_urlsafe(32)
MAX_ID_CHARS = 64


def _expires(rt: Runtime) -> Any:
    return utcnow() + timedelta(seconds=rt.settings.assistant_conversation_ttl_seconds)


def create(rt: Runtime, state: dict[str, Any]) -> str:
    cid = secrets.token_urlsafe(32)
    payload = seal(state, rt.session_secret(), cid)
    with rt.writes, rt.db.session() as s:
        s.add(ConversationRow(id_hash=id_hash(cid), payload=payload, expires_at=_expires(rt)))
    return cid


def load(rt: Runtime, cid: str) -> dict[str, Any] | None:
    """The state of a live conversation, or None (unknown id, expired, or not sealed under this id)."""
    if not cid or len(cid) > MAX_ID_CHARS:
        return None
    with rt.db.session() as s:
        row = s.get(ConversationRow, id_hash(cid))
        if row is None or (as_utc(row.expires_at) or utcnow()) <= utcnow():
            return None
        payload = row.payload
    return unseal(payload, rt.session_secret(), cid)


def save(rt: Runtime, cid: str, state: dict[str, Any]) -> bool:
    """Store the new state and push the expiry forward; False when the conversation is gone meanwhile."""
    payload = seal(state, rt.session_secret(), cid)
    with rt.writes, rt.db.session() as s:
        row = s.get(ConversationRow, id_hash(cid))
        if row is None:
            return False
        row.payload, row.expires_at = payload, _expires(rt)
        return True


def end(rt: Runtime, cid: str) -> None:
    with rt.writes, rt.db.session() as s:
        s.execute(delete(ConversationRow).where(ConversationRow.id_hash == id_hash(cid)))


def purge_expired(db: Database, writes: WriteLock) -> int:
    """Delete expired conversations (the token purge job)."""
    with writes, db.session() as s:
        res = s.execute(delete(ConversationRow).where(ConversationRow.expires_at <= utcnow()))
        return int(res.rowcount or 0)  # type: ignore[attr-defined]
