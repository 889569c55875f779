"""The OAuth2 use cases, shared by the views (and any other front door): check an authorization request
and keep it in the person's server-side session, decide it (the ticked attributes, their values sealed,
a consent record, a code), exchange a code for a token, and read with a token.

    asked = check_request(rt, params)                 # raises Refused (a 4xx page, never a redirect)
    req_id = remember(session, asked)
    url = decide(rt, session, req_id, subject, ticked=["age"])   # the client's redirect URI with code & state
    status, body, headers = token(rt, form_items, authorization_header)
    attrs = read(rt, authorization_header)           # None: refused (expired, withdrawn, unknown)
"""

from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, MutableMapping, Sequence

from authlib.oauth2.rfc6749.errors import OAuth2Error
from sqlalchemy import delete

from auroranet.consent.receipts import categories
from auroranet.consent.models import ACTIVE
from auroranet.db.core import as_utc, utcnow
from auroranet.network.clients import ClientInfo
from auroranet.oauth.models import OAuthCode, OAuthToken
from auroranet.oauth.server import Decision, Incoming, Server, digest, scopes_of
from auroranet.runtime import Runtime

PENDING = "oauth_pending"
PENDING_MAX_AGE_SECONDS = 600
MAX_PENDING = 3
MAX_PARAMS = 20
MAX_VALUE = 1000
MAX_TOTAL = 2500  # all parameters together: the pending requests must fit the web session (16 KiB)
KEPT = frozenset({"response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge",
                  "code_challenge_method"})
_STATE = re.compile(r"^[\x21-\x7e]{1,500}$")  # visible ASCII, as RFC 6749 appendix A.5 allows
_REQ_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class Refused(Exception):
    """A request refused with a 4xx: ``error`` is the OAuth2 error code."""

    def __init__(self, status: int, error: str, description: str = "") -> None:
        super().__init__(f"{error}: {description}")
        self.status, self.error, self.description = status, error, description[:200]


@dataclass(frozen=True)
class Asked:
    client: ClientInfo
    redirect_uri: str
    scopes: list[str]
    items: list[tuple[str, str]]


