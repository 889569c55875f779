"""The person's session: a signed cookie, never a database row.

Answers, age and municipality live only here. The cookie is HMAC-SHA256 signed with
``AURORA_SESSION_SECRET`` (so it cannot be forged), HttpOnly and SameSite=Lax, and carries its own expiry.
It also holds the CSRF synchroniser token that every form posts back.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

COOKIE = "aurora_session"
MAX_AGE_SECONDS = 2 * 3600
MAX_COOKIE_BYTES = 3800


class WebSession(dict[str, Any]):
    """A dict that remembers whether it changed, so untouched sessions set no cookie."""

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        super().__init__(data or {})
        self.modified = False
        self.cleared = False

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        self.modified = True

    def pop(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        self.modified = True
        return super().pop(key, default)

    def clear(self) -> None:
        super().clear()
        self.modified = True
        self.cleared = True

    def csrf_token(self) -> str:
        token = self.get("csrf")
        if not token:
            token = secrets.token_urlsafe(24)
            self["csrf"] = token
        return str(token)

    def check_csrf(self, submitted: str | None) -> bool:
        expected = self.get("csrf")
        return bool(expected and submitted and hmac.compare_digest(str(expected), submitted))


def _sign(payload: bytes, secret: str) -> str:
    return hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()


def encode(data: dict[str, Any], secret: str, *, now: float | None = None) -> str:
    body = dict(data, exp=int((now or time.time()) + MAX_AGE_SECONDS))
    payload = base64.urlsafe_b64encode(json.dumps(body, separators=(",", ":")).encode()).rstrip(b"=")
    return payload.decode() + "." + _sign(payload, secret)


def decode(value: str | None, secret: str, *, now: float | None = None) -> dict[str, Any]:
    """The session data, or {} when the cookie is missing, forged, malformed or expired."""
    if not value or "." not in value or len(value) > MAX_COOKIE_BYTES * 2:
        return {}
    payload, _, sig = value.rpartition(".")
    if not hmac.compare_digest(_sign(payload.encode(), secret), sig):
        return {}
    try:
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (ValueError, TypeError):
        return {}
    if not isinstance(data, dict) or int(data.pop("exp", 0)) < (now or time.time()):
        return {}
    return data


def load(request: Request, secret: str) -> WebSession:
    return WebSession(decode(request.cookies.get(COOKIE), secret))


def save(response: Response, session: WebSession, secret: str, *, secure: bool) -> None:
    if session.cleared and not session:
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax", secure=secure)
        return
    if session.modified:
        value = encode(dict(session), secret)
        if len(value) > MAX_COOKIE_BYTES:  # never silently drop answers: keep the essentials
            value = encode({k: session[k] for k in ("lang", "csrf", "qid", "answers", "bg") if k in session}, secret)
        response.set_cookie(COOKIE, value, max_age=MAX_AGE_SECONDS, path="/", httponly=True,
                            samesite="lax", secure=secure)
