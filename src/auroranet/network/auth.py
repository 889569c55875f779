"""How connected services' calls are authenticated: HTTP Basic ``client_id:secret`` against the
registry's scrypt hashes, verified locally in constant time.

scrypt is deliberately slow, so a successful verification is remembered per process for ``ttl`` seconds
under a SHA-256 of the credentials, together with the hash it matched and the client's row as read then.
For ``recheck`` seconds (``AURORA_AUTH_RECHECK_SECONDS``, default 2) a remembered client is accepted from
memory, without a database read and without leaving the event loop (``cached``); after that the next
call reads the client's row by primary key again and accepts only while the client exists, is active and
has the same secret hash. So a secret rotated, a client removed or deactivated is refused:

* at once in the process that made the change through the admin API (it calls ``clear``);
* within ``recheck`` seconds everywhere else (another ``--workers`` process, another host, the CLI).

``recheck = 0`` (the default) reads the row on every request: refused on the very next request everywhere.
That read goes through ``network/client_rows.py`` (one dedicated connection, raw row; on SQLite no statement
while nobody has committed to the file since the row was read); a row equal to the one the remembered
client was decoded from is that client again, so only a changed row is decoded.

    auth = ClientAuth(db, recheck=2.0)
    info = auth.cached(header) or auth.authenticate(header)   # ClientInfo or None
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass

from sqlalchemy import bindparam, select

from auroranet.db.core import Database
from auroranet.network.client_rows import UNAVAILABLE, ClientRows
from auroranet.network.clients import ClientInfo, hash_secret, verify_secret
from auroranet.network.models import Client

AUTH_CACHE_TTL = 60.0
AUTH_RECHECK_SECONDS = 2.0
_BY_ID = select(Client.__table__).where(Client.id == bindparam("id"))
MAX_CACHED = 10_000


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


@dataclass(frozen=True)
class _Verified:
    expires: float
    secret_hash: str  # the stored hash these credentials matched
    info: ClientInfo | None = None  # the row as last read
    fresh_until: float = 0.0  # accepted from memory until then (``recheck``)
    raw: tuple[object, ...] | None = None  # the raw row ``info`` was decoded from (``ClientRows``)


class ClientAuth:
    """Per-process verification cache over the registry (see the module docstring)."""

    def __init__(self, db: Database, ttl: float = AUTH_CACHE_TTL, recheck: float = AUTH_RECHECK_SECONDS) -> None:
        self._db = db
        self._ttl = ttl
        self._recheck = max(0.0, min(recheck, ttl))
        self._items: dict[str, _Verified] = {}
        self._lock = threading.Lock()
        self._rows = ClientRows(db.engine)

    @staticmethod
    def _key(creds: tuple[str, str]) -> str:
        return hashlib.sha256(f"{creds[0]}\x00{creds[1]}".encode()).hexdigest()

    def _remembered(self, key: str) -> _Verified | None:
        with self._lock:
            item = self._items.get(key)
            if item is not None and item.expires < time.monotonic():
                del self._items[key]
                return None
            return item

    def _remember(self, key: str, item: _Verified) -> None:
        with self._lock:
            if len(self._items) >= MAX_CACHED:
                self._items.clear()
            self._items[key] = item

    def forget(self, key: str) -> None:
        with self._lock:
            self._items.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def close(self) -> None:
        """Close the dedicated connection (``Runtime.close``); a later call opens a new one."""
        self._rows.close()

    def cached(self, header: str | None) -> ClientInfo | None:
        """The client when these credentials were verified and its row read less than ``recheck`` seconds
        ago; else None (then call ``authenticate``). No I/O: safe on the event loop."""
        if self._recheck <= 0 or not header:
            return None
        creds = parse_basic(header)
        if creds is None or len(creds[0]) > 36:
            return None
        item = self._items.get(self._key(creds))  # one dict read: atomic under the GIL
        if item is None or item.info is None or item.fresh_until < time.monotonic():
            return None
        return item.info

    def verified_before(self, header: str | None) -> bool:
        """These credentials were verified (scrypt) less than the cache TTL ago, so ``authenticate`` needs
        only the registry row, no key derivation. No I/O."""
        creds = parse_basic(header) if header else None
        if creds is None or len(creds[0]) > 36:
            return False
        item = self._items.get(self._key(creds))
        return item is not None and item.expires >= time.monotonic()

    def authenticate(self, header: str | None) -> ClientInfo | None:
        """The client for an ``Authorization: Basic`` header, or None when missing, wrong, rotated,
        removed or inactive. Blocking (one database read): call it from a worker thread."""
        creds = parse_basic(header)
        if creds is None or len(creds[0]) > 36:
            if creds is not None:
                verify_secret(creds[1], _DUMMY_HASH)
            return None
        key = self._key(creds)
        seen = self._remembered(key)
        raw, info, stored = self._read(creds[0], seen)
        if seen is not None:
            if info is not None and info.active and stored is not None and hmac.compare_digest(stored, seen.secret_hash):
                if raw is None or raw != seen.raw or self._recheck > 0:  # else: the very row remembered
                    self._remember(key, _Verified(seen.expires, stored, info, self._fresh_until(seen.expires), raw))
                return info
            self.forget(key)  # rotated, removed or deactivated since: verify from scratch (and fail)
        if not verify_secret(creds[1], stored or _DUMMY_HASH) or info is None or stored is None or not info.active:
            return None
        expires = time.monotonic() + self._ttl
        self._remember(key, _Verified(expires, stored, info, self._fresh_until(expires), raw))
        return info

    def _read(self, client_id: str, seen: _Verified | None
              ) -> tuple[tuple[object, ...] | None, ClientInfo | None, str | None]:
        """The client's current row: (raw row or None, client, stored hash); the remembered client when
        the raw row is the one it was decoded from."""
        raw = self._rows.read(client_id)
        if raw is UNAVAILABLE:  # the dedicated connection failed: through the pool, as before
            with self._db.engine.connect() as conn:
                row = conn.execute(_BY_ID, {"id": client_id}).first()
            return None, (ClientInfo.of(row) if row is not None else None), (row.secret_hash if row else None)
        if raw is None:
            return None, None, None
        if seen is not None and seen.raw == raw and seen.info is not None:
            return raw, seen.info, seen.secret_hash
        info, stored = self._rows.decode(raw)
        return raw, info, stored

    def _fresh_until(self, expires: float) -> float:
        return min(expires, time.monotonic() + self._recheck)