def _capped(items: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    if len(items) > MAX_PARAMS:
        raise Refused(400, "invalid_request", "too many parameters")
    for k, v in items:
        if len(k) > 64 or len(v) > MAX_VALUE:
            raise Refused(400, "invalid_request", f"parameter {k[:64]!r} is too long")
    if sum(len(k) + len(v) for k, v in items) > MAX_TOTAL:
        raise Refused(400, "invalid_request", "the parameters are too long together")
    return [(k, v) for k, v in items]


def check_request(rt: Runtime, params: Sequence[tuple[str, str]]) -> Asked:
    """authlib's checks of an authorization request (client, exact redirect URI, response type, scope
    within the registration, PKCE S256) plus ours (lengths, ``state`` required). Every refusal is a
    4xx shown to the person; nothing is sent to a redirect URI before the person decided."""
    items = _capped(params)
    state = dict(items).get("state", "")
    if not _STATE.match(state):
        raise Refused(400, "invalid_request", "'state' is required (visible ASCII, at most 500 characters)")
    try:
        grant = Server(rt).get_consent_grant(Incoming("GET", items), end_user=None)
    except OAuth2Error as exc:
        raise Refused(400, str(exc.error), str(exc.description or "")) from None
    return Asked(grant.request.client.info, grant.redirect_uri, scopes_of(grant.request.scope), items)


def remember(session: MutableMapping[str, Any], asked: Asked) -> str:
    """Keep the checked request in the server-side session under a random id (the consent form carries
    only that id, so nothing of the request can be changed in the browser)."""
    now = int(time.time())
    held = {k: v for k, v in (session.get(PENDING) or {}).items()
            if isinstance(v, dict) and now - int(v.get("at", 0)) <= PENDING_MAX_AGE_SECONDS}
    req_id = secrets.token_urlsafe(24)
    kept = [list(i) for i in asked.items if i[0] in KEPT]  # unknown parameters are ignored (RFC 6749 3.1)
    held[req_id] = {"at": now, "items": kept}
    session[PENDING] = dict(sorted(held.items(), key=lambda kv: kv[1]["at"])[-MAX_PENDING:])
    return req_id


def pending(rt: Runtime, session: MutableMapping[str, Any], req_id: str) -> Asked:
    """The request kept under ``req_id`` in this session, checked again (the client may have been
    deactivated or its redirect URI removed since). Refused 400 for an unknown or expired id."""
    held = session.get(PENDING) or {}
    entry = held.get(req_id) if _REQ_ID.match(req_id or "") else None
    if not isinstance(entry, dict) or int(time.time()) - int(entry.get("at", 0)) > PENDING_MAX_AGE_SECONDS:
        raise Refused(400, "invalid_request", "no such authorization request in this session")
    return check_request(rt, [(str(k), str(v)) for k, v in entry.get("items", [])])


def _forget(session: MutableMapping[str, Any], req_id: str) -> None:
    held = dict(session.get(PENDING) or {})
    held.pop(req_id, None)
    session[PENDING] = held


def offered(rt: Runtime, subject: str, asked: Asked) -> dict[str, Any]:
    """The profile's value of each requested attribute (absent: the profile has none to give)."""
    from auroranet.profile.attributes import current

    with rt.db.session() as s:
        values = current(s, rt.settings, subject)
    return {k: values[k] for k in asked.scopes if k in values}


def decide(rt: Runtime, session: MutableMapping[str, Any], req_id: str, subject: str, ticked: Sequence[str]) -> str:
    """The person's answer: the code for the ticked attributes (with their consent record), or
    ``access_denied`` when nothing was ticked. Returns the client's redirect URI with ``state``.
    A ticked attribute the request did not ask for is refused (no escalation through the form)."""
    from auroranet.profile.sealing import seal

    asked = pending(rt, session, req_id)
    chosen = list(dict.fromkeys(ticked))
    if any(t not in asked.scopes for t in chosen):
        raise Refused(400, "invalid_scope", "an attribute that was not asked for")
    values = offered(rt, subject, asked)
    granted = {k: values[k] for k in chosen if k in values}
    server = Server(rt)
    request = Incoming("GET", asked.items)
    try:
        grant = server.get_consent_grant(request, end_user=None)
    except OAuth2Error as exc:  # the client changed in the moment since pending() checked it
        raise Refused(400, str(exc.error), str(exc.description or "")) from None
    decision = None
    if granted:
        st = rt.settings
        name = asked.client.names.get("en") or asked.client.names.get("fi") or asked.client.id
        decision = Decision(subject=subject, scope=" ".join(granted), payload=seal(st, subject, granted),
                            recipient_name=name, data_categories=categories(granted),
                            expires_at=utcnow() + timedelta(seconds=st.oauth_code_ttl_seconds + st.oauth_token_ttl_seconds))
    status, _, headers = server.create_authorization_response(request, grant_user=decision, grant=grant)
    _forget(session, req_id)
    location = dict(headers).get("Location")
    if status != 302 or not location:
        raise Refused(400, "invalid_request", "the request could not be completed")
    return str(location)


def token(rt: Runtime, items: Sequence[tuple[str, str]], authorization: str | None) -> tuple[int, Any, list[tuple[str, str]]]:
    """The token endpoint: authlib checks client authentication, the code (single use, this client's,
    unexpired), the redirect URI and the PKCE verifier."""
    try:
        capped = _capped(items)
    except Refused as exc:
        return 400, {"error": exc.error, "error_description": exc.description}, [("Cache-Control", "no-store")]
    if authorization is not None and len(authorization) > 1000:
        return 400, {"error": "invalid_request", "error_description": "Authorization header too long"}, []
    return Server(rt).create_token_response(Incoming("POST", capped, authorization))  # type: ignore[no-any-return]


def bearer(header: str | None) -> str | None:
    scheme, _, value = (header or "").partition(" ")
    value = value.strip()
    return value if scheme.lower() == "bearer" and 0 < len(value) <= 200 else None


def read(rt: Runtime, authorization: str | None) -> dict[str, Any] | None:
    """The granted attributes for a valid bearer token: unexpired, its consent record still active and
    unexpired, its client still active. The read is in the person's access log."""
    from auroranet.consent.models import ConsentRecord
    from auroranet.network.models import Client
    from auroranet.profile.attributes import log_service_read
    from auroranet.profile.sealing import unseal

    value = bearer(authorization)
    if value is None:
        return None
    now = utcnow()
    with rt.writes, rt.db.session() as s:
        tok = s.get(OAuthToken, digest(value))
        if tok is None or (as_utc(tok.expires_at) or now) <= now:
            return None
        rec = s.get(ConsentRecord, tok.consent_id)
        client = s.get(Client, tok.client_id)
        if rec is None or rec.status != ACTIVE or rec.subject != tok.subject or (as_utc(rec.expires_at) or now) <= now:
            return None
        if client is None or not client.active:
            return None
        data = unseal(rt.settings, tok.subject, tok.payload)
        granted = set(scopes_of(tok.scope))
        log_service_read(s, tok.subject)
        return {k: v for k, v in data.items() if k in granted}


def purge_expired(rt: Runtime) -> int:
    """Delete expired codes (a used one stays until then, so that its reuse still revokes its tokens)
    and expired tokens (the token_purge job)."""
    now = utcnow()
    with rt.writes, rt.db.session() as s:
        a = s.execute(delete(OAuthCode).where(OAuthCode.expires_at < now))
        b = s.execute(delete(OAuthToken).where(OAuthToken.expires_at < now))
        return int(getattr(a, "rowcount", 0) or 0) + int(getattr(b, "rowcount", 0) or 0)
