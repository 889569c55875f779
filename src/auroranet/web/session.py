"""The person's session: answers on the server, encrypted, under a random id that only their browser holds.

The cookie carries a random 256-bit id and its HMAC-SHA256 signature (``AURORA_SESSION_SECRET``), nothing
else; it is HttpOnly, SameSite=Lax and Secure on https. The answers, age and municipality live in the
``web_sessions`` row keyed by the SHA-256 of the id, encrypted with AES-GCM under a key derived from the
id and the secret: the database alone cannot read them, and "erase my answers" deletes the row, so an old
copy of the cookie then finds nothing. A row exists only once something was stored (browsing alone
writes none), expires ``MAX_AGE_SECONDS`` after the last change (checked on read; the token purge job
deletes it), and the first write under an id the server did not issue in this request moves the data to a
fresh id (an id planted in the browser never holds the person's answers).

The CSRF synchroniser token is bound to the session: an HMAC of its id, checked on every posted form.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from starlette.requests import Request
from starlette.responses import Response

from auroranet.db.core import Database, as_utc, utcnow
from auroranet.db.writelock import WriteLock
from auroranet.sealing import Box, SealError
from auroranet.web.models import WebSessionRow

COOKIE = "aurora_session"
MAX_AGE_SECONDS = 2 * 3600
MAX_PAYLOAD_BYTES = 16 * 1024
ESSENTIALS = ("lang", "qid", "answers", "bg", "sid")
_ID = re.compile(r"^[A-Za-z0-9_-]{43}$")


@dataclass(frozen=True)
class Store:
    """Where rows go: the database, and the write lock that SQLite writes take turns on."""

    db: Database
    writes: WriteLock
    secret: str


class WebSession(dict[str, Any]):
    """A dict that remembers whether it changed, so untouched sessions write no row and set no cookie."""

    def __init__(self, data: dict[str, Any] | None = None, *, sid: str | None = None, stored: bool = False,
                 secret: str = "") -> None:
        super().__init__(data or {})
        self.loaded_sid = sid  # the id the browser sent, when its signature held
        self.sid = sid
        self.stored = stored  # a row exists for sid
        self.fresh = False  # sid was made in this request: the response sets the cookie
        self.modified = False
        self.cleared = False
        self.retired: str | None = None  # an id given up by rotate(): its row is deleted on persist
        self._secret = secret

    def _new_id(self) -> None:
        self.sid = secrets.token_urlsafe(32)
        self.fresh = True
        self.stored = False

    def _touch(self) -> None:
        self.modified = True
        if not self.stored and not self.fresh:
            self._new_id()

    def rotate(self) -> None:
        """Move the data to a fresh id (on sign-in and sign-out): an id known before never carries a login."""
        if self.sid and self.stored:
            self.retired = self.sid
        self._new_id()
        self.modified = True

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        self._touch()

    def pop(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        self._touch()
        return super().pop(key, default)

    def clear(self) -> None:
        super().clear()
        self.modified = True
        self.cleared = True
        self.sid, self.stored, self.fresh = None, False, False

    def csrf_token(self) -> str:
        if self.sid is None:
            self._new_id()
        assert self.sid is not None
        return _mac(self._secret, "csrf", self.sid)

    def check_csrf(self, submitted: str | None) -> bool:
        sid = self.loaded_sid or (self.sid if self.fresh else None)
        return bool(sid and submitted and hmac.compare_digest(_mac(self._secret, "csrf", sid), submitted))


def _mac(secret: str, purpose: str, sid: str) -> str:
    return hmac.new(secret.encode(), f"{purpose}\0{sid}".encode(), hashlib.sha256).hexdigest()


def id_hash(sid: str) -> str:
    return hashlib.sha256(sid.encode()).hexdigest()


def _box(secret: str, sid: str) -> Box:
    """Each session id has its own key (``auroranet.sealing``), and its hash is the associated data."""
    return Box.derive(secret, f"web-session-key\0{sid}")


def seal(data: dict[str, Any], secret: str, sid: str) -> str:
    return _box(secret, sid).seal(data, aad=id_hash(sid))


def unseal(payload: str, secret: str, sid: str) -> dict[str, Any] | None:
    """The data, or None when it does not open (another id or secret, tampered): the session starts empty."""
    try:
        return _box(secret, sid).open(payload, aad=id_hash(sid))
    except SealError:
        return None


def cookie_value(sid: str, secret: str) -> str:
    return f"{sid}.{_mac(secret, 'cookie', sid)}"


def cookie_id(value: str | None, secret: str) -> str | None:
    """The session id in a cookie, or None when it is missing, malformed or forged."""
    if not value or len(value) > 200:
        return None
    sid, _, sig = value.partition(".")
    if not _ID.match(sid) or not hmac.compare_digest(_mac(secret, "cookie", sid), sig):
        return None
    return sid


def load(request: Request, store: Store) -> WebSession:
    """The session of this request (blocking: one primary-key read when the cookie is valid)."""
    sid = cookie_id(request.cookies.get(COOKIE), store.secret)
    if sid is None:
        return WebSession(secret=store.secret)
    with store.db.session() as s:
        row = s.get(WebSessionRow, id_hash(sid))
        expires = as_utc(row.expires_at) if row is not None else None
        payload = row.payload if row is not None and expires is not None and expires > utcnow() else None
    data = unseal(payload, store.secret, sid) if payload is not None else None
    return WebSession(data, sid=sid, stored=data is not None, secret=store.secret)


def needs_store(session: WebSession) -> bool:
    return session.cleared or session.modified


def persist(session: WebSession, store: Store) -> None:
    """Write what changed (blocking): the erased row goes, the changed one is sealed and upserted."""
    gone = [session.loaded_sid] if session.cleared and session.loaded_sid else []
    if session.retired:
        gone.append(session.retired)
    data = dict(session)
    if session.sid and not data and session.stored:
        gone.append(session.sid)
    payload = None
    if session.modified and data and session.sid:
        payload = seal(data, store.secret, session.sid)
        if len(payload) > MAX_PAYLOAD_BYTES:  # never silently drop answers: keep the essentials
            payload = seal({k: data[k] for k in ESSENTIALS if k in data}, store.secret, session.sid)
    if not gone and payload is None:
        return
    expires = utcnow() + timedelta(seconds=MAX_AGE_SECONDS)
    for attempt in (1, 2):
        try:
            with store.writes, store.db.session() as s:
                if gone:
                    s.execute(delete(WebSessionRow).where(WebSessionRow.id_hash.in_([id_hash(g) for g in gone])))
                if payload is not None and session.sid:
                    row = s.get(WebSessionRow, id_hash(session.sid))
                    if row is None:
                        s.add(WebSessionRow(id_hash=id_hash(session.sid), payload=payload, expires_at=expires))
                    else:
                        row.payload, row.expires_at = payload, expires
            break
        except IntegrityError:  # the same new id inserted at once by another request: update it instead
            if attempt == 2:
                raise
    session.stored = payload is not None


def set_cookie(response: Response, session: WebSession, secret: str, *, secure: bool) -> None:
    if session.sid and (session.fresh or (session.modified and session.stored)):
        response.set_cookie(COOKIE, cookie_value(session.sid, secret), max_age=MAX_AGE_SECONDS, path="/",
                            httponly=True, samesite="lax", secure=secure)
    elif session.cleared:
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax", secure=secure)


def purge_expired(db: Database, writes: WriteLock) -> int:
    """Delete expired sessions (the token purge job)."""
    with writes, db.session() as s:
        res = s.execute(delete(WebSessionRow).where(WebSessionRow.expires_at <= utcnow()))
        return int(res.rowcount or 0)  # type: ignore[attr-defined]
