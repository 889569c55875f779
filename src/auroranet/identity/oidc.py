"""The OpenID Connect relying party: discovery, the authorization request, the code exchange and the ID
token check. Plain HTTP through httpx; JOSE through joserfc (authlib's JOSE successor).

    rp = relying_party(settings)                     # None when no provider is configured
    req = rp.authorization_request(redirect_uri, reauth=False)
    ...  # the browser comes back to /auth/callback with code and state
    claims = rp.complete(code=..., redirect_uri=..., verifier=req.verifier, nonce=req.nonce)

Discovery and the JWKS are fetched on first use and cached per issuer; an ID token signed with a key id
the cache does not know refetches the JWKS once (the provider rotated its keys).
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from auroranet.config import Settings
from auroranet.errors import AuroraError

DISCOVERY_TTL_SECONDS = 3600.0
CLOCK_LEEWAY_SECONDS = 60
ALGORITHMS = ["RS256", "PS256", "ES256", "EdDSA"]


class LoginError(AuroraError):
    """The login could not be completed (provider unreachable, refused, or an answer that did not verify)."""


@dataclass(frozen=True)
class AuthorizationRequest:
    url: str
    state: str
    nonce: str
    verifier: str


@dataclass
class _Cached:
    metadata: dict[str, Any]
    jwks: dict[str, Any]
    fetched: float


_cache: dict[str, _Cached] = {}
_lock = threading.Lock()


def _challenge(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


class RelyingParty:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.issuer = settings.oidc_issuer.rstrip("/")

    def _get(self, url: str) -> dict[str, Any]:
        try:
            r = httpx.get(url, timeout=self.settings.oidc_timeout_seconds)
            r.raise_for_status()
            data = r.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise LoginError(f"identity provider unavailable: {type(exc).__name__}") from exc
        if not isinstance(data, dict):
            raise LoginError("identity provider sent no JSON object")
        return data

    def _discover(self, *, refresh_keys: bool = False) -> _Cached:
        with _lock:
            cached = _cache.get(self.issuer)
        if cached is not None and not refresh_keys and time.monotonic() - cached.fetched < DISCOVERY_TTL_SECONDS:
            return cached
        meta = cached.metadata if cached is not None and refresh_keys else \
            self._get(f"{self.issuer}/.well-known/openid-configuration")
        if str(meta.get("issuer", "")).rstrip("/") != self.issuer:
            raise LoginError("identity provider's discovery names another issuer")
        for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
            if not isinstance(meta.get(key), str):
                raise LoginError(f"identity provider's discovery lacks {key}")
        fresh = _Cached(meta, self._get(meta["jwks_uri"]), time.monotonic())
        with _lock:
            _cache[self.issuer] = fresh
        return fresh

    @property
    def metadata(self) -> dict[str, Any]:
        return self._discover().metadata

    def authorization_request(self, redirect_uri: str, *, reauth: bool = False) -> AuthorizationRequest:
        meta = self.metadata
        state, nonce, verifier = secrets.token_urlsafe(32), secrets.token_urlsafe(32), secrets.token_urlsafe(48)
        params = {"response_type": "code", "client_id": self.settings.oidc_client_id, "redirect_uri": redirect_uri,
                  "scope": self.settings.oidc_scopes, "state": state, "nonce": nonce,
                  "code_challenge": _challenge(verifier), "code_challenge_method": "S256"}
        if self.settings.oidc_acr_values:
            params["acr_values"] = self.settings.oidc_acr_values
        if reauth:
            params["prompt"] = "login"
            params["max_age"] = "0"
        return AuthorizationRequest(f"{meta['authorization_endpoint']}?{urlencode(params)}", state, nonce, verifier)

    def _exchange(self, code: str, redirect_uri: str, verifier: str) -> dict[str, Any]:
        st = self.settings
        data = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
                "code_verifier": verifier}
        auth: tuple[str, str] | None = None
        if st.oidc_token_auth_method == "client_secret_post":
            data.update(client_id=st.oidc_client_id, client_secret=st.oidc_client_secret)
        else:
            auth = (st.oidc_client_id, st.oidc_client_secret)
        try:
            r = httpx.post(self.metadata["token_endpoint"], data=data, auth=auth,
                           timeout=st.oidc_timeout_seconds, headers={"Accept": "application/json"})
            body = r.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise LoginError(f"token endpoint unavailable: {type(exc).__name__}") from exc
        if r.status_code != 200 or not isinstance(body, dict) or not isinstance(body.get("id_token"), str):
            err = body.get("error") if isinstance(body, dict) else None
            raise LoginError(f"token endpoint refused the code ({err or r.status_code})")
        return body

    def verify_id_token(self, id_token: str, *, nonce: str, now: float | None = None) -> dict[str, Any]:
        """Signature (JWKS), iss, aud, azp, exp/iat, nonce. Raises ``LoginError``."""
        registry = jwt.JWTClaimsRegistry(
            now=int(now) if now is not None else None, leeway=CLOCK_LEEWAY_SECONDS,
            iss={"essential": True, "value": self.issuer}, aud={"essential": True, "value": self.settings.oidc_client_id},
            exp={"essential": True}, iat={"essential": True}, sub={"essential": True},
            nonce={"essential": True, "value": nonce})
        for attempt in (0, 1):
            keys = KeySet.import_key_set(self._discover(refresh_keys=attempt == 1).jwks)  # type: ignore[arg-type]
            try:
                token = jwt.decode(id_token, keys, algorithms=ALGORITHMS)
                registry.validate(token.claims)
            except (ValueError, KeyError) as exc:  # no key with this kid, or not a JWT at all
                if attempt == 0:
                    continue
                raise LoginError("ID token rejected: unknown key or malformed") from exc
            except JoseError as exc:
                raise LoginError(f"ID token rejected: {exc.error} {exc.description or ''}".strip()) from exc
            claims = dict(token.claims)
            aud = claims.get("aud")
            if isinstance(aud, list) and len(aud) > 1 and claims.get("azp") != self.settings.oidc_client_id:
                raise LoginError("ID token rejected: azp")
            return claims
        raise LoginError("ID token rejected")  # pragma: no cover - the loop returns or raises

    def complete(self, *, code: str, redirect_uri: str, verifier: str, nonce: str) -> dict[str, Any]:
        tokens = self._exchange(code, redirect_uri, verifier)
        return self.verify_id_token(tokens["id_token"], nonce=nonce)

    def end_session_url(self, post_logout_redirect_uri: str) -> str | None:
        try:
            endpoint = self.metadata.get("end_session_endpoint")
        except LoginError:
            return None
        if not isinstance(endpoint, str):
            return None
        q = urlencode({"client_id": self.settings.oidc_client_id, "post_logout_redirect_uri": post_logout_redirect_uri})
        return f"{endpoint}?{q}"


def relying_party(settings: Settings) -> RelyingParty | None:
    """The configured relying party, or None when login is not configured."""
    if not (settings.oidc_issuer and settings.oidc_client_id and settings.oidc_client_secret):
        return None
    return RelyingParty(settings)


def forget_discovery() -> None:
    """Drop cached discovery documents and keys (tests that restart a provider)."""
    with _lock:
        _cache.clear()
