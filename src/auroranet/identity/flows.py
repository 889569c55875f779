"""The login use cases, shared by every front door: start a login (state, nonce and PKCE verifier kept in
the server-side session), finish it (verify everything, build the pseudonymous principal, rotate the
session id) and the safe local ``next`` rule.

    url = begin_login(rt, session, next_path="/profile", reauth=False)   # redirect the browser there
    target = finish_login(rt, session, request.query_params)             # after /auth/callback

Slow work (discovery, token exchange) happens before the write lock is taken.
"""

from __future__ import annotations

import hmac
import re
import time
from typing import Any, Mapping, MutableMapping

from auroranet.identity import personcode, service
from auroranet.identity.oidc import LoginError, relying_party
from auroranet.identity.principal import Principal, principal_of, sign_in
from auroranet.identity.subjects import pseudonymous_subject
from auroranet.runtime import Runtime

PENDING = "oidc_pending"
AUTH_TIME = "auth_time"
PENDING_MAX_AGE_SECONDS = 600
MAX_NEXT = 500
_SAFE_PATH = re.compile(r"^/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$")


def safe_next(raw: str | None) -> str:
    """A local path only: no scheme, no host, no ``//`` or ``/\\`` (browsers read both as another host),
    no control characters; anything else becomes ``/``."""
    value = (raw or "").strip()
    if not value or len(value) > MAX_NEXT or "\\" in value or not _SAFE_PATH.match(value):
        return "/"
    return value


def redirect_uri(rt: Runtime) -> str:
    base = (rt.settings.oidc_redirect_base or rt.settings.public_base_url).rstrip("/")
    return f"{base}/auth/callback"


def begin_login(rt: Runtime, session: MutableMapping[str, Any], *, next_path: str | None, reauth: bool) -> str:
    rp = relying_party(rt.settings)
    if rp is None:
        raise LoginError("login is not configured")
    req = rp.authorization_request(redirect_uri(rt), reauth=reauth)
    session[PENDING] = {"state": req.state, "nonce": req.nonce, "verifier": req.verifier,
                        "next": safe_next(next_path), "at": int(time.time()), "reauth": reauth}
    return req.url


def _principal(rt: Runtime, issuer: str, claims: Mapping[str, Any]) -> Principal:
    st = rt.settings
    subject = pseudonymous_subject(st, issuer, str(claims["sub"]))
    with rt.db.session() as s:
        roles = service.roles_for(s, subject)
    if st.oidc_trust_provider_roles:
        roles = tuple(dict.fromkeys(roles + service.claimed_roles(claims.get(st.oidc_roles_claim))))
    name = claims.get(st.oidc_name_claim)
    return Principal(subject=subject, kind="staff" if roles else "person",
                     display_name=name[:120] if isinstance(name, str) else "", roles=roles,
                     acr=str(claims.get("acr", ""))[:200])


def finish_login(rt: Runtime, session: MutableMapping[str, Any], params: Mapping[str, str]) -> str:
    """Check state, exchange the code, verify the ID token, sign in. Returns the local path to go to.
    Raises ``LoginError`` (the caller shows a page; nothing is signed in)."""
    pending = session.pop(PENDING, None)
    if not isinstance(pending, dict):
        raise LoginError("no login in progress (or it was already used)")
    if not hmac.compare_digest(str(pending.get("state", "")), params.get("state", "")):
        raise LoginError("state does not match")
    if time.time() - int(pending.get("at", 0)) > PENDING_MAX_AGE_SECONDS:
        raise LoginError("the login took too long")
    if params.get("error"):
        raise LoginError(f"the identity provider refused: {params.get('error', '')[:60]}")
    rp = relying_party(rt.settings)
    code = params.get("code", "")
    if rp is None or not code or len(code) > 2000:
        raise LoginError("no authorization code")
    iss = params.get("iss")
    if iss is not None and iss.rstrip("/") != rp.issuer:
        raise LoginError("the answer names another issuer")  # RFC 9207 mix-up defence
    claims = rp.complete(code=code, redirect_uri=redirect_uri(rt), verifier=str(pending["verifier"]),
                         nonce=str(pending["nonce"]))
    auth_time = int(claims.get("auth_time") or time.time())
    if pending.get("reauth") and auth_time < int(pending["at"]) - 5:
        raise LoginError("the identity provider did not ask for a new login")
    principal = _principal(rt, rp.issuer, claims)
    sign_in(session, principal)
    personcode.keep(session, rt.settings, principal.subject, claims.get(rt.settings.oidc_person_id_claim))
    session[AUTH_TIME] = auth_time
    sid = getattr(session, "sid", None)
    if isinstance(sid, str):
        from auroranet.web.session import id_hash

        with rt.writes, rt.db.session() as s:
            service.record_sign_in(s, subject=principal.subject, session_hash=id_hash(sid))
    return str(pending.get("next") or "/")


def recently_authenticated(rt: Runtime, session: Mapping[str, Any]) -> bool:
    """Signed in with a login no older than ``oidc_reauth_max_age_seconds`` (export and erasure ask)."""
    if principal_of(session) is None:
        return False
    at = session.get(AUTH_TIME)
    return isinstance(at, int) and time.time() - at <= rt.settings.oidc_reauth_max_age_seconds


def end_session_url(rt: Runtime) -> str | None:
    rp = relying_party(rt.settings)
    return rp.end_session_url(rt.settings.public_base_url.rstrip("/") + "/") if rp else None
