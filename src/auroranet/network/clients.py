"""The registry of connected AuroraAI services (clients) and how their calls are authenticated.

A client's secret is shown once, when it is created or rotated, and stored only as
``scrypt$n$r$p$<salt hex>$<hash hex>`` with a per-secret random salt. Calls authenticate with HTTP Basic
``client_id:secret``; verification runs locally in constant time. Successful verifications are cached
for a short time under a SHA-256 of the credentials, so scrypt does not run on every request; rotating or
removing a secret clears the cache.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auroranet.db.core import Database, utcnow
from auroranet.errors import InputError, NotFoundError
from auroranet.network.models import Client
from auroranet.network.schemas import UUID4
from auroranet.vocab import ATTRIBUTE_NAMES

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
AUTH_CACHE_TTL = 60.0
CLIENT_TYPES = ("EChannel", "WebPage", "Phone", "ServiceLocation", "PrintableForm", "Chatbot")


def hash_secret(secret: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_secret(secret: str, encoded: str) -> bool:
    try:
        algo, n, r, p, salt, digest = encoded.split("$")
        if algo != "scrypt":
            return False
        got = hashlib.scrypt(secret.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(digest) // 2)
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(got.hex(), digest)


@dataclass(frozen=True)
class ClientInfo:
    """What the UI and the API need to know about a client: never its secret."""

    id: str
    names: dict[str, str]
    descriptions: dict[str, str]
    provider: dict[str, str]
    type: str
    channel_ids: tuple[str, ...]
    receivable_attributes: tuple[str, ...]
    allowed_origins: tuple[str, ...]
    active: bool = True
    privacy_notice_url: str | None = None

    @classmethod
    def of(cls, row: Client) -> "ClientInfo":
        return cls(id=row.id, names=dict(row.names or {}), descriptions=dict(row.descriptions or {}),
                   provider=dict(row.provider or {}), type=row.type, channel_ids=tuple(row.channel_ids or ()),
                   receivable_attributes=tuple(row.receivable_attributes or ()),
                   allowed_origins=tuple(row.allowed_origins or ()),
                   active=row.active, privacy_notice_url=row.privacy_notice_url)

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "names": self.names, "descriptions": self.descriptions, "provider": self.provider,
                "type": self.type, "channel_ids": list(self.channel_ids),
                "receivable_attributes": list(self.receivable_attributes),
                "allowed_origins": list(self.allowed_origins),
                "active": self.active}


@dataclass(frozen=True)
class NewClient:
    info: ClientInfo
    secret: str


def _localized(value: dict[str, str] | str | None) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, str):
        return {"fi": value, "sv": value, "en": value}
    bad = set(value) - {"fi", "sv", "en"}
    if bad:
        raise InputError(f"unknown language(s): {', '.join(sorted(bad))} (use fi, sv, en)")
    return {k: str(v) for k, v in value.items()}


def _check_lists(channel_ids: list[str], receives: list[str], origins: list[str]) -> None:
    for cid in channel_ids:
        if not UUID4.match(cid):
            raise InputError(f"channel id {cid!r} is not a lower-case UUID")
    bad = [a for a in receives if a not in ATTRIBUTE_NAMES]
    if bad:
        raise InputError(f"unknown attribute(s): {', '.join(bad)} (allowed: {', '.join(ATTRIBUTE_NAMES)})")
    for url in origins:
        if not (url.startswith("https://") or url.startswith("http://")) or url.rstrip("/").count("/") > 2:
            raise InputError(f"origin {url!r} must be scheme://host[:port]")


def add_client(session: Session, *, names: dict[str, str] | str, descriptions: dict[str, str] | str | None = None,
               provider: dict[str, str] | str | None = None, type: str = "EChannel",
               channel_ids: list[str] | None = None, receivable_attributes: list[str] | None = None,
               allowed_origins: list[str] | None = None,
               client_id: str | None = None) -> NewClient:
    """Register a connected service. The returned secret is never stored in clear and not shown again."""
    channel_ids, receives = list(dict.fromkeys(channel_ids or [])), list(dict.fromkeys(receivable_attributes or []))
    origins = [o.rstrip("/") for o in allowed_origins or []]
    _check_lists(channel_ids, receives, origins)
    if type not in CLIENT_TYPES:
        raise InputError(f"unknown client type {type!r} (allowed: {', '.join(CLIENT_TYPES)})")
    names_l = _localized(names)
    if not any(names_l.values()):
        raise InputError("a client needs a name")
    for cid in channel_ids:
        other = receiver_for_channel(session, cid)
        if other is not None:
            raise InputError(f"channel {cid} is already registered to client {other.id}")
    cid = client_id or str(uuid.uuid4())
    if session.get(Client, cid) is not None:
        raise InputError(f"client {cid} already exists")
    secret = secrets.token_urlsafe(32)
    now = utcnow()
    row = Client(id=cid, secret_hash=hash_secret(secret), names=names_l, descriptions=_localized(descriptions),
                 provider=_localized(provider), type=type, channel_ids=channel_ids, receivable_attributes=receives,
                 allowed_origins=origins, active=True, created_at=now, secret_rotated_at=now)
    session.add(row)
    session.flush()
    return NewClient(ClientInfo.of(row), secret)


def list_clients(session: Session) -> list[ClientInfo]:
    return [ClientInfo.of(r) for r in session.scalars(select(Client).order_by(Client.created_at, Client.id))]


def get_client(session: Session, client_id: str) -> ClientInfo | None:
    row = session.get(Client, client_id)
    return ClientInfo.of(row) if row is not None else None


def _row(session: Session, client_id: str) -> Client:
    row = session.get(Client, client_id)
    if row is None:
        raise NotFoundError(f"client {client_id} not found")
    return row


def rotate_secret(session: Session, client_id: str) -> str:
    row = _row(session, client_id)
    secret = secrets.token_urlsafe(32)
    row.secret_hash = hash_secret(secret)
    row.secret_rotated_at = utcnow()
    AUTH_CACHE.clear()
    return secret


def remove_client(session: Session, client_id: str) -> None:
    session.delete(_row(session, client_id))
    AUTH_CACHE.clear()


def receiver_for_channel(session: Session, channel_id: str) -> ClientInfo | None:
    """The active client registered for a PTV service channel (a channel has at most one)."""
    for row in session.scalars(select(Client).where(Client.active.is_(True)).order_by(Client.created_at)):
        if channel_id in (row.channel_ids or ()):
            return ClientInfo.of(row)
    return None


# ---------------------------------------------------------------------------------------------
# Authentication
# ---------------------------------------------------------------------------------------------


@dataclass
class _AuthCache:
    ttl: float = AUTH_CACHE_TTL
    _items: dict[str, tuple[float, ClientInfo]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, key: str) -> ClientInfo | None:
        with self._lock:
            item = self._items.get(key)
            if item is None or item[0] < time.monotonic():
                self._items.pop(key, None)
                return None
            return item[1]

    def put(self, key: str, info: ClientInfo) -> None:
        with self._lock:
            if len(self._items) > 10_000:
                self._items.clear()
            self._items[key] = (time.monotonic() + self.ttl, info)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


AUTH_CACHE = _AuthCache()


def parse_basic(header: str | None) -> tuple[str, str] | None:
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic" or not value:
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    client_id, sep, secret = decoded.partition(":")
    if not sep or not client_id or not secret:
        return None
    return client_id, secret


# A fixed dummy hash so that an unknown client id costs as much time as a wrong secret.
_DUMMY_HASH = hash_secret(secrets.token_urlsafe(16))


def _cache_key(creds: tuple[str, str]) -> str:
    return hashlib.sha256(f"{creds[0]}\x00{creds[1]}".encode()).hexdigest()


def cached(header: str | None) -> ClientInfo | None:
    """A recent successful verification of these credentials, without touching the database."""
    creds = parse_basic(header)
    return AUTH_CACHE.get(_cache_key(creds)) if creds else None


def authenticate(db: Database, header: str | None) -> ClientInfo | None:
    """The client for an ``Authorization: Basic`` header, or None when missing or wrong."""
    creds = parse_basic(header)
    if creds is None:
        return None
    key = _cache_key(creds)
    cached = AUTH_CACHE.get(key)
    if cached is not None:
        return cached
    with db.session() as s:
        row = s.get(Client, creds[0]) if len(creds[0]) <= 36 else None
        encoded = row.secret_hash if row is not None and row.active else _DUMMY_HASH
        info = ClientInfo.of(row) if row is not None else None
    ok = verify_secret(creds[1], encoded)
    if not ok or info is None or not info.active:
        return None
    AUTH_CACHE.put(key, info)
    return info
