"""Anonymous attribute transfer: hand a person's chosen attributes to the one service they go to.

Rules (fixing v1, where tokens were 24 h bearer tokens stored in clear and readable by anyone):

* only the attributes the receiving service is registered to receive are stored;
* the token is 256 random bits (64 hex characters, as in v1) and only its SHA-256 is stored;
* it lives ``settings.session_token_ttl_seconds`` (15 min by default) and can be read once;
* only the receiving service may read it: a server-side read must authenticate as that service (HTTP
  Basic). A browser read (no credentials) is accepted when it names one of that service's registered
  origins, but ``Origin`` is a header any non-browser client can set: it limits which web pages may read
  the answer (CORS), it does not prove who asks. What protects a browser-read token is that it is
  single-use and short-lived. A service registered with ``server_side_reads_only`` accepts no browser read
  (none without credentials, none with an ``Origin`` header);
* expired and used rows are deleted by ``purge_expired`` (a background task runs it regularly).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, or_, update
from sqlalchemy.orm import Session

from auroranet.config import Settings
from auroranet.db.core import Database, utcnow
from auroranet.errors import InputError
from auroranet.network import clients
from auroranet.network.clients import ClientInfo
from auroranet.network.models import Client, SessionAttributes


@dataclass(frozen=True)
class IssuedToken:
    token: str | None  # None when the receiver may receive none of the given attributes
    client_id: str
    target_url: str | None
    shared_attributes: dict[str, Any]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def registered_receiver(db: Database, channel_id: str) -> ClientInfo | None:
    """Who would receive attributes sent to this channel (names, provider, receivable attributes)."""
    with db.session() as s:
        return clients.receiver_for_channel(s, channel_id)


def receivable(info: ClientInfo, attributes: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attributes.items() if k in info.receivable_attributes and v is not None}


def issue_token(db: Database, settings: Settings, *, channel_id: str, attributes: dict[str, Any],
                target_url: str | None = None) -> IssuedToken:
    """Store the receivable part of ``attributes`` for the service registered for ``channel_id``."""
    with db.session() as s:
        info = clients.receiver_for_channel(s, channel_id)
        if info is None:
            raise InputError(f"Session transfer not allowed. PTV-service-channel {channel_id} is not registered "
                             "to any AuroraAI service.")
        shared = receivable(info, attributes)
        if not shared:
            return IssuedToken(None, info.id, target_url, {})
        token = secrets.token_hex(32)
        now = utcnow()
        s.add(SessionAttributes(token_hash=token_hash(token), client_id=info.id, channel_id=channel_id,
                                attributes=shared, created_at=now,
                                expires_at=now + timedelta(seconds=settings.session_token_ttl_seconds)))
    return IssuedToken(token, info.id, target_url, shared)


@dataclass(frozen=True)
class ReadResult:
    status: str  # "ok", "not_found", "forbidden", "server_side_only"
    attributes: dict[str, Any] | None = None
    client: ClientInfo | None = None


def read_token(db: Database, token: str, *, reader: ClientInfo | None, origin: str | None) -> ReadResult:
    """Consume a token. ``reader`` is the authenticated caller (server-side read) or None (browser read,
    which must name an origin the receiving service registered). A receiver registered with
    ``server_side_reads_only`` refuses every read without credentials or with an ``Origin``
    ("server_side_only"). A refused read does not consume."""
    h = token_hash(token)
    now = utcnow()
    with db.session() as s:
        row = s.get(SessionAttributes, h)
        if row is None or row.used_at is not None or _aware(row.expires_at) <= now:
            return ReadResult("not_found")
        receiver = clients.get_client(s, row.client_id)
        if receiver is None or not receiver.active:
            return ReadResult("not_found")
        if (reader is None or origin) and _server_side_only(s, receiver.id):
            return ReadResult("server_side_only", client=receiver)
        if reader is not None:
            if reader.id != receiver.id:
                return ReadResult("forbidden")
        elif not origin or origin.rstrip("/") not in receiver.allowed_origins:
            return ReadResult("forbidden", client=receiver)
        attributes = dict(row.attributes)
        # Single use even under concurrent reads: only one UPDATE can flip used_at from NULL.
        done = s.execute(update(SessionAttributes)
                         .where(SessionAttributes.token_hash == h, SessionAttributes.used_at.is_(None))
                         .values(used_at=now, attributes={}))
        if done.rowcount != 1:  # type: ignore[attr-defined]
            return ReadResult("not_found")
        return ReadResult("ok", attributes, receiver)


def _server_side_only(session: Session, client_id: str) -> bool:
    row = session.get(Client, client_id)
    return bool(row is not None and row.server_side_reads_only)


def _aware(value: Any) -> Any:
    from auroranet.db.core import as_utc

    return as_utc(value)


def purge_expired(db: Database) -> int:
    """Delete expired and already used attribute rows. Returns how many were deleted."""
    with db.session() as s:
        res = s.execute(delete(SessionAttributes).where(
            or_(SessionAttributes.expires_at < utcnow(), SessionAttributes.used_at.is_not(None))))
        return int(res.rowcount or 0)  # type: ignore[attr-defined]
