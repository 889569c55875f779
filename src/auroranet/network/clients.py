"""The registry of connected AuroraAI services (clients).

A client's secret is shown once, when it is created or rotated, and stored only as
``scrypt$n$r$p$<salt hex>$<hash hex>`` with a per-secret random salt (checked by ``network/auth.py``).
Origins and the privacy-notice link follow ``network/urls.py``; ``rate_limit_per_minute`` None means
the deployment default (``AURORA_RATE_LIMIT_PER_MINUTE``).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from auroranet.db.core import utcnow
from auroranet.errors import InputError, NotFoundError
from auroranet.network.models import Client
from auroranet.network.schemas import UUID4
from auroranet.network.urls import check_redirect_uri, check_web_url, normalise_origin
from auroranet.vocab import ATTRIBUTE_NAMES

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_RATE_LIMIT_PER_MINUTE = 1_000_000
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
    rate_limit_per_minute: int | None = None  # None: the deployment default
    privacy_notice_url: str | None = None
    server_side_reads_only: bool = False
    oauth_redirect_uris: tuple[str, ...] = ()  # where the OAuth2 authorization server may send codes

    @classmethod
    def of(cls, row: Client | Row[Any]) -> "ClientInfo":
        """From an ORM row or a Core row of the clients table (network/auth.py reads one per request)."""
        return cls(id=row.id, names=dict(row.names or {}), descriptions=dict(row.descriptions or {}),
                   provider=dict(row.provider or {}), type=row.type, channel_ids=tuple(row.channel_ids or ()),
                   receivable_attributes=tuple(row.receivable_attributes or ()),
                   allowed_origins=tuple(row.allowed_origins or ()),
                   active=row.active, rate_limit_per_minute=row.rate_limit_per_minute,
                   privacy_notice_url=row.privacy_notice_url,
                   server_side_reads_only=bool(row.server_side_reads_only),
                   oauth_redirect_uris=tuple(row.oauth_redirect_uris or ()))

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "names": self.names, "descriptions": self.descriptions, "provider": self.provider,
                "type": self.type, "channel_ids": list(self.channel_ids),
                "receivable_attributes": list(self.receivable_attributes),
                "allowed_origins": list(self.allowed_origins),
                "active": self.active, "rate_limit_per_minute": self.rate_limit_per_minute,
                "privacy_notice_url": self.privacy_notice_url,
                "server_side_reads_only": self.server_side_reads_only,
                "oauth_redirect_uris": list(self.oauth_redirect_uris)}


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


def _check_lists(channel_ids: list[str], receives: list[str]) -> None:
    for cid in channel_ids:
        if not UUID4.match(cid):
            raise InputError(f"channel id {cid!r} is not a lower-case UUID")
    bad = [a for a in receives if a not in ATTRIBUTE_NAMES]
    if bad:
        raise InputError(f"unknown attribute(s): {', '.join(bad)} (allowed: {', '.join(ATTRIBUTE_NAMES)})")


def _origins(values: list[str] | None) -> list[str]:
    return list(dict.fromkeys(normalise_origin(o) for o in values or []))


def _redirect_uris(values: list[str] | None) -> list[str]:
    if values is not None and len(values) > 20:
        raise InputError("at most 20 redirect URIs")
    return list(dict.fromkeys(check_redirect_uri(u) for u in values or []))


def _rate_limit(value: int | None) -> int | None:
    if value is not None and not 1 <= value <= MAX_RATE_LIMIT_PER_MINUTE:
        raise InputError(f"rate limit {value} must be between 1 and {MAX_RATE_LIMIT_PER_MINUTE:,} a minute")
    return value


def _notice(value: str | None) -> str | None:
    return check_web_url(value) if value else None


def add_client(session: Session, *, names: dict[str, str] | str, descriptions: dict[str, str] | str | None = None,
               provider: dict[str, str] | str | None = None, type: str = "EChannel",
               channel_ids: list[str] | None = None, receivable_attributes: list[str] | None = None,
               allowed_origins: list[str] | None = None, rate_limit_per_minute: int | None = None,
               privacy_notice_url: str | None = None, server_side_reads_only: bool = False,
               oauth_redirect_uris: list[str] | None = None, client_id: str | None = None) -> NewClient:
    """Register a connected service. The returned secret is never stored in clear and not shown again."""
    channel_ids, receives = list(dict.fromkeys(channel_ids or [])), list(dict.fromkeys(receivable_attributes or []))
    _check_lists(channel_ids, receives)
    origins, limit, notice = _origins(allowed_origins), _rate_limit(rate_limit_per_minute), _notice(privacy_notice_url)
    redirects = _redirect_uris(oauth_redirect_uris)
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
                 allowed_origins=origins, active=True, created_at=now, secret_rotated_at=now,
                 rate_limit_per_minute=limit, privacy_notice_url=notice, server_side_reads_only=server_side_reads_only,
                 oauth_redirect_uris=redirects)
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
    return secret


def remove_client(session: Session, client_id: str) -> None:
    session.delete(_row(session, client_id))


class Keep:
    """``update_client`` leaves a field as it is (None there means "clear")."""


KEEP = Keep()


def update_client(session: Session, client_id: str, *, active: bool | None = None,
                  allowed_origins: list[str] | None = None, rate_limit_per_minute: int | None | Keep = KEEP,
                  privacy_notice_url: str | None | Keep = KEEP,
                  server_side_reads_only: bool | None = None,
                  oauth_redirect_uris: list[str] | None = None) -> ClientInfo:
    """Change what a client may do. A deactivated client's calls fail at once (``network/auth.py``)."""
    row = _row(session, client_id)
    if active is True and not row.active:
        for cid in row.channel_ids or ():
            other = receiver_for_channel(session, cid)
            if other is not None:
                raise InputError(f"channel {cid} is now registered to client {other.id}")
    if active is not None:
        row.active = active
    if allowed_origins is not None:
        row.allowed_origins = _origins(allowed_origins)
    if not isinstance(rate_limit_per_minute, Keep):
        row.rate_limit_per_minute = _rate_limit(rate_limit_per_minute)
    if not isinstance(privacy_notice_url, Keep):
        row.privacy_notice_url = _notice(privacy_notice_url)
    if server_side_reads_only is not None:
        row.server_side_reads_only = server_side_reads_only
    if oauth_redirect_uris is not None:
        row.oauth_redirect_uris = _redirect_uris(oauth_redirect_uris)
    session.flush()
    return ClientInfo.of(row)


def receiver_for_channel(session: Session, channel_id: str) -> ClientInfo | None:
    """The active client registered for a PTV service channel (a channel has at most one)."""
    for row in session.scalars(select(Client).where(Client.active.is_(True)).order_by(Client.created_at)):
        if channel_id in (row.channel_ids or ()):
            return ClientInfo.of(row)
    return None
